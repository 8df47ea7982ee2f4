package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.GatewayEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.tyrus.client.ClientManager;

/**
 * The one authenticated connection to one instance's gateway, shared by every concurrent call.
 *
 * <p>Connecting is single-flight: callers that find no open socket join the attempt in progress.
 * After a failed attempt the next one waits a jittered, doubling backoff; a caller that would have
 * to wait longer than {@code maxReconnectWait} fails at once with the time to wait, so a dead
 * gateway costs nobody 90 seconds. A rejected token is remembered for {@code authFailureHold}:
 * calls with the same endpoint fail at once without connecting again. When an authenticated socket
 * drops (gateway gone, restart, two tick intervals of silence) its waiting calls fail at once and
 * the connection reconnects in the background while it is in use.
 */
final class GatewayConnection implements Link.Listener {

  private static final System.Logger LOG = System.getLogger(GatewayConnection.class.getName());

  static final int PROTOCOL = 4;
  static final String CLIENT_ID = "gateway-client";
  static final String CLIENT_MODE = "backend";
  static final String ROLE = "operator";
  static final String PLATFORM = "linux";
  static final String CLIENT_VERSION = "0.1.0";

  private final GatewayEndpoint endpoint;
  private final URI uri;
  private final DeviceIdentity identity;
  private final OpenClawSettings settings;
  private final ClientManager client;
  private final ScheduledExecutorService timer;
  private final ExecutorService connector;
  private final DeviceTokenListener deviceTokens;
  private final boolean reconnectInBackground;

  private final Object lock = new Object();
  private Link link;
  private CompletableFuture<Link> attempt;
  private long attemptStartsAt;
  private int failures;
  private long nextAttemptAt;
  private PortException heldFailure;
  private volatile ErrorFrame rejection;
  private long heldUntil;
  private boolean closed;
  private ScheduledFuture<?> watchdog;
  private volatile long lastUsedAt = System.nanoTime();

  private final AtomicLong connectAttempts = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong drops = new AtomicLong();
  private final AtomicLong malformedFrames = new AtomicLong();
  private final AtomicLong unknownResponses = new AtomicLong();

  GatewayConnection(
      GatewayEndpoint endpoint,
      DeviceIdentity identity,
      OpenClawSettings settings,
      ClientManager client,
      ScheduledExecutorService timer,
      ExecutorService connector,
      DeviceTokenListener deviceTokens,
      boolean reconnectInBackground) {
    this.endpoint = endpoint;
    this.uri = webSocketUri(endpoint.url());
    this.identity = identity;
    this.settings = settings;
    this.client = client;
    this.timer = timer;
    this.connector = connector;
    this.deviceTokens = deviceTokens;
    this.reconnectInBackground = reconnectInBackground;
  }

  GatewayEndpoint endpoint() {
    return endpoint;
  }

  /** The device this connection signs its handshakes with. */
  DeviceIdentity identity() {
    return identity;
  }

  /** How the gateway answered the latest refused {@code connect}, if it refused one. */
  Optional<ErrorFrame> rejection() {
    return Optional.ofNullable(rejection);
  }

  /**
   * The authenticated socket, connecting first when there is none.
   *
   * @throws TransientException {@code gateway_unavailable} when the gateway cannot be reached (with
   *     the time to wait when backing off), {@code gateway_timeout} when the deadline passes
   * @throws PermanentException {@code gateway_auth_failed} when the gateway rejects the token
   */
  Link acquire(long deadlineNanos) {
    long arrived = System.nanoTime();
    lastUsedAt = arrived;
    while (true) {
      CompletableFuture<Link> joined;
      long joinedStart;
      synchronized (lock) {
        if (closed) {
          throw new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "the connection is closed");
        }
        if (link != null && link.isReady()) {
          return link;
        }
        long now = System.nanoTime();
        if (heldFailure != null && now < heldUntil) {
          throw Link.copy(heldFailure);
        }
        if (attempt == null) {
          startAttempt(Math.max(0, nextAttemptAt - now));
        }
        long wait = attemptStartsAt - now;
        if (wait > settings.maxReconnectWait().toNanos() || now + wait >= deadlineNanos) {
          throw TransientException.retryAfter(
              ErrorCode.GATEWAY_UNAVAILABLE,
              "the gateway at " + endpoint.url() + " is unreachable; reconnecting with backoff",
              Duration.ofNanos(Math.max(0, wait)));
        }
        joined = attempt;
        joinedStart = attemptStartsAt;
      }
      try {
        return Link.await(joined, deadlineNanos, "connecting to " + endpoint.url());
      } catch (TransientException failure) {
        // An attempt begun before this call (say, while the gateway was still down) says nothing
        // about the gateway now: try once more with an attempt of our own.
        if (joinedStart >= arrived || failure.code() == ErrorCode.GATEWAY_TIMEOUT) {
          throw failure;
        }
        arrived = System.nanoTime();
      }
    }
  }

  /** Starts an attempt after {@code delayNanos}; callers join it. Holds {@link #lock}. */
  private void startAttempt(long delayNanos) {
    CompletableFuture<Link> next = new CompletableFuture<>();
    attempt = next;
    attemptStartsAt = System.nanoTime() + delayNanos;
    Runnable run = () -> connector.execute(() -> runAttempt(next));
    if (delayNanos <= 0) {
      run.run();
    } else {
      timer.schedule(run, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void runAttempt(CompletableFuture<Link> result) {
    Link opened;
    try {
      opened = open();
    } catch (PortException failure) {
      attemptFailed(result, failure);
      return;
    } catch (RuntimeException unexpected) {
      attemptFailed(result, GatewayErrors.unreachable(endpoint.url(), unexpected));
      return;
    }
    synchronized (lock) {
      attempt = null;
      if (closed) {
        opened.close();
        result.completeExceptionally(
            new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "the connection is closed"));
        return;
      }
      link = opened;
      failures = 0;
      nextAttemptAt = 0;
      heldFailure = null;
      long checkEvery = Math.max(20, Math.min(1000, opened.tickIntervalMs() / 4));
      watchdog =
          timer.scheduleWithFixedDelay(
              () -> checkTicks(opened), checkEvery, checkEvery, TimeUnit.MILLISECONDS);
    }
    result.complete(opened);
  }

  private void attemptFailed(CompletableFuture<Link> result, PortException failure) {
    boolean again;
    synchronized (lock) {
      attempt = null;
      failures++;
      long now = System.nanoTime();
      nextAttemptAt = now + backoff(failures).toNanos();
      boolean authRejected =
          failure instanceof PermanentException && failure.code() == ErrorCode.GATEWAY_AUTH_FAILED;
      if (authRejected) {
        heldFailure = failure;
        heldUntil = now + settings.authFailureHold().toNanos();
        ErrorFrame refused = rejection;
        if (refused != null && "PAIRING_REQUIRED".equals(refused.detailCode())) {
          // Expected once per instance: provisioning approves the request and connects again.
          LOG.log(
              System.Logger.Level.INFO,
              "gateway of instance {0} asks to pair device {1}: {2}",
              endpoint.instanceId(),
              identity.deviceId(),
              failure.getMessage());
        } else {
          LOG.log(
              System.Logger.Level.WARNING,
              "gateway of instance {0} rejected the control plane: {1}",
              endpoint.instanceId(),
              failure.getMessage());
        }
      }
      again =
          !closed
              && failure instanceof TransientException
              && reconnectInBackground
              && recentlyUsed();
      if (again) {
        startAttempt(nextAttemptAt - now);
      }
    }
    result.completeExceptionally(failure);
  }

  /** Jittered exponential backoff: half fixed, half random, doubling up to {@code maxBackoff}. */
  private Duration backoff(int failureCount) {
    long min = settings.minBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    long base = min;
    for (int i = 1; i < failureCount && base < max; i++) {
      base *= 2;
    }
    base = Math.min(base, max);
    long half = Math.max(1, base / 2);
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private boolean recentlyUsed() {
    return System.nanoTime() - lastUsedAt < settings.reconnectWhileIdle().toNanos();
  }

  /** Opens a socket and runs the handshake: challenge → connect → hello-ok. */
  private Link open() {
    connectAttempts.incrementAndGet();
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    Link opened = new Link(endpoint.url(), this, settings.connectTimeout());
    try {
      client.connectToServer(opened, endpointConfig(), uri);
    } catch (DeploymentException | IOException | RuntimeException e) {
      throw GatewayErrors.unreachable(endpoint.url(), rootCause(e));
    }
    try {
      ChallengeFrame challenge = Link.await(opened.challenge, deadline, "the connect challenge");
      Link.Pending connect = opened.request("connect", connectParams(challenge), false);
      InboundFrame answer = Link.await(connect.last, deadline, "the connect response");
      if (!Boolean.TRUE.equals(answer.ok())) {
        ErrorFrame error =
            answer.error() == null
                ? new ErrorFrame("INVALID_REQUEST", "connect refused", null, null, null)
                : answer.error();
        rejection = error;
        throw GatewayErrors.connectRejected(error);
      }
      HelloOkFrame hello =
          WireJson.convert(answer.payload(), HelloOkFrame.class)
              .filter(h -> "hello-ok".equals(h.type()))
              .orElseThrow(() -> GatewayErrors.malformed("the connect response is not hello-ok"));
      if (hello.protocol() != null && hello.protocol() != PROTOCOL) {
        throw new PermanentException(
            ErrorCode.GATEWAY_AUTH_FAILED,
            "protocol mismatch: the gateway speaks " + hello.protocol() + ", we speak " + PROTOCOL);
      }
      opened.markReady(hello);
      connects.incrementAndGet();
      noteDeviceToken(hello);
      LOG.log(
          System.Logger.Level.INFO,
          "connected to the gateway of instance {0} (device {1}, server {2}, scopes {3})",
          endpoint.instanceId(),
          identity.deviceId(),
          hello.server() == null ? "?" : hello.server().version(),
          opened.grantedScopes());
      return opened;
    } catch (PortException failure) {
      opened.abort(1000, "handshake failed");
      throw failure;
    }
  }

  /**
   * The upgrade request carries no {@code Origin}: Tyrus adds one by default, and the gateway then
   * treats the socket like a browser's and demands device pairing even on loopback.
   */
  static ClientEndpointConfig endpointConfig() {
    return ClientEndpointConfig.Builder.create()
        .configurator(
            new ClientEndpointConfig.Configurator() {
              @Override
              public void beforeRequest(Map<String, List<String>> headers) {
                headers.keySet().removeIf(name -> name.equalsIgnoreCase("Origin"));
              }
            })
        .build();
  }

  private ConnectParamsFrame connectParams(ChallengeFrame challenge) {
    List<String> scopes = settings.scopes();
    // The device signature covers the shared token when there is one (as the reference client
    // does); the device token rides along so that a paired device is recognised.
    String token = endpoint.token().reveal();
    long signedAt = challenge.ts() == null ? System.currentTimeMillis() : challenge.ts();
    String signature =
        identity.sign(
            DeviceIdentity.v3Payload(
                identity.deviceId(),
                CLIENT_ID,
                CLIENT_MODE,
                ROLE,
                scopes,
                signedAt,
                token,
                challenge.nonce(),
                PLATFORM,
                null));
    return new ConnectParamsFrame(
        PROTOCOL,
        PROTOCOL,
        new ConnectParamsFrame.ClientFrame(CLIENT_ID, CLIENT_VERSION, PLATFORM, CLIENT_MODE),
        ROLE,
        scopes,
        List.of("tool-events"),
        new ConnectParamsFrame.AuthFrame(
            token, endpoint.deviceToken().map(Secret::reveal).orElse(null)),
        "servicetsunami/" + CLIENT_VERSION,
        new ConnectParamsFrame.DeviceFrame(
            identity.deviceId(), identity.publicKey(), signature, signedAt, challenge.nonce()));
  }

  private void noteDeviceToken(HelloOkFrame hello) {
    if (hello.auth() == null || hello.auth().deviceToken() == null) {
      return;
    }
    Secret issued = Secret.of(hello.auth().deviceToken());
    if (!Optional.of(issued).equals(endpoint.deviceToken())) {
      try {
        deviceTokens.issued(endpoint.instanceId(), issued);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "device token listener failed", e);
      }
    }
  }

  private void checkTicks(Link watched) {
    if (watched.isReady() && watched.silentForMillis() > 2 * watched.tickIntervalMs()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "no frame from the gateway of instance {0} for two tick intervals; reconnecting",
          endpoint.instanceId());
      watched.abort(Link.CLOSE_TICK_TIMEOUT, "tick timeout");
    }
  }

  // ---- Link.Listener ---------------------------------------------------------------------------

  @Override
  public void closed(Link closedLink, boolean wasReady) {
    synchronized (lock) {
      if (closedLink != link) {
        return;
      }
      link = null;
      if (watchdog != null) {
        watchdog.cancel(false);
        watchdog = null;
      }
      drops.incrementAndGet();
      LOG.log(
          System.Logger.Level.WARNING,
          "connection to the gateway of instance {0} dropped: {1}",
          endpoint.instanceId(),
          closedLink.closeCause() == null ? "?" : closedLink.closeCause().getMessage());
      if (!closed && reconnectInBackground && recentlyUsed() && attempt == null) {
        // First retry soon (jittered), then the doubling backoff of failed attempts.
        long jitter = ThreadLocalRandom.current().nextLong(settings.minBackoff().toNanos() + 1);
        startAttempt(jitter);
      }
    }
  }

  @Override
  public void malformedFrame(Link from) {
    malformedFrames.incrementAndGet();
    LOG.log(
        System.Logger.Level.DEBUG,
        "ignored a malformed frame from the gateway of instance {0}",
        endpoint.instanceId());
  }

  @Override
  public void unknownResponse(Link from) {
    unknownResponses.incrementAndGet();
  }

  ConnectionStats stats() {
    Link current;
    synchronized (lock) {
      current = link;
    }
    return new ConnectionStats(
        current != null && current.isReady(),
        connectAttempts.get(),
        connects.get(),
        drops.get(),
        malformedFrames.get(),
        unknownResponses.get());
  }

  void close() {
    Link current;
    synchronized (lock) {
      closed = true;
      current = link;
      link = null;
      if (watchdog != null) {
        watchdog.cancel(false);
      }
    }
    if (current != null) {
      current.close();
    }
  }

  static URI webSocketUri(String url) {
    URI base = URI.create(url.trim());
    String scheme =
        switch (base.getScheme() == null ? "" : base.getScheme()) {
          case "https", "wss" -> "wss";
          case "http", "ws" -> "ws";
          default -> throw new IllegalArgumentException("not an http(s) or ws(s) URL: " + url);
        };
    return URI.create(scheme + "://" + base.getRawAuthority() + "/");
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
