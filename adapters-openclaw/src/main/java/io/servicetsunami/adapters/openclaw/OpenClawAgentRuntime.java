package io.servicetsunami.adapters.openclaw;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.AgentRuntime;
import io.servicetsunami.ports.out.GatewayEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link AgentRuntime} on the tenant's own OpenClaw agent: the task runs as one {@code agent} turn
 * on the gateway of {@link AgentRun#gateway()}, over the pooled connection of an {@link
 * OpenClawSkillGateway} (one socket per instance for skills and agent runs alike).
 *
 * <ul>
 *   <li>Session key {@code servicetsunami-<sessionKey>} (the gateway namespaces it as {@code
 *       agent:main:…}): the session comes from the task id, so a retried step continues it.
 *   <li>Idempotency key (and so the gateway's {@code runId}): the run's own. A retry while the run
 *       is still going waits for it ({@code agent.wait}); a retry after it ended gets the gateway's
 *       cached final result. Neither starts a second run.
 *   <li>The gateway answers the request twice: {@code accepted}, then the final result, whose
 *       payload texts are the run's final text.
 *   <li>Tool calls come from the run's {@code agent} events on the {@code tool} stream ({@code
 *       start} with name and arguments, {@code result} with the result and {@code isError}), in the
 *       order they started. A retry answered from a run an earlier attempt started sees none of
 *       them (that attempt's connection got them), so its tool calls are read back from the session
 *       transcript ({@code chat.history}) instead; a retry thus reports the same calls, though with
 *       only the {@code content} of their results (the transcript keeps no details).
 * </ul>
 *
 * <p>Failures leave as the port's runtime errors: anything transient on the gateway side
 * (unreachable, dropped socket, {@code UNAVAILABLE}, timeouts) as {@code runtime_unavailable}; a
 * rejected token, request or failed run as {@code runtime_failed}; a task whose tenant has no
 * reachable gateway as {@code no_agent_runtime}.
 */
public final class OpenClawAgentRuntime implements AgentRuntime {

  /** Leaves the 10-minute {@code execute_task} step room to record the result. */
  public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(8);

  /** How many of a session's latest messages are read to find a run's tool calls. */
  static final int HISTORY_LIMIT = 200;

  private static final System.Logger LOG = System.getLogger(OpenClawAgentRuntime.class.getName());

  private final OpenClawSkillGateway gateway;
  private final Duration runTimeout;

  public OpenClawAgentRuntime(OpenClawSkillGateway gateway) {
    this(gateway, DEFAULT_RUN_TIMEOUT);
  }

  /**
   * @param gateway whose connection pool the runs use
   * @param runTimeout how long one run may take in all, connecting included
   */
  public OpenClawAgentRuntime(OpenClawSkillGateway gateway, Duration runTimeout) {
    this.gateway = requireNonNull(gateway, "gateway is null");
    this.runTimeout = requireNonNull(runTimeout, "runTimeout is null");
    if (runTimeout.isZero() || runTimeout.isNegative()) {
      throw new IllegalArgumentException("runTimeout must be positive");
    }
  }

  @Override
  public AgentRunResult run(AgentRun run) {
    requireNonNull(run, "run is null");
    GatewayEndpoint endpoint =
        run.gateway()
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.NO_AGENT_RUNTIME,
                        "task "
                            + run.taskId()
                            + " cannot run on OpenClaw: tenant "
                            + run.tenantId()
                            + " has no running OpenClaw instance with a gateway address and token."
                            + " Deploy or start the tenant's instance, or configure an ADK runtime"
                            + " for agent "
                            + run.agentId()));
    long deadline = System.nanoTime() + runTimeout.toNanos();
    try {
      return gateway.onConnection(endpoint, deadline, link -> runAgent(link, run, deadline));
    } catch (TransientException failure) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE,
          failure.getMessage(),
          failure.retryAfter().orElse(null),
          failure);
    } catch (PortException failure) {
      throw new PermanentException(ErrorCode.RUNTIME_FAILED, failure.getMessage(), failure);
    }
  }

  private AgentRunResult runAgent(Link link, AgentRun run, long deadline) {
    String key = run.idempotencyKey();
    String sessionKey = SkillCalls.SESSION_PREFIX + run.sessionKey();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("message", run.prompt());
    params.put("idempotencyKey", key);
    params.put("sessionKey", sessionKey);
    params.put("deliver", false);
    if (gateway.settings().agentModelOverride()) {
      SkillCalls.putModel(params, run.llmModel());
    }
    ToolStream tools = new ToolStream();
    Consumer<InboundFrame> stream = tools::accept;
    link.watchAgent(key, stream);
    Link.Pending call = link.request("agent", params, true);
    try {
      long responseDeadline =
          Math.min(deadline, System.nanoTime() + gateway.settings().responseTimeout().toNanos());
      InboundFrame first = Link.await(call.first, responseDeadline, "the agent response");
      InboundFrame last = Link.await(call.last, deadline, "the agent run of task " + run.taskId());
      AgentRunResult result;
      if (last == first && "in_flight".equals(first.payloadText("status"))) {
        // The key is running under an earlier request (a retried step): wait for that run.
        result = waitForRun(link, key, sessionKey, tools, deadline);
      } else {
        result = outcome(last, key, sessionKey, tools);
      }
      if (tools.sawStart()) {
        return result;
      }
      // This request did not see the run from its start: the gateway answered a retried step from
      // the run an earlier attempt started, so the tool events went to that attempt. The session
      // transcript has them.
      String canonicalKey = text(first.payload(), "sessionKey", sessionKey);
      List<ToolCall> recorded = recordedToolCalls(link, key, canonicalKey, deadline);
      return recorded.isEmpty()
          ? result
          : new AgentRunResult(result.finalText(), result.output(), recorded);
    } finally {
      link.forget(call);
      link.forgetAgent(key, stream);
    }
  }

  private AgentRunResult outcome(
      InboundFrame last, String runId, String sessionKey, ToolStream tools) {
    JsonNode payload = last.payload();
    String status = text(payload, "status", "");
    if (!Boolean.TRUE.equals(last.ok())) {
      ErrorFrame error =
          last.error() == null
              ? new ErrorFrame("INVALID_REQUEST", "agent refused", null, null, null)
              : last.error();
      if ("error".equals(status)
          && !Boolean.TRUE.equals(error.retryable())
          && !"UNAVAILABLE".equals(error.code())
          && !"INVALID_REQUEST".equals(error.code())) {
        throw failed(runId, text(payload, "summary", String.valueOf(error.message())));
      }
      throw GatewayErrors.requestRejected("agent", error);
    }
    if ("timeout".equals(status)) {
      throw GatewayErrors.timeout("the gateway timed out agent run " + runId);
    }
    if ("error".equals(status)) {
      throw failed(runId, text(payload, "summary", "the agent run failed"));
    }
    List<Object> payloads = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (JsonNode item : payload.path("result").path("payloads")) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("text", item.hasNonNull("text") ? item.get("text").asText() : null);
      part.put("media_url", item.hasNonNull("mediaUrl") ? item.get("mediaUrl").asText() : null);
      payloads.add(part);
      if (item.hasNonNull("text")) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(item.get("text").asText());
      }
    }
    Map<String, Object> output = output(text(payload, "runId", runId), sessionKey);
    output.put("summary", text(payload, "summary", null));
    output.put("payloads", payloads);
    return new AgentRunResult(text.toString(), output, tools.calls());
  }

  private AgentRunResult waitForRun(
      Link link, String runId, String sessionKey, ToolStream tools, long deadline) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("runId", runId);
    params.put("timeoutMs", Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    Link.Pending wait = link.request("agent.wait", params, false);
    InboundFrame answer;
    try {
      answer = Link.await(wait.last, deadline, "agent run " + runId);
    } finally {
      link.forget(wait);
    }
    if (!Boolean.TRUE.equals(answer.ok())) {
      ErrorFrame error =
          answer.error() == null
              ? new ErrorFrame("INVALID_REQUEST", "agent.wait refused", null, null, null)
              : answer.error();
      throw GatewayErrors.requestRejected("agent.wait", error);
    }
    JsonNode payload = answer.payload();
    switch (text(payload, "status", "")) {
      case "ok" -> {
        return new AgentRunResult(
            payload.path("terminalReply").path("text").asText(""),
            output(runId, sessionKey),
            tools.calls());
      }
      case "timeout" ->
          throw GatewayErrors.timeout("agent run " + runId + " did not finish in time");
      default -> throw failed(runId, text(payload, "error", "the agent run failed"));
    }
  }

  /**
   * The tool calls of run {@code runId} as the session transcript ({@code chat.history}) recorded
   * them; empty when the gateway does not give the history (the run's answer stands without them).
   */
  private List<ToolCall> recordedToolCalls(
      Link link, String runId, String sessionKey, long deadline) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("sessionKey", sessionKey);
    params.put("limit", HISTORY_LIMIT);
    Link.Pending history = link.request("chat.history", params, false);
    InboundFrame answer;
    try {
      answer = Link.await(history.last, deadline, "the history of session " + sessionKey);
    } finally {
      link.forget(history);
    }
    if (!Boolean.TRUE.equals(answer.ok()) || answer.payload() == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          "no history of session {0} for the tool calls of run {1}: {2}",
          sessionKey,
          runId,
          answer.error() == null ? "empty answer" : answer.error().message());
      return List.of();
    }
    return ToolStream.fromTranscript(answer.payload().path("messages"), runId);
  }

  private static Map<String, Object> output(String runId, String sessionKey) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("runtime", "openclaw");
    output.put("run_id", runId);
    output.put("session_key", sessionKey);
    return output;
  }

  private static PermanentException failed(String runId, String why) {
    return new PermanentException(
        ErrorCode.RUNTIME_FAILED, "the OpenClaw agent run " + runId + " failed: " + why);
  }

  private static String text(JsonNode node, String field, String fallback) {
    if (node == null || !node.hasNonNull(field)) {
      return fallback;
    }
    return node.get(field).asText();
  }

  /** The tool calls of one run, from its {@code agent} events on the {@code tool} stream. */
  static final class ToolStream {

    private final Map<String, Call> byId = new LinkedHashMap<>();
    private final List<Call> order = new ArrayList<>();
    private boolean sawStart;

    private static final class Call {
      final String name;
      final Map<String, Object> arguments;
      Map<String, Object> result = Map.of();
      boolean error;

      Call(String name, Map<String, Object> arguments) {
        this.name = name;
        this.arguments = arguments;
      }
    }

    synchronized void accept(InboundFrame frame) {
      JsonNode payload = frame.payload();
      if (payload == null) {
        return;
      }
      String stream = payload.path("stream").asText();
      if ("lifecycle".equals(stream)
          && "start".equals(payload.path("data").path("phase").asText())) {
        sawStart = true;
        return;
      }
      if (!"tool".equals(stream)) {
        return;
      }
      JsonNode data = payload.path("data");
      String phase = data.path("phase").asText("");
      String id = data.path("toolCallId").asText("");
      String name = data.path("name").asText("unknown");
      if ("start".equals(phase)) {
        Call call = new Call(name, WireJson.toMap(data.path("args")));
        order.add(call);
        byId.put(id.isEmpty() ? "#" + order.size() : id, call);
      } else if ("result".equals(phase)) {
        Call call = byId.get(id);
        if (call == null) {
          call = new Call(name, Map.of());
          order.add(call);
        }
        JsonNode result = data.path("result");
        if (result.isObject()) {
          call.result = WireJson.toMap(result);
        } else if (!result.isMissingNode() && !result.isNull()) {
          Map<String, Object> wrapped = new LinkedHashMap<>();
          wrapped.put("value", WireJson.toPlain(result));
          call.result = wrapped;
        }
        call.error = data.path("isError").asBoolean(false);
      }
    }

    /**
     * Whether the run's lifecycle {@code start} came by: this stream saw the run from the start.
     */
    synchronized boolean sawStart() {
      return sawStart;
    }

    /**
     * The tool calls of run {@code runId} from a session transcript: the {@code toolCall} parts of
     * its assistant messages, completed by its {@code toolResult} messages (whose {@code content}
     * and {@code details} make the result, as the {@code tool} stream's result has them).
     */
    static List<ToolCall> fromTranscript(JsonNode messages, String runId) {
      ToolStream stream = new ToolStream();
      for (JsonNode message : messages) {
        if (!runId.equals(message.path("__openclaw").path("runId").asText())) {
          continue;
        }
        String role = message.path("role").asText();
        if ("assistant".equals(role)) {
          for (JsonNode part : message.path("content")) {
            if ("toolCall".equals(part.path("type").asText())) {
              Call call =
                  new Call(
                      part.path("name").asText("unknown"), WireJson.toMap(part.path("arguments")));
              stream.order.add(call);
              String id = part.path("id").asText("");
              stream.byId.put(id.isEmpty() ? "#" + stream.order.size() : id, call);
            }
          }
        } else if ("toolResult".equals(role)) {
          Call call = stream.byId.get(message.path("toolCallId").asText(""));
          if (call == null) {
            call = new Call(message.path("toolName").asText("unknown"), Map.of());
            stream.order.add(call);
          }
          Map<String, Object> result = new LinkedHashMap<>();
          if (!message.path("content").isMissingNode()) {
            result.put("content", WireJson.toPlain(message.path("content")));
          }
          if (message.hasNonNull("details")) {
            result.put("details", WireJson.toPlain(message.path("details")));
          }
          call.result = result;
          call.error = message.path("isError").asBoolean(false);
        }
      }
      return stream.calls();
    }

    synchronized List<ToolCall> calls() {
      List<ToolCall> calls = new ArrayList<>();
      for (Call call : order) {
        calls.add(new ToolCall(call.name, call.arguments, call.result, call.error));
      }
      return calls;
    }
  }
}
