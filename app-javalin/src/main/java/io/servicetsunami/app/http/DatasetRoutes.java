package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.GetDatasetUseCase;
import io.servicetsunami.ports.in.UploadDatasetUseCase;
import io.servicetsunami.ports.in.UploadDatasetUseCase.UploadDatasetCommand;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.Principal;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The tenant's datasets: upload a CSV, JSON or Parquet file ({@code POST /api/v1/datasets/upload},
 * a multipart form with the {@code file} and optional {@code name} and {@code format} fields; 201
 * with the dataset, {@code sync_status} {@code pending}), list and get. A dataset reaches the
 * lakehouse by executing a {@code dataset_sync} pipeline naming it (DatasetSyncWorkflow), after
 * which its {@code sync_status} is {@code synced} (or {@code failed} with {@code last_error}).
 *
 * <p>An upload may be no larger than the lakehouse accepts a file ({@code
 * LAKEHOUSE_MAX_FILE_BYTES}): a larger one could never be synced, so it is refused with 413 before
 * it is stored.
 */
public final class DatasetRoutes implements RouteGroup {

  record DatasetResponse(
      String id,
      String tenantId,
      String name,
      String format,
      long rowCount,
      String syncStatus,
      String bronzeTable,
      String silverTable,
      String lastError,
      Instant lastSyncedAt,
      Instant createdAt,
      Instant updatedAt) {

    /** The stored file's location stays inside: it is no business of the client. */
    static DatasetResponse of(Dataset dataset) {
      return new DatasetResponse(
          dataset.id().toString(),
          dataset.tenantId().toString(),
          dataset.name(),
          dataset.format().wire(),
          dataset.rowCount(),
          dataset.syncStatus().wire(),
          dataset.bronzeTable().orElse(null),
          dataset.silverTable().orElse(null),
          dataset.lastError().orElse(null),
          dataset.lastSyncedAt().orElse(null),
          dataset.createdAt(),
          dataset.updatedAt());
    }
  }

  private final UploadDatasetUseCase upload;
  private final GetDatasetUseCase get;
  private final long maxUploadBytes;

  @Inject
  public DatasetRoutes(UploadDatasetUseCase upload, GetDatasetUseCase get, AdapterConfig adapters) {
    this(upload, get, adapters.duckDb().maxFileBytes());
  }

  DatasetRoutes(UploadDatasetUseCase upload, GetDatasetUseCase get, long maxUploadBytes) {
    this.upload = requireNonNull(upload, "upload is null");
    this.get = requireNonNull(get, "get is null");
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("maxUploadBytes must be positive");
    }
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  public void register(ApiRoutes routes) {
    String datasets = ApiRoutes.API + "/datasets";
    routes.post(datasets + "/upload", this::upload);
    routes.get(datasets, this::list);
    routes.get(datasets + "/{id}", this::get);
  }

  void upload(Context ctx, Principal principal) {
    Uploads.Upload file = Uploads.file(ctx, "file", maxUploadBytes);
    DatasetFormat format = format(ctx, file);
    String name =
        field(ctx, "name")
            .or(() -> file.fileName().map(DatasetRoutes::withoutExtension))
            .orElseThrow(
                () -> new InvalidInputException(ErrorCode.INVALID_INPUT, "missing field: name"));
    Dataset dataset;
    try (InputStream content = file.content()) {
      dataset =
          upload.upload(new UploadDatasetCommand(principal.tenantId(), name, format, content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(201).json(DatasetResponse.of(dataset));
  }

  void list(Context ctx, Principal principal) {
    ctx.json(get.list(principal.tenantId()).stream().map(DatasetResponse::of).toList());
  }

  void get(Context ctx, Principal principal) {
    DatasetId id = Requests.id(ctx, "id", DatasetId::parse, ErrorCode.DATASET_NOT_FOUND);
    ctx.json(DatasetResponse.of(get.get(principal.tenantId(), id)));
  }

  /** The declared format, else the file's extension, else its content type. */
  private static DatasetFormat format(Context ctx, Uploads.Upload file) {
    Optional<String> declared = field(ctx, "format");
    if (declared.isPresent()) {
      return Requests.wireEnum(
          declared.get().toLowerCase(Locale.ROOT), "format", DatasetFormat::fromWire);
    }
    Optional<String> guessed =
        Uploads.extension(file.fileName())
            .or(() -> file.contentType().map(DatasetRoutes::formatOfContentType));
    return guessed
        .flatMap(DatasetRoutes::knownFormat)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.INVALID_INPUT,
                    "invalid field: format (give csv, json or parquet, or a file named so)"));
  }

  private static String formatOfContentType(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("text/csv")) {
      return "csv";
    } else if (type.startsWith("application/json")) {
      return "json";
    } else if (type.contains("parquet")) {
      return "parquet";
    }
    return type;
  }

  private static Optional<DatasetFormat> knownFormat(String value) {
    try {
      return Optional.of(DatasetFormat.fromWire(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A form field of a multipart upload, or the query parameter of a raw one. */
  private static Optional<String> field(Context ctx, String name) {
    String value = ctx.isMultipartFormData() ? ctx.formParam(name) : ctx.queryParam(name);
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static String withoutExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
