package io.servicetsunami.adapters.databricks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.servicetsunami.adapters.databricks.StatementWire.ErrorBody;
import io.servicetsunami.adapters.databricks.StatementWire.ExecuteRequest;
import io.servicetsunami.adapters.databricks.StatementWire.Parameter;
import io.servicetsunami.adapters.databricks.StatementWire.ResultData;
import io.servicetsunami.adapters.databricks.StatementWire.ServiceError;
import io.servicetsunami.adapters.databricks.StatementWire.StatementResponse;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one SQL statement on a warehouse through the Statement Execution API and returns its whole
 * result:
 *
 * <ol>
 *   <li>{@code POST /api/2.0/sql/statements} with {@code warehouse_id}, {@code statement}, named
 *       {@code parameters}, {@code wait_timeout}, {@code on_wait_timeout: CONTINUE}, {@code
 *       disposition: INLINE} and {@code format: JSON_ARRAY};
 *   <li>while the answer is {@code PENDING} or {@code RUNNING}, {@code GET
 *       /api/2.0/sql/statements/{id}} with a pause that doubles from {@code pollInterval} up to 5
 *       s, until {@code statementTimeout} (then {@code POST …/cancel});
 *   <li>on {@code SUCCEEDED}, the first chunk from the answer and every further chunk by following
 *       {@code next_chunk_internal_link} ({@code GET …/result/chunks/{n}}).
 * </ol>
 *
 * A request answered 429 or 503 is sent again after its {@code Retry-After} (or an exponential
 * pause), at most {@code maxAttempts} times in all; polls and chunk fetches are also repeated after
 * other 5xx answers and network failures, which cannot happen for a {@code POST} that may already
 * have started the statement. Everything else becomes a port error here: statements that {@code
 * FAILED} with a transient error code, a Delta concurrency conflict, or that were {@code CANCELED}
 * are {@code lakehouse_unavailable}; other failures (SQL errors, 400, 401, 403, 404) are permanent.
 *
 * <p>Results are meant for metadata and counts; INLINE results are capped at 25 MiB by the service.
 * Thread-safe.
 */
final class StatementClient {

  static final String STATEMENTS = "/api/2.0/sql/statements";
  private static final Duration MAX_POLL = Duration.ofSeconds(5);
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of(
          "TEMPORARILY_UNAVAILABLE",
          "SERVICE_UNDER_MAINTENANCE",
          "WORKSPACE_TEMPORARILY_UNAVAILABLE",
          "IO_ERROR",
          "RESOURCE_EXHAUSTED",
          "DEADLINE_EXCEEDED",
          "ABORTED",
          "INTERNAL_ERROR");

  /** A statement's result: column names and rows of values in their JSON_ARRAY text form. */
  record Result(List<String> columns, List<List<String>> rows) {

    /** The first value of the first row as a number; 0 for SQL NULL. */
    long firstLong() {
      if (rows.isEmpty() || rows.get(0).isEmpty()) {
        throw new PermanentException(ErrorCode.INTERNAL, "the statement returned no value");
      }
      String value = rows.get(0).get(0);
      return value == null ? 0 : Long.parseLong(value);
    }
  }

  private final DatabricksSettings settings;
  private final HttpClient http;
  private final ObjectMapper json;
  private final String base;

  StatementClient(DatabricksSettings settings, HttpClient http) {
    this.settings = requireNonNull(settings, "settings is null");
    this.http = requireNonNull(http, "http is null");
    this.json = mapper();
    String host = settings.host().toString();
    this.base = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /**
   * Runs {@code sql} with {@code parameters} and waits for its result.
   *
   * @param what what the statement does, for error messages (never the SQL or its values)
   */
  Result execute(String sql, List<Parameter> parameters, String what) {
    Instant deadline = Instant.now().plus(settings.statementTimeout());
    ExecuteRequest request =
        new ExecuteRequest(
            settings.warehouseId(),
            sql,
            settings.waitTimeout().toSeconds() + "s",
            "CONTINUE",
            "INLINE",
            "JSON_ARRAY",
            parameters.isEmpty() ? null : List.copyOf(parameters));
    StatementResponse response =
        parse(send(post(STATEMENTS, write(request)), false, what), StatementResponse.class, what);
    Duration pause = settings.pollInterval();
    while (isRunning(response)) {
      String id = requireId(response, what);
      if (Instant.now().plus(pause).isAfter(deadline)) {
        cancel(id);
        throw new TransientException(
            ErrorCode.LAKEHOUSE_UNAVAILABLE,
            what + " did not finish within " + settings.statementTimeout() + " and was cancelled");
      }
      sleep(pause, what);
      pause = min(pause.multipliedBy(2), MAX_POLL);
      response = parse(send(get(STATEMENTS + "/" + id), true, what), StatementResponse.class, what);
    }
    return result(response, what);
  }

  private static boolean isRunning(StatementResponse response) {
    String state = response.status() == null ? null : response.status().state();
    return "PENDING".equals(state) || "RUNNING".equals(state);
  }

  private Result result(StatementResponse response, String what) {
    String state = response.status() == null ? "UNKNOWN" : response.status().state();
    switch (state) {
      case "SUCCEEDED":
        break;
      case "FAILED":
        throw failed(response.status().error(), what);
      case "CANCELED", "CLOSED":
        throw new TransientException(
            ErrorCode.LAKEHOUSE_UNAVAILABLE,
            what + " was " + state.toLowerCase(java.util.Locale.ROOT) + " by Databricks");
      default:
        throw new PermanentException(
            ErrorCode.INTERNAL, what + ": Databricks answered the unknown state " + state);
    }
    List<String> columns = new ArrayList<>();
    if (response.manifest() != null
        && response.manifest().schema() != null
        && response.manifest().schema().columns() != null) {
      response.manifest().schema().columns().forEach(column -> columns.add(column.name()));
    }
    List<List<String>> rows = new ArrayList<>();
    ResultData chunk = response.result();
    if (chunk == null
        && response.manifest() != null
        && response.manifest().totalChunkCount() != null
        && response.manifest().totalChunkCount() > 0) {
      chunk = fetchChunk(STATEMENTS + "/" + requireId(response, what) + "/result/chunks/0", what);
    }
    while (chunk != null) {
      if (chunk.dataArray() != null) {
        rows.addAll(chunk.dataArray());
      }
      String next = chunk.nextChunkInternalLink();
      chunk = next == null ? null : fetchChunk(next, what);
    }
    return new Result(List.copyOf(columns), rows);
  }

  private ResultData fetchChunk(String link, String what) {
    if (!link.startsWith(STATEMENTS + "/")) {
      throw new PermanentException(
          ErrorCode.INTERNAL, what + ": Databricks sent an unexpected chunk link " + link);
    }
    return parse(send(get(link), true, what), ResultData.class, what);
  }

  private PortException failed(ServiceError error, String what) {
    String code = error == null || error.errorCode() == null ? "UNKNOWN" : error.errorCode();
    String message = error == null || error.message() == null ? "" : shorten(error.message());
    if (TRANSIENT_ERRORS.contains(code) || message.contains("CONCURRENT")) {
      return new TransientException(
          ErrorCode.LAKEHOUSE_UNAVAILABLE, what + " failed for now (" + code + "): " + message);
    }
    return new PermanentException(ErrorCode.INTERNAL, what + " failed (" + code + "): " + message);
  }

  private void cancel(String id) {
    try {
      http.send(
          post(STATEMENTS + "/" + id + "/cancel", "{}"), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // The statement is abandoned either way; the warehouse stops it when it times out.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- HTTP
  // ----------------------------------------------------------------------------------------

  private HttpResponse<String> send(HttpRequest request, boolean idempotent, String what) {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!idempotent || attempt >= settings.maxAttempts()) {
          throw new TransientException(
              ErrorCode.LAKEHOUSE_UNAVAILABLE,
              "Databricks could not be reached while " + what + ": " + e.getMessage(),
              e);
        }
        sleep(backoff(attempt), what);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException(
            ErrorCode.LAKEHOUSE_UNAVAILABLE, "interrupted while " + what, e);
      }
      int status = response.statusCode();
      if (status == 200) {
        return response;
      }
      boolean throttled = status == 429 || status == 503;
      if (throttled || (idempotent && status >= 500)) {
        Optional<Duration> retryAfter = retryAfter(response);
        if (attempt >= settings.maxAttempts()) {
          String message =
              "Databricks is unavailable while "
                  + what
                  + " (HTTP "
                  + status
                  + describe(response)
                  + ") after "
                  + attempt
                  + " attempts";
          throw retryAfter
              .map(
                  wait ->
                      TransientException.retryAfter(ErrorCode.LAKEHOUSE_UNAVAILABLE, message, wait))
              .orElseGet(() -> new TransientException(ErrorCode.LAKEHOUSE_UNAVAILABLE, message));
        }
        sleep(min(retryAfter.orElse(backoff(attempt)), settings.maxRetryWait()), what);
        continue;
      }
      if (status >= 500) {
        throw new TransientException(
            ErrorCode.LAKEHOUSE_UNAVAILABLE,
            "Databricks failed while " + what + " (HTTP " + status + describe(response) + ")");
      }
      throw new PermanentException(
          ErrorCode.INTERNAL,
          "Databricks refused " + what + " (HTTP " + status + describe(response) + ")");
    }
  }

  private String describe(HttpResponse<String> response) {
    try {
      ErrorBody error = json.readValue(response.body(), ErrorBody.class);
      if (error != null && (error.errorCode() != null || error.message() != null)) {
        return ", " + error.errorCode() + ": " + shorten(String.valueOf(error.message()));
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // not a JSON error body: the status says enough
    }
    return "";
  }

  /** {@code Retry-After} as seconds or an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
              } catch (NumberFormatException e) {
                try {
                  Instant at =
                      ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                  Duration wait = Duration.between(Instant.now(), at);
                  return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException unparsable) {
                  return Optional.empty();
                }
              }
            });
  }

  private Duration backoff(int attempt) {
    return min(Duration.ofMillis(500L << Math.min(attempt - 1, 10)), settings.maxRetryWait());
  }

  private HttpRequest post(String path, String body) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(settings.requestTimeout())
        .header("Authorization", "Bearer " + settings.token().reveal())
        .header("Accept", "application/json")
        .header("User-Agent", "servicetsunami-lakehouse");
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T parse(HttpResponse<String> response, Class<T> type, String what) {
    try {
      T value = json.readValue(response.body(), type);
      if (value == null) {
        throw new PermanentException(ErrorCode.INTERNAL, what + ": Databricks sent no body");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new PermanentException(
          ErrorCode.INTERNAL, what + ": Databricks sent a body that is not the API's JSON", e);
    }
  }

  private static String requireId(StatementResponse response, String what) {
    if (response.statementId() == null || response.statementId().isBlank()) {
      throw new PermanentException(
          ErrorCode.INTERNAL, what + ": Databricks sent a statement without an id");
    }
    return response.statementId();
  }

  private static void sleep(Duration pause, String what) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.LAKEHOUSE_UNAVAILABLE, "interrupted while " + what, e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String shorten(String message) {
    return message.length() <= 500 ? message : message.substring(0, 500) + "…";
  }
}
