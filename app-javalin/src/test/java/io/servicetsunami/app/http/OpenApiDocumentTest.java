package io.servicetsunami.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as the route groups' parts assemble it, without a server: valid for a real
 * OpenAPI 3 parser, every reference resolves, snake_case throughout, and each schema names exactly
 * the JSON properties of the record the routes read or write (so that renaming a field without
 * documenting it fails here). That every route is documented is {@code OpenApiIT}'s part.
 */
class OpenApiDocumentTest {

  private static final ObjectMapper MAPPER = Json.mapper();

  private static final List<Class<?>> GROUPS =
      List.of(
          HealthRoutes.class,
          AuthRoutes.class,
          AgentRoutes.class,
          AgentTaskRoutes.class,
          InstanceRoutes.class,
          SkillRoutes.class,
          PipelineRoutes.class,
          DatasetRoutes.class,
          ImportRoutes.class,
          MetricsRoutes.class,
          LiveUpdateRoutes.class);

  /** Schemas and the records that are their wire form. */
  private static final Map<String, Class<?>> RECORDS =
      Map.ofEntries(
          Map.entry("Problem", Problems.Problem.class),
          Map.entry("Readiness", HealthRoutes.Readiness.class),
          Map.entry("RegisterRequest", AuthRoutes.RegisterRequest.class),
          Map.entry("LoginRequest", AuthRoutes.LoginRequest.class),
          Map.entry("Token", AuthRoutes.TokenResponse.class),
          Map.entry("Tenant", AuthRoutes.TenantResponse.class),
          Map.entry("User", AuthRoutes.UserResponse.class),
          Map.entry("AgentRequest", AgentRoutes.AgentRequest.class),
          Map.entry("Agent", AgentRoutes.AgentResponse.class),
          Map.entry("SkillStats", io.servicetsunami.ports.model.SkillStats.class),
          Map.entry("TaskRequest", AgentTaskRoutes.TaskRequest.class),
          Map.entry("RejectRequest", AgentTaskRoutes.RejectRequest.class),
          Map.entry("Task", AgentTaskRoutes.TaskResponse.class),
          Map.entry("Trace", AgentTaskRoutes.TraceResponse.class),
          Map.entry("Resources", InstanceRoutes.Resources.class),
          Map.entry("DeployRequest", InstanceRoutes.DeployRequest.class),
          Map.entry("UpgradeRequest", InstanceRoutes.UpgradeRequest.class),
          Map.entry("Instance", InstanceRoutes.InstanceResponse.class),
          Map.entry("InstanceLogs", InstanceRoutes.LogsResponse.class),
          Map.entry("CredentialField", SkillRoutes.CredentialFieldResponse.class),
          Map.entry("Skill", SkillRoutes.SkillResponse.class),
          Map.entry("SkillConfig", SkillRoutes.SkillConfigResponse.class),
          Map.entry("SkillConfigRequest", SkillRoutes.SkillConfigRequest.class),
          Map.entry("ExecuteSkillRequest", SkillRoutes.ExecuteRequest.class),
          Map.entry("SkillExecution", SkillRoutes.ExecuteResponse.class),
          Map.entry("SkillHealth", SkillRoutes.HealthResponse.class),
          Map.entry("PipelineRequest", PipelineRoutes.PipelineRequest.class),
          Map.entry("ConnectorSync", PipelineRoutes.ConnectorRequest.class),
          Map.entry("TableSync", PipelineRoutes.TableRequest.class),
          Map.entry("Schedule", PipelineRoutes.ScheduleRequest.class),
          Map.entry("Pipeline", PipelineRoutes.PipelineResponse.class),
          Map.entry("PipelineRun", PipelineRoutes.RunResponse.class),
          Map.entry("Dataset", DatasetRoutes.DatasetResponse.class),
          Map.entry("ChatImport", ImportRoutes.ImportResponse.class));

  /** Schemas of parts of a request body that the mapper reads, unknown fields refused. */
  private static final Set<String> REQUEST_PARTS =
      Set.of("Resources", "ConnectorSync", "TableSync", "Schedule");

  /** Schemas that are not a record's wire form: enums, forms, a literal map. */
  private static final Set<String> NOT_RECORDS =
      Set.of(
          "Health",
          "LoginForm",
          "TaskStatus",
          "TaskPriority",
          "InstanceStatus",
          "SkillKind",
          "PipelineType",
          "SyncMode",
          "ConnectorType",
          "PipelineRunStatus",
          "RunTrigger",
          "DatasetFormat",
          "DatasetSyncStatus",
          "DatasetUpload",
          "ChatSource",
          "ChatExportUpload");

  private final ObjectNode document = OpenApiDocument.assemble(MAPPER, GROUPS);

  @Test
  void aRealOpenApiParserReadsTheDocumentWithoutAnyMessage() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readContents(MAPPER.writeValueAsString(document), null, options);

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0");
    assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/agent-tasks/{id}/approve");
  }

  @Test
  void everyReferenceResolvesWithinTheDocument() {
    List<String> refs = new ArrayList<>();
    collect(document, "$ref", refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void operationIdsAreUniqueAndEveryOperationHasOne() {
    List<String> ids = new ArrayList<>();
    operations().forEach((key, operation) -> ids.add(operation.path("operationId").asText("")));
    assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
  }

  @Test
  void everyPropertyNameIsSnakeCase() {
    List<String> names = new ArrayList<>();
    document
        .path("components")
        .path("schemas")
        .forEach(schema -> schema.path("properties").fieldNames().forEachRemaining(names::add));
    operations()
        .values()
        .forEach(op -> op.path("parameters").forEach(p -> names.add(p.path("name").asText())));
    assertThat(names).isNotEmpty().allMatch(name -> name.matches("[a-z][a-z0-9_]*"), "snake_case");
  }

  @Test
  void eachSchemaNamesExactlyThePropertiesOfItsRecord() {
    JsonNode schemas = document.path("components").path("schemas");
    Set<String> documented = new TreeSet<>();
    schemas.fieldNames().forEachRemaining(documented::add);
    Set<String> known = new TreeSet<>(RECORDS.keySet());
    known.addAll(NOT_RECORDS);
    assertThat(documented).as("schemas with no record to check against").isSubsetOf(known);

    RECORDS.forEach(
        (schema, type) -> {
          Set<String> properties = new TreeSet<>();
          schemas.path(schema).path("properties").fieldNames().forEachRemaining(properties::add);
          assertThat(properties).as(schema).isEqualTo(jsonProperties(type));
        });
  }

  @Test
  void requestSchemasRefuseUnknownFieldsAsTheMapperDoes() {
    for (String schema : RECORDS.keySet()) {
      if (schema.endsWith("Request") || REQUEST_PARTS.contains(schema)) {
        assertThat(
                document.at("/components/schemas/" + schema + "/additionalProperties").asBoolean())
            .as(schema)
            .isFalse();
      }
    }
  }

  @Test
  void uploadsAreMultipartFormsWithABinaryFileAndStreamsAndMetricsAreNotJson() {
    List<String> uploads = new ArrayList<>();
    operations()
        .forEach(
            (key, operation) -> {
              JsonNode form =
                  resolve(operation.path("requestBody"))
                      .path("content")
                      .path("multipart/form-data");
              if (!form.isMissingNode()) {
                uploads.add(key);
                JsonNode schema = resolve(form.path("schema"));
                assertThat(schema.at("/properties/file/format").asText())
                    .as(key)
                    .isEqualTo("binary");
                assertThat(schema.path("required").toString()).as(key).contains("\"file\"");
                assertThat(operation.path("responses").has("413")).as(key).isTrue();
              }
            });
    assertThat(uploads)
        .containsExactlyInAnyOrder(
            "POST /api/v1/datasets/upload",
            "POST /api/v1/integrations/import/chatgpt",
            "POST /api/v1/integrations/import/claude");
    for (String stream : List.of("/api/v1/agent-tasks/{id}/events", "/api/v1/events/instances")) {
      assertThat(
              document
                  .at("/paths/" + pointer(stream) + "/get/responses/200/content")
                  .has("text/event-stream"))
          .as(stream)
          .isTrue();
    }
    JsonNode metrics = document.at("/paths/~1metrics/get");
    assertThat(metrics.path("responses").path("200").path("content").has("text/plain")).isTrue();
    assertThat(metrics.path("security").isArray() && metrics.path("security").isEmpty())
        .as("metrics are public")
        .isTrue();
  }

  private static String pointer(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }

  @Test
  void theProblemCodesAreTheErrorCodesAndTheServersOwn() {
    Set<String> documented = new HashSet<>();
    document
        .at("/components/schemas/Problem/properties/code/enum")
        .forEach(code -> documented.add(code.asText()));
    Set<String> expected =
        Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
    expected.addAll(
        Set.of("not_found", "method_not_allowed", "payload_too_large", "unsupported_media_type"));
    assertThat(documented).isEqualTo(expected);
  }

  @Test
  void tenantOperationsDocumentTheirErrors() {
    operations()
        .forEach(
            (key, operation) -> {
              JsonNode responses = operation.path("responses");
              boolean open = operation.has("security") && operation.path("security").isEmpty();
              if (!open) {
                assertThat(responses.has("401")).as(key + " documents 401").isTrue();
              }
              if (key.contains("{id}")) {
                assertThat(responses.has("404")).as(key + " documents 404").isTrue();
              }
              if (operation.has("requestBody")) {
                assertThat(responses.has("400")).as(key + " documents 400").isTrue();
                assertThat(responses.has("413")).as(key + " documents 413").isTrue();
              }
              responses
                  .fields()
                  .forEachRemaining(
                      response -> {
                        // Readiness answers 503 with its checks, for probes that read them.
                        boolean failure =
                            response.getKey().startsWith("4") || response.getKey().startsWith("5");
                        if (failure && !key.equals("GET /ready")) {
                          JsonNode resolved = resolve(response.getValue());
                          assertThat(resolved.path("content").has("application/problem+json"))
                              .as(key + " " + response.getKey() + " is a problem document")
                              .isTrue();
                        }
                      });
            });
  }

  @Test
  void twoPartsDefiningTheSameComponentDifferentlyAreRefused() {
    // The common part defines Problem; a group part defining it again differently must not win.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OpenApiDocument.assemble(MAPPER, List.of(ConflictingRoutes.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("components.schemas.Problem");
  }

  /** A route group whose part ({@code ConflictingRoutes.openapi.json}) redefines Problem. */
  static final class ConflictingRoutes {}

  private Map<String, JsonNode> operations() {
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        item -> {
                          if (!item.getKey().equals("parameters")) {
                            operations.put(
                                item.getKey().toUpperCase(java.util.Locale.ROOT)
                                    + " "
                                    + path.getKey(),
                                item.getValue());
                          }
                        }));
    return operations;
  }

  private JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
  }

  private static Set<String> jsonProperties(Class<?> type) {
    JavaType javaType = MAPPER.constructType(type);
    BeanDescription description = MAPPER.getSerializationConfig().introspect(javaType);
    Set<String> names = new TreeSet<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      names.add(property.getName());
    }
    // Deserialisation-only names (aliases) are documented too.
    BeanDescription input = MAPPER.getDeserializationConfig().introspect(javaType);
    for (BeanPropertyDefinition property : input.findProperties()) {
      names.add(property.getName());
      if (property.getPrimaryMember() != null) {
        var alias =
            property
                .getPrimaryMember()
                .getAnnotation(com.fasterxml.jackson.annotation.JsonAlias.class);
        if (alias != null) {
          names.addAll(List.of(alias.value()));
        }
      }
    }
    return names;
  }

  private static void collect(JsonNode node, String field, List<String> values) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              entry -> {
                if (entry.getKey().equals(field) && entry.getValue().isTextual()) {
                  values.add(entry.getValue().asText());
                } else {
                  collect(entry.getValue(), field, values);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, field, values));
    }
  }
}
