package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code DATABASE_URL} made usable by the PostgreSQL JDBC driver. Two forms are accepted:
 *
 * <ul>
 *   <li>{@code jdbc:postgresql://host[:port]/db[?params]}, passed to the driver unchanged (it reads
 *       {@code user} and {@code password} parameters itself);
 *   <li>{@code postgresql://[user[:password]@]host[:port]/db[?params]} as the original deployment
 *       (libpq, SQLAlchemy) wrote it, also as {@code postgres://} or {@code postgresql+driver://}:
 *       user and password are percent-decoded and handed over separately, the port defaults to
 *       5432, the query parameters (e.g. {@code sslmode=require}) are kept.
 * </ul>
 *
 * <p>Neither {@link #toString()} nor any error message ever contains the password.
 */
record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

  private static final Pattern URL =
      Pattern.compile(
          "(?i)(?:postgres|postgresql)(?:\\+[a-z0-9_]+)?://"
              + "(?:(?<userinfo>[^/?#]*)@)?"
              + "(?<host>\\[[0-9a-fA-F:.%]+]|[^:/?#\\[\\]]+)"
              + "(?::(?<port>[0-9]+))?"
              + "(?:/(?<database>[^?#]*))?"
              + "(?:\\?(?<query>[^#]*))?");

  DatabaseUrl {
    requireNonNull(jdbcUrl, "jdbcUrl is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
  }

  /**
   * Parses {@code url} in either accepted form.
   *
   * @throws IllegalArgumentException naming the accepted forms (and never the password) if it is
   *     neither
   */
  static DatabaseUrl parse(String url) {
    requireNonNull(url, "url is null");
    String text = url.strip();
    if (text.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(text, Optional.empty(), Optional.empty());
    }
    Matcher m = URL.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "DATABASE_URL must look like jdbc:postgresql://host:5432/db or"
              + " postgresql://user:password@host:5432/db, got "
              + redacted(text));
    }
    String database = m.group("database");
    if (database == null || database.isEmpty()) {
      throw new IllegalArgumentException(
          "DATABASE_URL names no database (…/dbname): " + redacted(text));
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userinfo = m.group("userinfo");
    if (userinfo != null && !userinfo.isEmpty()) {
      int colon = userinfo.indexOf(':');
      String rawUser = colon < 0 ? userinfo : userinfo.substring(0, colon);
      if (!rawUser.isEmpty()) {
        user = Optional.of(percentDecode(rawUser, "user name"));
      }
      if (colon >= 0) {
        password = Optional.of(percentDecode(userinfo.substring(colon + 1), "password"));
      }
    }
    String port = m.group("port") == null ? "5432" : m.group("port");
    String query = m.group("query");
    String jdbc =
        "jdbc:postgresql://"
            + m.group("host")
            + ":"
            + port
            + "/"
            + database
            + (query == null || query.isEmpty() ? "" : "?" + query);
    return new DatabaseUrl(jdbc, user, password);
  }

  /** {@code url} with the password, wherever it is, replaced by {@code ***}. */
  static String redacted(String url) {
    return url.replaceAll("(://[^:/@?#]*:)[^/?#]*@", "$1***@")
        .replaceAll("(?i)([?&]password=)[^&#]*", "$1***");
  }

  @Override
  public String toString() {
    return "DatabaseUrl["
        + redacted(jdbcUrl)
        + ", user="
        + user.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "***" : "(none)")
        + "]";
  }

  /** RFC 3986 percent-decoding; unlike form decoding, {@code +} stays a plus sign. */
  private static String percentDecode(String text, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException(
              "DATABASE_URL has a malformed %-escape in its " + what);
        }
        bytes.write(high * 16 + low);
        i += 3;
      } else {
        int end = text.indexOf('%', i);
        end = end < 0 ? text.length() : end;
        bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
