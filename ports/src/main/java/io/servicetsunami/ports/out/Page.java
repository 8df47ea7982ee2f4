package io.servicetsunami.ports.out;

/**
 * A window of a list: skip {@code offset} items, return at most {@code limit}.
 *
 * @param limit 1 to {@link #MAX_LIMIT}
 */
public record Page(int offset, int limit) {

  public static final int MAX_LIMIT = 500;

  public Page {
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  public static Page first(int limit) {
    return new Page(0, limit);
  }
}
