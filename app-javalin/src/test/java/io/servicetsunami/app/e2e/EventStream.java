package io.servicetsunami.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client: reads the stream on a thread of its own and parses it as the WHATWG
 * specification says ({@code event:}, {@code data:}, {@code id:} fields, a blank line dispatches,
 * lines starting with a colon are comments).
 */
final class EventStream implements AutoCloseable {

  record Event(String name, String data, String id) {
    JsonNode json() {
      try {
        return RunningApp.JSON.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Event CLOSED = new Event("", "", null);

  private final int status;
  private final String contentType;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Stream<String> lines;
  private final Thread reader;
  private volatile int comments;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.lines = response.body();
    this.reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static EventStream open(String url, String token, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  int comments() {
    return comments;
  }

  /** The events up to and including the first that {@code last} accepts. */
  List<Event> until(Predicate<Event> last, Duration timeout) throws InterruptedException {
    List<Event> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event == null || event == CLOSED) {
        throw new AssertionError(
            (event == null ? "no matching event within " + timeout : "the stream closed")
                + "; received: "
                + seen);
      }
      seen.add(event);
      if (last.test(event)) {
        return seen;
      }
    }
  }

  /** The next event, or empty if none comes within {@code timeout}. */
  Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True once the server has closed the stream (within {@code timeout}). */
  boolean closes(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return !reader.isAlive();
  }

  private void read() {
    String name = null;
    StringBuilder data = null;
    String id = null;
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(name == null ? "message" : name, data.toString(), id));
          }
          name = null;
          data = null;
          id = null;
        } else if (line.startsWith(":")) {
          comments++;
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "event" -> name = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "id" -> id = value;
            default -> {
              // retry and unknown fields: not used here
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      // closed by close()
    } finally {
      events.add(CLOSED);
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
