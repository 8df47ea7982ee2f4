package io.servicetsunami.adapters.openclaw.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A scripted OpenAI-compatible model on loopback ({@code POST /v1/chat/completions}, streamed as
 * server-sent events), for the gateway's agent runs.
 *
 * <p>Its script: when the conversation already holds a tool result, it answers the final text
 * {@value #FINAL_PREFIX} followed by that result; when the prompt contains {@value #CALL_TOOL} it
 * first calls the {@code exec} tool to print hashes of the {@code ST_*} environment; otherwise it
 * answers {@value #FINAL_PREFIX} {@code hello}. It never calls a tool twice, so the agent loop
 * always ends.
 */
public final class ScriptedLlm implements Closeable {

  public static final String FINAL_PREFIX = "FINAL ANSWER:";
  public static final String CALL_TOOL = "CALL_EXEC";

  /**
   * What the model runs with {@code exec}: the SHA-256 of every {@code ST_*} variable of the run's
   * environment, so a test can see which credentials reached the skill without the model seeing
   * them.
   */
  static final String HASH_ENVIRONMENT =
      "env | grep '^ST_' | sort | while IFS== read -r k v; do printf '%s=' \"$k\"; printf %s \"$v\""
          + " | sha256sum | cut -d' ' -f1; done";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile Duration delay = Duration.ZERO;

  public ScriptedLlm() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "scripted-llm");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests received so far (their JSON bodies). */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** Holds each answer back this long (to keep a run in flight). */
  public void delay(Duration newDelay) {
    this.delay = newDelay;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")
          || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
        byte[] body = "{\"data\":[{\"id\":\"mock-1\",\"object\":\"model\"}]}".getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(
            exchange.getRequestURI().getPath().endsWith("/models") ? 200 : 404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      requests.add(request);
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String toolResult = null;
      boolean callTool = false;
      for (JsonNode message : request.path("messages")) {
        String role = message.path("role").asText();
        if (role.equals("tool")) {
          toolResult = text(message.path("content"));
        } else if (role.equals("user") && text(message.path("content")).contains(CALL_TOOL)) {
          callTool = true;
        }
      }
      boolean stream = request.path("stream").asBoolean(false);
      ObjectNode delta = JSON.createObjectNode().put("role", "assistant");
      String finish;
      if (toolResult != null) {
        delta.put("content", FINAL_PREFIX + " " + toolResult);
        finish = "stop";
      } else if (callTool) {
        ObjectNode call =
            delta
                .putArray("tool_calls")
                .addObject()
                .put("index", 0)
                .put("id", "call_st_1")
                .put("type", "function");
        ObjectNode arguments = JSON.createObjectNode().put("command", HASH_ENVIRONMENT);
        call.putObject("function").put("name", "exec").put("arguments", arguments.toString());
        finish = "tool_calls";
      } else {
        delta.put("content", FINAL_PREFIX + " hello");
        finish = "stop";
      }
      if (stream) {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(sse(chunk(delta, null)));
        out.write(sse(chunk(JSON.createObjectNode(), finish)));
        out.write("data: [DONE]\n\n".getBytes(UTF_8));
        out.flush();
      } else {
        ObjectNode completion =
            JSON.createObjectNode()
                .put("id", "cmpl-mock")
                .put("object", "chat.completion")
                .put("model", "mock-1");
        ObjectNode choice =
            completion.putArray("choices").addObject().put("index", 0).put("finish_reason", finish);
        choice.set("message", delta);
        completion
            .putObject("usage")
            .put("prompt_tokens", 1)
            .put("completion_tokens", 1)
            .put("total_tokens", 2);
        byte[] body = completion.toString().getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  private static ObjectNode chunk(ObjectNode delta, String finish) {
    ObjectNode chunk =
        JSON.createObjectNode()
            .put("id", "chatcmpl-mock")
            .put("object", "chat.completion.chunk")
            .put("created", System.currentTimeMillis() / 1000)
            .put("model", "mock-1");
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  private static byte[] sse(JsonNode data) {
    return ("data: " + data + "\n\n").getBytes(UTF_8);
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      text.append(part.path("text").asText(""));
    }
    return text.toString();
  }
}
