package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.adapters.openclaw.testing.RealOpenClawGateway;
import io.servicetsunami.ports.contract.SkillGatewayContract;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The port's contract against a real OpenClaw gateway; the echo skill is the test plugin's tool.
 */
class OpenClawSkillGatewayContractIT implements SkillGatewayContract {

  private static RealOpenClawGateway real;
  private static OpenClawSkillGateway gateway;
  private static int deadPort;

  @BeforeAll
  static void start() throws IOException {
    real = RealOpenClawGateway.shared();
    Path keys = Files.createTempDirectory("openclaw-contract-keys");
    gateway = new OpenClawSkillGateway(OpenClawSettings.defaults(keys));
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Override
  public SkillGateway gateway() {
    return gateway;
  }

  @Override
  public GatewayEndpoint reachableGateway() {
    return new GatewayEndpoint(
        new InstanceId(UUID.nameUUIDFromBytes("reachable".getBytes())),
        real.url(),
        Secret.of(RealOpenClawGateway.TOKEN),
        Optional.empty());
  }

  @Override
  public GatewayEndpoint unreachableGateway() {
    return new GatewayEndpoint(
        new InstanceId(UUID.randomUUID()),
        "http://127.0.0.1:" + deadPort,
        Secret.of(RealOpenClawGateway.TOKEN),
        Optional.empty());
  }

  @Override
  public GatewayEndpoint gatewayWithWrongToken() {
    return new GatewayEndpoint(
        new InstanceId(UUID.nameUUIDFromBytes("wrong-token".getBytes())),
        real.url(),
        Secret.of("definitely-not-the-token-" + UUID.nameUUIDFromBytes("x".getBytes())),
        Optional.empty());
  }

  @Override
  public String echoSkill() {
    return RealOpenClawGateway.ECHO_TOOL;
  }
}
