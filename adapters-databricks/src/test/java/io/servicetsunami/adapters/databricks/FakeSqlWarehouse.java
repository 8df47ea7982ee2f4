package io.servicetsunami.adapters.databricks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Databricks SQL warehouse on loopback, as far as the Statement Execution API shows it: it checks
 * every request's shape (bearer token, the body's fields and values, named parameters against the
 * statement's markers), runs the statement, and answers in the API's JSON — {@code PENDING}/{@code
 * RUNNING} for statements it is told to make slow, the manifest and the first chunk inline, further
 * chunks behind {@code next_chunk_internal_link}, {@code FAILED} with an error for SQL errors, 429
 * with {@code Retry-After} when told to throttle.
 *
 * <p>Statements run on an in-memory DuckDB with a catalog of the warehouse's name, after a thin
 * translation of the Databricks SQL this adapter writes: back-quoted identifiers become
 * double-quoted, {@code :name} markers become typed JDBC parameters, {@code USING DELTA} and {@code
 * TBLPROPERTIES} are dropped, {@code <catalog>.information_schema.{columns,tables}} become views
 * with Databricks' column names and type spellings, {@code unbase64} is DuckDB's {@code
 * from_base64}, {@code ADD COLUMNS (c T)} is {@code ADD COLUMN c T}. That proves the statements are
 * well-formed and mean what the lakehouse expects; it does not prove Databricks accepts the very
 * same text — only a real warehouse can.
 */
final class FakeSqlWarehouse implements AutoCloseable {

  static final String TOKEN = "dapi-loopback-test-token";
  static final String WAREHOUSE_ID = "8f3b2c1d0e9a7b6c";
  static final String CATALOG = "lakehouse_test";

  /** One HTTP request as received. */
  record Request(
      String method, String path, String authorization, String contentType, String body) {

    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  private static final Pattern WAIT_TIMEOUT = Pattern.compile("0s|([5-9]|[1-4][0-9]|50)s");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> FIELDS =
      Set.of(
          "warehouse_id",
          "statement",
          "wait_timeout",
          "on_wait_timeout",
          "disposition",
          "format",
          "parameters",
          "catalog",
          "schema",
          "row_limit",
          "byte_limit");
  private static final Map<String, String> PARAMETER_TYPES =
      Map.of(
          "STRING", "VARCHAR",
          "BIGINT", "BIGINT",
          "INT", "INTEGER",
          "DOUBLE", "DOUBLE",
          "BOOLEAN", "BOOLEAN",
          "DATE", "DATE",
          "TIMESTAMP", "TIMESTAMPTZ");

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, and every exchange takes 40 ms. Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Connection duck;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Stored> stored = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<int[]> scripted = new ConcurrentLinkedDeque<>();
  private final AtomicInteger statementCount = new AtomicInteger();
  private final AtomicInteger requestCount = new AtomicInteger();

  /** Every n-th statement answers PENDING, then RUNNING, before its result (0: never). */
  volatile int slowEvery;

  /** Rows per result chunk. */
  volatile int chunkRows = 1000;

  /** Every n-th request is answered 429 with {@code Retry-After: 0} (0: never). */
  volatile int throttleEvery;

  private static final class Stored {
    final ObjectNode response;
    final List<ObjectNode> chunks;
    int pollsLeft;

    Stored(ObjectNode response, List<ObjectNode> chunks, int pollsLeft) {
      this.response = response;
      this.chunks = chunks;
      this.pollsLeft = pollsLeft;
    }
  }

  FakeSqlWarehouse() throws IOException, SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement setup = duck.createStatement()) {
      setup.execute("SET TimeZone = 'UTC'");
      setup.execute("ATTACH ':memory:' AS " + CATALOG);
      setup.execute("USE " + CATALOG);
      setup.execute("CREATE SCHEMA __databricks_info");
      setup.execute(
          "CREATE VIEW __databricks_info.columns AS SELECT table_catalog, table_schema,"
              + " table_name, column_name, ordinal_position - 1 AS ordinal_position,"
              + " CASE WHEN data_type = 'VARCHAR' THEN 'string'"
              + " WHEN data_type = 'BLOB' THEN 'binary'"
              + " WHEN data_type LIKE 'TIMESTAMP%' THEN 'timestamp'"
              + " ELSE lower(replace(data_type, ' ', '')) END AS full_data_type"
              + " FROM information_schema.columns"
              + " WHERE table_catalog = '"
              + CATALOG
              + "'");
      setup.execute(
          "CREATE VIEW __databricks_info.tables AS SELECT table_catalog, table_schema,"
              + " table_name, table_type FROM information_schema.tables WHERE table_catalog = '"
              + CATALOG
              + "'");
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next request with {@code status} (and {@code Retry-After} if not negative). */
  void failNext(int status, int retryAfterSeconds) {
    scripted.add(new int[] {status, retryAfterSeconds});
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Statements as received (Databricks SQL), in order. */
  List<String> statements() {
    return List.copyOf(statements);
  }

  /** Requests whose shape the real API would have refused; must stay empty. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  void clearRecords() {
    requests.clear();
    statements.clear();
  }

  /** Runs SQL (DuckDB dialect) on the warehouse's data, for assertions. */
  List<List<Object>> query(String sql) throws SQLException {
    synchronized (duck) {
      try (Statement statement = duck.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        List<List<Object>> result = new ArrayList<>();
        while (rows.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            row.add(rows.getObject(i));
          }
          result.add(row);
        }
        return result;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    duck.close();
  }

  // ---- HTTP
  // ------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      requests.add(
          new Request(
              method,
              path,
              exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body));
      int count = requestCount.incrementAndGet();
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        error(
            exchange,
            401,
            "UNAUTHENTICATED",
            "Credential was not sent or was of an unsupported type for this API.");
        return;
      }
      int[] next = scripted.poll();
      if (next != null) {
        if (next[1] >= 0) {
          exchange.getResponseHeaders().add("Retry-After", Integer.toString(next[1]));
        }
        error(
            exchange,
            next[0],
            next[0] == 429 ? "REQUEST_LIMIT_EXCEEDED" : "TEMPORARILY_UNAVAILABLE",
            "scripted failure");
        return;
      }
      if (throttleEvery > 0 && count % throttleEvery == 0) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        error(
            exchange,
            429,
            "REQUEST_LIMIT_EXCEEDED",
            "Too many requests. Please wait a moment and try again.");
        return;
      }
      String[] parts = path.split("/");
      // /api/2.0/sql/statements[/{id}[/result/chunks/{n}|/cancel]]
      if (!path.startsWith(StatementClient.STATEMENTS)) {
        error(
            exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
      } else if (method.equals("POST") && parts.length == 5) {
        execute(exchange, body);
      } else if (method.equals("GET") && parts.length == 6) {
        poll(exchange, parts[5]);
      } else if (method.equals("GET") && parts.length == 9 && parts[6].equals("result")) {
        chunk(exchange, parts[5], Integer.parseInt(parts[8]));
      } else if (method.equals("POST") && parts.length == 7 && parts[6].equals("cancel")) {
        respond(exchange, 200, json.createObjectNode());
      } else {
        error(
            exchange, 404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
      }
    } catch (RuntimeException e) {
      violations.add("the fake failed: " + e);
      throw e;
    }
  }

  private void execute(HttpExchange exchange, String body) throws IOException {
    if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      violation(exchange, "Content-Type must be application/json");
      return;
    }
    JsonNode request = json.readTree(body);
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        violation(exchange, "unknown field " + name);
        return;
      }
    }
    String problem = shapeProblem(request);
    if (problem != null) {
      violation(exchange, problem);
      return;
    }
    String sql = request.get("statement").asText();
    statements.add(sql);
    Map<String, JsonNode> parameters = new LinkedHashMap<>();
    if (request.has("parameters")) {
      for (JsonNode parameter : request.get("parameters")) {
        parameters.put(parameter.get("name").asText(), parameter);
      }
    }
    String id = UUID.randomUUID().toString();
    ObjectNode response = run(id, sql, parameters);
    List<ObjectNode> chunks = new ArrayList<>();
    if (response.has("result")) {
      chunks = split(id, (ArrayNode) response.remove("result").get("data_array"), response);
    }
    boolean slow = slowEvery > 0 && statementCount.incrementAndGet() % slowEvery == 0;
    Stored statement = new Stored(response, chunks, slow ? 2 : 0);
    stored.put(id, statement);
    respond(exchange, 200, slow ? state(id, "PENDING") : complete(statement));
  }

  private void poll(HttpExchange exchange, String id) throws IOException {
    Stored statement = stored.get(id);
    if (statement == null) {
      error(exchange, 404, "NOT_FOUND", "statement " + id + " not found");
      return;
    }
    synchronized (statement) {
      if (statement.pollsLeft > 0) {
        statement.pollsLeft--;
        respond(exchange, 200, state(id, "RUNNING"));
        return;
      }
    }
    respond(exchange, 200, complete(statement));
  }

  private void chunk(HttpExchange exchange, String id, int index) throws IOException {
    Stored statement = stored.get(id);
    if (statement == null
        || index < 0
        || index >= statement.chunks.size()
        || statement.pollsLeft > 0) {
      error(exchange, 404, "NOT_FOUND", "chunk " + index + " of statement " + id + " not found");
      return;
    }
    respond(exchange, 200, statement.chunks.get(index));
  }

  private String shapeProblem(JsonNode request) {
    if (!WAREHOUSE_ID.equals(text(request, "warehouse_id"))) {
      return "warehouse_id must be " + WAREHOUSE_ID;
    }
    if (text(request, "statement") == null || text(request, "statement").isBlank()) {
      return "statement is required";
    }
    if (text(request, "wait_timeout") == null
        || !WAIT_TIMEOUT.matcher(text(request, "wait_timeout")).matches()) {
      return "wait_timeout must be 0s or 5s to 50s";
    }
    if (!"CONTINUE".equals(text(request, "on_wait_timeout"))) {
      return "on_wait_timeout must be CONTINUE (the adapter polls)";
    }
    if (!"INLINE".equals(text(request, "disposition"))) {
      return "disposition must be INLINE";
    }
    if (!"JSON_ARRAY".equals(text(request, "format"))) {
      return "format must be JSON_ARRAY with INLINE";
    }
    if (request.has("parameters")) {
      if (!request.get("parameters").isArray() || request.get("parameters").isEmpty()) {
        return "parameters must be a non-empty array when present";
      }
      Set<String> names = new HashSet<>();
      for (JsonNode parameter : request.get("parameters")) {
        String name = text(parameter, "name");
        if (name == null || !PARAMETER_NAME.matcher(name).matches() || !names.add(name)) {
          return "parameter names must be distinct identifiers: " + name;
        }
        String type = text(parameter, "type");
        if (type == null
            || !(PARAMETER_TYPES.containsKey(type) || type.matches("DECIMAL\\(\\d+,\\d+\\)"))) {
          return "parameter " + name + " has an unsupported type " + type;
        }
        if (parameter.has("value") && !parameter.get("value").isTextual()) {
          return "parameter " + name + " must have a string value";
        }
        for (Iterator<String> fields = parameter.fieldNames(); fields.hasNext(); ) {
          String field = fields.next();
          if (!Set.of("name", "value", "type").contains(field)) {
            return "parameter " + name + " has an unknown field " + field;
          }
        }
      }
    }
    return null;
  }

  // ---- SQL
  // -------------------------------------------------------------------------------------------

  private ObjectNode run(String id, String sql, Map<String, JsonNode> parameters) {
    List<String> bindings = new ArrayList<>();
    String translated;
    try {
      translated = translate(sql, parameters, bindings);
    } catch (IllegalArgumentException e) {
      return failed(id, "BAD_REQUEST", e.getMessage(), "42K0F");
    }
    synchronized (duck) {
      try (PreparedStatement statement = duck.prepareStatement(translated)) {
        for (int i = 0; i < bindings.size(); i++) {
          statement.setString(i + 1, bindings.get(i));
        }
        boolean hasRows = statement.execute();
        ObjectNode response = state(id, "SUCCEEDED");
        ObjectNode manifest = response.putObject("manifest");
        manifest.put("format", "JSON_ARRAY");
        ObjectNode schema = manifest.putObject("schema");
        ArrayNode data = json.createArrayNode();
        if (hasRows) {
          try (ResultSet rows = statement.getResultSet()) {
            ResultSetMetaData meta = rows.getMetaData();
            schema.put("column_count", meta.getColumnCount());
            ArrayNode columns = schema.putArray("columns");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              String[] type = databricksType(meta.getColumnTypeName(i));
              columns
                  .addObject()
                  .put("name", meta.getColumnLabel(i))
                  .put("type_text", type[1])
                  .put("type_name", type[0])
                  .put("position", i - 1);
            }
            while (rows.next()) {
              ArrayNode row = data.addArray();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(rows.getString(i));
              }
            }
          }
        } else if (translated.stripLeading().toUpperCase().startsWith("INSERT")) {
          long count = statement.getUpdateCount();
          schema.put("column_count", 2);
          ArrayNode columns = schema.putArray("columns");
          columns
              .addObject()
              .put("name", "num_affected_rows")
              .put("type_text", "BIGINT")
              .put("type_name", "LONG")
              .put("position", 0);
          columns
              .addObject()
              .put("name", "num_inserted_rows")
              .put("type_text", "BIGINT")
              .put("type_name", "LONG")
              .put("position", 1);
          data.addArray().add(Long.toString(count)).add(Long.toString(count));
        } else {
          schema.put("column_count", 0);
          manifest.put("total_chunk_count", 0);
          manifest.put("total_row_count", 0);
          manifest.put("truncated", false);
          return response;
        }
        response.putObject("result").set("data_array", data);
        return response;
      } catch (SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
        return failed(id, "BAD_REQUEST", "[DUCKDB_FAKE] " + message, "42000");
      }
    }
  }

  private List<ObjectNode> split(String id, ArrayNode data, ObjectNode response) {
    int size = Math.max(1, chunkRows);
    int total = data.size();
    int count = total == 0 ? 1 : (total + size - 1) / size;
    ObjectNode manifest = (ObjectNode) response.get("manifest");
    manifest.put("total_chunk_count", count);
    ArrayNode described = manifest.putArray("chunks");
    manifest.put("total_row_count", total);
    manifest.put("truncated", false);
    List<ObjectNode> chunks = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      int offset = index * size;
      int rows = Math.min(size, total - offset);
      described
          .addObject()
          .put("chunk_index", index)
          .put("row_offset", offset)
          .put("row_count", rows);
      ObjectNode chunk = json.createObjectNode();
      chunk.put("chunk_index", index).put("row_offset", offset).put("row_count", rows);
      ArrayNode slice = chunk.putArray("data_array");
      for (int r = offset; r < offset + rows; r++) {
        slice.add(data.get(r));
      }
      if (index + 1 < count) {
        chunk.put("next_chunk_index", index + 1);
        chunk.put(
            "next_chunk_internal_link",
            StatementClient.STATEMENTS + "/" + id + "/result/chunks/" + (index + 1));
      }
      chunks.add(chunk);
    }
    return chunks;
  }

  private ObjectNode complete(Stored statement) {
    ObjectNode response = statement.response.deepCopy();
    if (!statement.chunks.isEmpty()) {
      response.set("result", statement.chunks.get(0).deepCopy());
    }
    return response;
  }

  private ObjectNode state(String id, String state) {
    ObjectNode response = json.createObjectNode();
    response.put("statement_id", id);
    response.putObject("status").put("state", state);
    return response;
  }

  private ObjectNode failed(String id, String code, String message, String sqlState) {
    ObjectNode response = state(id, "FAILED");
    ObjectNode status = (ObjectNode) response.get("status");
    status.putObject("error").put("error_code", code).put("message", message);
    status.put("sql_state", sqlState);
    return response;
  }

  /**
   * Databricks SQL as this adapter writes it → DuckDB SQL with JDBC parameters. Fails like the
   * warehouse (UNBOUND_SQL_PARAMETER) when a marker has no parameter.
   */
  static String translate(String sql, Map<String, JsonNode> parameters, List<String> bindings) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == '\'' && end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
            end += 2;
          } else if (sql.charAt(end) == '\'') {
            break;
          } else {
            end++;
          }
        }
        out.append(sql, i, Math.min(end + 1, sql.length()));
        i = end;
      } else if (c == '`') {
        StringBuilder name = new StringBuilder();
        int j = i + 1;
        for (; j < sql.length(); j++) {
          if (sql.charAt(j) == '`') {
            if (j + 1 < sql.length() && sql.charAt(j + 1) == '`') {
              name.append('`');
              j++;
            } else {
              break;
            }
          } else {
            name.append(sql.charAt(j));
          }
        }
        if (j >= sql.length()) {
          throw new IllegalArgumentException(
              "[PARSE_SYNTAX_ERROR] unterminated back-quoted identifier");
        }
        out.append('"').append(name.toString().replace("\"", "\"\"")).append('"');
        i = j;
      } else if (c == ':'
          && i + 1 < sql.length()
          && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')
          && (i == 0 || sql.charAt(i - 1) != ':')) {
        int j = i + 1;
        while (j < sql.length()
            && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
          j++;
        }
        String name = sql.substring(i + 1, j);
        JsonNode parameter = parameters.get(name);
        if (parameter == null) {
          throw new IllegalArgumentException(
              "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: " + name + ". SQLSTATE: 42P02");
        }
        String type = parameter.get("type").asText();
        out.append("CAST(? AS ").append(PARAMETER_TYPES.getOrDefault(type, type)).append(')');
        bindings.add(parameter.has("value") ? parameter.get("value").asText() : null);
        i = j - 1;
      } else {
        out.append(c);
      }
    }
    String duck = out.toString();
    duck = duck.replace("\"" + CATALOG + "\".information_schema.", "__databricks_info.");
    duck = duck.replace(" USING DELTA", "");
    duck = duck.replaceAll("\\s*TBLPROPERTIES\\s*\\((?:[^()']|'[^']*')*\\)", "");
    duck = duck.replace("unbase64(", "from_base64(");
    Matcher addColumns = Pattern.compile("ADD COLUMNS \\((.*)\\)$").matcher(duck);
    if (addColumns.find()) {
      duck = duck.substring(0, addColumns.start()) + "ADD COLUMN " + addColumns.group(1);
    }
    return duck;
  }

  private static String[] databricksType(String duckType) {
    String type = duckType.toUpperCase();
    if (type.startsWith("DECIMAL")) {
      return new String[] {"DECIMAL", type.replace(" ", "")};
    }
    if (type.startsWith("TIMESTAMP")) {
      return new String[] {"TIMESTAMP", "TIMESTAMP"};
    }
    return switch (type) {
      case "BIGINT" -> new String[] {"LONG", "BIGINT"};
      case "INTEGER" -> new String[] {"INT", "INT"};
      case "DOUBLE" -> new String[] {"DOUBLE", "DOUBLE"};
      case "BOOLEAN" -> new String[] {"BOOLEAN", "BOOLEAN"};
      case "DATE" -> new String[] {"DATE", "DATE"};
      case "BLOB" -> new String[] {"BINARY", "BINARY"};
      case "HUGEINT" -> new String[] {"DECIMAL", "DECIMAL(38,0)"};
      default -> new String[] {"STRING", "STRING"};
    };
  }

  private void violation(HttpExchange exchange, String problem) throws IOException {
    violations.add(problem);
    error(exchange, 400, "INVALID_PARAMETER_VALUE", problem);
  }

  private void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    ObjectNode body = json.createObjectNode().put("error_code", code).put("message", message);
    respond(exchange, status, body);
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
