package io.servicetsunami.adapters.persistence.vault;

/** The leniency of Python's {@code base64.urlsafe_b64decode} that real inputs may rely on. */
final class UrlSafe {

  private UrlSafe() {}

  /**
   * Drops surrounding whitespace (a key from an environment file, a token with a trailing newline)
   * and maps the standard alphabet's {@code +}/{@code /} to {@code -}/{@code _}, which Python's
   * url-safe decoder also accepts. Padding must still be right, as in Python.
   */
  static String normalize(String text) {
    return text.strip().replace('+', '-').replace('/', '_');
  }
}
