package io.servicetsunami.adapters.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigQuery stand-in on 127.0.0.1 for Google's client library: an OAuth token endpoint for
 * service-account JWT grants, and the REST API v2 calls a query makes — {@code tables.get}, {@code
 * jobs.insert} (runs the statement shape the connector sends against an in-memory table), {@code
 * jobs.get}, {@code jobs.getQueryResults} and {@code tabledata.list}, paged by {@code maxResults}
 * and {@code pageToken}. Requests without the bearer token it issued are refused with 401.
 */
final class FakeBigQueryServer implements AutoCloseable {

  /** A column: name, BigQuery type, mode, sub-fields for RECORD. */
  record FakeField(String name, String type, String mode, List<FakeField> fields) {
    FakeField(String name, String type) {
      this(name, type, "NULLABLE", List.of());
    }
  }

  record Received(String method, String path, Map<String, String> query, JsonNode body) {}

  private record Result(List<FakeField> fields, List<List<Object>> rows) {}

  static final String TOKEN = "ya29.c.fake-access-token-for-tests";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SELECT =
      Pattern.compile(
          "SELECT (.+) FROM `([^`]+)`\\.`([^`]+)`\\.`([^`]+)`(?: WHERE `([^`]+)` >= @since)?");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, List<FakeField>> schemas = new LinkedHashMap<>();
  private final Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
  private final Map<String, Result> jobs = new LinkedHashMap<>();
  private final List<Received> received = new ArrayList<>();
  private int failuresToInject;
  private boolean denyJobs;

  FakeBigQueryServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String root() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void table(
      String project,
      String dataset,
      String table,
      List<FakeField> fields,
      List<List<Object>> rows) {
    String key = project + "." + dataset + "." + table;
    schemas.put(key, fields);
    tables.put(key, rows);
  }

  /** The next {@code count} API calls answer 503 backendError. */
  synchronized void failNext(int count) {
    failuresToInject = count;
  }

  /** {@code jobs.insert} answers 403 accessDenied. */
  synchronized void denyJobs() {
    denyJobs = true;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  static String fixture(String name) {
    try (InputStream in = FakeBigQueryServer.class.getResourceAsStream("/bigquery/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      serve(exchange);
    } catch (IOException | RuntimeException e) {
      // A bug in the fake should fail the test loudly, not look like a network fault.
      e.printStackTrace();
      send(exchange, 500, "{\"error\":{\"code\":500,\"message\":\"fake failed: " + e + "\"}}");
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        raw =
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
      }
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
      JsonNode body =
          raw.length == 0 || !contentType.contains("json")
              ? JSON.createObjectNode()
              : JSON.readTree(raw);
      if (path.equals("/token")) {
        query.putAll(query(new String(raw, StandardCharsets.UTF_8)));
      }
      synchronized (this) {
        received.add(new Received(exchange.getRequestMethod(), path, query, body));
      }
      if (path.equals("/token")) {
        boolean grant =
            "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(query.get("grant_type"))
                && query.getOrDefault("assertion", "").split("\\.").length == 3;
        send(
            exchange,
            grant ? 200 : 400,
            grant ? fixture("token.json") : "{\"error\":\"invalid_grant\"}");
        return;
      }
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(
            exchange,
            401,
            "{\"error\":{\"code\":401,\"message\":\"Request is missing required authentication credential.\",\"errors\":[{\"message\":\"Login Required.\",\"domain\":\"global\",\"reason\":\"required\"}],\"status\":\"UNAUTHENTICATED\"}}");
        return;
      }
      synchronized (this) {
        if (failuresToInject > 0) {
          failuresToInject--;
          send(exchange, 503, fixture("error-backend.json"));
          return;
        }
      }
      String[] p = path.replaceFirst("^/bigquery/v2/", "").split("/");
      String answer;
      int status = 200;
      synchronized (this) {
        if (p.length == 6 && p[2].equals("datasets") && p[4].equals("tables")) {
          answer = table(p[1], p[3], p[5]);
        } else if (p.length == 7 && p[6].equals("data")) {
          answer = page(p[1] + "." + p[3] + "." + p[5], query, "tabledata.json");
        } else if (p.length == 3 && p[2].equals("jobs") && denyJobs) {
          status = 403;
          answer = fixture("error-access-denied.json").replace("PROJECT", p[1]);
        } else if (p.length == 3
            && p[2].equals("jobs")
            && exchange.getRequestMethod().equals("POST")) {
          answer = insert(p[1], body);
        } else if (p.length == 4 && p[2].equals("jobs")) {
          answer = job(p[1], p[3], "");
        } else if (p.length == 4 && p[2].equals("queries")) {
          answer = page(p[3], query, "query-results.json");
        } else {
          answer = "{\"error\":{\"code\":400,\"message\":\"unexpected call " + path + "\"}}";
        }
        if (answer == null) {
          status = 404;
          answer = fixture("error-not-found.json");
        }
      }
      send(exchange, status, answer);
    }
  }

  private String table(String project, String dataset, String table) throws IOException {
    List<FakeField> fields = schemas.get(project + "." + dataset + "." + table);
    if (fields == null) {
      return null;
    }
    ObjectNode resource =
        (ObjectNode)
            JSON.readTree(
                fixture("table.json")
                    .replace("__PROJECT__", project)
                    .replace("__DATASET__", dataset)
                    .replace("__TABLE__", table));
    ((ObjectNode) resource.get("schema")).set("fields", schema(fields));
    resource.put(
        "numRows", String.valueOf(tables.get(project + "." + dataset + "." + table).size()));
    return JSON.writeValueAsString(resource);
  }

  private String insert(String project, JsonNode body) throws IOException {
    JsonNode configuration = body.path("configuration").path("query");
    String sql = configuration.path("query").asText();
    Matcher select = SELECT.matcher(sql);
    if (!select.matches()) {
      return "{\"error\":{\"code\":400,\"message\":\"Syntax error: unexpected statement\",\"errors\":[{\"reason\":\"invalidQuery\"}]}}";
    }
    String key = select.group(2) + "." + select.group(3) + "." + select.group(4);
    List<FakeField> fields = schemas.get(key);
    if (fields == null) {
      return null;
    }
    List<List<Object>> rows = new ArrayList<>(tables.get(key));
    if (select.group(5) != null) {
      int index = 0;
      while (!fields.get(index).name().equals(select.group(5))) {
        index++;
      }
      JsonNode parameter = configuration.path("queryParameters").get(0);
      Object bound =
          parse(fields.get(index).type(), parameter.path("parameterValue").path("value").asText());
      int at = index;
      rows.removeIf(row -> row.get(at) == null || compare(row.get(at), bound) < 0);
    }
    String jobId = body.path("jobReference").path("jobId").asText("job_" + jobs.size());
    jobs.put(jobId, new Result(fields, rows));
    return job(project, jobId, sql);
  }

  private String job(String project, String jobId, String sql) throws IOException {
    if (!jobs.containsKey(jobId)) {
      return null;
    }
    ObjectNode job =
        (ObjectNode)
            JSON.readTree(
                fixture("job-done.json").replace("__PROJECT__", project).replace("__JOB__", jobId));
    ((ObjectNode) job.path("configuration").path("query")).put("query", sql);
    return JSON.writeValueAsString(job);
  }

  /** A page of a job's rows ({@code jobs.getQueryResults}) or of a destination table. */
  private String page(String key, Map<String, String> query, String fixture) throws IOException {
    Result result = jobs.get(key);
    if (result == null && key.contains(".anon")) {
      result = jobs.values().stream().reduce((a, b) -> b).orElse(null);
    }
    if (result == null) {
      return null;
    }
    int from = Integer.parseInt(query.getOrDefault("pageToken", "0"));
    int size = Integer.parseInt(query.getOrDefault("maxResults", "100000"));
    int to = Math.min(result.rows().size(), from + size);
    boolean int64Timestamps = "true".equals(query.get("formatOptions.useInt64Timestamp"));
    ObjectNode page =
        (ObjectNode)
            JSON.readTree(fixture(fixture).replace("__PROJECT__", "p").replace("__JOB__", key));
    if (page.has("schema")) {
      ((ObjectNode) page.get("schema")).set("fields", schema(result.fields()));
    }
    page.put("totalRows", String.valueOf(result.rows().size()));
    ArrayNode rows = page.putArray("rows");
    for (List<Object> row : result.rows().subList(from, to)) {
      rows.add(record(result.fields(), row, int64Timestamps));
    }
    if (to < result.rows().size()) {
      page.put("pageToken", String.valueOf(to));
    }
    return JSON.writeValueAsString(page);
  }

  private static ArrayNode schema(List<FakeField> fields) {
    ArrayNode array = JSON.createArrayNode();
    for (FakeField field : fields) {
      ObjectNode node =
          array
              .addObject()
              .put("name", field.name())
              .put("type", field.type())
              .put("mode", field.mode());
      if (!field.fields().isEmpty()) {
        node.set("fields", schema(field.fields()));
      }
    }
    return array;
  }

  @SuppressWarnings("unchecked")
  private static ObjectNode record(
      List<FakeField> fields, List<Object> row, boolean int64Timestamps) {
    ObjectNode record = JSON.createObjectNode();
    ArrayNode cells = record.putArray("f");
    for (int i = 0; i < fields.size(); i++) {
      FakeField field = fields.get(i);
      Object value = row.get(i);
      ObjectNode cell = cells.addObject();
      if (value == null) {
        cell.putNull("v");
      } else if (field.mode().equals("REPEATED")) {
        ArrayNode items = cell.putArray("v");
        for (Object item : (List<Object>) value) {
          items.addObject().put("v", encode(field.type(), item, int64Timestamps));
        }
      } else if (field.type().equals("RECORD")) {
        cell.set("v", record(field.fields(), (List<Object>) value, int64Timestamps));
      } else {
        cell.put("v", encode(field.type(), value, int64Timestamps));
      }
    }
    return record;
  }

  private static String encode(String type, Object value, boolean int64Timestamps) {
    return switch (type) {
      case "BYTES" -> Base64.getEncoder().encodeToString((byte[]) value);
      case "TIMESTAMP" -> {
        Instant instant = (Instant) value;
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        yield int64Timestamps
            ? String.valueOf(micros)
            : new BigDecimal(micros)
                .movePointLeft(6)
                .stripTrailingZeros()
                .toString()
                .replace("E+", "E");
      }
      case "DATETIME" -> ((LocalDateTime) value).toString();
      default -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    };
  }

  private static Object parse(String type, String text) {
    return switch (type) {
      case "TIMESTAMP" ->
          OffsetDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant();
      case "DATETIME" -> LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      case "DATE" -> LocalDate.parse(text);
      case "INT64", "INTEGER", "NUMERIC", "BIGNUMERIC", "FLOAT64", "FLOAT" -> new BigDecimal(text);
      default -> text;
    };
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object cell, Object bound) {
    if (cell instanceof LocalDateTime local) {
      cell = local.toInstant(ZoneOffset.UTC);
    }
    if (cell instanceof Number a && bound instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    return ((Comparable<Object>) cell).compareTo(bound);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
