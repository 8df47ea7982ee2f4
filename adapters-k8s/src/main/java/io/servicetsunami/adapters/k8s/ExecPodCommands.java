package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import io.kubernetes.client.Exec;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** {@link PodCommands} through the API server's {@code pods/exec} (WebSocket, channel protocol). */
final class ExecPodCommands implements PodCommands {

  /** Exec reports a broken connection with this exit value. */
  private static final int CONNECTION_FAILED = -1975219;

  private static final int MAX_OUTPUT = 1 << 20;

  private final ApiClient client;
  // stdout and stderr arrive through pipes fed by the socket's thread; both must be drained
  // while the command runs, or a full pipe stalls the socket.
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "k8s-exec-reader");
            thread.setDaemon(true);
            return thread;
          });

  ExecPodCommands(ApiClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  @Override
  public Result run(
      String namespace, String pod, String container, List<String> argv, Duration timeout) {
    String what = "command '" + String.join(" ", argv) + "' in pod " + pod;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Process process;
    try {
      process =
          new Exec(client)
              .newExecutionBuilder(namespace, pod, argv.toArray(String[]::new))
              .setContainer(container)
              .setStdin(false)
              .setStdout(true)
              .setStderr(true)
              .setTty(false)
              .setOnUnhandledError(failure::set)
              .execute();
    } catch (ApiException e) {
      throw KubernetesErrors.translate(e, what, null);
    } catch (IOException e) {
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, what + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> stdout;
    CompletableFuture<String> stderr;
    try {
      stdout = drain(process.getInputStream());
      stderr = drain(process.getErrorStream());
    } catch (IllegalStateException closedAlready) {
      process.destroy();
      throw connectionFailure(what, failure.get());
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE, what + " did not finish within " + timeout);
      }
      int exit = process.exitValue();
      if (exit == CONNECTION_FAILED || failure.get() != null) {
        throw connectionFailure(what, failure.get());
      }
      if (exit < 0) {
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE, what + ": the API server reported no exit status");
      }
      return new Result(exit, output(stdout), output(stderr));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, what + " was interrupted", e);
    }
  }

  private static RuntimeException connectionFailure(String what, Throwable cause) {
    String message = cause == null ? "connection closed" : String.valueOf(cause.getMessage());
    // The upgrade is refused with 403 when the control plane may not create pods/exec.
    if (message.contains("403")) {
      return new PermanentException(
          ErrorCode.RUNTIME_FAILED,
          what + ": not allowed (the service account needs 'create' on pods/exec): " + message,
          cause);
    }
    return new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, what + ": " + message, cause);
  }

  private CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] buffer = new byte[8192];
          try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
              if (out.size() < MAX_OUTPUT) {
                out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
              }
            }
          } catch (IOException pipeClosed) {
            // The socket closed the pipe; what arrived before is the output.
          }
          return out.toString(StandardCharsets.UTF_8);
        },
        readers);
  }

  private static String output(CompletableFuture<String> stream) throws InterruptedException {
    try {
      return stream.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }
}
