package io.servicetsunami.canary.shared;

/** A class outside every module package, so no layer rule would look at it. */
public final class BadStrayHelper {}
