package io.servicetsunami.app.http;

import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import java.util.Optional;
import java.util.function.Function;

/** Reading path ids, query parameters and enum fields, with 400s that name the field. */
final class Requests {

  private Requests() {}

  /**
   * The path parameter {@code name} as an id. A malformed id names nothing of the tenant's, so it
   * is reported like a missing one.
   */
  static <T> T id(Context ctx, String name, Function<String, T> parse, ErrorCode notFound) {
    try {
      return parse.apply(ctx.pathParam(name));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(notFound, "not found");
    }
  }

  /** A wire enum value, or a 400 naming {@code field} and the accepted values. */
  static <E> E wireEnum(String value, String field, Function<String, E> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "invalid field: " + field + " (" + e.getMessage() + ")", e);
    }
  }

  /** An optional query parameter as a wire enum. */
  static <E> Optional<E> queryEnum(Context ctx, String name, Function<String, E> parse) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(wireEnum(value, name, parse));
  }

  /** An optional whole-number query parameter within {@code [min, max]}. */
  static int queryInt(Context ctx, String name, int defaultValue, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "invalid query parameter: " + name + " is not a whole number");
    }
    if (number < min || number > max) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT,
          "invalid query parameter: " + name + " must be between " + min + " and " + max);
    }
    return number;
  }

  /** The body as {@code type}, or an empty request when the body is empty. */
  static <T> Optional<T> optionalBody(
      com.fasterxml.jackson.databind.ObjectMapper mapper, Context ctx, Class<T> type) {
    if (ctx.bodyAsBytes().length == 0) {
      return Optional.empty();
    }
    return Optional.of(Json.body(mapper, ctx, type));
  }
}
