package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

/**
 * A decrypted credential or token. Deliberately not a record: {@link #toString()} never shows the
 * value, so a secret that slips into a log line, an exception message or a trace prints as {@code
 * ******}. Only {@link #reveal()} gives the value, at the one place that must hand it on.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    requireNonNull(value, "secret value is null");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret value is empty");
    }
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "******";
  }
}
