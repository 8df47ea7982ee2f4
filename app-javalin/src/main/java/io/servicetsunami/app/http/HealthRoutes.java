package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /health}: the process answers (liveness). {@code GET /ready}: every readiness check
 * passes (200), else 503 with the checks that fail; both without a token, for load balancers and
 * probes.
 */
public final class HealthRoutes implements RouteGroup {

  record Readiness(String status, Map<String, String> checks) {}

  private final List<ReadinessCheck> checks;

  @Inject
  public HealthRoutes(Set<ReadinessCheck> checks) {
    this.checks =
        requireNonNull(checks, "checks is null").stream()
            .sorted(Comparator.comparing(ReadinessCheck::name))
            .toList();
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.publicGet("/health", ctx -> ctx.json(Map.of("status", "ok")));
    routes.publicGet("/ready", this::ready);
  }

  private void ready(Context ctx) {
    Map<String, String> results = new LinkedHashMap<>();
    boolean all = true;
    for (ReadinessCheck check : checks) {
      boolean ok = check.ready();
      all &= ok;
      results.put(check.name(), ok ? "ok" : "unavailable");
    }
    ctx.header("Cache-Control", "no-store")
        .status(all ? 200 : 503)
        .json(new Readiness(all ? "ready" : "not_ready", results));
  }
}
