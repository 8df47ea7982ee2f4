package io.servicetsunami.app.config;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.core.task.AgentRuntimes;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which agent runtime runs each task, as configured: {@code AGENT_RUNTIME} ({@code adk} or {@code
 * openclaw}) for every task, unless {@code AGENT_RUNTIME_OVERRIDES} names another for a tenant or
 * an agent, e.g. {@code tenant:<uuid>=openclaw,agent:<uuid>=adk}. The core applies the policy (an
 * agent's override wins over its tenant's); here it is only read and checked.
 *
 * @param defaultKind {@code AGENT_RUNTIME}; empty: ADK when an ADK server is configured, else
 *     OpenClaw
 */
public record AgentRuntimeConfig(
    Optional<AgentRuntimeKind> defaultKind,
    Map<TenantId, AgentRuntimeKind> byTenant,
    Map<AgentId, AgentRuntimeKind> byAgent) {

  static final String OVERRIDES_FORMAT =
      "expected comma-separated tenant:<uuid>=<runtime> or agent:<uuid>=<runtime>"
          + " with runtime adk or openclaw";

  /** Nothing set: the runtime follows {@code ADK_BASE_URL} for every task. */
  public static final AgentRuntimeConfig AUTOMATIC =
      new AgentRuntimeConfig(Optional.empty(), Map.of(), Map.of());

  public AgentRuntimeConfig {
    requireNonNull(defaultKind, "defaultKind is null");
    byTenant = Map.copyOf(requireNonNull(byTenant, "byTenant is null"));
    byAgent = Map.copyOf(requireNonNull(byAgent, "byAgent is null"));
  }

  /**
   * Reads {@code AGENT_RUNTIME} and {@code AGENT_RUNTIME_OVERRIDES}.
   *
   * @throws ConfigException one line naming the setting and the bad value
   */
  public static AgentRuntimeConfig fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    Optional<AgentRuntimeKind> defaultKind =
        text(env.get("AGENT_RUNTIME")).map(v -> kind("AGENT_RUNTIME", v));
    Map<TenantId, AgentRuntimeKind> byTenant = new LinkedHashMap<>();
    Map<AgentId, AgentRuntimeKind> byAgent = new LinkedHashMap<>();
    Optional<String> overrides = text(env.get("AGENT_RUNTIME_OVERRIDES"));
    if (overrides.isPresent()) {
      for (String raw : overrides.get().split(",", -1)) {
        String entry = raw.strip();
        int eq = entry.indexOf('=');
        int colon = entry.indexOf(':');
        if (eq < 0 || colon < 0 || colon > eq) {
          throw badOverride(entry, OVERRIDES_FORMAT);
        }
        String scope = entry.substring(0, colon).strip();
        String id = entry.substring(colon + 1, eq).strip();
        AgentRuntimeKind kind = overrideKind(entry, entry.substring(eq + 1).strip());
        switch (scope) {
          case "tenant" -> {
            if (byTenant.put(overrideId(entry, id, TenantId::parse), kind) != null) {
              throw badOverride(entry, "tenant " + id + " is named twice");
            }
          }
          case "agent" -> {
            if (byAgent.put(overrideId(entry, id, AgentId::parse), kind) != null) {
              throw badOverride(entry, "agent " + id + " is named twice");
            }
          }
          default -> throw badOverride(entry, OVERRIDES_FORMAT);
        }
      }
    }
    return new AgentRuntimeConfig(defaultKind, byTenant, byAgent);
  }

  /** The core's policy: the default resolved against whether an ADK server is configured. */
  public AgentRuntimes.Policy policy(boolean adkConfigured) {
    AgentRuntimeKind resolved =
        defaultKind.orElse(adkConfigured ? AgentRuntimeKind.ADK : AgentRuntimeKind.OPENCLAW);
    return new AgentRuntimes.Policy(resolved, byTenant, byAgent);
  }

  private static AgentRuntimeKind kind(String setting, String value) {
    try {
      return AgentRuntimeKind.fromWire(value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(setting + " must be adk or openclaw: " + value);
    }
  }

  private static AgentRuntimeKind overrideKind(String entry, String value) {
    try {
      return AgentRuntimeKind.fromWire(value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw badOverride(entry, "runtime must be adk or openclaw: '" + value + "'");
    }
  }

  private static <T> T overrideId(String entry, String id, Function<String, T> parse) {
    try {
      return parse.apply(id);
    } catch (IllegalArgumentException e) {
      throw badOverride(entry, "'" + id + "' is not a UUID");
    }
  }

  private static ConfigException badOverride(String entry, String why) {
    return new ConfigException(
        "AGENT_RUNTIME_OVERRIDES: "
            + (entry.isEmpty() ? "empty entry" : "'" + entry + "'")
            + ": "
            + why);
  }

  private static Optional<String> text(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }
}
