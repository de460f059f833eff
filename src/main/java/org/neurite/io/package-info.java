/**
 * File formats shared by the rest of the library: {@link org.neurite.io.Json} for configs and
 * headers, and {@link org.neurite.io.SafeTensors} for named arrays. Both validate untrusted input
 * before allocating from it.
 */
package org.neurite.io;
