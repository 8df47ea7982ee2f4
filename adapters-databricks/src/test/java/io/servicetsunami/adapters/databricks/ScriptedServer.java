package io.servicetsunami.adapters.databricks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A loopback HTTP server that answers requests with queued responses, in order — the committed
 * fixtures of {@code src/test/resources/databricks} — and records what it received.
 */
final class ScriptedServer implements AutoCloseable {

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  record Reply(int status, String body, Map<String, String> headers) {}

  record Received(
      String method, String path, Map<String, List<String>> headers, String body, long atNanos) {}

  private final HttpServer server;
  private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  ScriptedServer reply(int status, String fixture) {
    return reply(status, fixture, Map.of());
  }

  ScriptedServer reply(int status, String fixture, Map<String, String> headers) {
    replies.add(new Reply(status, fixture(fixture), headers));
    return this;
  }

  ScriptedServer replyRaw(int status, String body) {
    replies.add(new Reply(status, body, Map.of()));
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  static String fixture(String name) {
    try (InputStream in = ScriptedServer.class.getResourceAsStream("/databricks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body,
              System.nanoTime()));
      Reply reply = replies.poll();
      if (reply == null) {
        reply =
            new Reply(
                500, "{\"error_code\":\"UNSCRIPTED\",\"message\":\"no reply queued\"}", Map.of());
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
