package io.servicetsunami.adapters.connectors;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.out.SourceConnector;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Reads PostgreSQL tables over JDBC, streaming them through a server-side cursor: the read runs in
 * one read-only, repeatable-read transaction (one consistent snapshot), with a fetch size, so the
 * driver holds at most {@link #fetchSize()} rows at a time whatever the table's size.
 *
 * <p>Connection settings (from the credential vault):
 *
 * <ul>
 *   <li>{@code url} (or {@code connection_url}) — {@code
 *       jdbc:postgresql://host[:port][,host2…]/db}, or the libpq form {@code
 *       postgresql://[user[:password]@]host[:port]/db}; query parameters limited to {@code
 *       sslmode}, {@code ssl}, {@code connectTimeout}, {@code socketTimeout}, {@code loginTimeout},
 *       {@code ApplicationName}, {@code currentSchema}, {@code tcpKeepAlive}, {@code
 *       targetServerType} and {@code loadBalanceHosts} (others, such as {@code socketFactory} or
 *       {@code sslfactory}, would let a tenant load classes in the control plane);
 *   <li>{@code user} (or {@code username}) and {@code password} — override the URL's user info.
 * </ul>
 *
 * <p>Every host passes the {@link HostPolicy} before connecting and again, on the resolved address,
 * at connect time ({@link PolicySocketFactory}).
 *
 * <p>Tables are {@code table} or {@code schema.table}, each part a plain identifier; a part is
 * looked up as written and, failing that, lower-cased (PostgreSQL's folding of unquoted names), and
 * used quoted. Types: integers → LONG, {@code real}/{@code double precision} → DOUBLE, {@code
 * numeric} → DECIMAL, {@code boolean}, {@code date}, {@code timestamptz} → TIMESTAMP, {@code
 * timestamp} (without zone) → TIMESTAMP read as UTC, {@code bytea} → BYTES, {@code json}/{@code
 * jsonb} and arrays (as JSON arrays) → JSON, everything else as its text → STRING. Watermarks as in
 * {@link Watermarks}; string watermarks compare with {@code COLLATE "C"} (code-point order).
 */
public final class PostgresSourceConnector implements SourceConnector {

  /** Rows fetched per round trip unless configured. */
  public static final int DEFAULT_FETCH_SIZE = 5_000;

  private static final Set<String> ALLOWED_PARAMETERS =
      Set.of(
          "sslmode",
          "ssl",
          "connectTimeout",
          "socketTimeout",
          "loginTimeout",
          "ApplicationName",
          "currentSchema",
          "tcpKeepAlive",
          "targetServerType",
          "loadBalanceHosts");

  private static final Pattern URL =
      Pattern.compile(
          "(?:jdbc:postgresql|postgresql|postgres)://(?:([^@/]*)@)?([^/?]+)(?:/([^?]*))?(?:\\?(.*))?");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

  private final HostPolicy policy;
  private final String policyKey;
  private final int fetchSize;
  private final Duration connectTimeout;
  private final Driver driver = new Driver();

  public PostgresSourceConnector(HostPolicy policy) {
    this(policy, DEFAULT_FETCH_SIZE, Duration.ofSeconds(15));
  }

  public PostgresSourceConnector(HostPolicy policy, int fetchSize, Duration connectTimeout) {
    this.policy = requireNonNull(policy, "policy is null");
    if (fetchSize < 1) {
      throw new IllegalArgumentException("fetchSize must be positive");
    }
    this.fetchSize = fetchSize;
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
    this.policyKey = PolicySocketFactory.register(policy);
  }

  public int fetchSize() {
    return fetchSize;
  }

  @Override
  public ConnectorType type() {
    return ConnectorType.POSTGRESQL;
  }

  @Override
  public ExtractSummary extract(
      Map<String, Secret> connection, ExtractRequest request, RowSink sink) {
    requireNonNull(connection, "connection is null");
    requireNonNull(request, "request is null");
    requireNonNull(sink, "sink is null");
    TableSync table = request.table();
    List<String> parts = Identifiers.parts("table", table.table(), Identifiers.PART, 1, 2);
    Optional<String> watermarkColumn = table.watermarkColumn().map(Identifiers::column);
    Target target = target(connection);
    try (Connection db = open(target)) {
      db.setAutoCommit(false); // a cursor needs a transaction
      db.setReadOnly(true);
      db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return read(db, parts, table, watermarkColumn, request.since(), sink);
      } finally {
        db.rollback();
      }
    } catch (SQLException e) {
      throw JdbcErrors.translate("PostgreSQL", "extract of " + table.table(), e);
    }
  }

  private ExtractSummary read(
      Connection db,
      List<String> parts,
      TableSync table,
      Optional<String> watermarkColumn,
      Optional<String> since,
      RowSink sink)
      throws SQLException {
    String relation = relation(db, parts, table.table());
    List<SourceColumn> columns = columns(db, relation);
    boolean incremental = table.mode() == SyncMode.INCREMENTAL;
    int watermarkIndex = -1;
    if (incremental) {
      watermarkIndex = index(columns, watermarkColumn.orElseThrow(), table.table());
      Watermarks.requireSupported(
          columns.get(watermarkIndex).name(), columns.get(watermarkIndex).type());
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      SourceColumn column = columns.get(i);
      String quoted = Identifiers.doubleQuoted(column.name());
      sql.append(i == 0 ? "" : ", ")
          .append(column.array() ? "to_json(" + quoted + ")::text AS " + quoted : quoted);
    }
    sql.append(" FROM ").append(relation);
    Object bound = null;
    if (incremental && since.isPresent()) {
      SourceColumn column = columns.get(watermarkIndex);
      bound =
          Watermarks.lowerBound(
              Watermarks.parse(column.name(), column.type(), since.get()), table.overlap());
      sql.append(" WHERE ")
          .append(Identifiers.doubleQuoted(column.name()))
          .append(column.type() == ColumnType.STRING ? " COLLATE \"C\"" : "")
          .append(" >= ?");
    }
    try (PreparedStatement statement =
        db.prepareStatement(
            sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(fetchSize);
      if (bound != null) {
        bind(statement, columns.get(watermarkIndex), bound);
      }
      sink.begin(columns.stream().map(c -> new Column(c.name(), c.type())).toList());
      long rows = 0;
      Watermarks.Max max = new Watermarks.Max();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 0; i < columns.size(); i++) {
            row.add(value(result, i + 1, columns.get(i)));
          }
          if (incremental) {
            max.offer(row.get(watermarkIndex));
          }
          sink.accept(row);
          rows++;
        }
      }
      return new ExtractSummary(rows, incremental ? max.canonical() : Optional.empty());
    }
  }

  /** The relation's quoted, schema-qualified name as the catalog spells it. */
  private static String relation(Connection db, List<String> parts, String name)
      throws SQLException {
    List<List<String>> candidates = new ArrayList<>();
    candidates.add(parts);
    List<String> folded = parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    if (!folded.equals(parts)) {
      candidates.add(folded);
    }
    String lookup =
        "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')";
    for (List<String> candidate : candidates) {
      try (PreparedStatement statement = db.prepareStatement(lookup)) {
        statement.setString(
            1, String.join(".", candidate.stream().map(Identifiers::doubleQuoted).toList()));
        try (ResultSet result = statement.executeQuery()) {
          if (result.next()) {
            return Identifiers.doubleQuoted(result.getString(1))
                + "."
                + Identifiers.doubleQuoted(result.getString(2));
          }
        }
      }
    }
    throw new PermanentException(
        ErrorCode.CONNECTOR_FAILED,
        "PostgreSQL has no table or view " + name + " visible to this user");
  }

  private record SourceColumn(String name, ColumnType type, String pgType, boolean array) {}

  private static List<SourceColumn> columns(Connection db, String relation) throws SQLException {
    try (PreparedStatement statement =
            db.prepareStatement("SELECT * FROM " + relation + " WHERE false");
        ResultSet result = statement.executeQuery()) {
      ResultSetMetaData meta = result.getMetaData();
      List<SourceColumn> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String pgType = meta.getColumnTypeName(i);
        boolean array = pgType.startsWith("_");
        columns.add(
            new SourceColumn(
                meta.getColumnName(i), array ? ColumnType.JSON : type(pgType), pgType, array));
      }
      return List.copyOf(columns);
    }
  }

  private static ColumnType type(String pgType) {
    return switch (pgType) {
      case "int2", "int4", "int8", "oid", "serial", "bigserial", "smallserial" -> ColumnType.LONG;
      case "float4", "float8" -> ColumnType.DOUBLE;
      case "numeric" -> ColumnType.DECIMAL;
      case "bool" -> ColumnType.BOOLEAN;
      case "date" -> ColumnType.DATE;
      case "timestamp", "timestamptz" -> ColumnType.TIMESTAMP;
      case "bytea" -> ColumnType.BYTES;
      case "json", "jsonb" -> ColumnType.JSON;
      default -> ColumnType.STRING;
    };
  }

  private static int index(List<SourceColumn> columns, String name, String table) {
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < columns.size(); i++) {
        String candidate = columns.get(i).name();
        if (pass == 0 ? candidate.equals(name) : candidate.equals(name.toLowerCase(Locale.ROOT))) {
          return i;
        }
      }
    }
    throw new PermanentException(
        ErrorCode.CONNECTOR_FAILED, "table " + table + " has no watermark column " + name);
  }

  private static void bind(PreparedStatement statement, SourceColumn column, Object bound)
      throws SQLException {
    switch (column.pgType()) {
      case "timestamptz" ->
          statement.setObject(1, OffsetDateTime.ofInstant((Instant) bound, ZoneOffset.UTC));
      case "timestamp" ->
          statement.setObject(1, LocalDateTime.ofInstant((Instant) bound, ZoneOffset.UTC));
      case "date" -> statement.setObject(1, (LocalDate) bound);
      default -> {
        switch (column.type()) {
          case LONG -> statement.setLong(1, (Long) bound);
          case DECIMAL -> statement.setBigDecimal(1, (BigDecimal) bound);
          case DOUBLE -> statement.setDouble(1, (Double) bound);
          default -> statement.setString(1, (String) bound);
        }
      }
    }
  }

  private static Object value(ResultSet result, int index, SourceColumn column)
      throws SQLException {
    Object value;
    switch (column.type()) {
      case LONG -> value = result.getLong(index);
      case DOUBLE -> value = result.getDouble(index);
      case DECIMAL -> {
        try {
          value = result.getBigDecimal(index);
        } catch (SQLException e) {
          throw new PermanentException(
              ErrorCode.CONNECTOR_FAILED,
              "column " + column.name() + " holds a value DECIMAL cannot carry (NaN or infinity)",
              e);
        }
      }
      case BOOLEAN -> value = result.getBoolean(index);
      case DATE -> value = result.getObject(index, LocalDate.class);
      case TIMESTAMP ->
          value =
              column.pgType().equals("timestamptz")
                  ? Optional.ofNullable(result.getObject(index, OffsetDateTime.class))
                      .map(OffsetDateTime::toInstant)
                      .orElse(null)
                  : Optional.ofNullable(result.getObject(index, LocalDateTime.class))
                      .map(t -> t.toInstant(ZoneOffset.UTC))
                      .orElse(null);
      case BYTES -> value = result.getBytes(index);
      default -> value = result.getString(index);
    }
    return result.wasNull() ? null : value;
  }

  // ---- connection ------------------------------------------------------------------------------

  private record Target(List<String> hosts, String database, Properties properties) {}

  private Target target(Map<String, Secret> connection) {
    Secret url =
        Optional.ofNullable(connection.get("url")).orElse(connection.get("connection_url"));
    if (url == null) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the PostgreSQL connection has no 'url' setting");
    }
    Matcher m = URL.matcher(url.reveal().strip());
    if (!m.matches()) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "the PostgreSQL 'url' is not jdbc:postgresql://host[:port]/database or"
              + " postgresql://user:password@host[:port]/database");
    }
    Properties properties = new Properties();
    if (m.group(1) != null) {
      String[] userInfo = m.group(1).split(":", 2);
      properties.setProperty("user", decode(userInfo[0]));
      if (userInfo.length == 2) {
        properties.setProperty("password", decode(userInfo[1]));
      }
    }
    Optional.ofNullable(connection.get("user"))
        .or(() -> Optional.ofNullable(connection.get("username")))
        .ifPresent(user -> properties.setProperty("user", user.reveal()));
    Optional.ofNullable(connection.get("password"))
        .ifPresent(password -> properties.setProperty("password", password.reveal()));
    if (!properties.containsKey("user")) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the PostgreSQL connection has no 'user' setting");
    }
    List<String> hosts = new ArrayList<>();
    for (String hostPort : m.group(2).split(",")) {
      String host = hostPort;
      String port = "5432";
      int colon = hostPort.lastIndexOf(':');
      if (colon > 0 && hostPort.indexOf(']') < colon) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
      if (!HOST.matcher(host).matches() || !port.matches("\\d{1,5}")) {
        throw new PermanentException(
            ErrorCode.CONNECTOR_FAILED,
            "the PostgreSQL 'url' has an invalid host '" + hostPort + "'");
      }
      policy.check(host);
      hosts.add(host + ":" + port);
    }
    String database = m.group(3) == null || m.group(3).isEmpty() ? "postgres" : decode(m.group(3));
    if (m.group(4) != null && !m.group(4).isEmpty()) {
      for (String pair : m.group(4).split("&")) {
        String[] kv = pair.split("=", 2);
        String key = decode(kv[0]);
        if (!ALLOWED_PARAMETERS.contains(key)) {
          throw new PermanentException(
              ErrorCode.CONNECTOR_FAILED,
              "the PostgreSQL 'url' parameter '"
                  + key
                  + "' is not allowed (allowed: "
                  + ALLOWED_PARAMETERS.stream().sorted().toList()
                  + ")");
        }
        properties.setProperty(key, kv.length == 2 ? decode(kv[1]) : "");
      }
    }
    properties.putIfAbsent(
        "connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
    properties.putIfAbsent("ApplicationName", "servicetsunami-connector");
    // Forced last, so no URL parameter can replace them.
    properties.setProperty("socketFactory", PolicySocketFactory.class.getName());
    properties.setProperty("socketFactoryArg", policyKey);
    properties.setProperty("preferQueryMode", "extended"); // cursors need the extended protocol
    // Binary results from the first execution (pgjdbc otherwise waits for the fifth): timestamps
    // and numbers are then decoded, not parsed from text, which is most of the connector's CPU.
    properties.setProperty("prepareThreshold", "-1");
    properties.setProperty("readOnly", "true");
    return new Target(hosts, database, properties);
  }

  private Connection open(Target target) throws SQLException {
    String url =
        "jdbc:postgresql://"
            + String.join(",", target.hosts())
            + "/"
            + URLEncoder.encode(target.database(), StandardCharsets.UTF_8);
    Connection connection = driver.connect(url, target.properties());
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver did not accept the URL", "08001");
    }
    return connection;
  }

  private static String decode(String text) {
    // Percent-decoding only: a '+' in a password is a plus, not a space.
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
