package io.servicetsunami.core.pipeline;

import static io.servicetsunami.core.pipeline.PipelineWorld.kit;
import static io.servicetsunami.ports.testing.Fixtures.incrementalTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmitTaskCommand;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentKitStepTest {

  private final PipelineWorld world = new PipelineWorld();
  private final DataSyncStepsService steps = world.steps;

  @Test
  void submitsEveryTaskOfTheKitAndReturnsTheirIds() {
    DataPipeline pipeline =
        world.agentKitPipeline(
            world.tenant,
            Map.of(
                "tasks",
                List.of(
                    Map.of(
                        "objective",
                        " Summarise the week ",
                        "task_type",
                        "research",
                        "required_capabilities",
                        List.of("research", "summarize"),
                        "priority",
                        "high",
                        "requires_approval",
                        true,
                        "context",
                        Map.of("week", 42)),
                    Map.of("objective", "Mail the digest", "task_type", "email"))));
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());

    Map<String, Object> result = steps.executeAgentKit(world.tenant, pipeline.id(), run.id());

    List<SubmitTaskCommand> commands = world.submitTask.commands;
    assertThat(commands).hasSize(2);
    SubmitTaskCommand first = commands.get(0);
    assertThat(first.tenantId()).isEqualTo(world.tenant);
    assertThat(first.objective()).isEqualTo("Summarise the week");
    assertThat(first.taskType()).isEqualTo("research");
    assertThat(first.requiredCapabilities()).containsExactly("research", "summarize");
    assertThat(first.priority()).isEqualTo(TaskPriority.HIGH);
    assertThat(first.requiresApproval()).isTrue();
    assertThat(first.context())
        .containsEntry("week", 42)
        .containsEntry(
            "agent_kit",
            Map.of(
                "pipeline_id",
                pipeline.id().toString(),
                "run_id",
                run.id().toString(),
                "index",
                0));
    SubmitTaskCommand second = commands.get(1);
    assertThat(second.priority()).isEqualTo(TaskPriority.NORMAL);
    assertThat(second.requiredCapabilities()).isEmpty();
    assertThat(second.requiresApproval()).isFalse();

    // Ids 1 and 2 went to the pipeline and its run.
    List<String> taskIds =
        List.of(
            new TaskId(SequentialIdGenerator.nth(3)).toString(),
            new TaskId(SequentialIdGenerator.nth(4)).toString());
    assertThat(result).isEqualTo(Map.of("task_ids", taskIds));
    assertThat(world.runs.find(world.tenant, run.id()).orElseThrow().output())
        .containsEntry("task_ids", taskIds);
  }

  @Test
  void aRetriedStepSubmitsNothingTwice() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("One", "Two"));
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    Map<String, Object> first = steps.executeAgentKit(world.tenant, pipeline.id(), run.id());

    Map<String, Object> again = steps.executeAgentKit(world.tenant, pipeline.id(), run.id());

    assertThat(again).isEqualTo(first);
    assertThat(world.submitTask.commands).hasSize(2);
  }

  @Test
  void aRetryAfterAPartialSubmitSubmitsOnlyTheRest() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("One", "Two", "Three"));
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    world.submitTask.failAfter(
        1, new TransientException(ErrorCode.DATABASE_UNAVAILABLE, "the database went away"));

    assertThatThrownBy(() -> steps.executeAgentKit(world.tenant, pipeline.id(), run.id()))
        .isInstanceOf(TransientException.class);
    world.submitTask.recover();
    Map<String, Object> result = steps.executeAgentKit(world.tenant, pipeline.id(), run.id());

    assertThat(world.submitTask.commands)
        .extracting(SubmitTaskCommand::objective)
        .containsExactly("One", "Two", "Three");
    assertThat((List<?>) result.get("task_ids")).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void aClosedRunSubmitsNothingMore() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("One"));
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    steps.finishRun(world.tenant, run.id(), Optional.of("cancelled by the user"), Map.of());

    Map<String, Object> result = steps.executeAgentKit(world.tenant, pipeline.id(), run.id());

    assertThat(result).isEqualTo(Map.of("task_ids", List.of()));
    assertThat(world.submitTask.commands).isEmpty();
  }

  @Test
  void theRecordedTaskIdsSurviveAFailedFinish() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("One"));
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    Map<String, Object> result = steps.executeAgentKit(world.tenant, pipeline.id(), run.id());

    steps.finishRun(world.tenant, run.id(), Optional.of("evaluation failed"), Map.of());

    assertThat(world.runs.find(world.tenant, run.id()).orElseThrow().output())
        .containsEntry("task_ids", result.get("task_ids"));
  }

  @Test
  void aMalformedKitIsInvalidInputAndSubmitsNothing() {
    // A kit stored before validation existed, or written around it.
    DataPipeline stored =
        world.pipelines.create(
            new DataPipeline(
                Fixtures.pipelineId(),
                world.tenant,
                "Broken kit",
                PipelineType.AGENT_KIT,
                Map.of(
                    "tasks",
                    List.of(
                        Map.of("objective", "Fine", "task_type", "research"),
                        Map.of("objective", "", "task_type", "research"))),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Fixtures.NOW,
                Fixtures.NOW));
    PipelineRun run = world.pipelineService.execute(world.tenant, stored.id());

    assertThatThrownBy(() -> steps.executeAgentKit(world.tenant, stored.id(), run.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("task 2: 'objective' must be a non-blank string")
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(world.submitTask.commands).isEmpty();
  }

  @Test
  void aPipelineThatIsNotAnAgentKitIsInvalidInput() {
    world.storeConnection(world.tenant);
    DataPipeline connector =
        world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable("public.orders"));

    assertThatThrownBy(() -> steps.executeAgentKit(world.tenant, connector.id(), Fixtures.runId()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(world.submitTask.commands).isEmpty();
  }

  @Test
  void anotherTenantCannotRunTheKit() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("One"));
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());

    assertThatThrownBy(() -> steps.executeAgentKit(world.otherTenant, pipeline.id(), run.id()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.PIPELINE_NOT_FOUND);
    assertThat(world.submitTask.commands).isEmpty();
  }

  @Test
  void aRunOfAnotherPipelineIsNotFound() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("One"));
    DataPipeline other = world.agentKitPipeline(world.tenant, kit("Two"));
    PipelineRun otherRun = world.pipelineService.execute(world.tenant, other.id());

    assertThatThrownBy(() -> steps.executeAgentKit(world.tenant, pipeline.id(), otherRun.id()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.PIPELINE_RUN_NOT_FOUND);
    assertThat(world.submitTask.commands).isEmpty();
  }
}
