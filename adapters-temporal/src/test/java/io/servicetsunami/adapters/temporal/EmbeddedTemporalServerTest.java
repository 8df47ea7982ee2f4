package io.servicetsunami.adapters.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.testing.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded server is built from internal SDK classes (reference/temporal.md §2.1); these tests
 * fail when an SDK upgrade breaks that construction, its loopback binding or its real-time clock.
 */
class EmbeddedTemporalServerTest {

  @Test
  void theSdkIsTheVersionTheLoopbackConstructionWasVerifiedWith() {
    assertThat(io.temporal.serviceclient.Version.LIBRARY_VERSION)
        .as(
            "EmbeddedTemporalServer uses io.temporal.internal.testservice classes verified on"
                + " 1.38.0: re-verify them (and this test) before changing temporal.version")
        .isEqualTo("1.38.0");
  }

  @Test
  void listensOnLoopbackOnly() throws IOException {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0)) {
      assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port());
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
      }
      if (Files.isReadable(Path.of("/proc/net/tcp"))) {
        assertThat(listeningAddresses(server.port()))
            .isNotEmpty()
            .allSatisfy(address -> assertThat(address).isIn(LOOPBACK_HEX));
      }
      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(external.get(), server.port()), 2_000);
          throw new AssertionError("reachable on " + external.get());
        } catch (IOException refused) {
          // expected: nothing listens there
        }
      }
    }
  }

  @Test
  void timersRunOnTheRealClock() throws InterruptedException {
    SharedEmbeddedTemporal temporal = SharedEmbeddedTemporal.get();
    WorkflowEngine expiring =
        new TemporalWorkflowEngine(
            temporal.connection.client(),
            SharedEmbeddedTemporal.DEFINITIONS,
            Optional.of(Duration.ofSeconds(2)));
    TaskId task = Fixtures.taskId();
    temporal.taskSteps.requireApproval(task);
    long started = System.nanoTime();

    expiring.start("task-" + task, new WorkflowInput.TaskExecution(Fixtures.tenantId(), task));
    while (!expiring.describe("task-" + task).state().isClosed()) {
      Thread.sleep(50);
      assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(20).toNanos());
    }

    // A 2-second approval expiry took 2 real seconds: time skipping is locked off.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));
    assertThat(expiring.describe("task-" + task).state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat((String) temporal.log.calls("fail_task", task.toString()).get(0).args().get(2))
        .contains("approval expired");
  }

  /** 127.0.0.1, the same as an IPv4-mapped IPv6 address, and ::1, as /proc/net/tcp* write them. */
  private static final List<String> LOOPBACK_HEX =
      List.of("0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000");

  /** The local addresses of the sockets listening (state 0A) on {@code port}. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String suffix = String.format(Locale.ROOT, ":%04X", port);
    List<String> addresses = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      if (!Files.isReadable(Path.of(table))) {
        continue;
      }
      Files.readAllLines(Path.of(table)).stream()
          .skip(1)
          .map(line -> line.trim().split("\\s+"))
          .filter(f -> f[1].endsWith(suffix) && f[3].equals("0A"))
          .forEach(f -> addresses.add(f[1].substring(0, f[1].length() - suffix.length())));
    }
    return addresses;
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
