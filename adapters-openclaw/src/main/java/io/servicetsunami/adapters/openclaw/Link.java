package io.servicetsunami.adapters.openclaw;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One WebSocket to a gateway. Requests are multiplexed by id: any number of callers may wait on
 * their own response at the same time. Run events ({@code chat}, {@code agent}) are routed by
 * {@code runId} to whoever waits for that run. When the socket closes, every waiting call fails at
 * once with the reason.
 */
final class Link extends Endpoint {

  /** Before {@code hello-ok} the gateway accepts frames of at most 64 KiB. */
  static final long PRE_AUTH_MAX_PAYLOAD = 64 * 1024;

  static final long DEFAULT_TICK_INTERVAL_MS = 30_000;

  /** Close code the reference client uses when ticks stop arriving. */
  static final int CLOSE_TICK_TIMEOUT = 4000;

  private static final Set<String> TERMINAL_CHAT_STATES = Set.of("final", "error", "aborted");

  private static final System.Logger LOG = System.getLogger(Link.class.getName());

  /** What the owner hears from its socket. */
  interface Listener {
    void closed(Link link, boolean wasReady);

    void malformedFrame(Link link);

    void unknownResponse(Link link);
  }

  /** One request waiting for its response (or, for {@code agent}, its two responses). */
  static final class Pending {
    final String method;
    final boolean twoResponses;
    final CompletableFuture<InboundFrame> first = new CompletableFuture<>();
    final CompletableFuture<InboundFrame> last = new CompletableFuture<>();

    Pending(String method, boolean twoResponses) {
      this.method = method;
      this.twoResponses = twoResponses;
    }

    /** Returns whether the request is finished. */
    boolean onResponse(InboundFrame frame) {
      if (twoResponses && !first.isDone() && isAccepted(frame)) {
        first.complete(frame);
        return false;
      }
      first.complete(frame);
      last.complete(frame);
      return true;
    }

    void fail(PortException failure) {
      first.completeExceptionally(failure);
      last.completeExceptionally(failure);
    }

    private static boolean isAccepted(InboundFrame frame) {
      return Boolean.TRUE.equals(frame.ok()) && "accepted".equals(frame.payloadText("status"));
    }
  }

  private final String url;
  private final Listener listener;
  private final long sendTimeoutMillis;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<InboundFrame>> runs = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<InboundFrame>>> agentStreams = new ConcurrentHashMap<>();
  private final Map<String, String> installedCredentials = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicReference<CompletableFuture<InboundFrame>> configChanged =
      new AtomicReference<>(new CompletableFuture<>());
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object sendLock = new Object();
  final CompletableFuture<ChallengeFrame> challenge = new CompletableFuture<>();

  private volatile Session session;
  private volatile boolean ready;
  private volatile PortException closeCause;
  private volatile long lastInboundNanos = System.nanoTime();
  private volatile long maxPayload = PRE_AUTH_MAX_PAYLOAD;
  private volatile long tickIntervalMs = DEFAULT_TICK_INTERVAL_MS;
  private volatile HelloOkFrame hello;
  private volatile boolean shutdownAnnounced;

  Link(String url, Listener listener, Duration sendTimeout) {
    this.url = url;
    this.listener = listener;
    this.sendTimeoutMillis = sendTimeout.toMillis();
  }

  // ---- WebSocket callbacks ---------------------------------------------------------------------

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    this.session = session;
    lastInboundNanos = System.nanoTime();
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    int code = reason.getCloseCode().getCode();
    fail(code, reason.getReasonPhrase());
  }

  @Override
  public void onError(Session session, Throwable error) {
    LOG.log(System.Logger.Level.DEBUG, "socket error on " + url, error);
    if (!closed.get()) {
      // Frame too big and similar protocol errors: Tyrus closes with 1009/1002 right after.
      fail(1006, error.getClass().getSimpleName());
      closeQuietly(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "client error");
    }
  }

  private void onText(String text) {
    lastInboundNanos = System.nanoTime();
    Optional<InboundFrame> parsed = WireJson.readFrame(text);
    if (parsed.isEmpty()) {
      listener.malformedFrame(this);
      return;
    }
    InboundFrame frame = parsed.get();
    if (frame.isEvent()) {
      onEvent(frame);
    } else if (frame.isResponse()) {
      onResponse(frame);
    } else {
      listener.malformedFrame(this);
    }
  }

  private void onEvent(InboundFrame frame) {
    switch (frame.event()) {
      case "connect.challenge" -> {
        Optional<ChallengeFrame> payload = WireJson.convert(frame.payload(), ChallengeFrame.class);
        if (payload.isPresent() && payload.get().nonce() != null) {
          challenge.complete(payload.get());
        } else {
          listener.malformedFrame(this);
        }
      }
      case "shutdown" -> shutdownAnnounced = true;
      case "config.changed" -> {
        CompletableFuture<InboundFrame> waiting =
            configChanged.getAndSet(new CompletableFuture<>());
        waiting.complete(frame);
      }
      case "tick" -> {
        // Only proves liveness; lastInboundNanos is already updated.
      }
      case "chat" -> {
        String runId = frame.payloadText("runId");
        String state = frame.payloadText("state");
        if (runId != null && TERMINAL_CHAT_STATES.contains(state)) {
          CompletableFuture<InboundFrame> run = runs.get(runId);
          if (run != null) {
            run.complete(frame);
          }
        }
      }
      case "agent" -> {
        String runId = frame.payloadText("runId");
        List<Consumer<InboundFrame>> streams = runId == null ? null : agentStreams.get(runId);
        if (streams != null) {
          streams.forEach(stream -> stream.accept(frame));
        }
      }
      default -> {
        // Other events (presence, health, sessions.changed) carry nothing we wait for.
      }
    }
  }

  private void onResponse(InboundFrame frame) {
    Pending waiting = pending.get(frame.id());
    if (waiting == null) {
      // A duplicate, a late answer to a call that timed out, or an id we never sent.
      listener.unknownResponse(this);
      return;
    }
    if (frame.ok() == null) {
      pending.remove(frame.id());
      waiting.fail(
          GatewayErrors.malformed("the gateway's response to " + waiting.method + " lacks 'ok'"));
      listener.malformedFrame(this);
      return;
    }
    if (waiting.onResponse(frame)) {
      pending.remove(frame.id());
    }
  }

  // ---- requests --------------------------------------------------------------------------------

  /**
   * Sends a request and returns what waits for its response.
   *
   * @throws PermanentException {@code gateway_rejected} when the frame exceeds the gateway's limit
   * @throws TransientException when the socket is closed or the send fails
   */
  Pending request(String method, Object params, boolean twoResponses) {
    String id = Long.toString(ids.incrementAndGet());
    String json = WireJson.write(RequestFrame.of(id, method, params));
    long bytes = json.getBytes(UTF_8).length;
    long limit = maxPayload;
    if (bytes > limit) {
      throw new PermanentException(
          ErrorCode.GATEWAY_REJECTED,
          method + " request of " + bytes + " bytes exceeds the gateway's limit of " + limit);
    }
    Pending call = new Pending(method, twoResponses);
    pending.put(id, call);
    PortException cause = closeCause;
    if (closed.get()) {
      pending.remove(id);
      throw copy(cause);
    }
    try {
      synchronized (sendLock) {
        session.getAsyncRemote().sendText(json).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.remove(id);
      throw new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "interrupted while sending");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      pending.remove(id);
      TransientException failure = GatewayErrors.unreachable(url, e);
      abort(1006, "send failed");
      throw failure;
    }
    return call;
  }

  /** What completes with the next {@code config.changed} event (the gateway applied a change). */
  CompletableFuture<InboundFrame> nextConfigChange() {
    return configChanged.get();
  }

  /** Forgets a request whose caller stopped waiting. */
  void forget(Pending call) {
    pending.values().remove(call);
  }

  /**
   * What completes with the {@code chat} event that ends run {@code runId} ({@code state} final,
   * error or aborted). Register before sending the request: the event may overtake the response.
   */
  CompletableFuture<InboundFrame> awaitRun(String runId) {
    CompletableFuture<InboundFrame> run =
        runs.computeIfAbsent(runId, id -> new CompletableFuture<>());
    if (closed.get()) {
      // Closed before (or while) registering: fail() may have missed this one.
      run.completeExceptionally(copy(closeCause));
    }
    return run;
  }

  void forgetRun(String runId) {
    runs.remove(runId);
  }

  /**
   * Hands every {@code agent} event of run {@code runId} (lifecycle, assistant, tool streams) to
   * {@code stream}, on the socket's thread. Register before sending the request: events may
   * overtake the response.
   */
  void watchAgent(String runId, Consumer<InboundFrame> stream) {
    agentStreams.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(stream);
  }

  void forgetAgent(String runId, Consumer<InboundFrame> stream) {
    agentStreams.computeIfPresent(
        runId,
        (id, streams) -> {
          streams.remove(stream);
          return streams.isEmpty() ? null : streams;
        });
  }

  /**
   * Waits for {@code future} until {@code deadlineNanos}.
   *
   * @throws TransientException {@code gateway_timeout} when the time is up
   */
  static <T> T await(CompletableFuture<T> future, long deadlineNanos, String what) {
    long left = deadlineNanos - System.nanoTime();
    try {
      if (left <= 0 && !future.isDone()) {
        throw new TimeoutException();
      }
      return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "interrupted while " + what);
    } catch (TimeoutException e) {
      throw GatewayErrors.timeout("no answer from the gateway in time for " + what);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PortException failure) {
        throw copy(failure);
      }
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE, "gateway call failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * A fresh exception of the same kind, so that each waiting thread gets its own stack trace; the
   * original is kept as the cause.
   */
  static PortException copy(PortException failure) {
    if (failure == null) {
      return new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "the gateway connection closed");
    }
    if (failure instanceof TransientException t) {
      return new TransientException(t.code(), t.getMessage(), t.retryAfter().orElse(null), failure);
    }
    if (failure instanceof PermanentException) {
      return new PermanentException(failure.code(), failure.getMessage(), failure);
    }
    return failure;
  }

  // ---- state -----------------------------------------------------------------------------------

  void markReady(HelloOkFrame hello) {
    this.hello = hello;
    if (hello.policy() != null) {
      if (hello.policy().maxPayload() != null && hello.policy().maxPayload() > 0) {
        maxPayload = hello.policy().maxPayload();
      }
      if (hello.policy().tickIntervalMs() != null && hello.policy().tickIntervalMs() > 0) {
        tickIntervalMs = hello.policy().tickIntervalMs();
      }
    }
    ready = true;
  }

  boolean isReady() {
    return ready && !closed.get();
  }

  boolean isClosed() {
    return closed.get();
  }

  HelloOkFrame hello() {
    return hello;
  }

  long maxPayload() {
    return maxPayload;
  }

  long tickIntervalMs() {
    return tickIntervalMs;
  }

  long silentForMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastInboundNanos);
  }

  /** The device token {@code hello-ok} carried, if the gateway issued one. */
  Optional<String> issuedDeviceToken() {
    HelloOkFrame current = hello;
    return current == null || current.auth() == null
        ? Optional.empty()
        : Optional.ofNullable(current.auth().deviceToken());
  }

  List<String> grantedScopes() {
    HelloOkFrame current = hello;
    return current == null || current.auth() == null || current.auth().scopes() == null
        ? List.of()
        : current.auth().scopes();
  }

  /** Fingerprint of the credentials installed for a skill over this socket. */
  Map<String, String> installedCredentials() {
    return installedCredentials;
  }

  /** Closes the socket on our side and fails every waiting call with the reason. */
  void abort(int code, String reason) {
    fail(code, reason);
    closeQuietly(CloseReason.CloseCodes.getCloseCode(code), reason);
  }

  void close() {
    fail(1000, "client closing");
    closeQuietly(CloseReason.CloseCodes.NORMAL_CLOSURE, "client closing");
  }

  private void fail(int code, String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean wasReady = ready;
    String because =
        shutdownAnnounced && (reason == null || reason.isBlank()) ? "gateway stopping" : reason;
    PortException cause =
        wasReady
            ? GatewayErrors.dropped(code, because)
            : GatewayErrors.closedDuringHandshake(code, because);
    closeCause = cause;
    challenge.completeExceptionally(cause);
    for (Pending call : pending.values()) {
      call.fail(cause);
    }
    pending.clear();
    for (CompletableFuture<InboundFrame> run : runs.values()) {
      run.completeExceptionally(cause);
    }
    listener.closed(this, wasReady);
  }

  /** Why the socket closed, once it has. */
  PortException closeCause() {
    return closeCause;
  }

  private void closeQuietly(CloseReason.CloseCode code, String reason) {
    Session current = session;
    if (current == null) {
      return;
    }
    try {
      if (current.isOpen()) {
        current.close(new CloseReason(code, reason));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing " + url + " failed", e);
    }
  }
}
