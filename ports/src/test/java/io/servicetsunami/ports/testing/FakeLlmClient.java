package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.out.LlmClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A scripted {@link LlmClient}. Queued answers ({@link #respond}, {@link #respondStructured},
 * {@link #failNextWith}) are used first, in order; then the default answer: {@code "ok"}, with an
 * empty structured answer when the request has a response schema. Every request is recorded.
 */
public final class FakeLlmClient implements LlmClient {

  private final Deque<Function<Request, Response>> queued = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private Function<Request, Response> fallback =
      request ->
          response(request, "ok", request.responseSchema().map(schema -> Map.<String, Object>of()));

  /** The next request is answered with {@code text}. */
  public synchronized FakeLlmClient respond(String text) {
    requireNonNull(text, "text is null");
    queued.add(request -> response(request, text, Optional.empty()));
    return this;
  }

  /** The next request is answered with a structured answer (and its JSON-ish text). */
  public synchronized FakeLlmClient respondStructured(Map<String, Object> structured) {
    requireNonNull(structured, "structured is null");
    queued.add(request -> response(request, structured.toString(), Optional.of(structured)));
    return this;
  }

  /** The next request fails with {@code failure}. */
  public synchronized FakeLlmClient failNextWith(PortException failure) {
    requireNonNull(failure, "failure is null");
    queued.add(
        request -> {
          throw failure;
        });
    return this;
  }

  /** Requests beyond the queue are answered by {@code answer}. */
  public synchronized FakeLlmClient byDefault(Function<Request, Response> answer) {
    this.fallback = requireNonNull(answer, "answer is null");
    return this;
  }

  @Override
  public Response complete(Request request) {
    requireNonNull(request, "request is null");
    Function<Request, Response> answer;
    synchronized (this) {
      requests.add(request);
      answer = queued.isEmpty() ? fallback : queued.poll();
    }
    return answer.apply(request);
  }

  /** Every request received, in order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** A response to {@code request} with rough token counts (words). */
  public static Response response(
      Request request, String text, Optional<Map<String, Object>> structured) {
    long input =
        request.messages().stream().mapToLong(m -> words(m.content())).sum()
            + words(request.system());
    return new Response(text, structured, request.model(), input, words(text));
  }

  private static long words(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }
}
