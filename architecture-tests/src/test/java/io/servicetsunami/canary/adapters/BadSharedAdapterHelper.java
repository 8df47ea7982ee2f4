package io.servicetsunami.canary.adapters;

/** Code shared between adapters, directly in the adapters package and in no adapter. */
public final class BadSharedAdapterHelper {}
