package io.servicetsunami.app.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import java.io.IOException;
import java.util.stream.Collectors;

/** The API's JSON: snake_case names, ISO-8601 instants, unknown fields refused. */
public final class Json {

  private Json() {}

  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * The request body as {@code type}.
   *
   * @throws InvalidInputException naming the offending field, if the body is not such a document
   */
  static <T> T body(ObjectMapper mapper, Context ctx, Class<T> type) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "a JSON request body is required");
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw new InvalidInputException(ErrorCode.INVALID_INPUT, "the body must be a JSON object");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "unknown field: " + e.getPropertyName(), e);
    } catch (JsonMappingException e) {
      String field = field(e);
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT,
          field.isEmpty() ? "the body is not the expected JSON object" : "invalid field: " + field,
          e);
    } catch (IOException e) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "the body is not valid JSON", e);
    }
  }

  private static String field(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
