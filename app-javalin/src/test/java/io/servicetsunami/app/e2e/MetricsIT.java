package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.app.e2e.RunningApp.Reply;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of the assembled app over real HTTP, read as Prometheus text 0.0.4. */
class MetricsIT {

  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)"
              + "(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*\\})?"
              + " (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(UnaryOperator.identity());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void metricsAreValidPrometheusTextAndCountRequestsByRouteAndStatus() {
    String token = app.newTenantToken("Metered");
    String pipeline = "/api/v1/data-pipelines/{id}";
    Map<String, Double> before = scrape();

    for (int i = 0; i < 3; i++) {
      Reply missing = app.send("GET", "/api/v1/data-pipelines/" + UUID.randomUUID(), token, null);
      assertThat(missing.status()).isEqualTo(404);
    }
    assertThat(app.send("GET", "/api/v1/data-pipelines/", token, null).status()).isEqualTo(200);
    assertThat(app.send("GET", "/api/v1/data-pipelines/", null, null).status()).isEqualTo(401);
    assertThat(app.send("GET", "/no/such/" + UUID.randomUUID(), null, null).status())
        .isEqualTo(404);

    Map<String, Double> after = scrape();
    assertThat(delta(before, after, requests("GET", pipeline, "404"))).isEqualTo(3);
    assertThat(delta(before, after, requests("GET", "/api/v1/data-pipelines", "200"))).isEqualTo(1);
    assertThat(delta(before, after, requests("GET", "/api/v1/data-pipelines", "401"))).isEqualTo(1);
    assertThat(delta(before, after, requests("GET", "unmatched", "404"))).isEqualTo(1);
    // Latencies: the histogram counts the same requests, and its buckets are cumulative.
    assertThat(
            delta(
                before,
                after,
                "http_request_duration_seconds_count{method=\"GET\",route=\""
                    + pipeline
                    + "\",status=\"404\",}"))
        .isEqualTo(3);
    assertThat(
            after.get(
                "http_request_duration_seconds_bucket{method=\"GET\",route=\""
                    + pipeline
                    + "\",status=\"404\",le=\"+Inf\",}"))
        .isGreaterThanOrEqualTo(3);
    // No id, random path or token becomes a label.
    assertThat(after.keySet()).noneMatch(name -> name.contains("/no/such/"));
    assertThat(after.get("jvm_memory_bytes_used{area=\"heap\",}")).isPositive();
    assertThat(after.get("jvm_threads_current")).isPositive();
    assertThat(after.get("process_uptime_seconds")).isPositive();
  }

  private static String requests(String method, String route, String status) {
    return "http_requests_total{method=\""
        + method
        + "\",route=\""
        + route
        + "\",status=\""
        + status
        + "\",}";
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
    assertThat(after).as("no sample " + key).containsKey(key);
    return after.get(key) - before.getOrDefault(key, 0.0);
  }

  /** Every line must be a HELP, a TYPE or a sample of a declared family; returns the samples. */
  private static Map<String, Double> scrape() {
    Reply reply = app.raw("GET", "/metrics", null, "text/plain", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    Map<String, Double> samples = new HashMap<>();
    Set<String> families = new HashSet<>();
    for (String line : reply.text().split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        assertThat(families.add(type.group(1))).as("declared twice: " + line).isTrue();
        continue;
      }
      if (HELP.matcher(line).matches()) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as("not a Prometheus sample line: " + line).isTrue();
      String name = sample.group(1);
      assertThat(families)
          .as("sample of an undeclared family: " + line)
          .anyMatch(f -> name.equals(f) || name.startsWith(f + "_"));
      samples.put(
          name + (sample.group(2) == null ? "" : sample.group(2)),
          Double.parseDouble(sample.group(3).replace("+Inf", "Infinity")));
    }
    assertThat(families).contains("http_requests_total", "http_request_duration_seconds");
    return samples;
  }
}
