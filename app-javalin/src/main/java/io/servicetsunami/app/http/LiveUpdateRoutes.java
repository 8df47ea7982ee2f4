package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotAcceptableResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.servicetsunami.app.http.AgentTaskRoutes.TaskResponse;
import io.servicetsunami.app.http.AgentTaskRoutes.TraceResponse;
import io.servicetsunami.app.http.InstanceRoutes.InstanceResponse;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.GetTaskTraceUseCase;
import io.servicetsunami.ports.in.GetTaskUseCase;
import io.servicetsunami.ports.in.ListInstancesUseCase;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates as Server-Sent Events, tenant-scoped like every route (bearer token in the {@code
 * Authorization} header; another tenant's task is a 404 problem before any stream opens). The
 * client must accept {@code text/event-stream}.
 *
 * <p>{@code GET /api/v1/agent-tasks/{id}/events}:
 *
 * <ul>
 *   <li>{@code event: status}, data the task as {@code GET /api/v1/agent-tasks/{id}} returns it:
 *       first on connect, then whenever its status or {@code updated_at} changes;
 *   <li>{@code event: trace}, {@code id:} the trace's id, data one execution trace as {@code
 *       …/trace} lists it: each trace once, in step order, as it is written. A client reconnecting
 *       with {@code Last-Event-ID} gets only the traces after that one;
 *   <li>{@code event: end}, data {@code {"status": "completed"}} (or {@code failed}), once the task
 *       is terminal and its closing trace was sent; then the stream closes. (An {@code EventSource}
 *       should close on {@code end}, or it would reconnect.)
 * </ul>
 *
 * <p>{@code GET /api/v1/events/instances}: {@code event: instance}, data the instance as {@code GET
 * /api/v1/instances/{id}} returns it, for each of the tenant's instances on connect and whenever
 * its status or {@code updated_at} changes; {@code event: instance_deleted}, data {@code {"id":
 * "…"}}, when one is gone. It stays open until the client leaves.
 *
 * <p>Both streams poll the use cases at a short interval ({@value #TASK_POLL_MILLIS} ms for a task,
 * {@value #INSTANCE_POLL_MILLIS} ms for instances) rather than hooking a notification into the
 * core: the repositories are the one source of truth, written by workflow workers that may run in
 * another process, and a poll of one task or one tenant's instance is an indexed read. A {@code :
 * keep-alive} comment goes out every {@value #KEEP_ALIVE_SECONDS} s so that proxies keep the
 * connection and a departed client is noticed.
 */
public final class LiveUpdateRoutes implements RouteGroup {

  static final long TASK_POLL_MILLIS = 250;
  static final long INSTANCE_POLL_MILLIS = 1_000;
  static final long KEEP_ALIVE_SECONDS = 15;

  private static final Logger LOG = LoggerFactory.getLogger(LiveUpdateRoutes.class);

  private final ObjectMapper mapper;
  private final GetTaskUseCase tasks;
  private final GetTaskTraceUseCase traces;
  private final ListInstancesUseCase instances;

  /**
   * Set when the server begins to stop: open streams end at their next poll instead of polling a
   * closing database until a write to the gone client fails.
   */
  private volatile boolean stopping;

  @Inject
  public LiveUpdateRoutes(
      ObjectMapper mapper,
      GetTaskUseCase tasks,
      GetTaskTraceUseCase traces,
      ListInstancesUseCase instances) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.traces = requireNonNull(traces, "traces is null");
    this.instances = requireNonNull(instances, "instances is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.javalin().events.serverStopping(() -> stopping = true);
    routes.get(ApiRoutes.API + "/agent-tasks/{id}/events", this::taskEvents);
    routes.get(ApiRoutes.API + "/events/instances", this::instanceEvents);
  }

  void taskEvents(Context ctx, Principal principal) {
    TenantId tenant = principal.tenantId();
    TaskId id = Requests.id(ctx, "id", TaskId::parse, ErrorCode.TASK_NOT_FOUND);
    tasks.get(tenant, id); // a 404 problem, not an empty stream, for a task that is not theirs
    requireEventStream(ctx);
    String lastEventId = ctx.header("Last-Event-ID");
    new SseHandler(client -> new TaskStream(client, tenant, id, lastEventId).run()).handle(ctx);
  }

  void instanceEvents(Context ctx, Principal principal) {
    requireEventStream(ctx);
    TenantId tenant = principal.tenantId();
    new SseHandler(client -> new InstanceStream(client, tenant).run()).handle(ctx);
  }

  private static void requireEventStream(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new NotAcceptableResponse("this is an event stream: send Accept: text/event-stream");
    }
  }

  /** Polls until done or the client leaves; runs on the request's async thread. */
  private abstract class Stream {
    final SseClient client;
    private long lastKeepAlive = System.nanoTime();

    Stream(SseClient client) {
      this.client = client;
    }

    /** One poll; false once the stream is complete. */
    abstract boolean poll();

    abstract long intervalMillis();

    final void run() {
      try {
        while (!client.terminated() && !stopping) {
          boolean more;
          try {
            more = poll();
          } catch (NotFoundException e) {
            send("end", Map.of("status", "gone"), null);
            return;
          } catch (RuntimeException e) {
            // A failed read (database restarting, say) is retried at the next poll; the client
            // keeps its stream.
            LOG.warn("live update poll failed: {}", e.getMessage());
            more = true;
          }
          if (!more) {
            return;
          }
          if (System.nanoTime() - lastKeepAlive
              > Duration.ofSeconds(KEEP_ALIVE_SECONDS).toNanos()) {
            client.sendComment("keep-alive");
            lastKeepAlive = System.nanoTime();
          }
          Thread.sleep(intervalMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        client.close();
      }
    }

    final void send(String event, Object data, String id) {
      String json;
      try {
        json = mapper.writeValueAsString(data);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise a " + event + " event", e);
      }
      if (id == null) {
        client.sendEvent(event, json);
      } else {
        client.sendEvent(event, json, id);
      }
      lastKeepAlive = System.nanoTime();
    }
  }

  private final class TaskStream extends Stream {
    private final TenantId tenant;
    private final TaskId id;
    private final String lastEventId;
    private final Set<String> sentTraces = new HashSet<>();
    private boolean resumed;
    private String lastStatus;

    TaskStream(SseClient client, TenantId tenant, TaskId id, String lastEventId) {
      super(client);
      this.tenant = tenant;
      this.id = id;
      this.lastEventId = lastEventId;
    }

    @Override
    long intervalMillis() {
      return TASK_POLL_MILLIS;
    }

    @Override
    boolean poll() {
      // The task before its traces: the core writes a task's closing trace before its terminal
      // status, so once the status read here is terminal the traces read after it are complete.
      AgentTask task = tasks.get(tenant, id);
      List<ExecutionTrace> written = traces.trace(tenant, id);
      if (!resumed) {
        resumed = true;
        skipUpTo(written, lastEventId);
      }
      for (ExecutionTrace trace : written) {
        if (sentTraces.add(trace.id().toString())) {
          send("trace", TraceResponse.of(trace), trace.id().toString());
        }
      }
      String status = task.status().wire() + "@" + task.updatedAt();
      if (!status.equals(lastStatus)) {
        lastStatus = status;
        send("status", TaskResponse.of(task), null);
      }
      if (!task.status().isTerminal()) {
        return true;
      }
      send("end", Map.of("status", task.status().wire()), null);
      return false;
    }

    private void skipUpTo(List<ExecutionTrace> written, String lastId) {
      if (lastId == null || written.stream().noneMatch(t -> t.id().toString().equals(lastId))) {
        return;
      }
      for (ExecutionTrace trace : written) {
        sentTraces.add(trace.id().toString());
        if (trace.id().toString().equals(lastId)) {
          return;
        }
      }
    }
  }

  private final class InstanceStream extends Stream {
    private final TenantId tenant;
    private final Map<String, String> known = new HashMap<>();

    InstanceStream(SseClient client, TenantId tenant) {
      super(client);
      this.tenant = tenant;
    }

    @Override
    long intervalMillis() {
      return INSTANCE_POLL_MILLIS;
    }

    @Override
    boolean poll() {
      Set<String> present = new HashSet<>();
      for (TenantInstance instance : instances.list(tenant)) {
        String key = instance.id().toString();
        present.add(key);
        String state = instance.status().wire() + "@" + instance.updatedAt();
        if (!state.equals(known.put(key, state))) {
          send("instance", InstanceResponse.of(instance, null), null);
        }
      }
      for (String gone : Set.copyOf(known.keySet())) {
        if (!present.contains(gone)) {
          known.remove(gone);
          send("instance_deleted", Map.of("id", gone), null);
        }
      }
      return true;
    }
  }
}
