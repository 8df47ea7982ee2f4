package io.servicetsunami.benchmarks.openclaw;

import io.servicetsunami.adapters.openclaw.OpenClawSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.adapters.openclaw.testing.ScriptedGateway;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Skill calls through {@link OpenClawSkillGateway} against the scripted loopback gateway: the
 * pooled, multiplexed connection versus a new connection (full handshake with an Ed25519-signed
 * {@code connect}) for every call, as the original system did — same run, same gateway, same
 * callers. Each call is a {@code tools.invoke} that the gateway answers at once, so the figures are
 * the client's and the protocol's cost, not a skill's.
 *
 * <p>Options ({@code --name=value}): {@code --callers} (16), {@code --seconds} per mode (10),
 * {@code --warmup} seconds per mode (3).
 */
public final class SkillGatewayBenchmark {

  private SkillGatewayBenchmark() {}

  public static void main(String[] args) throws Exception {
    int callers = option(args, "callers", 16);
    int seconds = option(args, "seconds", 10);
    int warmup = option(args, "warmup", 3);
    String token = "bench-" + UUID.randomUUID();
    Path keys = Files.createTempDirectory("openclaw-bench-keys");
    OpenClawSettings settings = OpenClawSettings.defaults(keys);
    System.out.printf(
        "OpenClaw skill calls against the scripted loopback gateway: %d callers, %d s per mode"
            + " (after %d s warm-up), tools.invoke answered at once%n",
        callers, seconds, warmup);
    try (ScriptedGateway server = new ScriptedGateway(token)) {
      GatewayEndpoint endpoint =
          new GatewayEndpoint(
              new InstanceId(UUID.randomUUID()), server.url(), Secret.of(token), Optional.empty());
      Result pooled;
      try (OpenClawSkillGateway gateway = new OpenClawSkillGateway(settings)) {
        pooled = measure("pooled (one connection)", gateway, endpoint, callers, warmup, seconds);
      }
      int socketsBefore = server.upgrades();
      Result perCall;
      try (OpenClawSkillGateway gateway = OpenClawSkillGateway.connectingPerCall(settings)) {
        perCall = measure("connect per call", gateway, endpoint, callers, warmup, seconds);
      }
      System.out.printf(
          "pooled / connect-per-call throughput: %.1fx (sockets opened per call: pooled ~0,"
              + " connect-per-call %.2f)%n",
          pooled.callsPerSecond() / perCall.callsPerSecond(),
          (server.upgrades() - socketsBefore) / (double) (perCall.calls() + perCall.warmupCalls()));
    } finally {
      try (var files = Files.walk(keys)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  record Result(long calls, long warmupCalls, double callsPerSecond) {}

  private static Result measure(
      String label,
      SkillGateway gateway,
      GatewayEndpoint endpoint,
      int callers,
      int warmupSeconds,
      int seconds)
      throws Exception {
    long warmupCalls = run(gateway, endpoint, callers, Duration.ofSeconds(warmupSeconds), null);
    List<long[]> latencies = new ArrayList<>();
    long started = System.nanoTime();
    long calls = run(gateway, endpoint, callers, Duration.ofSeconds(seconds), latencies);
    double elapsed = (System.nanoTime() - started) / 1e9;
    long[] all =
        latencies.stream().flatMapToLong(Arrays::stream).filter(n -> n > 0).sorted().toArray();
    double perSecond = calls / elapsed;
    System.out.printf(
        "  %-24s %8d calls in %5.2f s = %9.0f calls/s   p50 %7.3f ms   p99 %7.3f ms%n",
        label, calls, elapsed, perSecond, percentile(all, 50) / 1e6, percentile(all, 99) / 1e6);
    return new Result(calls, warmupCalls, perSecond);
  }

  /** Runs {@code callers} threads calling for {@code duration}; returns the calls made. */
  private static long run(
      SkillGateway gateway,
      GatewayEndpoint endpoint,
      int callers,
      Duration duration,
      List<long[]> latencies)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    AtomicLong failures = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    long[] counts = new long[callers];
    List<Future<long[]>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      int caller = i;
      results.add(
          threads.submit(
              () -> {
                long[] samples = new long[1 << 20];
                start.await();
                long end = System.nanoTime() + duration.toNanos();
                int n = 0;
                while (System.nanoTime() < end) {
                  long before = System.nanoTime();
                  try {
                    gateway.execute(endpoint, invocation());
                  } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    continue;
                  }
                  if (n < samples.length) {
                    samples[n] = System.nanoTime() - before;
                  }
                  n++;
                }
                counts[caller] = n;
                return Arrays.copyOf(samples, Math.min(n, samples.length));
              }));
    }
    start.countDown();
    long total = 0;
    for (int i = 0; i < callers; i++) {
      long[] samples = results.get(i).get();
      if (latencies != null) {
        latencies.add(samples);
      }
      total += counts[i];
    }
    threads.shutdown();
    if (failures.get() > 0) {
      System.out.printf("    (%d calls failed and were not counted)%n", failures.get());
    }
    return total;
  }

  private static SkillInvocation invocation() {
    ExecutionId execution = new ExecutionId(UUID.randomUUID());
    return new SkillInvocation(
        execution,
        "echo",
        SkillKind.TOOL,
        Map.of("text", "ping"),
        "mock/mock-1",
        Map.of(),
        "skill-" + execution);
  }

  /** Nearest-rank percentile in nanoseconds. */
  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static int option(String[] args, String name, int fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return Integer.parseInt(arg.substring(name.length() + 3));
      }
    }
    return fallback;
  }
}
