package org.neurite.cyclefixture.a;

import org.neurite.cyclefixture.b.Pong;

/** Half of a planted package cycle, so that PackageCyclesTest shows its rule can fail. */
public final class Ping {
    Pong partner;
}
