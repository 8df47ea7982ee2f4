package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.testing.Fixtures;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Waiting steps heartbeat, so a dead worker is noticed after the heartbeat timeout. */
class HeartbeatTest {

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final List<String> beats = Collections.synchronizedList(new ArrayList<>());
  private final StepLog log = new StepLog();

  @BeforeEach
  void listen() {
    env.setActivityHeartbeatListener(String.class, beats::add);
  }

  @AfterEach
  void close() {
    env.close();
    heartbeats.shutdownNow();
  }

  @Test
  void waitPodReadyTurnsEveryProgressReportIntoAHeartbeat() {
    env.registerActivitiesImplementations(
        new ProvisionActivitiesImpl(new ScriptedProvisionSteps(log)));
    ProvisionActivities activities =
        env.newActivityStub(
            ProvisionActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(6))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .build());

    activities.awaitReady(Fixtures.tenantId().toString(), Fixtures.instanceId().toString());

    // The SDK throttles heartbeats to the server (at most one per 80% of the heartbeat timeout);
    // the first report goes out at once.
    assertThat(beats).startsWith("pod pending");
  }

  @Test
  void extractFromConnectorBeatsWhileTheStepRuns() {
    ScriptedDataSyncSteps steps = new ScriptedDataSyncSteps(log);
    steps.slowExtract("orders", 1_000);
    env.registerActivitiesImplementations(new DataSyncActivitiesImpl(steps, heartbeats));
    DataSyncActivities activities =
        env.newActivityStub(
            DataSyncActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofMillis(300))
                .build());

    activities.extractFromConnector(
        Fixtures.tenantId().toString(),
        Fixtures.pipelineId().toString(),
        "orders",
        UUID.randomUUID().toString());

    // A beat every 100 ms (a third of the heartbeat timeout) during one second, of which the SDK
    // sends one per 240 ms (80% of the timeout): the step never goes 300 ms without one.
    assertThat(beats.size()).isGreaterThanOrEqualTo(3);
  }
}
