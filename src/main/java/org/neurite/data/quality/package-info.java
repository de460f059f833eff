/**
 * Data quality: {@link org.neurite.data.quality.DataReport} (missing values, constant columns,
 * class balance, duplicates, train/test leakage, value ranges, personal data) and the
 * {@link org.neurite.data.quality.Cleaning} steps that fix what it finds; personal data found by
 * {@link org.neurite.data.quality.PersonalData} and replaced by
 * {@link org.neurite.data.quality.Pseudonymize} with a {@link org.neurite.data.quality.TokenKey}.
 */
package org.neurite.data.quality;
