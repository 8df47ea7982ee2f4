package io.servicetsunami.app.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM on 127.0.0.1 speaking the Anthropic Messages wire format ({@code POST /v1/messages},
 * answering with a call of the forced {@code answer} tool), so that knowledge extraction runs
 * through the real HTTP LLM client. It "finds" each of {@code known} that the conversation it is
 * sent mentions, so what is stored shows the transcript went through.
 */
final class LoopbackAnthropic implements AutoCloseable {

  private final HttpServer server;
  private final List<String> known;
  private final AtomicInteger calls = new AtomicInteger();

  LoopbackAnthropic(List<String> known) {
    this.known = List.copyOf(known);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/messages", this::answer);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int calls() {
    return calls.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    calls.incrementAndGet();
    ObjectNode response = RunningApp.JSON.createObjectNode();
    response.put("id", "msg_loopback_" + calls.get());
    response.put("type", "message");
    response.put("role", "assistant");
    response.put("model", RunningApp.JSON.readTree(request).path("model").asText());
    ObjectNode call = response.putArray("content").addObject();
    call.put("type", "tool_use");
    call.put("id", "toolu_loopback_" + calls.get());
    call.put("name", "answer");
    ObjectNode input = call.putObject("input");
    ArrayNode entities = input.putArray("entities");
    for (String name : known) {
      if (request.contains(name)) {
        ObjectNode entity = entities.addObject();
        entity.put("name", name);
        entity.put("type", "concept");
        entity.put("description", "mentioned in the conversation");
        entity.put("confidence", 0.9);
      }
    }
    input.putArray("relations");
    response.put("stop_reason", "tool_use");
    response.putNull("stop_sequence");
    response.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
    byte[] body = RunningApp.JSON.writeValueAsBytes(response);
    exchange.getResponseHeaders().add("content-type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
