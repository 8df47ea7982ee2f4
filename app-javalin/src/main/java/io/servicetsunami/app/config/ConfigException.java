package io.servicetsunami.app.config;

/**
 * A setting is missing, malformed or too weak. Its message is one line that names the setting and
 * never shows a secret value; start-up prints it and stops.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
