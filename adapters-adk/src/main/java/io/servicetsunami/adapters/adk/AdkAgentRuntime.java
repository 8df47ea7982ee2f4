package io.servicetsunami.adapters.adk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.AgentRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AgentRuntime} on an ADK API server's REST interface ({@code @google/adk-devtools} {@code
 * api_server}, or the Python one), over {@code java.net.http}.
 *
 * <p>A task runs in the session {@code /apps/{app}/users/{tenant}/sessions/{sessionKey}}: the
 * session key comes from the task id, so every attempt of the step finds the same session. Each run
 * is one {@code POST /run} whose {@code stateDelta} carries the run's idempotency key; ADK stores
 * it on the run's user event. Before running, the session's events are searched for that key:
 *
 * <ul>
 *   <li>a run with the key that reached a final response is not run again: its events are the
 *       result (an earlier attempt finished, but its caller did not hear it);
 *   <li>a run with the key still in progress (no final response, no error, events younger than
 *       {@code runTimeout}) is waited for, by polling the session, instead of started twice;
 *   <li>a run with the key that failed, or none, means a new run.
 * </ul>
 *
 * <p>Errors: no connection, a timeout, 429/502/503/504, and a failed turn with a quota or
 * availability error code are {@code runtime_unavailable} (transient); an HTTP 500 (ADK's "Failed
 * to run agent", e.g. an unknown app), any other 4xx and a failed turn with any other code (the
 * model or agent threw) are {@code runtime_failed} (permanent). ADK answers a failed turn with HTTP
 * 200 and an event carrying {@code errorCode}, so every event is checked.
 */
public final class AdkAgentRuntime implements AgentRuntime {

  /** The session state key (and user event {@code stateDelta} key) of a run's idempotency key. */
  static final String IDEMPOTENCY_KEY = "servicetsunami:idempotency_key";

  private static final System.Logger LOG = System.getLogger(AdkAgentRuntime.class.getName());

  private final AdkSettings settings;
  private final HttpClient http;

  public AdkAgentRuntime(AdkSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    this.http =
        HttpClient.newBuilder()
            // HTTP/1.1 only: no h2c upgrade headers for a plain Express server.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public AgentRunResult run(AgentRun run) {
    requireNonNull(run, "run is null");
    long deadline = System.nanoTime() + settings.runTimeout().toNanos();
    String user = run.tenantId().toString();
    String session = run.sessionKey();
    try {
      JsonNode existing = session(user, session, deadline);
      Optional<PriorRun> prior = priorRun(existing, run.idempotencyKey());
      if (prior.isPresent()) {
        Optional<AgentRunResult> done = continuePrior(user, session, run, prior.get(), deadline);
        if (done.isPresent()) {
          return done.get();
        }
      }
      return runOnce(user, session, run, deadline);
    } catch (PortException failure) {
      throw failure;
    } catch (RuntimeException unexpected) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE,
          "ADK call failed: " + unexpected.getClass().getSimpleName(),
          unexpected);
    }
  }

  // ---- sessions --------------------------------------------------------------------------------

  /** The session, created when it does not exist yet. */
  private JsonNode session(String user, String session, long deadline) {
    URI uri = sessionUri(user, session);
    Response found =
        withRetries("GET session", () -> sessionCall(get(uri), deadline, "the session"));
    if (found.status() == 200) {
      return found.json();
    }
    if (found.status() != 404) {
      throw httpFailure("reading session " + session, found);
    }
    Response created =
        withRetries(
            "POST session",
            () -> sessionCall(post(uri, "{\"state\":{}}"), deadline, "creating the session"));
    if (created.status() == 200) {
      return created.json();
    }
    if (created.status() == 400 && created.body().contains("already exists")) {
      // A concurrent attempt created it first.
      Response again = sessionCall(get(uri), deadline, "the session");
      if (again.status() == 200) {
        return again.json();
      }
      throw httpFailure("reading session " + session, again);
    }
    throw httpFailure("creating session " + session, created);
  }

  /** An earlier run with the same idempotency key: its invocation and events. */
  private record PriorRun(String invocationId, List<JsonNode> events) {

    boolean finished() {
      return events.stream().anyMatch(AdkEvents::isFinal);
    }

    boolean failed() {
      return AdkEvents.error(events).isPresent();
    }

    long lastTimestampMillis() {
      return events.stream().mapToLong(e -> timestampMillis(e.path("timestamp"))).max().orElse(0);
    }
  }

  private static Optional<PriorRun> priorRun(JsonNode session, String key) {
    List<JsonNode> events = AdkEvents.list(session.path("events"));
    String invocation = null;
    for (JsonNode event : events) {
      if ("user".equals(event.path("author").asText())
          && key.equals(event.path("actions").path("stateDelta").path(IDEMPOTENCY_KEY).asText())) {
        invocation = event.path("invocationId").asText(null);
      }
    }
    if (invocation == null) {
      return Optional.empty();
    }
    List<JsonNode> ofRun = new ArrayList<>();
    for (JsonNode event : events) {
      if (invocation.equals(event.path("invocationId").asText())) {
        ofRun.add(event);
      }
    }
    return Optional.of(new PriorRun(invocation, ofRun));
  }

  /**
   * The earlier run's result when it finished or finishes in time; empty when it failed or was
   * abandoned, so the run is started again.
   */
  private Optional<AgentRunResult> continuePrior(
      String user, String session, AgentRun run, PriorRun prior, long deadline) {
    PriorRun current = prior;
    while (true) {
      if (current.failed()) {
        LOG.log(
            System.Logger.Level.INFO,
            "ADK run {0} of task {1} failed before; running it again",
            current.invocationId(),
            run.taskId());
        return Optional.empty();
      }
      if (current.finished()) {
        return Optional.of(result(current.events(), session, current.invocationId()));
      }
      long idleMillis = System.currentTimeMillis() - current.lastTimestampMillis();
      if (idleMillis > settings.runTimeout().toMillis()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "ADK run {0} of task {1} has been silent for {2} ms; running it again",
            current.invocationId(),
            run.taskId(),
            idleMillis);
        return Optional.empty();
      }
      long pause = Math.min(settings.pollInterval().toNanos(), deadline - System.nanoTime());
      if (pause <= 0) {
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE,
            "ADK run "
                + current.invocationId()
                + " of task "
                + run.taskId()
                + " is still in progress after "
                + settings.runTimeout().toSeconds()
                + " s");
      }
      sleep(pause);
      JsonNode refreshed = session(user, session, deadline);
      current = priorRun(refreshed, run.idempotencyKey()).orElse(current);
    }
  }

  // ---- run -------------------------------------------------------------------------------------

  private AgentRunResult runOnce(String user, String session, AgentRun run, long deadline) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put(IDEMPOTENCY_KEY, run.idempotencyKey());
    state.put("servicetsunami:task_id", run.taskId().toString());
    state.put("servicetsunami:agent_id", run.agentId().toString());
    state.put("servicetsunami:llm_model", run.llmModel());
    state.put("servicetsunami:instructions", run.instructions());
    state.put("servicetsunami:context", run.context());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "user");
    message.put("parts", List.of(Map.of("text", run.prompt())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("appName", settings.appName());
    body.put("userId", user);
    body.put("sessionId", session);
    body.put("newMessage", message);
    body.put("stateDelta", state);

    Response response =
        send(post(endpoint("/run"), AdkEvents.write(body)), deadline, "the run of " + run.taskId());
    if (response.status() != 200) {
      throw runFailure(run, response);
    }
    JsonNode events = response.json();
    if (!events.isArray()) {
      throw new PermanentException(
          ErrorCode.RUNTIME_FAILED, "ADK /run answered something other than a list of events");
    }
    List<JsonNode> list = AdkEvents.list(events);
    Optional<AdkEvents.TurnError> error = AdkEvents.error(list);
    if (error.isPresent()) {
      throw turnFailure(run, error.get());
    }
    String invocation =
        list.isEmpty() ? "" : list.get(list.size() - 1).path("invocationId").asText("");
    return result(list, session, invocation);
  }

  private AgentRunResult result(List<JsonNode> events, String session, String invocation) {
    return AdkEvents.result(events, settings.appName(), session, invocation);
  }

  private static PortException turnFailure(AgentRun run, AdkEvents.TurnError error) {
    String message =
        "the ADK agent failed task " + run.taskId() + ": " + error.code() + " " + error.message();
    return error.isTransient()
        ? new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, message)
        : new PermanentException(ErrorCode.RUNTIME_FAILED, message);
  }

  private PortException runFailure(AgentRun run, Response response) {
    int status = response.status();
    String because = AdkEvents.errorText(response.body());
    if (status == 404) {
      // The session vanished between reading and running (an in-memory server restarted): the
      // next attempt creates it again.
      return new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE,
          "ADK lost the session of task " + run.taskId() + ": " + because);
    }
    if (status == 500 && response.isJson()) {
      return new PermanentException(
          ErrorCode.RUNTIME_FAILED,
          "ADK could not run task " + run.taskId() + " (HTTP 500): " + because);
    }
    return httpFailure("running task " + run.taskId(), response);
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private record Response(int status, String body, Optional<Duration> retryAfter, boolean isJson) {

    JsonNode json() {
      try {
        return AdkEvents.parse(body);
      } catch (JsonProcessingException e) {
        throw new PermanentException(
            ErrorCode.RUNTIME_FAILED, "ADK answered malformed JSON: " + e.getOriginalMessage());
      }
    }
  }

  private PortException httpFailure(String what, Response response) {
    int status = response.status();
    String message =
        "ADK failed " + what + " (HTTP " + status + "): " + AdkEvents.errorText(response.body());
    if (status == 429 || status >= 500) {
      return new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE, message, response.retryAfter().orElse(null), null);
    }
    return new PermanentException(ErrorCode.RUNTIME_FAILED, message);
  }

  private Response send(HttpRequest.Builder request, long deadline, String what) {
    return send(request, deadline, settings.runTimeout(), what);
  }

  private Response sessionCall(HttpRequest.Builder request, long deadline, String what) {
    return send(request, deadline, settings.requestTimeout(), what);
  }

  private Response send(HttpRequest.Builder request, long deadline, Duration cap, String what) {
    long left = Math.min(deadline - System.nanoTime(), cap.toNanos());
    if (left <= 0) {
      throw timeout(what, cap);
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofNanos(left)).build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").flatMap(AdkAgentRuntime::seconds),
          contentType.contains("json"));
    } catch (HttpTimeoutException e) {
      throw timeout(what, cap);
    } catch (IOException e) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE,
          "cannot reach the ADK server at " + settings.baseUrl() + ": " + describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE, "interrupted while waiting for " + what);
    }
  }

  private static TransientException timeout(String what, Duration cap) {
    return new TransientException(
        ErrorCode.RUNTIME_UNAVAILABLE,
        "no answer from the ADK server in time for "
            + what
            + " (at most "
            + cap.toMillis()
            + " ms)");
  }

  private interface Call {
    Response send();
  }

  /** Session calls are idempotent: try again on a transient failure, with a short backoff. */
  private Response withRetries(String what, Call call) {
    for (int attempt = 1; ; attempt++) {
      try {
        Response response = call.send();
        if (attempt < settings.sessionAttempts()
            && (response.status() == 502 || response.status() == 503 || response.status() == 504)) {
          sleep(backoff(attempt));
          continue;
        }
        return response;
      } catch (TransientException failure) {
        if (attempt >= settings.sessionAttempts()) {
          throw failure;
        }
        LOG.log(System.Logger.Level.DEBUG, what + " failed; trying again", failure);
        sleep(backoff(attempt));
      }
    }
  }

  private static long backoff(int attempt) {
    return Duration.ofMillis(200L << Math.min(attempt - 1, 4)).toNanos();
  }

  private HttpRequest.Builder get(URI uri) {
    return HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
  }

  private HttpRequest.Builder post(URI uri, String json) {
    return HttpRequest.newBuilder(uri)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8));
  }

  private URI sessionUri(String user, String session) {
    return endpoint(
        "/apps/"
            + segment(settings.appName())
            + "/users/"
            + segment(user)
            + "/sessions/"
            + segment(session));
  }

  private URI endpoint(String path) {
    String base = settings.baseUrl().toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, UTF_8).replace("+", "%20");
  }

  private static Optional<Duration> seconds(String value) {
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Epoch milliseconds (JS ADK) or seconds with a fraction (Python ADK). */
  static long timestampMillis(JsonNode value) {
    if (!value.isNumber()) {
      return 0;
    }
    double number = value.asDouble();
    return number < 1e11 ? (long) (number * 1000) : (long) number;
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "interrupted while waiting");
    }
  }
}
