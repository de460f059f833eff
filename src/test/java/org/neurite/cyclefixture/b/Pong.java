package org.neurite.cyclefixture.b;

import org.neurite.cyclefixture.a.Ping;

/** The other half of the planted package cycle of {@link Ping}. */
public final class Pong {
    Ping partner;
}
