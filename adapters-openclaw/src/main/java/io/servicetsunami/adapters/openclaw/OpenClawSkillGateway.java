package io.servicetsunami.adapters.openclaw;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * {@link SkillGateway} over the OpenClaw gateway's WebSocket protocol v4, on the Tyrus standalone
 * client.
 *
 * <p>One authenticated connection per instance is kept and shared by all concurrent calls,
 * multiplexed by request id ({@link GatewayConnection}). The handshake answers the gateway's {@code
 * connect.challenge} with a {@code connect} request (protocol 4, client {@code
 * gateway-client}/{@code backend}, role {@code operator}, the endpoint's token, and the instance's
 * Ed25519 device identity signed with the v3 scheme); {@code hello-ok} in the response opens the
 * connection, and its policy sets the payload limit and the tick interval.
 *
 * <p>Each execution has {@code responseTimeout} (60 s) for every response and {@code
 * overallTimeout} (90 s) in all. Every Tyrus, I/O and protocol failure leaves this class as a
 * {@link PortException}.
 */
public final class OpenClawSkillGateway implements SkillGateway, AutoCloseable {

  private static final String PAIRING_REQUIRED = "PAIRING_REQUIRED";

  private final OpenClawSettings settings;
  private final DeviceTokenListener deviceTokens;
  private final DeviceIdentityStore identities;
  private final SkillCalls calls;
  private final ClientManager client;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final ExecutorService connector;
  private final Map<InstanceId, GatewayConnection> pool = new ConcurrentHashMap<>();
  private final boolean pooled;

  public OpenClawSkillGateway(OpenClawSettings settings) {
    this(settings, DeviceTokenListener.IGNORE);
  }

  public OpenClawSkillGateway(OpenClawSettings settings, DeviceTokenListener deviceTokens) {
    this(settings, deviceTokens, true);
  }

  private OpenClawSkillGateway(
      OpenClawSettings settings, DeviceTokenListener deviceTokens, boolean pooled) {
    this.settings = requireNonNull(settings, "settings is null");
    this.deviceTokens = requireNonNull(deviceTokens, "deviceTokens is null");
    this.pooled = pooled;
    this.identities = new DeviceIdentityStore(settings.deviceKeyDirectory());
    this.calls = new SkillCalls(settings);
    this.client = ClientManager.createClient();
    client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
    client
        .getProperties()
        .put(ClientProperties.HANDSHAKE_TIMEOUT, (int) settings.connectTimeout().toMillis());
    client
        .getProperties()
        .put(ClientProperties.INCOMING_BUFFER_SIZE, settings.maxIncomingFrameBytes());
    this.http =
        HttpClient.newBuilder()
            // HTTP/1.1 only: the JDK's default h2c upgrade headers make the gateway's HTTP server
            // treat the probe as a WebSocket upgrade attempt and drop it.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.probeTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("openclaw-timer"));
    this.connector = Executors.newCachedThreadPool(daemon("openclaw-connect"));
  }

  /**
   * A gateway client that opens a new connection for every call and closes it afterwards, as the
   * original system did. Only for comparison (the benchmark); production uses the pooled one.
   */
  public static OpenClawSkillGateway connectingPerCall(OpenClawSettings settings) {
    return new OpenClawSkillGateway(settings, DeviceTokenListener.IGNORE, false);
  }

  @Override
  public SkillResult execute(GatewayEndpoint endpoint, SkillInvocation invocation) {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(invocation, "invocation is null");
    long overallDeadline = System.nanoTime() + settings.overallTimeout().toNanos();
    return onConnection(
        endpoint, overallDeadline, link -> calls.run(link, invocation, overallDeadline));
  }

  /**
   * Runs {@code work} over the instance's authenticated socket (the pooled one), connecting first
   * when needed; every Tyrus and JDK failure leaves as a {@link PortException}. Shared with {@link
   * OpenClawAgentRuntime}, so agent runs and skill calls use one connection per instance.
   */
  <T> T onConnection(GatewayEndpoint endpoint, long overallDeadline, Function<Link, T> work) {
    GatewayConnection connection =
        pooled ? pooledConnection(endpoint) : newConnection(endpoint, false);
    try {
      Link link = connection.acquire(overallDeadline);
      return work.apply(link);
    } catch (PortException failure) {
      throw failure;
    } catch (RuntimeException unexpected) {
      // Tyrus and JDK failures must not cross the port.
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE,
          "gateway call failed: " + unexpected.getClass().getSimpleName(),
          unexpected);
    } finally {
      if (!pooled) {
        connection.close();
      }
    }
  }

  /**
   * {@code GET /readyz} (HTTP 200 means ready) and a WebSocket open that must receive {@code
   * connect.challenge}; each bounded by {@code probeTimeout}. Never throws for a gateway that
   * cannot be reached.
   */
  @Override
  public GatewayHealth probe(GatewayEndpoint endpoint) {
    requireNonNull(endpoint, "endpoint is null");
    CompletableFuture<Boolean> httpOk =
        CompletableFuture.supplyAsync(() -> readyz(endpoint.url()), connector);
    boolean wsOk = challengeReceived(endpoint.url());
    boolean ready;
    try {
      ready = httpOk.get(settings.probeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ready = false;
    } catch (ExecutionException | TimeoutException e) {
      ready = false;
    }
    return new GatewayHealth(ready, wsOk);
  }

  /**
   * One handshake with the instance's device on a connection of its own, closed afterwards, so the
   * pooled connection (and its memory of refused tokens) stays out of pairing. The gateway answers
   * an unknown device with {@code NOT_PAIRED}/{@code PAIRING_REQUIRED} and the id of the pairing
   * request it created (or kept) for it; that answer is an outcome here, not a failure.
   */
  @Override
  public DeviceHandshake connectDevice(GatewayEndpoint endpoint) {
    requireNonNull(endpoint, "endpoint is null");
    GatewayConnection connection = newConnection(endpoint, false);
    DeviceIdentity identity = connection.identity();
    Device device = new Device(identity.deviceId(), identity.publicKey());
    try {
      Link link = connection.acquire(System.nanoTime() + 2 * settings.connectTimeout().toNanos());
      return new DeviceAccepted(
          device, link.grantedScopes(), link.issuedDeviceToken().map(Secret::of));
    } catch (PortException failure) {
      Optional<String> requestId =
          connection
              .rejection()
              .filter(error -> PAIRING_REQUIRED.equals(error.detailCode()))
              .map(ErrorFrame::details)
              .filter(details -> details.hasNonNull("requestId"))
              .map(details -> details.get("requestId").asText());
      if (requestId.isPresent()) {
        return new PairingRequired(device, requestId.get());
      }
      throw failure;
    } catch (RuntimeException unexpected) {
      // Tyrus and JDK failures must not cross the port.
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE,
          "device connect failed: " + unexpected.getClass().getSimpleName(),
          unexpected);
    } finally {
      connection.close();
    }
  }

  OpenClawSettings settings() {
    return settings;
  }

  /** Counters of the instance's pooled connection. */
  public ConnectionStats stats(InstanceId instance) {
    GatewayConnection connection = pool.get(instance);
    return connection == null ? ConnectionStats.NONE : connection.stats();
  }

  /** Closes the instance's pooled connection, e.g. when the instance is destroyed. */
  public void disconnect(InstanceId instance) {
    GatewayConnection connection = pool.remove(instance);
    if (connection != null) {
      connection.close();
    }
  }

  @Override
  public void close() {
    pool.values().forEach(GatewayConnection::close);
    pool.clear();
    timer.shutdownNow();
    connector.shutdownNow();
    client.shutdown();
  }

  private GatewayConnection pooledConnection(GatewayEndpoint endpoint) {
    GatewayConnection current = pool.get(endpoint.instanceId());
    if (current != null && current.endpoint().equals(endpoint)) {
      return current;
    }
    // A new URL or token (rotation, re-provisioning, pairing) means a new connection.
    GatewayConnection[] replaced = new GatewayConnection[1];
    GatewayConnection chosen =
        pool.compute(
            endpoint.instanceId(),
            (id, existing) -> {
              if (existing != null && existing.endpoint().equals(endpoint)) {
                return existing;
              }
              replaced[0] = existing;
              return newConnection(endpoint, true);
            });
    if (replaced[0] != null) {
      replaced[0].close();
    }
    return chosen;
  }

  private GatewayConnection newConnection(GatewayEndpoint endpoint, boolean reconnectInBackground) {
    return new GatewayConnection(
        endpoint,
        identities.forInstance(endpoint.instanceId()),
        settings,
        client,
        timer,
        connector,
        deviceTokens,
        reconnectInBackground);
  }

  private boolean readyz(String url) {
    try {
      URI base = URI.create(url.trim());
      URI readyz = base.resolve("/readyz");
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(readyz).timeout(settings.probeTimeout()).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean challengeReceived(String url) {
    CompletableFuture<Boolean> challenged = new CompletableFuture<>();
    Endpoint probe =
        new Endpoint() {
          @Override
          public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(
                String.class,
                (MessageHandler.Whole<String>)
                    text ->
                        WireJson.readFrame(text)
                            .filter(f -> f.isEvent() && "connect.challenge".equals(f.event()))
                            .ifPresent(f -> challenged.complete(true)));
          }

          @Override
          public void onClose(Session session, CloseReason reason) {
            challenged.complete(false);
          }

          @Override
          public void onError(Session session, Throwable error) {
            challenged.complete(false);
          }
        };
    Session session = null;
    try {
      URI uri = GatewayConnection.webSocketUri(url);
      session = client.connectToServer(probe, GatewayConnection.endpointConfig(), uri);
      return challenged.get(settings.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    } finally {
      if (session != null && session.isOpen()) {
        try {
          session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "probe done"));
        } catch (IOException | RuntimeException ignored) {
          // The probe has its answer; a failed close changes nothing.
        }
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
