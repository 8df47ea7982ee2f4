package io.servicetsunami.adapters.connectors;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.out.SourceConnector;
import java.math.BigDecimal;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import net.snowflake.client.api.driver.SnowflakeDriver;

/**
 * Reads Snowflake tables through Snowflake's JDBC driver. The driver streams large results in
 * chunks it downloads and releases as the result set advances, within its own memory limit.
 *
 * <p>Connection settings (from the credential vault): {@code account} (the account identifier,
 * {@code orgname-account} or {@code locator.region}), {@code user}, and {@code password} or {@code
 * private_key} (key-pair authentication, an unencrypted PKCS#8 PEM); optional {@code warehouse},
 * {@code database}, {@code schema}, {@code role}, and {@code host} (a private-link host name
 * instead of {@code <account>.snowflakecomputing.com}). The host passes the {@link HostPolicy}.
 *
 * <p>The session is pinned so that values read the same everywhere: JSON results (Arrow needs
 * {@code --add-opens} on Java 17 and is not needed for a row stream), {@code TIMEZONE=UTC}, {@code
 * TIMESTAMP_NTZ} read as UTC, ISO date output; the driver's cloud platform detection, which probes
 * metadata services such as {@code 169.254.169.254}, is switched off.
 *
 * <p>Tables are {@code table}, {@code schema.table} or {@code database.schema.table}, each part a
 * plain identifier, resolved as Snowflake resolves unquoted names (upper-cased) and always quoted.
 * Types: {@code NUMBER} with scale 0 (precision ≤ 18) → LONG, other {@code NUMBER} → DECIMAL,
 * {@code FLOAT} → DOUBLE, {@code BOOLEAN}, {@code DATE}, {@code TIMESTAMP_NTZ/LTZ/TZ} → TIMESTAMP,
 * {@code BINARY} → BYTES, {@code VARIANT/OBJECT/ARRAY} → JSON, the rest as text → STRING.
 * Watermarks as in {@link Watermarks}; the bound is passed as a bind parameter converted in SQL
 * ({@code TO_TIMESTAMP_NTZ(?)}, {@code TO_DATE(?)}, …), never spliced into the text.
 */
public final class SnowflakeSourceConnector implements SourceConnector {

  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  private final HostPolicy policy;
  private final boolean plainHttp;
  private final Duration loginTimeout;

  public SnowflakeSourceConnector(HostPolicy policy) {
    this(policy, false);
  }

  /** {@code plainHttp}: HTTP instead of HTTPS, only for tests against a loopback server. */
  SnowflakeSourceConnector(HostPolicy policy, boolean plainHttp) {
    this.policy = requireNonNull(policy, "policy is null");
    this.plainHttp = plainHttp;
    this.loginTimeout = Duration.ofSeconds(60);
  }

  @Override
  public ConnectorType type() {
    return ConnectorType.SNOWFLAKE;
  }

  @Override
  public ExtractSummary extract(
      Map<String, Secret> connection, ExtractRequest request, RowSink sink) {
    requireNonNull(connection, "connection is null");
    requireNonNull(request, "request is null");
    requireNonNull(sink, "sink is null");
    TableSync table = request.table();
    List<String> parts = Identifiers.parts("table", table.table(), Identifiers.PART, 1, 3);
    Optional<String> watermarkColumn = table.watermarkColumn().map(Identifiers::column);
    String relation =
        String.join(
            ".",
            parts.stream().map(p -> Identifiers.doubleQuoted(p.toUpperCase(Locale.ROOT))).toList());
    Properties properties = new Properties();
    String url = target(connection, properties);
    try (Connection db = SnowflakeDriver.INSTANCE.connect(url, properties)) {
      if (db == null) {
        throw new PermanentException(
            ErrorCode.CONNECTOR_FAILED, "the Snowflake driver refused the URL");
      }
      return read(db, relation, table, watermarkColumn, request.since(), sink);
    } catch (SQLException e) {
      throw translate(table.table(), e);
    }
  }

  private record SourceColumn(String name, ColumnType type, String sfType) {}

  private ExtractSummary read(
      Connection db,
      String relation,
      TableSync table,
      Optional<String> watermarkColumn,
      Optional<String> since,
      RowSink sink)
      throws SQLException {
    List<SourceColumn> columns = columns(db, relation);
    boolean incremental = table.mode() == SyncMode.INCREMENTAL;
    int watermarkIndex = -1;
    if (incremental) {
      String wanted = watermarkColumn.orElseThrow();
      for (int i = 0; i < columns.size() && watermarkIndex < 0; i++) {
        if (columns.get(i).name().equals(wanted)
            || columns.get(i).name().equals(wanted.toUpperCase(Locale.ROOT))) {
          watermarkIndex = i;
        }
      }
      if (watermarkIndex < 0) {
        throw new PermanentException(
            ErrorCode.CONNECTOR_FAILED,
            "table " + table.table() + " has no watermark column " + wanted);
      }
      Watermarks.requireSupported(
          columns.get(watermarkIndex).name(), columns.get(watermarkIndex).type());
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(Identifiers.doubleQuoted(columns.get(i).name()));
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
          .append(" >= ")
          .append(placeholder(column));
    }
    try (PreparedStatement statement = db.prepareStatement(sql.toString())) {
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

  private static List<SourceColumn> columns(Connection db, String relation) throws SQLException {
    try (PreparedStatement statement =
            db.prepareStatement("SELECT * FROM " + relation + " LIMIT 0");
        ResultSet result = statement.executeQuery()) {
      ResultSetMetaData meta = result.getMetaData();
      List<SourceColumn> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String typeName = String.valueOf(meta.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
        columns.add(
            new SourceColumn(
                meta.getColumnName(i),
                type(meta.getColumnType(i), typeName, meta.getPrecision(i), meta.getScale(i)),
                typeName));
      }
      return List.copyOf(columns);
    }
  }

  private static ColumnType type(int sqlType, String typeName, int precision, int scale) {
    if (typeName.equals("VARIANT") || typeName.equals("OBJECT") || typeName.equals("ARRAY")) {
      return ColumnType.JSON;
    }
    return switch (sqlType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ColumnType.LONG;
      case Types.DECIMAL, Types.NUMERIC ->
          scale == 0 && precision > 0 && precision <= 18 ? ColumnType.LONG : ColumnType.DECIMAL;
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> ColumnType.DOUBLE;
      case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
      case Types.DATE -> ColumnType.DATE;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.TIMESTAMP;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> ColumnType.BYTES;
      default -> ColumnType.STRING;
    };
  }

  private static String placeholder(SourceColumn column) {
    return switch (column.type()) {
      case TIMESTAMP ->
          column.sfType().contains("NTZ")
              ? "TO_TIMESTAMP_NTZ(?)"
              : column.sfType().contains("LTZ") ? "TO_TIMESTAMP_LTZ(?)" : "TO_TIMESTAMP_TZ(?)";
      case DATE -> "TO_DATE(?)";
      default -> "?";
    };
  }

  private static void bind(PreparedStatement statement, SourceColumn column, Object bound)
      throws SQLException {
    switch (column.type()) {
      case TIMESTAMP ->
          statement.setString(
              1,
              column.sfType().contains("NTZ")
                  ? LocalDateTime.ofInstant((Instant) bound, ZoneOffset.UTC).toString()
                  : bound.toString());
      case DATE -> statement.setString(1, bound.toString());
      case LONG -> statement.setLong(1, (Long) bound);
      case DECIMAL -> statement.setBigDecimal(1, (BigDecimal) bound);
      case DOUBLE -> statement.setDouble(1, (Double) bound);
      default -> statement.setString(1, (String) bound);
    }
  }

  private static Object value(ResultSet result, int index, SourceColumn column)
      throws SQLException {
    Object value =
        switch (column.type()) {
          case LONG -> result.getLong(index);
          case DECIMAL -> result.getBigDecimal(index);
          case DOUBLE -> result.getDouble(index);
          case BOOLEAN -> result.getBoolean(index);
          case DATE -> {
            String text = result.getString(index);
            yield text == null ? null : LocalDate.parse(text);
          }
          case TIMESTAMP -> {
            Timestamp timestamp = result.getTimestamp(index);
            yield timestamp == null ? null : timestamp.toInstant();
          }
          case BYTES -> result.getBytes(index);
          default -> result.getString(index);
        };
    return result.wasNull() ? null : value;
  }

  // ---- connection ------------------------------------------------------------------------------

  private String target(Map<String, Secret> connection, Properties properties) {
    String account = setting(connection, "account").orElse(null);
    Optional<String> hostSetting = setting(connection, "host");
    if (account == null && hostSetting.isEmpty()) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the Snowflake connection has no 'account' setting");
    }
    if (account != null && !ACCOUNT.matcher(account).matches()) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the Snowflake 'account' is not an account identifier");
    }
    String host = hostSetting.orElse(account + ".snowflakecomputing.com").toLowerCase(Locale.ROOT);
    if (!HOST.matcher(host).matches()) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the Snowflake 'host' is not a host name");
    }
    String port = setting(connection, "port").orElse(plainHttp ? "80" : "443");
    if (!port.matches("\\d{1,5}")) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the Snowflake 'port' is not a number");
    }
    policy.check(host);
    properties.setProperty(
        "user",
        setting(connection, "user")
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.CONNECTOR_FAILED,
                        "the Snowflake connection has no 'user' setting")));
    Optional<String> privateKey = setting(connection, "private_key");
    if (privateKey.isPresent()) {
      properties.put("privateKey", privateKey(privateKey.get()));
    } else {
      properties.setProperty(
          "password",
          setting(connection, "password")
              .orElseThrow(
                  () ->
                      new PermanentException(
                          ErrorCode.CONNECTOR_FAILED,
                          "the Snowflake connection has neither 'password' nor 'private_key'")));
    }
    if (account != null) {
      // The driver wants the account name without region or cloud (locator.region.cloud).
      properties.setProperty(
          "account", account.contains(".") ? account.substring(0, account.indexOf('.')) : account);
    }
    for (String[] key :
        new String[][] {
          {"warehouse", "warehouse"}, {"database", "db"}, {"schema", "schema"}, {"role", "role"}
        }) {
      Optional<String> value = setting(connection, key[0]);
      if (value.isPresent()) {
        properties.setProperty(
            key[1], Identifiers.parts(key[0], value.get(), Identifiers.PART, 1, 1).get(0));
      }
    }
    properties.setProperty("disablePlatformDetection", "true");
    properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
    properties.setProperty("TIMEZONE", "UTC");
    properties.setProperty("JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC", "true");
    properties.setProperty("DATE_OUTPUT_FORMAT", "YYYY-MM-DD");
    properties.setProperty("CLIENT_SESSION_KEEP_ALIVE", "false");
    properties.setProperty("loginTimeout", String.valueOf(loginTimeout.toSeconds()));
    properties.setProperty("application", "ServiceTsunami");
    if (plainHttp) {
      properties.setProperty("ssl", "off");
    }
    return "jdbc:snowflake://" + host + ":" + port + "/";
  }

  private static Optional<String> setting(Map<String, Secret> connection, String key) {
    return Optional.ofNullable(connection.get(key))
        .map(Secret::reveal)
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  private static PrivateKey privateKey(String pem) {
    try {
      String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (Exception e) {
      // Never the key itself in the message.
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "the Snowflake 'private_key' is not an unencrypted PKCS#8 RSA key in PEM form");
    }
  }

  /**
   * Snowflake reports failed logins with vendor codes 390xxx (and an SQLSTATE of class 08, which
   * would otherwise read as a connection problem worth retrying).
   */
  private static PortException translate(String table, SQLException e) {
    int code = e.getErrorCode();
    if (code >= 390_000 && code < 391_000) {
      return new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "Snowflake rejected the login (" + code + "): " + JdbcErrors.firstLine(e.getMessage()),
          e);
    }
    if ("02000".equals(e.getSQLState()) || "42S02".equals(e.getSQLState())) {
      return new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "Snowflake has no table "
              + table
              + " visible to this role: "
              + JdbcErrors.firstLine(e.getMessage()),
          e);
    }
    return JdbcErrors.translate("Snowflake", "extract of " + table, e);
  }
}
