package io.servicetsunami.adapters.connectors;

import static java.util.Objects.requireNonNull;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.http.HttpTransportOptions;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.out.SourceConnector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads BigQuery tables through Google's client library, over its REST API only: a query job
 * ({@code jobs.insert}, then {@code jobs.get} / {@code jobs.getQueryResults} until it is done),
 * then its destination table page by page ({@code tabledata.list}): one page in memory at a time,
 * the first of {@link #pageSize()} rows; the client library asks for the following pages by page
 * token alone, so their size is BigQuery's own cap (about 10 MB of JSON per page). The BigQuery
 * Storage Read API (gRPC) is not used and not on the class path.
 *
 * <p>Connection settings (from the credential vault): {@code service_account_json} (a service
 * account key file; its {@code token_uri} must pass the {@link HostPolicy}, as must the API root),
 * optional {@code project_id} (the project that runs and pays for the query; defaults to the key's
 * project), {@code location} (e.g. {@code EU}) and {@code dataset} (for one-part table names).
 *
 * <p>Tables are {@code table} (with {@code dataset} set), {@code dataset.table} or {@code
 * project.dataset.table}; projects are {@code [a-z][a-z0-9-]}, datasets and tables {@code
 * [A-Za-z0-9_]} (tables also {@code -}); each part is quoted with backticks. Types: {@code INT64} →
 * LONG, {@code FLOAT64} → DOUBLE, {@code NUMERIC}/{@code BIGNUMERIC} → DECIMAL, {@code BOOL},
 * {@code DATE}, {@code TIMESTAMP} → TIMESTAMP, {@code DATETIME} → TIMESTAMP read as UTC, {@code
 * BYTES}, {@code JSON}, {@code STRUCT} and {@code ARRAY} → JSON, the rest ({@code STRING}, {@code
 * TIME}, {@code GEOGRAPHY}, {@code INTERVAL}…) as text → STRING. The watermark is a named query
 * parameter ({@code @since}); watermarks as in {@link Watermarks}.
 */
public final class BigQuerySourceConnector implements SourceConnector {

  public static final URI DEFAULT_API_ROOT = URI.create("https://bigquery.googleapis.com");
  public static final int DEFAULT_PAGE_SIZE = 10_000;

  private static final String SCOPE = "https://www.googleapis.com/auth/bigquery";
  private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,61}[a-z0-9]");
  private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,1023}");
  private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final HostPolicy policy;
  private final URI apiRoot;
  private final int pageSize;
  private final Duration timeout;

  public BigQuerySourceConnector(HostPolicy policy) {
    this(policy, DEFAULT_API_ROOT, DEFAULT_PAGE_SIZE);
  }

  /**
   * {@code apiRoot}: BigQuery's REST root, replaced only by a private endpoint or a test server.
   */
  public BigQuerySourceConnector(HostPolicy policy, URI apiRoot, int pageSize) {
    this.policy = requireNonNull(policy, "policy is null");
    this.apiRoot = requireNonNull(apiRoot, "apiRoot is null");
    if (apiRoot.getHost() == null) {
      throw new IllegalArgumentException("apiRoot has no host: " + apiRoot);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    this.pageSize = pageSize;
    this.timeout = Duration.ofSeconds(60);
  }

  public int pageSize() {
    return pageSize;
  }

  @Override
  public ConnectorType type() {
    return ConnectorType.BIGQUERY;
  }

  @Override
  public ExtractSummary extract(
      Map<String, Secret> connection, ExtractRequest request, RowSink sink) {
    requireNonNull(connection, "connection is null");
    requireNonNull(request, "request is null");
    requireNonNull(sink, "sink is null");
    TableSync table = request.table();
    Optional<String> watermarkColumn = table.watermarkColumn().map(Identifiers::column);
    ServiceAccountCredentials credentials = credentials(connection);
    String project =
        setting(connection, "project_id")
            .or(() -> Optional.ofNullable(credentials.getProjectId()))
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.CONNECTOR_FAILED,
                        "the BigQuery connection has no 'project_id' and the key names none"));
    check("project", project, PROJECT);
    Optional<String> location = setting(connection, "location");
    location.ifPresent(l -> check("location", l, LOCATION));
    TableId tableId = tableId(table.table(), project, setting(connection, "dataset"));
    policy.check(apiRoot.getHost());
    BigQuery bigQuery = client(credentials, project, location);
    try {
      return read(bigQuery, tableId, table, watermarkColumn, request.since(), location, sink);
    } catch (BigQueryException e) {
      throw translate(table.table(), e);
    }
  }

  private ExtractSummary read(
      BigQuery bigQuery,
      TableId tableId,
      TableSync table,
      Optional<String> watermarkColumn,
      Optional<String> since,
      Optional<String> location,
      RowSink sink) {
    Table found = bigQuery.getTable(tableId);
    if (found == null || found.getDefinition().getSchema() == null) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "BigQuery has no table " + table.table() + " visible to this account");
    }
    FieldList fields = found.getDefinition().getSchema().getFields();
    boolean incremental = table.mode() == SyncMode.INCREMENTAL;
    int watermarkIndex = -1;
    if (incremental) {
      String wanted = watermarkColumn.orElseThrow();
      for (int i = 0; i < fields.size() && watermarkIndex < 0; i++) {
        if (fields.get(i).getName().equalsIgnoreCase(wanted)) {
          watermarkIndex = i;
        }
      }
      if (watermarkIndex < 0) {
        throw new PermanentException(
            ErrorCode.CONNECTOR_FAILED,
            "table " + table.table() + " has no watermark column " + wanted);
      }
      Watermarks.requireSupported(
          fields.get(watermarkIndex).getName(), type(fields.get(watermarkIndex)));
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < fields.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(Identifiers.backQuoted(fields.get(i).getName()));
    }
    sql.append(" FROM ")
        .append(Identifiers.backQuoted(tableId.getProject()))
        .append('.')
        .append(Identifiers.backQuoted(tableId.getDataset()))
        .append('.')
        .append(Identifiers.backQuoted(tableId.getTable()));
    QueryParameterValue sinceParameter = null;
    if (incremental && since.isPresent()) {
      Field field = fields.get(watermarkIndex);
      Object bound =
          Watermarks.lowerBound(
              Watermarks.parse(field.getName(), type(field), since.get()), table.overlap());
      sql.append(" WHERE ").append(Identifiers.backQuoted(field.getName())).append(" >= @since");
      sinceParameter = parameter(field, bound);
    }
    QueryJobConfiguration.Builder query =
        QueryJobConfiguration.newBuilder(sql.toString()).setUseLegacySql(false);
    if (sinceParameter != null) {
      query.addNamedParameter("since", sinceParameter);
    }
    JobId jobId =
        location
            .map(l -> JobId.newBuilder().setLocation(l).build())
            .orElseGet(() -> JobId.newBuilder().build());
    Job job = bigQuery.create(JobInfo.newBuilder(query.build()).setJobId(jobId).build());
    Job done;
    try {
      done = job.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(
          ErrorCode.CONNECTOR_UNAVAILABLE, "interrupted while waiting for BigQuery", e);
    }
    if (done == null) {
      throw new TransientException(
          ErrorCode.CONNECTOR_UNAVAILABLE,
          "the BigQuery query job of " + table.table() + " vanished");
    }
    if (done.getStatus() != null && done.getStatus().getError() != null) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "the BigQuery query of "
              + table.table()
              + " failed: "
              + done.getStatus().getError().getReason()
              + ": "
              + JdbcErrors.firstLine(done.getStatus().getError().getMessage()));
    }
    // Read from the job's destination table; the job's own status says whether the query failed.
    TableId destination = ((QueryJobConfiguration) done.getConfiguration()).getDestinationTable();
    TableResult result =
        bigQuery.listTableData(
            destination, Schema.of(fields), BigQuery.TableDataListOption.pageSize(pageSize));
    FieldList resultFields = fields;
    sink.begin(resultFields.stream().map(f -> new Column(f.getName(), type(f))).toList());
    long rows = 0;
    Watermarks.Max max = new Watermarks.Max();
    for (FieldValueList values : result.iterateAll()) {
      List<Object> row = new ArrayList<>(resultFields.size());
      for (int i = 0; i < resultFields.size(); i++) {
        row.add(value(resultFields.get(i), values.get(i)));
      }
      if (incremental) {
        max.offer(row.get(watermarkIndex));
      }
      sink.accept(row);
      rows++;
    }
    return new ExtractSummary(rows, incremental ? max.canonical() : Optional.empty());
  }

  private static ColumnType type(Field field) {
    if (field.getMode() == Field.Mode.REPEATED) {
      return ColumnType.JSON;
    }
    StandardSQLTypeName type = field.getType().getStandardType();
    return switch (type) {
      case INT64 -> ColumnType.LONG;
      case FLOAT64 -> ColumnType.DOUBLE;
      case NUMERIC, BIGNUMERIC -> ColumnType.DECIMAL;
      case BOOL -> ColumnType.BOOLEAN;
      case DATE -> ColumnType.DATE;
      case TIMESTAMP, DATETIME -> ColumnType.TIMESTAMP;
      case BYTES -> ColumnType.BYTES;
      case JSON, STRUCT, ARRAY -> ColumnType.JSON;
      default -> ColumnType.STRING;
    };
  }

  private static QueryParameterValue parameter(Field field, Object bound) {
    StandardSQLTypeName type = field.getType().getStandardType();
    return switch (type) {
      case TIMESTAMP -> QueryParameterValue.timestamp(micros((Instant) bound));
      case DATETIME ->
          QueryParameterValue.dateTime(
              LocalDateTime.ofInstant((Instant) bound, ZoneOffset.UTC).toString());
      case DATE -> QueryParameterValue.date(bound.toString());
      case INT64 -> QueryParameterValue.int64((Long) bound);
      case FLOAT64 -> QueryParameterValue.float64((Double) bound);
      case NUMERIC -> QueryParameterValue.numeric((BigDecimal) bound);
      case BIGNUMERIC -> QueryParameterValue.bigNumeric((BigDecimal) bound);
      default -> QueryParameterValue.string((String) bound);
    };
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static Object value(Field field, FieldValue value) {
    if (value == null || value.isNull()) {
      return null;
    }
    ColumnType type = type(field);
    if (type == ColumnType.JSON && field.getType().getStandardType() != StandardSQLTypeName.JSON) {
      StringBuilder json = new StringBuilder();
      writeJson(field, value, json, field.getMode() == Field.Mode.REPEATED);
      return json.toString();
    }
    StandardSQLTypeName sqlType = field.getType().getStandardType();
    return switch (type) {
      case LONG -> value.getLongValue();
      case DOUBLE -> value.getDoubleValue();
      case DECIMAL -> new BigDecimal(value.getStringValue());
      case BOOLEAN -> value.getBooleanValue();
      case DATE -> LocalDate.parse(value.getStringValue());
      case TIMESTAMP ->
          sqlType == StandardSQLTypeName.DATETIME
              ? LocalDateTime.parse(value.getStringValue()).toInstant(ZoneOffset.UTC)
              : value.getTimestampInstant();
      case BYTES -> value.getBytesValue();
      default -> value.getStringValue();
    };
  }

  /** STRUCT and ARRAY values as JSON: objects by field name, arrays in order. */
  private static void writeJson(
      Field field, FieldValue value, StringBuilder out, boolean repeated) {
    if (value == null || value.isNull()) {
      out.append("null");
      return;
    }
    if (repeated) {
      out.append('[');
      List<FieldValue> items = value.getRepeatedValue();
      for (int i = 0; i < items.size(); i++) {
        out.append(i == 0 ? "" : ",");
        writeJson(field, items.get(i), out, false);
      }
      out.append(']');
      return;
    }
    StandardSQLTypeName type = field.getType().getStandardType();
    if (type == StandardSQLTypeName.STRUCT) {
      FieldList subFields = field.getSubFields();
      List<FieldValue> values = value.getRecordValue();
      out.append('{');
      for (int i = 0; i < subFields.size(); i++) {
        Field sub = subFields.get(i);
        out.append(i == 0 ? "" : ",");
        quote(sub.getName(), out);
        out.append(':');
        writeJson(sub, values.get(i), out, sub.getMode() == Field.Mode.REPEATED);
      }
      out.append('}');
      return;
    }
    switch (type) {
      case INT64, FLOAT64, NUMERIC, BIGNUMERIC, BOOL -> out.append(value.getStringValue());
      case JSON -> out.append(value.getStringValue());
      default -> quote(value.getStringValue(), out);
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  // ---- connection ------------------------------------------------------------------------------

  private ServiceAccountCredentials credentials(Map<String, Secret> connection) {
    String json =
        setting(connection, "service_account_json")
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.CONNECTOR_FAILED,
                        "the BigQuery connection has no 'service_account_json' setting"));
    ServiceAccountCredentials credentials;
    try {
      credentials =
          ServiceAccountCredentials.fromStream(
              new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      // The message may quote the key file; never pass it on.
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "the BigQuery 'service_account_json' is not a service account key file");
    }
    URI tokenUri = credentials.getTokenServerUri();
    if (tokenUri == null || tokenUri.getHost() == null) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED, "the BigQuery service account key has no usable token_uri");
    }
    // The key file names the URL its token is fetched from: a tenant could point it anywhere.
    policy.check(tokenUri.getHost());
    return (ServiceAccountCredentials) credentials.createScoped(List.of(SCOPE));
  }

  private BigQuery client(
      ServiceAccountCredentials credentials, String project, Optional<String> location) {
    BigQueryOptions.Builder options =
        BigQueryOptions.newBuilder()
            .setProjectId(project)
            .setCredentials(credentials)
            .setHost(apiRoot.toString())
            .setRetrySettings(
                // Within the extract step's budget rather than the client's default of hours.
                RetrySettings.newBuilder()
                    .setMaxAttempts(5)
                    .setInitialRetryDelayDuration(Duration.ofSeconds(1))
                    .setRetryDelayMultiplier(2.0)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(30))
                    .setTotalTimeoutDuration(Duration.ofMinutes(3))
                    .build())
            .setTransportOptions(
                HttpTransportOptions.newBuilder()
                    .setConnectTimeout((int) timeout.toMillis())
                    .setReadTimeout((int) timeout.toMillis())
                    .build());
    location.ifPresent(options::setLocation);
    return options.build().getService();
  }

  private static TableId tableId(String name, String project, Optional<String> dataset) {
    String[] parts = name.split("\\.", -1);
    String[] full;
    if (parts.length == 3) {
      full = parts;
    } else if (parts.length == 2) {
      full = new String[] {project, parts[0], parts[1]};
    } else if (parts.length == 1 && dataset.isPresent()) {
      full = new String[] {project, dataset.get(), parts[0]};
    } else {
      throw Identifiers.invalid(
          "table", name, "it needs dataset.table, project.dataset.table, or a 'dataset' setting");
    }
    check("table", full[0], PROJECT);
    if (!DATASET.matcher(full[1]).matches() || !TABLE.matcher(full[2]).matches()) {
      throw Identifiers.invalid(
          "table", name, "'" + full[1] + "." + full[2] + "' is not a plain dataset.table");
    }
    return TableId.of(full[0], full[1], full[2]);
  }

  private static void check(String what, String value, Pattern pattern) {
    if (!pattern.matcher(value).matches()) {
      throw Identifiers.invalid(what, value, "it is not a valid BigQuery " + what);
    }
  }

  private static Optional<String> setting(Map<String, Secret> connection, String key) {
    return Optional.ofNullable(connection.get(key))
        .map(Secret::reveal)
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  private static PortException translate(String table, BigQueryException e) {
    String message =
        "BigQuery extract of "
            + table
            + " failed (HTTP "
            + e.getCode()
            + (e.getReason() == null ? "" : ", " + e.getReason())
            + "): "
            + JdbcErrors.firstLine(e.getMessage());
    int code = e.getCode();
    if (code == 401 || code == 403 && !"rateLimitExceeded".equals(e.getReason())) {
      return new PermanentException(ErrorCode.CONNECTOR_FAILED, message, e);
    }
    if (e.isRetryable()
        || code == 0
        || code == 408
        || code == 429
        || code >= 500
        || "rateLimitExceeded".equals(e.getReason())
        || "backendError".equals(e.getReason())) {
      return new TransientException(ErrorCode.CONNECTOR_UNAVAILABLE, message, e);
    }
    return new PermanentException(ErrorCode.CONNECTOR_FAILED, message, e);
  }

  @Override
  public String toString() {
    return "BigQuerySourceConnector[" + apiRoot + ", pageSize=" + pageSize + "]";
  }
}
