package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed histories that {@link ReplayTest} replays. Run it after a deliberate,
 * versioned change of a workflow (and commit the result with the change):
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
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class HistoryRecorderTest {

  static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

  @Test
  void recordsAHistoryOfEveryWorkflow() throws IOException {
    try (TestTemporal temporal = TestTemporal.start(client -> new InMemoryWorkflowEngine())) {
      Map<String, String> ids = new HistoryScenarios(temporal).runAll();
      Files.createDirectories(HISTORIES);
      for (Map.Entry<String, String> entry : ids.entrySet()) {
        String json = temporal.client().fetchHistory(entry.getValue()).toJson(true);
        Files.writeString(HISTORIES.resolve(entry.getKey() + ".json"), json + "\n");
      }
    }
  }
}
