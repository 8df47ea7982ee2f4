package io.servicetsunami.core.task;

import static io.servicetsunami.ports.model.TaskStatus.COMPLETED;
import static io.servicetsunami.ports.model.TaskStatus.EXECUTING;
import static io.servicetsunami.ports.model.TaskStatus.FAILED;
import static io.servicetsunami.ports.model.TaskStatus.THINKING;
import static io.servicetsunami.ports.model.TaskStatus.WAITING_INPUT;
import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.agent.Capabilities;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.lifecycle.TaskStateMachine;
import io.servicetsunami.core.workflow.WorkflowCatalog;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.SkillStats;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.AgentRuntime;
import io.servicetsunami.ports.out.AgentRuntime.AgentRun;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.TenantRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The five steps of TaskExecutionWorkflow, plus resuming after an approval and failing a task.
 *
 * <p>Each step is called by one workflow activity, which a workflow engine may run more than once.
 * So each step first looks for its own earlier effects and completes them instead of repeating
 * them: a status that has already moved is not moved again, a trace is written under an id derived
 * from the task, step type and order ({@code idFor("trace:{task}:{step_type}:{order}")}, plus
 * {@code :{index}} for skill calls) so the store keeps one row, the agent runtime is called with an
 * idempotency key, and skill statistics are counted only by the call that completed the task.
 *
 * <p>Task updates are optimistic; a step that loses a race re-reads the task and decides again on
 * what it finds. Every trace carries how long its step took by the {@link Clock} and is stamped
 * with the time the step started, so the timeline lists a step before the skill calls it made.
 * Traces never carry credentials: tool-call arguments and results are redacted by {@link
 * TraceRedaction}.
 */
public final class TaskExecutionStepsService implements TaskExecutionSteps {

  static final int DISPATCH_ORDER = orderOf("dispatch_task");
  static final int RECALL_ORDER = orderOf("recall_memory");
  static final int EXECUTE_ORDER = orderOf("execute_task");
  static final int PERSIST_ORDER = orderOf("persist_entities");
  static final int EVALUATE_ORDER = orderOf("evaluate_task");

  /** How often a step re-reads and retries a task update that lost an optimistic race. */
  static final int MAX_TASK_UPDATE_ATTEMPTS = 3;

  /**
   * How often evaluation retries the agent's statistics update when another task's evaluation
   * updated the same agent meanwhile; agents are shared by many tasks, so such races are expected.
   */
  static final int MAX_AGENT_UPDATE_ATTEMPTS = 5;

  /** Longest failure reason stored on a task and its trace. */
  static final int MAX_REASON_CHARS = 2_000;

  private final AgentTaskRepository tasks;
  private final ExecutionTraceRepository traces;
  private final AgentRepository agents;
  private final AgentMemoryRepository memories;
  private final KnowledgeGraphRepository knowledge;
  private final TenantRepository tenants;
  private final TenantInstanceRepository instances;
  private final AgentRuntimes runtimes;
  private final GatewayEndpoints endpoints;
  private final Clock clock;
  private final IdGenerator ids;

  public TaskExecutionStepsService(
      AgentTaskRepository tasks,
      ExecutionTraceRepository traces,
      AgentRepository agents,
      AgentMemoryRepository memories,
      KnowledgeGraphRepository knowledge,
      TenantRepository tenants,
      TenantInstanceRepository instances,
      AgentRuntimes runtimes,
      GatewayEndpoints endpoints,
      Clock clock,
      IdGenerator ids) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.traces = requireNonNull(traces, "traces is null");
    this.agents = requireNonNull(agents, "agents is null");
    this.memories = requireNonNull(memories, "memories is null");
    this.knowledge = requireNonNull(knowledge, "knowledge is null");
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.runtimes = requireNonNull(runtimes, "runtimes is null");
    this.endpoints = requireNonNull(endpoints, "endpoints is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  // ---- step 1: dispatch_task
  // ---------------------------------------------------------------------

  /**
   * Chooses the agent by {@link AgentSelection}, assigns it and moves the task {@code queued →
   * thinking}. A retry finds the task assigned and returns the same agent with the reason recorded
   * by the first attempt.
   */
  @Override
  public Dispatched dispatch(TenantId tenant, TaskId id) {
    Instant start = clock.now();
    AgentSelection.Choice[] chosen = {null};
    Change change =
        change(
            load(tenant, id),
            task -> {
              chosen[0] = null; // decided afresh after a lost race
              if (task.assignedAgentId().isPresent() && !task.status().isTerminal()) {
                return Optional.empty(); // an earlier attempt dispatched it
              }
              TaskStateMachine.transition(task.status(), THINKING).orThrow();
              List<Agent> candidates = agents.list(tenant);
              AgentSelection.Choice choice =
                  AgentSelection.choose(candidates, task)
                      .orElseThrow(() -> noAgentAvailable(task, candidates.size()));
              chosen[0] = choice;
              Instant now = clock.now();
              return Optional.of(
                  task.withAssignedAgent(choice.agent().id(), now).withStatus(THINKING, now));
            });
    AgentTask task = change.after();
    AgentId agent = task.assignedAgentId().orElseThrow();
    TraceId traceId = traceId(task.id(), StepType.DISPATCHED, DISPATCH_ORDER);

    Map<String, Object> details;
    if (chosen[0] != null) {
      details = chosen[0].details();
    } else {
      Optional<ExecutionTrace> earlier = findTrace(tenant, task.id(), traceId);
      if (earlier.isPresent()) {
        return new Dispatched(agent, String.valueOf(earlier.get().details().get("reason")));
      }
      // The earlier attempt assigned the agent but stopped before its trace: explain it again.
      details =
          AgentSelection.explain(agents.list(tenant), task, agent)
              .map(AgentSelection.Choice::details)
              .orElseGet(() -> Map.of("agent_id", agent.toString(), "reason", reassigned(agent)));
    }
    writeTrace(task, StepType.DISPATCHED, DISPATCH_ORDER, traceId, details, start);
    return new Dispatched(agent, String.valueOf(details.get("reason")));
  }

  // ---- step 2: recall_memory
  // ---------------------------------------------------------------------

  /**
   * Recalls by {@link MemoryRelevance} and counts an access of each recalled memory. A retry
   * returns what the first attempt recalled (read from its trace) and counts no second access.
   */
  @Override
  public List<MemoryId> recallMemory(TenantId tenant, TaskId id) {
    Instant start = clock.now();
    AgentTask task = load(tenant, id);
    AgentId agent = assignedAgent(task);
    TraceId traceId = traceId(id, StepType.MEMORY_RECALL, RECALL_ORDER);
    Optional<ExecutionTrace> earlier = findTrace(tenant, id, traceId);
    if (earlier.isPresent()) {
      return memoryIds(earlier.get().details().get("memory_ids"));
    }

    List<AgentMemory> candidates =
        memories.recall(
            tenant, agent, MemoryRelevance.MIN_IMPORTANCE, MemoryRelevance.CANDIDATE_POOL);
    List<MemoryRelevance.Ranked> recalled = MemoryRelevance.rank(task.objective(), candidates);
    List<MemoryId> recalledIds = recalled.stream().map(r -> r.memory().id()).toList();
    if (!recalledIds.isEmpty()) {
      memories.markAccessed(tenant, recalledIds, clock.now());
    }

    List<Object> ranked = new ArrayList<>();
    for (MemoryRelevance.Ranked r : recalled) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", r.memory().id().toString());
      item.put("type", r.memory().memoryType().wire());
      item.put("importance", r.memory().importance());
      item.put("relevance", AgentSelection.round(r.relevance()));
      ranked.add(item);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("agent_id", agent.toString());
    details.put("memory_ids", recalledIds.stream().map(MemoryId::toString).toList());
    details.put("count", recalledIds.size());
    details.put("candidates", candidates.size());
    details.put("min_importance", MemoryRelevance.MIN_IMPORTANCE);
    details.put("limit", MemoryRelevance.LIMIT);
    details.put("memories", ranked);
    writeTrace(task, StepType.MEMORY_RECALL, RECALL_ORDER, traceId, details, start);
    return recalledIds;
  }

  // ---- step 3: execute_task
  // ----------------------------------------------------------------------

  /**
   * Moves the task {@code thinking → executing}, runs it on the agent runtime {@link AgentRuntimes}
   * chooses for its agent and tenant (recorded in the trace) with a {@link TaskPrompt} (session
   * {@code task-{id}}, idempotency key {@code task-{id}:execute_task}) on the tenant's running
   * gateway if it has one, writes one {@code skill_call} trace per tool call and stores the output:
   * the runtime's output object with its final text as {@code text}. A task that requires approval
   * moves on to {@code waiting_input} in the same update.
   *
   * <p>A stored output is the mark of a finished run: a retry that finds one does not run again. A
   * chosen runtime the deployment does not have fails the step as {@code no_agent_runtime}.
   */
  @Override
  public Executed execute(TenantId tenant, TaskId id, List<MemoryId> memoryIds) {
    requireNonNull(memoryIds, "memoryIds is null");
    Instant start = clock.now();
    AgentTask task =
        change(
                load(tenant, id),
                current -> {
                  if (current.status() == EXECUTING || current.status() == WAITING_INPUT) {
                    return Optional.empty();
                  }
                  TaskStateMachine.transition(current.status(), EXECUTING).orThrow();
                  return Optional.of(current.withStatus(EXECUTING, clock.now()));
                })
            .after();
    AgentId agentId = assignedAgent(task);
    Agent agent =
        agents
            .find(tenant, agentId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.AGENT_NOT_FOUND,
                        "agent " + agentId + " assigned to task " + id + " no longer exists"));
    List<AgentMemory> recalled = recalledMemories(tenant, agentId, memoryIds);
    TaskPrompt prompt = TaskPrompt.build(agent.instructions(), recalled, task);
    String sessionKey = "task-" + id;
    String llmModel = agent.llmModel().orElseGet(() -> defaultModel(tenant));
    AgentRuntimes.Choice runtime = runtimes.choose(tenant, agentId);
    Optional<GatewayEndpoint> gateway = Optional.empty();

    if (task.output().isEmpty()) {
      AgentRuntime chosen = runtimes.runtimeFor(id, tenant, agentId, runtime);
      gateway = gateway(tenant);
      AgentRunResult result =
          chosen.run(
              new AgentRun(
                  tenant,
                  id,
                  agentId,
                  sessionKey,
                  sessionKey + ":execute_task",
                  TaskPrompt.boundedInstructions(agent.instructions()),
                  prompt.text(),
                  task.context(),
                  llmModel,
                  gateway));
      writeSkillCallTraces(task, agentId, result.toolCalls());
      Map<String, Object> output = outputOf(result);
      task =
          change(
                  task,
                  current -> {
                    if (!current.output().isEmpty()) {
                      return Optional.empty(); // a concurrent attempt stored its output first
                    }
                    if (current.status() != EXECUTING) {
                      TaskStateMachine.transition(current.status(), EXECUTING).orThrow();
                    }
                    Instant now = clock.now();
                    AgentTask next = current.withOutput(output, now);
                    return Optional.of(awaitsApproval(next) ? toWaitingInput(next, now) : next);
                  })
              .after();
    } else if (task.status() == EXECUTING && awaitsApproval(task)) {
      // An earlier attempt stored the output but did not get to park the task.
      task =
          change(
                  task,
                  current ->
                      current.status() == EXECUTING && awaitsApproval(current)
                          ? Optional.of(toWaitingInput(current, clock.now()))
                          : Optional.empty())
              .after();
    }

    ToolTally tally = toolTally(tenant, id);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("agent_id", agentId.toString());
    details.put("agent_runtime", runtime.kind().wire());
    details.put("agent_runtime_chosen_by", runtime.chosenBy().wire());
    details.put("session_key", sessionKey);
    details.put("llm_model", llmModel);
    details.put("memory_ids", recalled.stream().map(m -> m.id().toString()).toList());
    details.put("memories_in_prompt", prompt.memoriesIncluded());
    details.put("prompt_chars", prompt.text().length());
    details.put("prompt_truncated", prompt.truncated());
    details.put("gateway_instance_id", gateway.map(g -> g.instanceId().toString()).orElse(null));
    details.put("tool_calls", tally.calls());
    details.put("tool_errors", tally.errors());
    details.put("output_chars", textOf(task.output()).length());
    details.put("awaiting_approval", task.status() == WAITING_INPUT);
    writeTrace(
        task,
        StepType.EXECUTING,
        EXECUTE_ORDER,
        traceId(id, StepType.EXECUTING, EXECUTE_ORDER),
        details,
        start);
    return new Executed(task.status() == WAITING_INPUT);
  }

  // ---- approve_task
  // ------------------------------------------------------------------------------

  /**
   * Moves the task {@code waiting_input → executing} and records the approver. A retry finds the
   * approval recorded and changes nothing.
   */
  @Override
  public void approved(TenantId tenant, TaskId id, UserId approver) {
    requireNonNull(approver, "approver is null");
    change(
        load(tenant, id),
        task -> {
          if (task.approvedBy().isPresent() && task.status() != WAITING_INPUT) {
            return Optional.empty(); // an earlier attempt resumed it
          }
          if (task.status() != WAITING_INPUT) {
            TaskStateMachine.transition(task.status(), EXECUTING).orThrow();
            throw new ConflictException(
                ErrorCode.INVALID_TRANSITION,
                "task " + id + " is " + task.status().wire() + ", not waiting for approval");
          }
          Instant now = clock.now();
          return Optional.of(task.withApprovedBy(approver, now).withStatus(EXECUTING, now));
        });
  }

  // ---- step 4: persist_entities
  // ------------------------------------------------------------------

  /**
   * Upserts the {@link OutputEntities} of the task's output into the tenant's knowledge graph with
   * source {@code task:{id}}, under ids derived from the task, type and normalised name (the
   * repository keeps the id of an entity it already had), and returns how many distinct entities
   * were stored. A retry returns the count its first attempt recorded.
   */
  @Override
  public int persistEntities(TenantId tenant, TaskId id) {
    Instant start = clock.now();
    AgentTask task = load(tenant, id);
    TraceId traceId = traceId(id, StepType.ENTITY_PERSIST, PERSIST_ORDER);
    Optional<ExecutionTrace> earlier = findTrace(tenant, id, traceId);
    if (earlier.isPresent() && earlier.get().details().get("count") instanceof Number count) {
      return count.intValue();
    }
    if (task.status() != EXECUTING) {
      throw new ConflictException(
          ErrorCode.INVALID_TRANSITION,
          "entities are persisted while a task is executing; task "
              + id
              + " is "
              + task.status().wire());
    }
    OutputEntities entities = OutputEntities.of(task.output());
    String source = "task:" + id;
    Set<EntityId> stored = new LinkedHashSet<>();
    for (OutputEntities.Found found : entities.found()) {
      Instant now = clock.now();
      EntityId entityId =
          new EntityId(
              ids.idFor(
                  "entity:"
                      + source
                      + ":"
                      + found.type()
                      + ":"
                      + KnowledgeEntity.normalize(found.name())));
      KnowledgeEntity entity =
          knowledge.upsertEntity(
              new KnowledgeEntity(
                  entityId,
                  tenant,
                  found.name(),
                  found.type(),
                  found.attributes(),
                  found.confidence(),
                  Optional.of(source),
                  now,
                  now));
      stored.add(entity.id());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", stored.size());
    details.put("entity_ids", stored.stream().map(EntityId::toString).toList());
    details.put("skipped", entities.skipped());
    details.put("source", source);
    writeTrace(task, StepType.ENTITY_PERSIST, PERSIST_ORDER, traceId, details, start);
    return stored.size();
  }

  // ---- step 5: evaluate_task
  // ---------------------------------------------------------------------

  /**
   * Scores the task by {@link TaskEvaluation}, writes its {@code experience} memory (id {@code
   * idFor("memory:task:{id}")}), updates the agent's skill statistics for each of the task's skills
   * ({@link AgentSelection#skillsOf}), writes the {@code completed} trace and only then completes
   * the task: whoever sees the task completed finds all five steps in its trace.
   *
   * <p>The score is stored on the task first, in an update of its own, and only the call whose
   * update stored it counts the statistics: a retry (also one that finds the task completed)
   * returns the stored score, writes no second memory or trace, and counts nothing twice.
   */
  @Override
  public double evaluate(TenantId tenant, TaskId id) {
    Instant start = clock.now();
    AgentTask initial = load(tenant, id);
    AgentId agentId = assignedAgent(initial);
    ToolTally tally = toolTally(tenant, id);
    TaskEvaluation evaluation =
        TaskEvaluation.of(
            initial.output(),
            tally.calls(),
            tally.errors(),
            OutputEntities.of(initial.output()).found().size());
    Change scored =
        change(
            initial,
            task -> {
              if (task.confidence().isPresent()) {
                return Optional.empty(); // an earlier attempt scored it
              }
              TaskStateMachine.transition(task.status(), COMPLETED).orThrow();
              return Optional.of(task.withConfidence(evaluation.score(), clock.now()));
            });
    AgentTask task = scored.after();
    double score = task.confidence().orElseThrow();

    MemoryId memoryId = new MemoryId(ids.idFor("memory:task:" + id));
    memories.save(
        new AgentMemory(
            memoryId,
            tenant,
            agentId,
            MemoryType.EXPERIENCE,
            experience(task, score),
            TaskEvaluation.memoryImportance(score),
            Optional.of(id),
            0,
            clock.now(),
            Optional.empty()));

    List<String> skills = AgentSelection.skillsOf(task);
    boolean statsUpdated =
        scored.applied() && learn(tenant, agentId, skills, score, evaluation.success());

    Map<String, Object> details = evaluation.details();
    details.put("score", score);
    details.put("memory_id", memoryId.toString());
    details.put("skills", skills);
    details.put("skill_stats_updated", statsUpdated);
    writeTrace(
        task,
        StepType.COMPLETED,
        EVALUATE_ORDER,
        traceId(id, StepType.COMPLETED, EVALUATE_ORDER),
        details,
        start);

    change(
        task,
        current -> {
          if (current.status() == COMPLETED) {
            return Optional.empty(); // an earlier attempt completed it
          }
          TaskStateMachine.transition(current.status(), COMPLETED).orThrow();
          return Optional.of(current.withStatus(COMPLETED, clock.now()));
        });
    return score;
  }

  // ---- fail_task
  // ---------------------------------------------------------------------------------

  /**
   * Writes the {@code failed} trace at {@code failedStep}, then moves the task to {@code failed}
   * with the reason. The trace goes first so that an attempt that stops between the two leaves the
   * task non-terminal and the retry completes both; a task already terminal is left alone.
   */
  @Override
  public void fail(TenantId tenant, TaskId id, int failedStep, String reason) {
    requireNonNull(reason, "reason is null");
    if (failedStep < 1 || failedStep > EVALUATE_ORDER) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT,
          "failedStep must be between 1 and " + EVALUATE_ORDER + ": " + failedStep);
    }
    Instant start = clock.now();
    AgentTask task = load(tenant, id);
    if (task.status().isTerminal()) {
      return;
    }
    String why = reason.isBlank() ? "failed without a reason" : cut(reason.strip());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", why);
    details.put("failed_step", failedStep);
    details.put("status_before", task.status().wire());
    writeTrace(
        task,
        StepType.FAILED,
        failedStep,
        traceId(id, StepType.FAILED, failedStep),
        details,
        start);
    change(
        task,
        current -> {
          if (current.status().isTerminal()) {
            return Optional.empty();
          }
          TaskStateMachine.transition(current.status(), FAILED).orThrow();
          Instant now = clock.now();
          return Optional.of(current.withError(why, now).withStatus(FAILED, now));
        });
  }

  // ---- trace ids
  // ---------------------------------------------------------------------------------

  /** The id of the trace a step writes: the same for every attempt of the step. */
  static TraceId traceId(IdGenerator ids, TaskId task, StepType type, int order) {
    return new TraceId(ids.idFor("trace:" + task + ":" + type.wire() + ":" + order));
  }

  /** The id of the trace of the {@code index}-th (0-based) tool call of a step. */
  static TraceId traceId(IdGenerator ids, TaskId task, StepType type, int order, int index) {
    return new TraceId(ids.idFor("trace:" + task + ":" + type.wire() + ":" + order + ":" + index));
  }

  private TraceId traceId(TaskId task, StepType type, int order) {
    return traceId(ids, task, type, order);
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  /** A task update: the task as stored afterwards, and whether this call changed it. */
  private record Change(AgentTask after, boolean applied) {}

  /**
   * Applies {@code decide} to {@code initial} and stores the result; if the update loses an
   * optimistic race, re-reads the task and decides again on what another writer left. {@code
   * decide} returns empty when there is nothing to change (typically: an earlier attempt already
   * did it) and throws to refuse.
   */
  private Change change(AgentTask initial, Function<AgentTask, Optional<AgentTask>> decide) {
    AgentTask current = initial;
    for (int attempt = 1; ; attempt++) {
      Optional<AgentTask> next = decide.apply(current);
      if (next.isEmpty()) {
        return new Change(current, false);
      }
      try {
        return new Change(tasks.update(next.get()), true);
      } catch (ConflictException e) {
        if (e.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt >= MAX_TASK_UPDATE_ATTEMPTS) {
          throw e;
        }
        current = load(current.tenantId(), current.id());
      }
    }
  }

  private AgentTask load(TenantId tenant, TaskId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return tasks
        .find(tenant, id)
        .orElseThrow(() -> new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task " + id));
  }

  private static AgentId assignedAgent(AgentTask task) {
    return task.assignedAgentId()
        .orElseThrow(
            () ->
                new ConflictException(
                    ErrorCode.INVALID_TRANSITION,
                    "task " + task.id() + " has not been dispatched to an agent"));
  }

  private static ConflictException noAgentAvailable(AgentTask task, int considered) {
    String why =
        considered == 0
            ? "the tenant has no agents"
            : "none of the tenant's "
                + considered
                + " agents covers the required capabilities "
                + task.requiredCapabilities();
    return new ConflictException(
        ErrorCode.NO_AGENT_AVAILABLE, "no agent available for task " + task.id() + ": " + why);
  }

  private static String reassigned(AgentId agent) {
    return "agent " + agent + " was assigned by an earlier attempt";
  }

  private static boolean awaitsApproval(AgentTask task) {
    return task.requiresApproval() && task.approvedBy().isEmpty();
  }

  private static AgentTask toWaitingInput(AgentTask task, Instant now) {
    TaskStateMachine.transition(task.status(), WAITING_INPUT).orThrow();
    return task.withStatus(WAITING_INPUT, now);
  }

  private Optional<ExecutionTrace> findTrace(TenantId tenant, TaskId task, TraceId id) {
    return traces.listByTask(tenant, task).stream().filter(t -> t.id().equals(id)).findFirst();
  }

  private void writeTrace(
      AgentTask task,
      StepType type,
      int order,
      TraceId id,
      Map<String, Object> details,
      Instant start) {
    traces.append(
        new ExecutionTrace(
            id,
            task.id(),
            task.tenantId(),
            type,
            order,
            task.assignedAgentId(),
            details,
            millisSince(start),
            start));
  }

  private void writeSkillCallTraces(AgentTask task, AgentId agent, List<ToolCall> calls) {
    Instant at = clock.now();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("tool", call.name());
      details.put("index", i);
      details.put("error", call.error());
      details.put("arguments", TraceRedaction.redact(call.arguments()));
      details.put("result", TraceRedaction.redact(call.result()));
      traces.append(
          new ExecutionTrace(
              traceId(ids, task.id(), StepType.SKILL_CALL, EXECUTE_ORDER, i),
              task.id(),
              task.tenantId(),
              StepType.SKILL_CALL,
              EXECUTE_ORDER,
              Optional.of(agent),
              details,
              0, // the runtime reports no per-call timing
              at));
    }
  }

  private record ToolTally(int calls, int errors) {}

  /** The tool calls of the task's run as its skill-call traces recorded them. */
  private ToolTally toolTally(TenantId tenant, TaskId task) {
    int calls = 0;
    int errors = 0;
    for (ExecutionTrace trace : traces.listByTask(tenant, task)) {
      if (trace.stepType() == StepType.SKILL_CALL) {
        calls++;
        if (Boolean.TRUE.equals(trace.details().get("error"))) {
          errors++;
        }
      }
    }
    return new ToolTally(calls, errors);
  }

  private long millisSince(Instant start) {
    return Math.max(0, Duration.between(start, clock.now()).toMillis());
  }

  /** The given memories of the agent, in the given (relevance) order; unknown ids are ignored. */
  private List<AgentMemory> recalledMemories(
      TenantId tenant, AgentId agent, List<MemoryId> wanted) {
    if (wanted.isEmpty()) {
      return List.of();
    }
    Map<MemoryId, AgentMemory> byId = new HashMap<>();
    for (AgentMemory memory : memories.list(tenant, agent)) {
      byId.put(memory.id(), memory);
    }
    List<AgentMemory> recalled = new ArrayList<>();
    for (MemoryId id : new LinkedHashSet<>(wanted)) {
      AgentMemory memory = byId.get(id);
      if (memory != null) {
        recalled.add(memory);
      }
    }
    return recalled;
  }

  private static List<MemoryId> memoryIds(Object recorded) {
    List<MemoryId> recalled = new ArrayList<>();
    if (recorded instanceof List<?> list) {
      for (Object item : list) {
        recalled.add(MemoryId.parse(String.valueOf(item)));
      }
    }
    return List.copyOf(recalled);
  }

  private String defaultModel(TenantId tenant) {
    return tenants
        .find(tenant)
        .orElseThrow(() -> new NotFoundException(ErrorCode.TENANT_NOT_FOUND, "tenant " + tenant))
        .defaultLlmModel();
  }

  /**
   * The tenant's gateway, when its instance is running and has an address and a token; a task can
   * still run on a runtime that needs no gateway otherwise.
   */
  private Optional<GatewayEndpoint> gateway(TenantId tenant) {
    Optional<TenantInstance> running =
        instances
            .findByTenant(tenant)
            .filter(i -> i.status() == InstanceStatus.RUNNING)
            .filter(i -> i.internalUrl().isPresent());
    if (running.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(endpoints.of(running.get()));
    } catch (ConflictException noTokenAtHand) {
      return Optional.empty();
    }
  }

  private static Map<String, Object> outputOf(AgentRunResult result) {
    Map<String, Object> output = new LinkedHashMap<>(result.output());
    if (!result.finalText().isBlank() || !(output.get("text") instanceof String)) {
      output.put("text", result.finalText());
    }
    return output;
  }

  private static String textOf(Map<String, Object> output) {
    return output.get("text") instanceof String text ? text : "";
  }

  private static String experience(AgentTask task, double score) {
    String text = textOf(task.output()).strip().replaceAll("\\s+", " ");
    return String.format(
        Locale.ROOT,
        "%s task \"%s\" scored %.2f%s",
        task.taskType(),
        shorten(task.objective().strip().replaceAll("\\s+", " "), 200),
        score,
        text.isEmpty() ? " without a text answer." : ". Answer: " + shorten(text, 300));
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + TaskPrompt.CUT_MARK;
  }

  private static String cut(String reason) {
    return shorten(reason, MAX_REASON_CHARS);
  }

  /**
   * Folds the score into the agent's statistics for each skill: one more use, one more success if
   * the evaluation counts as one, proficiency the running mean of scores. Retries when another
   * evaluation updated the agent meanwhile; gives up (and says so in the trace) if the agent is
   * gone or the races do not end, because the task is already complete and must stay so.
   */
  private boolean learn(
      TenantId tenant, AgentId agentId, List<String> skills, double score, boolean success) {
    for (int attempt = 1; attempt <= MAX_AGENT_UPDATE_ATTEMPTS; attempt++) {
      Optional<Agent> found = agents.find(tenant, agentId);
      if (found.isEmpty()) {
        return false;
      }
      Agent agent = found.get();
      Map<String, SkillStats> stats = new HashMap<>(agent.skillStats());
      for (String skill : skills) {
        String key =
            Capabilities.find(agent.skillStats().keySet(), skill)
                .or(() -> Capabilities.find(agent.capabilities(), skill))
                .orElse(skill);
        SkillStats old = stats.getOrDefault(key, SkillStats.NEW);
        double proficiency = (old.proficiency() * old.timesUsed() + score) / (old.timesUsed() + 1);
        stats.put(
            key,
            new SkillStats(
                old.timesUsed() + 1,
                old.successes() + (success ? 1 : 0),
                Math.max(0.0, Math.min(1.0, proficiency))));
      }
      try {
        agents.update(agent.withSkillStats(stats, clock.now()));
        return true;
      } catch (NotFoundException e) {
        return false;
      } catch (ConflictException e) {
        if (e.code() != ErrorCode.CONCURRENT_MODIFICATION) {
          throw e;
        }
      }
    }
    return false;
  }

  private static int orderOf(String step) {
    return WorkflowCatalog.TASK_EXECUTION.step(step).order();
  }
}
