package io.servicetsunami.benchmarks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.wiring.AppComponent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The HTTP API's own cost on loopback: the whole app in this JVM as {@code Main} runs it (embedded
 * PostgreSQL, embedded Temporal with both workers), one registered tenant, and {@code --clients}
 * concurrent clients ({@code java.net.http}, HTTP/1.1 keep-alive, one client and one connection
 * each) calling, in turn, {@code GET /api/v1/agent-tasks/} (a page of up to 100 tasks, after {@code
 * --seed} tasks were submitted) and {@code POST /api/v1/agent-tasks/} (each starts a
 * TaskExecutionWorkflow, answered 202). Prints requests/s and p50/p99 latency per phase (nearest
 * rank), after a warm-up of each.
 *
 * <p>The submitted tasks' workflows run in the same JVM while it measures (the tenant has no agent,
 * so each ends at dispatch): that work is part of what a submission costs. Bounded: each phase runs
 * {@code --seconds} (10) or {@code --max-requests} (200000), whichever ends first.
 *
 * <p>Options: {@code --clients=N} (32), {@code --seconds=N} (10), {@code --warmup=N} seconds (3),
 * {@code --seed=N} (100), {@code --max-requests=N}, {@code --no-fsync}.
 */
public final class HttpApiBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = option(args, "clients", 32);
    int seconds = option(args, "seconds", 10);
    int warmup = option(args, "warmup", 3);
    int seed = option(args, "seed", 100);
    long maxRequests = option(args, "max-requests", 200_000);
    boolean durable = !Arrays.asList(args).contains("--no-fsync");

    Path dataDir = Files.createTempDirectory("servicetsunami-http-benchmark");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    AppConfig config =
        AppConfig.fromEnvironment(
                Map.of(
                    "DATA_DIR",
                    dataDir.toString(),
                    "SECRET_KEY",
                    HexFormat.of().formatHex(secret),
                    "HOST",
                    "127.0.0.1",
                    "PORT",
                    "0"))
            .withDatabase(
                DatabaseSettings.embedded(dataDir.resolve("postgres")).withDurable(durable));
    AdapterConfig adapters =
        AdapterConfig.fromEnvironment(Map.of(), dataDir, config.defaultLlmModel())
            .withTemporal(TemporalSettings.embedded(0));
    AppComponent app = AppComponent.create(config, adapters);
    try {
      int port = app.lifecycle().start().port();
      String base = "http://127.0.0.1:" + port;
      String token = login(base);
      String body =
          JSON.writeValueAsString(
              Map.of("objective", "benchmark", "task_type", "analysis", "priority", "normal"));
      HttpRequest list =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/agent-tasks/"))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      HttpRequest submit =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/agent-tasks/"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();

      HttpClient seeder = client();
      for (int i = 0; i < seed; i++) {
        expect(seeder.send(submit, HttpResponse.BodyHandlers.discarding()).statusCode(), 202);
      }

      System.out.printf(
          Locale.ROOT,
          "HTTP API on %s, %d concurrent clients, %d s per phase after %d s warm-up (%s commits)%n",
          base,
          clients,
          seconds,
          warmup,
          durable ? "durable" : "fsync=off");
      System.out.println(
          "  "
              + run("GET  /api/v1/agent-tasks/", list, 200, clients, warmup, seconds, maxRequests));
      System.out.println(
          "  "
              + run(
                  "POST /api/v1/agent-tasks/", submit, 202, clients, warmup, seconds, maxRequests));
    } finally {
      app.lifecycle().close();
      deleteRecursively(dataDir);
    }
  }

  /** One phase: a warm-up, then the measured run; each client loops on its own connection. */
  private static String run(
      String name,
      HttpRequest request,
      int expected,
      int clients,
      int warmup,
      int seconds,
      long maxRequests)
      throws InterruptedException {
    measure(request, expected, clients, warmup, maxRequests);
    Result result = measure(request, expected, clients, seconds, maxRequests);
    long[] all = result.latencies();
    Arrays.sort(all);
    return String.format(
        Locale.ROOT,
        "%-27s %7d requests in %5.2f s = %8.1f req/s   p50 %7.2f ms   p99 %7.2f ms   errors %d",
        name,
        all.length,
        result.seconds(),
        all.length / result.seconds(),
        percentile(all, 50) / 1e6,
        percentile(all, 99) / 1e6,
        result.errors());
  }

  private record Result(long[] latencies, double seconds, long errors) {}

  private static Result measure(
      HttpRequest request, int expected, int clients, int seconds, long maxRequests)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    AtomicLong budget = new AtomicLong(maxRequests);
    AtomicLong errors = new AtomicLong();
    List<List<Long>> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < clients; i++) {
      List<Long> mine = new ArrayList<>();
      latencies.add(mine);
      HttpClient client = client();
      Thread thread =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - start;
                    if (response.statusCode() == expected) {
                      mine.add(took);
                    } else {
                      errors.incrementAndGet();
                    }
                  }
                } catch (IOException e) {
                  errors.incrementAndGet();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "benchmark-client-" + i);
      threads.add(thread);
      thread.start();
    }
    ready.await();
    long started = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    return new Result(all, elapsed, errors.get());
  }

  private static String login(String base) throws IOException, InterruptedException {
    HttpClient client = client();
    String email = "bench-" + System.nanoTime() + "@example.com";
    String register =
        JSON.writeValueAsString(
            Map.of(
                "email",
                email,
                "password",
                "benchmark password",
                "full_name",
                "Bench",
                "tenant_name",
                "Bench Inc"));
    expect(
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(register))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode(),
        201);
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of("email", email, "password", "benchmark password"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expect(login.statusCode(), 200);
    JsonNode grant = JSON.readTree(login.body());
    return grant.path("access_token").asText();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static void expect(int status, int expected) {
    if (status != expected) {
      throw new IllegalStateException("expected HTTP " + expected + ", got " + status);
    }
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static int option(String[] args, String name, int defaultValue) {
    String prefix = "--" + name + "=";
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return Integer.parseInt(arg.substring(prefix.length()));
      }
    }
    return defaultValue;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
