package io.servicetsunami.adapters.k8s;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command inside a container of a pod, like {@code kubectl exec}: no shell, the words as
 * given. The seam between the pairing logic and the transport, so the same logic can run against a
 * gateway reached some other way (e.g. a gateway in a network namespace in a test).
 */
interface PodCommands {

  /** What a finished command left behind. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code argv} in {@code container} of {@code pod} and waits for it to exit.
   *
   * @throws io.servicetsunami.ports.error.PortException when the command cannot be started or does
   *     not finish within {@code timeout} (a command that runs and fails is a {@link Result})
   */
  Result run(String namespace, String pod, String container, List<String> argv, Duration timeout);
}
