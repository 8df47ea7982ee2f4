package io.servicetsunami.adapters.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's in-process server (from {@code temporal-testing}) served over gRPC on 127.0.0.1 only.
 *
 * <p>{@code TestServer.createPortBoundServer} would listen on every interface, so this builds the
 * server the way reference/temporal.md §2.1 verified: {@code TestServicesStarter} with time
 * skipping locked (timers run on the real clock), a Netty server bound to the loopback address, and
 * the SDK's own service registration. Those classes live in an {@code internal} package: the SDK
 * version is pinned (root pom) and {@code EmbeddedTemporalServerTest} fails on an upgrade that
 * breaks this construction or its loopback binding.
 *
 * <p>The server keeps everything in memory and never forgets a finished workflow (about 16 KB of
 * heap each): a restart loses every running workflow, timer and schedule loop, which is why the app
 * re-ensures its schedules at start-up.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  /** The only address the embedded server ever listens on. */
  public static final String LOOPBACK = "127.0.0.1";

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}; port 0 picks a free one (see {@link #port()}).
   *
   * @throws UncheckedIOException if the port is taken
   */
  public static EmbeddedTemporalServer start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, port));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      Server server = builder.build().start();
      log.warn(
          "Embedded Temporal server on {}:{}: in memory, time skipping off; every workflow is"
              + " lost when this process ends. Set TEMPORAL_ADDRESS for a durable server.",
          LOOPBACK,
          server.getPort());
      return new EmbeddedTemporalServer(services, server);
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot listen on " + LOOPBACK + ":" + port, e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** {@code 127.0.0.1:port}, the target for a client or a worker in another process. */
  public String address() {
    return LOOPBACK + ":" + port();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
