package io.servicetsunami.adapters.llm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.LlmClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * An {@link LlmClient} over {@code java.net.http} that speaks both the Anthropic Messages API and
 * OpenAI(-compatible) chat completions, choosing by model:
 *
 * <ol>
 *   <li>a provider-qualified model, {@code <provider>/<model>} ({@code
 *       anthropic/claude-sonnet-4-5}, {@code openai/gpt-4o}, {@code local/llama3}), goes to the
 *       provider of that name with the rest as model name;
 *   <li>a plain model goes to the provider whose model prefixes it starts with ({@code claude…} →
 *       Anthropic, {@code gpt-…}, {@code o1…}, {@code o3…} → OpenAI);
 *   <li>otherwise to the default provider, if one is configured; otherwise it is refused ({@code
 *       llm_rejected}).
 * </ol>
 *
 * <p>Failures: 429, 408, 409 and 5xx (Anthropic's 529 "overloaded" included), time-outs and
 * connection errors are retried within {@link LlmSettings#budget()}, waiting what the provider asks
 * for ({@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date) or else an
 * exponential back-off with jitter; when attempts or budget run out the call fails {@code
 * llm_unavailable} (transient) with the provider's last retry-after. A wait that would end past the
 * budget is not slept but reported at once. 401/403 (bad key), 404 (unknown model) and other 4xx
 * fail {@code llm_rejected} (permanent) without retrying; so does an answer that is not valid JSON,
 * is cut off, is refused, or whose structured part does not follow the response schema. Messages
 * carry the provider's own error text, never the key.
 */
public final class HttpLlmClient implements LlmClient {

  /** Waits between attempts; swapped in tests so that retries take no time. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final int MAX_MESSAGE = 300;

  private final LlmSettings settings;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  public HttpLlmClient(LlmSettings settings) {
    this(
        settings,
        HttpClient.newBuilder()
            .connectTimeout(requireNonNull(settings, "settings is null").connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        duration -> Thread.sleep(duration.toMillis()),
        Clock.systemUTC(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  HttpLlmClient(
      LlmSettings settings, HttpClient http, Sleeper sleeper, Clock clock, DoubleSupplier random) {
    this.settings = requireNonNull(settings, "settings is null");
    this.http = requireNonNull(http, "http is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.random = requireNonNull(random, "random is null");
  }

  /** A provider and the model name it knows. */
  record Route(LlmProvider provider, String model) {}

  /** Where a model's requests go; see the class comment. */
  Route route(String model) {
    int slash = model.indexOf('/');
    if (slash > 0) {
      String name = model.substring(0, slash);
      Optional<LlmProvider> named = provider(name);
      if (named.isPresent()) {
        return new Route(named.get(), model.substring(slash + 1));
      }
    }
    String lower = model.toLowerCase(Locale.ROOT);
    for (LlmProvider provider : settings.providers()) {
      if (provider.modelPrefixes().stream().anyMatch(lower::startsWith)) {
        return new Route(provider, model);
      }
    }
    return settings
        .defaultProvider()
        .flatMap(this::provider)
        .map(provider -> new Route(provider, model))
        .orElseThrow(
            () ->
                new PermanentException(
                    ErrorCode.LLM_REJECTED,
                    "no LLM provider is configured for model '"
                        + cut(model)
                        + "' (configured: "
                        + settings.providers().stream().map(LlmProvider::name).toList()
                        + ")"));
  }

  private Optional<LlmProvider> provider(String name) {
    return settings.providers().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  @Override
  public Response complete(Request request) {
    requireNonNull(request, "request is null");
    Route route = route(request.model());
    request
        .responseSchema()
        .filter(schema -> !"object".equals(schema.get("type")))
        .ifPresent(
            schema -> {
              throw new PermanentException(
                  ErrorCode.LLM_REJECTED, "a response schema must describe a JSON object");
            });
    LlmProvider provider = route.provider();
    Wire wire = Wire.of(provider.format());
    byte[] body;
    try {
      body = Wire.JSON.writeValueAsBytes(wire.body(provider, route.model(), request));
    } catch (IOException e) {
      throw new PermanentException(ErrorCode.LLM_REJECTED, "the request cannot be written", e);
    }
    Instant deadline = clock.instant().plus(settings.budget());
    Duration backoff = settings.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      Failure failure;
      try {
        HttpResponse<String> response =
            send(wire, provider, body, min(settings.attemptTimeout(), remaining));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return wire.response(provider.name(), route.model(), parse(provider, response), request);
        }
        Optional<String> said = errorText(wire, response);
        if (!retryable(status)) {
          throw rejected(provider, route.model(), status, said);
        }
        failure =
            new Failure(
                "LLM provider "
                    + provider.name()
                    + " answered HTTP "
                    + status
                    + said.map(text -> ": " + text).orElse(""),
                retryAfter(response),
                null);
      } catch (HttpTimeoutException e) {
        failure =
            new Failure("LLM provider " + provider.name() + " timed out", Optional.empty(), e);
      } catch (IOException e) {
        failure =
            new Failure(
                "LLM provider " + provider.name() + " could not be reached: " + e.getMessage(),
                Optional.empty(),
                e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException(
            ErrorCode.LLM_UNAVAILABLE,
            "interrupted while calling LLM provider " + provider.name(),
            e);
      }
      Duration wait = failure.retryAfter().orElse(jittered(backoff));
      backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
      Duration left = Duration.between(clock.instant(), deadline);
      if (attempt >= settings.maxAttempts() || wait.compareTo(left) >= 0) {
        throw new TransientException(
            ErrorCode.LLM_UNAVAILABLE,
            failure.message() + " (gave up after " + attempt + " attempt(s))",
            failure.retryAfter().orElse(null),
            failure.cause());
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException(
            ErrorCode.LLM_UNAVAILABLE, "interrupted while waiting to retry " + provider.name(), e);
      }
    }
  }

  private record Failure(String message, Optional<Duration> retryAfter, Throwable cause) {}

  private HttpResponse<String> send(Wire wire, LlmProvider provider, byte[] body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(wire.endpoint(provider))
            .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    wire.headers(provider).forEach(builder::header);
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(LlmProvider provider, HttpResponse<String> response) {
    try {
      JsonNode node = Wire.JSON.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw Wire.malformed(provider.name(), "the response body is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw Wire.malformed(provider.name(), "the response body is not JSON");
    }
  }

  private static Optional<String> errorText(Wire wire, HttpResponse<String> response) {
    try {
      return wire.errorMessage(Wire.JSON.readTree(response.body())).map(HttpLlmClient::cut);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static PermanentException rejected(
      LlmProvider provider, String model, int status, Optional<String> said) {
    String why =
        switch (status) {
          case 401, 403 -> "rejected the API key";
          case 404 -> "does not know model '" + cut(model) + "' or the endpoint";
          case 413 -> "refused the request as too large";
          default -> "refused the request";
        };
    return new PermanentException(
        ErrorCode.LLM_REJECTED,
        "LLM provider "
            + provider.name()
            + " "
            + why
            + " (HTTP "
            + status
            + ")"
            + said.map(text -> ": " + text).orElse(""));
  }

  static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** {@code retry-after-ms}, else {@code retry-after} (seconds, or an HTTP date). */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> millis = response.headers().firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get()))));
      } catch (NumberFormatException e) {
        // fall through to retry-after
      }
    }
    Optional<String> value = response.headers().firstValue("retry-after").map(String::strip);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(value.get());
      return Optional.of(Duration.ofMillis(Math.max(0, (long) (seconds * 1000))));
    } catch (NumberFormatException e) {
      try {
        Instant at =
            ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  private Duration jittered(Duration backoff) {
    // Between half and all of the back-off, so that workers failing together do not retry together.
    return Duration.ofMillis((long) (backoff.toMillis() * (0.5 + 0.5 * random.getAsDouble())));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String cut(String text) {
    String single = text.replaceAll("\\s+", " ").strip();
    return single.length() <= MAX_MESSAGE ? single : single.substring(0, MAX_MESSAGE) + "…";
  }
}
