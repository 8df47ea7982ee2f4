package io.servicetsunami.canary.ports;

/** A well-behaved port that the other canaries depend on. */
public interface CanaryPort {
  String name();
}
