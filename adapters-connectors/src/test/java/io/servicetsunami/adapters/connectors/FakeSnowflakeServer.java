package io.servicetsunami.adapters.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A Snowflake stand-in on 127.0.0.1 speaking the HTTP/JSON protocol of Snowflake's JDBC driver:
 * {@code POST /session/v1/login-request} (checks user and password, hands out a session token),
 * {@code POST /queries/v1/query-request} (checks the token; answers the two statement shapes the
 * connector sends from an in-memory table, in the JSON result format, with results past {@link
 * #INLINE_ROWS} rows in gzipped chunks the driver downloads from {@code GET /chunks/…}); session
 * close, heartbeat and telemetry are acknowledged. Every request is recorded.
 */
final class FakeSnowflakeServer implements AutoCloseable {

  static final int INLINE_ROWS = 100;
  static final int CHUNK_ROWS = 1_000;

  /** A column: name, Snowflake type as in {@code rowtype}, precision and scale. */
  record FakeColumn(String name, String type, int precision, int scale) {}

  record FakeTable(List<FakeColumn> columns, List<List<Object>> rows) {}

  record Received(String path, String query, Map<String, String> headers, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COLUMNS = Pattern.compile("SELECT \\* FROM (\\S+) LIMIT 0");
  private static final Pattern SELECT =
      Pattern.compile(
          "SELECT (.+) FROM (\\S+)(?: WHERE \"([^\"]+)\" >= (TO_TIMESTAMP_NTZ\\(\\?\\)|TO_TIMESTAMP_LTZ\\(\\?\\)|TO_TIMESTAMP_TZ\\(\\?\\)|TO_DATE\\(\\?\\)|\\?))?");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, FakeTable> tables = new LinkedHashMap<>();
  private final Map<String, String> chunks = new LinkedHashMap<>();
  private final List<Received> received = new ArrayList<>();
  private final String user;
  private final String password;

  FakeSnowflakeServer(String user, String password) {
    this.user = user;
    this.password = password;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  synchronized void table(String qualified, List<FakeColumn> columns, List<List<Object>> rows) {
    tables.put(qualified, new FakeTable(columns, rows));
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized List<String> statements() {
    return received.stream()
        .filter(r -> r.path().equals("/queries/v1/query-request"))
        .map(r -> r.body().path("sqlText").asText())
        .toList();
  }

  static String fixture(String name) {
    try (InputStream in = FakeSnowflakeServer.class.getResourceAsStream("/snowflake/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null && encoding.equalsIgnoreCase("gzip") && raw.length > 0) {
        raw = new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
      }
      JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      String path = exchange.getRequestURI().getPath();
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      synchronized (this) {
        received.add(new Received(path, exchange.getRequestURI().getQuery(), headers, body));
      }
      if (path.startsWith("/chunks/")) {
        byte[] chunk;
        synchronized (this) {
          chunk = gzip(chunks.get(path));
        }
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        send(exchange, 200, chunk);
        return;
      }
      String answer =
          switch (path) {
            case "/session/v1/login-request" -> login(body);
            case "/queries/v1/query-request" -> query(headers, body);
            default -> fixture("ok.json");
          };
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      send(exchange, 200, answer.getBytes(StandardCharsets.UTF_8));
    }
  }

  private String login(JsonNode body) {
    JsonNode data = body.path("data");
    boolean ok =
        user.equals(data.path("LOGIN_NAME").asText())
            && password.equals(data.path("PASSWORD").asText());
    return fixture(ok ? "login-success.json" : "login-failure.json");
  }

  /** A name as the session (database SALES, schema PUBLIC) resolves it. */
  private static String qualified(String name) {
    int parts = name.split("\\.").length;
    return parts == 1 ? "\"SALES\".\"PUBLIC\"." + name : parts == 2 ? "\"SALES\"." + name : name;
  }

  private synchronized String query(Map<String, String> headers, JsonNode body) throws IOException {
    if (!String.valueOf(headers.get("authorization")).contains("session token")) {
      return "{\"data\":null,\"code\":\"390104\",\"message\":\"User must login again to access the"
          + " service.\",\"success\":false}";
    }
    String sql = body.path("sqlText").asText();
    Matcher columnsOnly = COLUMNS.matcher(sql);
    Matcher select = SELECT.matcher(sql);
    FakeTable table;
    List<List<Object>> rows;
    if (columnsOnly.matches()) {
      table = tables.get(qualified(columnsOnly.group(1)));
      rows = List.of();
    } else if (select.matches()) {
      table = tables.get(qualified(select.group(2)));
      rows = table == null ? List.of() : filter(table, select, body.path("bindings"));
    } else {
      return fixture("query-success.json");
    }
    if (table == null) {
      return fixture("query-object-missing.json");
    }
    ObjectNode response = (ObjectNode) JSON.readTree(fixture("query-success.json"));
    ObjectNode data = (ObjectNode) response.get("data");
    ArrayNode rowtype = data.putArray("rowtype");
    for (FakeColumn column : table.columns()) {
      ObjectNode type = rowtype.addObject();
      type.put("name", column.name());
      type.put("database", "SALES");
      type.put("schema", "PUBLIC");
      type.put("table", "T");
      type.put("type", column.type());
      type.put("nullable", true);
      type.put("precision", column.precision());
      type.put("scale", column.scale());
      type.putNull("length");
      type.putNull("byteLength");
      type.putNull("collation");
    }
    ArrayNode rowset = data.putArray("rowset");
    int inline = Math.min(rows.size(), INLINE_ROWS);
    for (List<Object> row : rows.subList(0, inline)) {
      rowset.add(encode(table, row));
    }
    if (rows.size() > inline) {
      ArrayNode chunkList = data.putArray("chunks");
      String queryId = "q" + received.size();
      for (int from = inline, n = 0; from < rows.size(); from += CHUNK_ROWS, n++) {
        List<List<Object>> part = rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS));
        StringBuilder text = new StringBuilder();
        for (List<Object> row : part) {
          text.append(text.length() == 0 ? "" : ",")
              .append(JSON.writeValueAsString(encode(table, row)));
        }
        String url = "/chunks/" + queryId + "/" + n;
        chunks.put(url, text.toString());
        ObjectNode chunk = chunkList.addObject();
        chunk.put("url", "http://127.0.0.1:" + port() + url);
        chunk.put("rowCount", part.size());
        chunk.put("uncompressedSize", text.length());
        chunk.put("compressedSize", gzip(text.toString()).length);
      }
      data.putObject("chunkHeaders").put("x-amz-server-side-encryption-customer-key", "fake-key");
    }
    data.put("total", rows.size());
    data.put("returned", rows.size());
    data.put("numberOfBinds", body.path("bindings").size());
    return JSON.writeValueAsString(response);
  }

  private static List<List<Object>> filter(FakeTable table, Matcher select, JsonNode bindings) {
    if (select.group(3) == null) {
      return table.rows();
    }
    int index = -1;
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equals(select.group(3))) {
        index = i;
      }
    }
    JsonNode binding = bindings.path("1");
    String value = binding.path("value").asText();
    String function = select.group(4);
    Object bound =
        switch (function) {
          case "TO_TIMESTAMP_NTZ(?)" -> LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
          case "TO_TIMESTAMP_LTZ(?)", "TO_TIMESTAMP_TZ(?)" -> Instant.parse(value);
          case "TO_DATE(?)" -> LocalDate.parse(value);
          default ->
              switch (binding.path("type").asText()) {
                case "FIXED" -> new BigDecimal(value);
                case "REAL" -> Double.parseDouble(value);
                default -> value;
              };
        };
    List<List<Object>> matching = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      Object cell = row.get(index);
      if (cell != null && compare(cell, bound) >= 0) {
        matching.add(row);
      }
    }
    return matching;
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object cell, Object bound) {
    if (cell instanceof Number a && bound instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    return ((Comparable<Object>) cell).compareTo(bound);
  }

  /** One row as Snowflake's JSON result format writes it: every value a string, or null. */
  private static ArrayNode encode(FakeTable table, List<Object> row) {
    ArrayNode encoded = JSON.createArrayNode();
    for (int i = 0; i < row.size(); i++) {
      Object value = row.get(i);
      String type = table.columns().get(i).type();
      if (value == null) {
        encoded.addNull();
        continue;
      }
      encoded.add(
          switch (type) {
            case "date" -> String.valueOf(((LocalDate) value).toEpochDay());
            case "timestamp_ntz", "timestamp_ltz" -> epoch((Instant) value);
            case "timestamp_tz" -> epoch((Instant) value) + " 1440";
            case "boolean" -> ((Boolean) value) ? "1" : "0";
            case "binary" -> HexFormat.of().withUpperCase().formatHex((byte[]) value);
            default -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
          });
    }
    return encoded;
  }

  private static String epoch(Instant instant) {
    return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
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
