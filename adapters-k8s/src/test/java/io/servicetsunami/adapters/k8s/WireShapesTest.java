package io.servicetsunami.adapters.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact requests where the mock API server cannot judge them (server-side apply, which it rejects),
 * and the translation of the API server's failures into port errors.
 */
class WireShapesTest {

  private static final ReleaseRef REF = new ReleaseRef("prod", "openclaw-4f1c2a9e");
  private static final InstanceSpec SPEC =
      new InstanceSpec(
          new TenantId(UUID.fromString("4f1c2a9e-7b3d-4c1a-9e8f-0a1b2c3d4e5f")),
          new InstanceId(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a")),
          REF,
          "2026.9.6",
          ResourceSpec.DEFAULT);
  private static final String APPLY = "application/apply-patch+yaml";

  private static WireMockServer wire;
  private static ApiClient client;

  @BeforeAll
  static void startWireMock() {
    wire = new WireMockServer(options().dynamicPort());
    wire.start();
    client = new ClientBuilder().setBasePath(wire.baseUrl()).build();
  }

  @AfterAll
  static void stopWireMock() {
    wire.stop();
  }

  @BeforeEach
  void reset() {
    wire.resetAll();
    wire.stubFor(get(urlPathMatching(".*")).willReturn(status(404, "NotFound", "not found")));
  }

  @Test
  void installAppliesEveryObjectServerSideInDependencyOrder() {
    wire.stubFor(patch(urlPathMatching(".*")).willReturn(okJson("{}")));

    runtime(ApplyMode.SERVER_SIDE_APPLY).install(SPEC, Secret.of("s3cr3t"));

    List<LoggedRequest> patches = requests("PATCH");
    assertThat(patches)
        .extracting(LoggedRequest::getUrl)
        .containsExactly(
            "/api/v1/namespaces/prod/secrets/openclaw-4f1c2a9e-secrets?fieldManager=servicetsunami&force=true",
            "/api/v1/namespaces/prod/configmaps/openclaw-4f1c2a9e-config?fieldManager=servicetsunami&force=true",
            "/api/v1/namespaces/prod/persistentvolumeclaims/openclaw-4f1c2a9e-state?fieldManager=servicetsunami&force=true",
            "/api/v1/namespaces/prod/services/openclaw-4f1c2a9e?fieldManager=servicetsunami&force=true",
            "/apis/apps/v1/namespaces/prod/deployments/openclaw-4f1c2a9e?fieldManager=servicetsunami&force=true");
    assertThat(patches)
        .allSatisfy(
            request -> {
              assertThat(request.getHeader("Content-Type")).startsWith(APPLY);
              assertThat(request.getBodyAsString())
                  .contains("\"apiVersion\":")
                  .contains("\"kind\":")
                  .contains("\"namespace\":\"prod\"")
                  .contains("\"app.kubernetes.io/managed-by\":\"servicetsunami\"")
                  .doesNotContain("[]")
                  .doesNotContain("\"status\"");
            });
    String encodedToken = Base64.getEncoder().encodeToString("s3cr3t".getBytes());
    assertThat(patches.get(0).getBodyAsString()).contains(encodedToken);
    assertThat(patches.subList(1, 5))
        .allSatisfy(request -> assertThat(request.getBodyAsString()).doesNotContain(encodedToken));
    assertThat(requests("POST")).isEmpty();
    assertThat(requests("PUT")).isEmpty();
  }

  @Test
  void aServerThatCannotApplyGetsCreatesFromThenOn() {
    wire.stubFor(
        patch(urlPathMatching(".*"))
            .withHeader("Content-Type", equalTo(APPLY))
            .willReturn(status(415, "UnsupportedMediaType", "Unsupported Media Type")));
    wire.stubFor(post(urlPathMatching(".*")).willReturn(okJson("{}").withStatus(201)));
    KubernetesInstanceRuntime runtime = runtime(ApplyMode.SERVER_SIDE_APPLY);

    runtime.install(SPEC, Secret.of("s3cr3t"));

    assertThat(requests("PATCH")).hasSize(1);
    assertThat(requests("POST"))
        .extracting(LoggedRequest::getUrl)
        .containsExactly(
            "/api/v1/namespaces/prod/secrets?fieldManager=servicetsunami",
            "/api/v1/namespaces/prod/configmaps?fieldManager=servicetsunami",
            "/api/v1/namespaces/prod/persistentvolumeclaims?fieldManager=servicetsunami",
            "/api/v1/namespaces/prod/services?fieldManager=servicetsunami",
            "/apis/apps/v1/namespaces/prod/deployments?fieldManager=servicetsunami");
  }

  @ParameterizedTest(name = "HTTP {0} → {1}")
  @CsvSource({
    "403, runtime_failed, false, Forbidden",
    "422, runtime_failed, false, Invalid",
    "400, runtime_failed, false, BadRequest",
    "409, runtime_unavailable, true, Conflict",
    "429, runtime_unavailable, true, TooManyRequests",
    "500, runtime_unavailable, true, InternalError",
    "503, runtime_unavailable, true, ServiceUnavailable",
  })
  void installTranslatesTheApiServersRefusalsIntoPortErrors(
      int status, String code, boolean retryable, String reason) {
    wire.stubFor(
        patch(urlPathMatching(".*"))
            .willReturn(status(status, reason, "secrets \"x\" is " + reason.toLowerCase())));

    Class<? extends PortException> type =
        retryable ? TransientException.class : PermanentException.class;
    PortException error =
        assertPortError(
            type,
            ErrorCode.valueOf(code.toUpperCase()),
            () -> runtime(ApplyMode.SERVER_SIDE_APPLY).install(SPEC, Secret.of("s3cr3t")));
    assertThat(error.retryable()).isEqualTo(retryable);

    assertThat(error.getMessage())
        .contains("install release openclaw-4f1c2a9e in prod")
        .contains("HTTP " + status)
        .contains("is " + reason.toLowerCase())
        .doesNotContain("s3cr3t");
  }

  @Test
  void anUnreachableClusterIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ApiClient nowhere = new ClientBuilder().setBasePath("http://127.0.0.1:" + closedPort).build();
    KubernetesInstanceRuntime runtime =
        new KubernetesInstanceRuntime(nowhere, TestSettings.fast(), Clock.systemUTC());

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.RUNTIME_UNAVAILABLE,
            () -> runtime.install(SPEC, Secret.of("s3cr3t")));
    assertThat(error.getMessage()).contains("cluster unreachable");
    assertPortError(
        TransientException.class, ErrorCode.RUNTIME_UNAVAILABLE, () -> runtime.stop(REF));
  }

  @Test
  void restartPatchesThePodTemplateLikeKubectlRolloutRestart() {
    wire.stubFor(patch(urlPathMatching(".*")).willReturn(okJson("{}")));
    KubernetesInstanceRuntime runtime =
        new KubernetesInstanceRuntime(
            client,
            TestSettings.fast(),
            Clock.fixed(Instant.parse("2026-11-27T10:15:30.987Z"), ZoneOffset.UTC));

    runtime.restart(REF);
    runtime.stop(REF);
    runtime.start(REF);

    List<LoggedRequest> patches = requests("PATCH");
    assertThat(patches)
        .extracting(LoggedRequest::getUrl)
        .containsOnly(
            "/apis/apps/v1/namespaces/prod/deployments/openclaw-4f1c2a9e?fieldManager=servicetsunami");
    assertThat(patches)
        .allSatisfy(
            request ->
                assertThat(request.getHeader("Content-Type"))
                    .startsWith("application/merge-patch+json"));
    assertThat(patches)
        .extracting(LoggedRequest::getBodyAsString)
        .containsExactly(
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                + "{\"kubectl.kubernetes.io/restartedAt\":\"2026-11-27T10:15:30Z\"}}}}}",
            "{\"spec\":{\"replicas\":0}}",
            "{\"spec\":{\"replicas\":1}}");
  }

  @Test
  void logsOfAContainerWaitingToRestartComeFromItsLastRun() {
    wire.stubFor(
        get(urlPathEqualTo("/apis/apps/v1/namespaces/prod/deployments/openclaw-4f1c2a9e"))
            .willReturn(
                okJson(
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"openclaw-4f1c2a9e\"}}")));
    wire.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/prod/pods"))
            .willReturn(
                okJson(
                    "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[{\"metadata\":"
                        + "{\"name\":\"openclaw-4f1c2a9e-abc\",\"creationTimestamp\":\"2026-11-27T10:00:00Z\"},"
                        + "\"status\":{\"phase\":\"Running\"}}]}")));
    wire.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/prod/pods/openclaw-4f1c2a9e-abc/log"))
            .atPriority(2)
            .willReturn(
                status(
                    400,
                    "BadRequest",
                    "container \"openclaw\" is waiting to start: CrashLoopBackOff")));
    wire.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/prod/pods/openclaw-4f1c2a9e-abc/log"))
            .withQueryParam("previous", equalTo("true"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody("Config invalid: gateway.bind\nexit 78\n")));

    List<String> lines = runtime(ApplyMode.SERVER_SIDE_APPLY).logs(REF, 50);

    assertThat(lines).containsExactly("Config invalid: gateway.bind", "exit 78");
    assertThat(requests("GET"))
        .extracting(LoggedRequest::getUrl)
        .contains(
            "/api/v1/namespaces/prod/pods/openclaw-4f1c2a9e-abc/log?container=openclaw&tailLines=50",
            "/api/v1/namespaces/prod/pods/openclaw-4f1c2a9e-abc/log?container=openclaw&previous=true&tailLines=50");
  }

  @Test
  void readinessIsReadFromANewerClusterWhoseObjectsCarryFieldsTheClientDoesNotKnow() {
    wire.stubFor(
        get(urlPathEqualTo("/apis/apps/v1/namespaces/prod/deployments/openclaw-4f1c2a9e"))
            .willReturn(
                okJson(
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":"
                        + "\"openclaw-4f1c2a9e\",\"generation\":3,\"fieldFromTheFuture\":true},"
                        + "\"spec\":{\"replicas\":1,\"futureKnob\":\"on\"},\"status\":{\"observedGeneration\":3,"
                        + "\"updatedReplicas\":1,\"availableReplicas\":1,\"terminatingReplicas\":0}}")));
    wire.stubFor(
        get(urlPathEqualTo("/api/v1/namespaces/prod/pods"))
            .willReturn(
                okJson(
                    "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[{\"metadata\":"
                        + "{\"name\":\"openclaw-4f1c2a9e-abc\",\"creationTimestamp\":\"2026-11-27T10:00:00Z\"},"
                        + "\"status\":{\"phase\":\"Running\",\"newStatusField\":{\"x\":1},\"conditions\":"
                        + "[{\"type\":\"Ready\",\"status\":\"True\",\"observedGeneration\":1}]}}]}")));

    assertThat(
            runtime(ApplyMode.SERVER_SIDE_APPLY)
                .awaitReady(REF, java.time.Duration.ofSeconds(5), detail -> {})
                .podName())
        .isEqualTo("openclaw-4f1c2a9e-abc");
  }

  private static KubernetesInstanceRuntime runtime(ApplyMode mode) {
    return new KubernetesInstanceRuntime(
        client, TestSettings.fast().withApplyMode(mode), Clock.systemUTC());
  }

  private static List<LoggedRequest> requests(String method) {
    return wire.findAll(anyRequestedFor(urlPathMatching(".*"))).stream()
        .filter(request -> request.getMethod().getName().equals(method))
        .toList();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(
      int code, String reason, String message) {
    return aResponse()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\""
                + message.replace("\"", "\\\"")
                + "\",\"reason\":\""
                + reason
                + "\",\"code\":"
                + code
                + "}");
  }
}
