package io.servicetsunami.adapters.openclaw;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.SkillGateway.SkillFailed;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import io.servicetsunami.ports.out.SkillGateway.SkillResult;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How each kind of skill runs over an authenticated socket.
 *
 * <ul>
 *   <li>{@code TOOL_DISPATCH}: {@code chat.send "/<skill> <input as JSON>"} into a session of its
 *       own; the gateway answers {@code started} and the outcome arrives as the {@code chat} event
 *       of the same {@code runId}. No LLM is involved.
 *   <li>{@code LLM}: {@code agent} with the same message; the gateway answers the same request id
 *       twice, {@code accepted} and then the final result.
 *   <li>{@code TOOL}: {@code tools.invoke} of the tool named like the skill with the input as its
 *       arguments; one response.
 * </ul>
 *
 * Every request carries the invocation's idempotency key (for {@code chat.send} and {@code agent}
 * it is also the {@code runId}), so a retried execution never runs the skill twice: the gateway
 * answers a finished key from its cache.
 *
 * <p>Credentials go through OpenClaw's own skill configuration, never through message text: before
 * the call, {@code skills.update {skillKey, env}} stores them in the skill's entry ({@code
 * skills.entries.<skill>.env}) as {@code <SKILL>_<KEY>} variables; the gateway injects them into
 * the environment of agent runs and tools read them from the skill's entry. They are installed once
 * per socket and changed set of values (an HMAC fingerprint under a per-process key tells).
 */
final class SkillCalls {

  /** Session keys are namespaced by the gateway ({@code agent:main:<key>}). */
  static final String SESSION_PREFIX = "servicetsunami-";

  private static final Set<String> REJECTED_TOOL_ERRORS =
      Set.of("not_found", "invalid_request", "forbidden", "unauthorized");

  private static final Duration CONFIG_RELOAD_WAIT = Duration.ofSeconds(3);

  private static final byte[] FINGERPRINT_KEY = new SecureRandom().generateSeed(32);

  private final OpenClawSettings settings;

  SkillCalls(OpenClawSettings settings) {
    this.settings = settings;
  }

  SkillResult run(Link link, SkillInvocation invocation, long overallDeadline) {
    installCredentials(link, invocation, overallDeadline);
    return switch (invocation.kind()) {
      case TOOL -> invokeTool(link, invocation, overallDeadline);
      case TOOL_DISPATCH -> dispatch(link, invocation, overallDeadline);
      case LLM -> runAgent(link, invocation, overallDeadline);
    };
  }

  // ---- credentials -----------------------------------------------------------------------------

  /** The environment variable a credential becomes: {@code <SKILL>_<KEY>}, upper case. */
  static String environmentName(String skill, String key) {
    return (skill + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  private void installCredentials(Link link, SkillInvocation invocation, long overallDeadline) {
    if (invocation.credentials().isEmpty()) {
      return;
    }
    Map<String, String> env = new TreeMap<>();
    invocation
        .credentials()
        .forEach(
            (key, secret) ->
                env.put(environmentName(invocation.skillName(), key), secret.reveal()));
    String fingerprint = fingerprint(invocation.skillName(), env);
    if (fingerprint.equals(link.installedCredentials().get(invocation.skillName()))) {
      return;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("skillKey", invocation.skillName());
    params.put("env", env);
    var applied = link.nextConfigChange();
    InboundFrame answer = call(link, "skills.update", params, overallDeadline);
    if (!Boolean.TRUE.equals(answer.ok())) {
      throw GatewayErrors.requestRejected("skills.update", errorOf(answer));
    }
    // The gateway writes the change, then reloads its configuration and announces it with
    // config.changed; a run started before that would not see the credentials yet.
    long bound = Math.min(overallDeadline, System.nanoTime() + CONFIG_RELOAD_WAIT.toNanos());
    try {
      Link.await(applied, bound, "the configuration reload");
    } catch (TransientException notAnnounced) {
      // An older gateway, or a reload without an event: carry on; the change is written.
    }
    link.installedCredentials().put(invocation.skillName(), fingerprint);
  }

  private static String fingerprint(String skill, Map<String, String> env) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
      mac.update(skill.getBytes(UTF_8));
      env.forEach(
          (name, value) -> {
            mac.update((byte) 0);
            mac.update(name.getBytes(UTF_8));
            mac.update((byte) 0);
            mac.update(value.getBytes(UTF_8));
          });
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  // ---- tools.invoke ----------------------------------------------------------------------------

  private SkillResult invokeTool(Link link, SkillInvocation invocation, long overallDeadline) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", invocation.skillName());
    params.put("args", invocation.input());
    params.put("idempotencyKey", invocation.idempotencyKey());
    InboundFrame answer = call(link, "tools.invoke", params, overallDeadline);
    if (!Boolean.TRUE.equals(answer.ok())) {
      throw GatewayErrors.requestRejected("tools.invoke", errorOf(answer));
    }
    JsonNode payload = answer.payload();
    if (payload == null || !payload.isObject()) {
      throw GatewayErrors.malformed("the tools.invoke response has no payload");
    }
    String tool = text(payload, "toolName", invocation.skillName());
    if (!payload.path("ok").asBoolean(false)) {
      JsonNode error = payload.path("error");
      String code = error.path("code").asText(error.path("type").asText(""));
      String message = error.path("message").asText("the tool failed");
      if (REJECTED_TOOL_ERRORS.contains(code.toLowerCase(Locale.ROOT))) {
        throw new PermanentException(
            ErrorCode.GATEWAY_REJECTED, "the gateway refused tool " + tool + ": " + message);
      }
      return new SkillFailed(message);
    }
    JsonNode output = payload.path("output");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tool", tool);
    result.put("source", text(payload, "source", null));
    result.put("text", WireJson.contentText(output.path("content")));
    result.put("content", WireJson.toPlain(output.path("content")));
    result.put("details", WireJson.toPlain(output.path("details")));
    return new Succeeded(result);
  }

  // ---- chat.send (direct tool dispatch) --------------------------------------------------------

  private SkillResult dispatch(Link link, SkillInvocation invocation, long overallDeadline) {
    String key = invocation.idempotencyKey();
    String sessionKey = SESSION_PREFIX + key;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("sessionKey", sessionKey);
    params.put("message", slashCommand(invocation));
    params.put("idempotencyKey", key);
    var finished = link.awaitRun(key);
    String runId = key;
    try {
      InboundFrame answer = call(link, "chat.send", params, overallDeadline);
      if (!Boolean.TRUE.equals(answer.ok())) {
        throw GatewayErrors.requestRejected("chat.send", errorOf(answer));
      }
      String status = answer.payloadText("status");
      runId = answer.payloadText("runId") == null ? key : answer.payloadText("runId");
      if (!runId.equals(key)) {
        finished = link.awaitRun(runId);
      }
      if ("started".equals(status) || "in_flight".equals(status) || "accepted".equals(status)) {
        InboundFrame event =
            Link.await(finished, overallDeadline, "the result of " + skill(invocation));
        return chatOutcome(event.payload(), runId);
      }
      // The key already finished (a retried execution): read the answer back from the session.
      return replayed(link, sessionKey, key, runId, status, overallDeadline);
    } finally {
      link.forgetRun(key);
      link.forgetRun(runId);
    }
  }

  private SkillResult chatOutcome(JsonNode payload, String runId) {
    String state = text(payload, "state", "");
    String text = WireJson.contentText(payload.path("message").path("content"));
    return switch (state) {
      case "final" -> finalText(text, runId);
      case "error" ->
          new SkillFailed(
              text(payload, "errorMessage", text.isBlank() ? "the skill failed" : text));
      default -> throwTransient(runId, payload);
    };
  }

  private static SkillResult throwTransient(String runId, JsonNode payload) {
    throw new TransientException(
        ErrorCode.GATEWAY_UNAVAILABLE,
        "the gateway aborted run " + runId + " (" + text(payload, "stopReason", "aborted") + ")");
  }

  /** Direct dispatch reports a failed or missing tool as a reply starting with ❌. */
  private static SkillResult finalText(String text, String runId) {
    String trimmed = text.strip();
    if (trimmed.startsWith("❌")) {
      return new SkillFailed(trimmed.substring("❌".length()).strip());
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("run_id", runId);
    output.put("text", text);
    WireJson.parseStructured(text).ifPresent(data -> output.put("data", data));
    return new Succeeded(output);
  }

  private SkillResult replayed(
      Link link, String sessionKey, String key, String runId, String status, long deadline) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("sessionKey", sessionKey);
    params.put("limit", 50);
    InboundFrame history = call(link, "chat.history", params, deadline);
    if (Boolean.TRUE.equals(history.ok()) && history.payload() != null) {
      JsonNode messages = history.payload().path("messages");
      for (int i = messages.size() - 1; i >= 0; i--) {
        JsonNode message = messages.get(i);
        if ("assistant".equals(message.path("role").asText())
            && key.equals(message.path("idempotencyKey").asText())) {
          return finalText(WireJson.contentText(message.path("content")), runId);
        }
      }
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("run_id", runId);
    output.put("status", status);
    output.put("text", "");
    return new Succeeded(output);
  }

  // ---- agent (LLM) -----------------------------------------------------------------------------

  private SkillResult runAgent(Link link, SkillInvocation invocation, long overallDeadline) {
    String key = invocation.idempotencyKey();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("message", slashCommand(invocation));
    params.put("idempotencyKey", key);
    params.put("sessionKey", SESSION_PREFIX + key);
    params.put("deliver", false);
    if (settings.agentModelOverride()) {
      putModel(params, invocation.llmModel());
    }
    long responseDeadline = responseDeadline(overallDeadline);
    Link.Pending call = link.request("agent", params, true);
    try {
      InboundFrame first = Link.await(call.first, responseDeadline, "the agent response");
      InboundFrame last =
          Link.await(call.last, overallDeadline, "the result of " + skill(invocation));
      if (last == first && "in_flight".equals(first.payloadText("status"))) {
        return waitForAgent(link, key, overallDeadline);
      }
      return agentOutcome(last, key);
    } finally {
      link.forget(call);
    }
  }

  /** {@code provider/model} as the {@code agent} params {@code provider} and {@code model}. */
  static void putModel(Map<String, Object> params, String model) {
    if (model.isBlank()) {
      return;
    }
    int slash = model.indexOf('/');
    if (slash > 0) {
      params.put("provider", model.substring(0, slash));
      params.put("model", model.substring(slash + 1));
    } else {
      params.put("model", model);
    }
  }

  private SkillResult agentOutcome(InboundFrame last, String runId) {
    JsonNode payload = last.payload();
    String status = payload == null ? "" : text(payload, "status", "");
    if (!Boolean.TRUE.equals(last.ok())) {
      ErrorFrame error = errorOf(last);
      if ("error".equals(status)
          && !"INVALID_REQUEST".equals(error.code())
          && !Boolean.TRUE.equals(error.retryable())
          && !"UNAVAILABLE".equals(error.code())) {
        return new SkillFailed(text(payload, "summary", String.valueOf(error.message())));
      }
      throw GatewayErrors.requestRejected("agent", error);
    }
    if ("timeout".equals(status)) {
      throw GatewayErrors.timeout("the gateway timed out agent run " + runId);
    }
    if ("error".equals(status)) {
      return new SkillFailed(text(payload, "summary", "the agent run failed"));
    }
    List<Object> payloads = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (JsonNode item : payload.path("result").path("payloads")) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("text", item.path("text").isNull() ? null : item.path("text").asText(null));
      part.put(
          "media_url", item.path("mediaUrl").isNull() ? null : item.path("mediaUrl").asText(null));
      payloads.add(part);
      if (item.hasNonNull("text")) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(item.get("text").asText());
      }
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("run_id", text(payload, "runId", runId));
    output.put("text", text.toString());
    output.put("payloads", payloads);
    output.put("summary", text(payload, "summary", null));
    return new Succeeded(output);
  }

  /** The key is running under an earlier request (a retry): wait for that run to end. */
  private SkillResult waitForAgent(Link link, String runId, long overallDeadline) {
    long left = Math.max(1, (overallDeadline - System.nanoTime()) / 1_000_000);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("runId", runId);
    params.put("timeoutMs", left);
    InboundFrame answer = call(link, "agent.wait", params, overallDeadline, overallDeadline);
    if (!Boolean.TRUE.equals(answer.ok())) {
      throw GatewayErrors.requestRejected("agent.wait", errorOf(answer));
    }
    JsonNode payload = answer.payload();
    String status = text(payload, "status", "");
    switch (status) {
      case "ok" -> {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("run_id", runId);
        output.put("text", payload.path("terminalReply").path("text").asText(""));
        return new Succeeded(output);
      }
      case "timeout" ->
          throw GatewayErrors.timeout("agent run " + runId + " did not finish in time");
      default -> {
        return new SkillFailed(text(payload, "error", "the agent run failed"));
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private InboundFrame call(Link link, String method, Object params, long overallDeadline) {
    return call(link, method, params, responseDeadline(overallDeadline), overallDeadline);
  }

  private static InboundFrame call(
      Link link, String method, Object params, long responseDeadline, long overallDeadline) {
    Link.Pending pending = link.request(method, params, false);
    try {
      return Link.await(pending.last, Math.min(responseDeadline, overallDeadline), method);
    } finally {
      link.forget(pending);
    }
  }

  private long responseDeadline(long overallDeadline) {
    return Math.min(overallDeadline, System.nanoTime() + settings.responseTimeout().toNanos());
  }

  /** {@code /<skill>} followed by the input as compact JSON, when there is any. */
  static String slashCommand(SkillInvocation invocation) {
    String command = "/" + invocation.skillName();
    return invocation.input().isEmpty()
        ? command
        : command + " " + WireJson.write(invocation.input());
  }

  private static ErrorFrame errorOf(InboundFrame frame) {
    return frame.error() == null
        ? new ErrorFrame("INVALID_REQUEST", "request refused", null, null, null)
        : frame.error();
  }

  private static String text(JsonNode node, String field, String fallback) {
    if (node == null || !node.hasNonNull(field)) {
      return fallback;
    }
    return node.get(field).asText();
  }

  private static String skill(SkillInvocation invocation) {
    return "skill " + invocation.skillName();
  }
}
