package io.servicetsunami.exemplar.ports.model;

import static java.util.Objects.requireNonNull;

public record InstanceId(String value) {
  public InstanceId {
    requireNonNull(value, "value is null");
  }
}
