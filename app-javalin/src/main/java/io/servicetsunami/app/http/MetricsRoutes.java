package io.servicetsunami.app.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /metrics} in the Prometheus text format (0.0.4): every request counted and timed by
 * method, route and status, and the JVM's memory, threads, garbage collections, loaded classes and
 * uptime. Public like {@code /health}: it names route templates ({@code /api/v1/agent-tasks/{id}}),
 * never ids, tenants or query strings.
 *
 * <p>Requests are measured by Javalin's request logger, which runs once per request after its
 * handler and exception mapping, so failures count with the status they were answered with. A
 * request no route matched counts under the route {@code unmatched}, so that probing random paths
 * cannot grow the label set.
 */
public final class MetricsRoutes implements RouteGroup {

  static final String PATH = "/metrics";
  static final String UNMATCHED = "unmatched";

  /** The app's own registry, not the library's global one: two apps in one JVM stay apart. */
  private final CollectorRegistry registry = new CollectorRegistry(true);

  private final Counter requests =
      Counter.build()
          .name("http_requests_total")
          .help("HTTP requests answered, by method, route template and status.")
          .labelNames("method", "route", "status")
          .register(registry);

  private final Histogram latency =
      Histogram.build()
          .name("http_request_duration_seconds")
          .help("Time to answer an HTTP request, by method, route template and status.")
          .labelNames("method", "route", "status")
          .register(registry);

  @Inject
  public MetricsRoutes() {
    new JvmCollector().register(registry);
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.javalin().requestLogger.http(this::observe);
    routes.publicGet(PATH, this::scrape);
  }

  void observe(Context ctx, Float millis) {
    String method = ctx.method().name();
    String route = route(ctx);
    String status = Integer.toString(ctx.statusCode());
    requests.labels(method, route, status).inc();
    latency.labels(method, route, status).observe(millis == null ? 0 : millis / 1000.0);
  }

  void scrape(Context ctx) {
    StringWriter text = new StringWriter();
    try {
      TextFormat.write004(text, registry.metricFamilySamples());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.contentType(TextFormat.CONTENT_TYPE_004).result(text.toString());
  }

  private static String route(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoint();
      return endpoint == null || ctx.statusCode() == 404 && endpoint.path.equals("*")
          ? UNMATCHED
          : endpoint.path;
    } catch (RuntimeException e) {
      // No endpoint matched (404 or 405 before routing).
      return UNMATCHED;
    }
  }

  /** The JVM basics, read from the platform MXBeans at each scrape. */
  static final class JvmCollector extends Collector {

    @Override
    public List<MetricFamilySamples> collect() {
      List<MetricFamilySamples> families = new ArrayList<>();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      GaugeMetricFamily used =
          new GaugeMetricFamily(
              "jvm_memory_bytes_used", "Used bytes of a JVM memory area.", List.of("area"));
      GaugeMetricFamily committed =
          new GaugeMetricFamily(
              "jvm_memory_bytes_committed",
              "Committed bytes of a JVM memory area.",
              List.of("area"));
      GaugeMetricFamily max =
          new GaugeMetricFamily(
              "jvm_memory_bytes_max",
              "Maximum bytes of a JVM memory area (-1 if unbounded).",
              List.of("area"));
      for (String area : List.of("heap", "nonheap")) {
        MemoryUsage usage =
            area.equals("heap") ? memory.getHeapMemoryUsage() : memory.getNonHeapMemoryUsage();
        used.addMetric(List.of(area), usage.getUsed());
        committed.addMetric(List.of(area), usage.getCommitted());
        max.addMetric(List.of(area), usage.getMax());
      }
      families.add(used);
      families.add(committed);
      families.add(max);

      families.add(
          new GaugeMetricFamily(
              "jvm_threads_current",
              "Live JVM threads.",
              ManagementFactory.getThreadMXBean().getThreadCount()));
      families.add(
          new GaugeMetricFamily(
              "jvm_classes_loaded",
              "Classes currently loaded.",
              ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()));
      families.add(
          new GaugeMetricFamily(
              "process_uptime_seconds",
              "Seconds since the JVM started.",
              ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));

      CounterMetricFamily collections =
          new CounterMetricFamily(
              "jvm_gc_collections", "Garbage collections, by collector.", List.of("gc"));
      CounterMetricFamily collectionSeconds =
          new CounterMetricFamily(
              "jvm_gc_collection_seconds",
              "Time spent in garbage collection, by collector.",
              List.of("gc"));
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        String name = gc.getName().replace(' ', '_').toLowerCase(Locale.ROOT);
        collections.addMetric(List.of(name), Math.max(0, gc.getCollectionCount()));
        collectionSeconds.addMetric(List.of(name), Math.max(0, gc.getCollectionTime()) / 1000.0);
      }
      families.add(collections);
      families.add(collectionSeconds);
      return families;
    }
  }
}
