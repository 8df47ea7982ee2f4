package io.servicetsunami.canary.core;

/** A service named after the fact that it implements something. */
public final class BadServiceImpl {}
