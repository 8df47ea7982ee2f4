package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Records a history of every scenario and checks that the committed histories {@link ReplayTest}
 * replays are exactly those scenarios — a new scenario without a committed history fails here. With
 * {@code -Drecord.histories=true} it writes the histories into the test resources; do that after a
 * deliberate, versioned change of a workflow (and commit the result with the change):
 *
 * <pre>
 * ./mvnw -B -pl adapters-temporal test -Dtest=HistoryRecorderTest -Drecord.histories=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip
 * </pre>
 *
 * <p>Re-recording to make a failing replay pass defeats the replay test: a change that breaks
 * replay needs {@code Workflow.getVersion} (or a new workflow type) so that running workflows keep
 * their old path.
 */
class HistoryRecorderTest {

  static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

  @Test
  void recordsAHistoryOfEveryScenarioAndEveryOneIsCommitted() throws IOException {
    boolean record = Boolean.getBoolean("record.histories");
    Path target = record ? HISTORIES : Path.of("target", "recorded-histories");
    Set<String> recorded = new TreeSet<>();
    try (TestTemporal temporal = TestTemporal.start(client -> new InMemoryWorkflowEngine())) {
      Map<String, String> ids = new HistoryScenarios(temporal).runAll();
      Files.createDirectories(target);
      for (Map.Entry<String, String> entry : ids.entrySet()) {
        String json = temporal.client().fetchHistory(entry.getValue()).toJson(true);
        Files.writeString(target.resolve(entry.getKey() + ".json"), json + "\n");
        recorded.add(entry.getKey() + ".json");
      }
    }

    Set<String> committed = new TreeSet<>();
    try (Stream<Path> files = Files.list(HISTORIES)) {
      files.map(file -> file.getFileName().toString()).forEach(committed::add);
    }
    assertThat(committed).isEqualTo(recorded);
  }
}
