package io.servicetsunami.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command and collects its output. */
final class Commands {

  record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    /** The end of the diagnostic output, for messages. */
    String excerpt() {
      String text = stderr.isBlank() ? stdout : stderr;
      text = text.strip();
      if (timedOut) {
        text = "timed out. " + text;
      }
      if (text.isEmpty()) {
        return "exit code " + exitCode;
      }
      return text.length() > 800 ? "…" + text.substring(text.length() - 800) : text;
    }
  }

  private Commands() {}

  /**
   * Runs {@code command}; {@code env} entries are added to (or, with a {@code null} value, removed
   * from) the inherited environment.
   */
  static Result run(List<String> command, Path workDir, Map<String, String> env, Duration limit)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    env.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process process = builder.start();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      return new Result(
          finished ? process.exitValue() : -1,
          out.get(5, TimeUnit.SECONDS),
          err.get(5, TimeUnit.SECONDS),
          !finished);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while running " + command.get(0), e);
    } catch (Exception e) {
      throw new IOException("cannot read the output of " + command.get(0), e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
