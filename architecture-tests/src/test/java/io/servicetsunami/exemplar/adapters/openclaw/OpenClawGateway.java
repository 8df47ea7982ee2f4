package io.servicetsunami.exemplar.adapters.openclaw;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.servicetsunami.exemplar.ports.model.InstanceId;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.glassfish.tyrus.client.ClientManager;

public final class OpenClawGateway {
  private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("gateway");

  public WebSocketContainer container(InstanceId id) {
    return breaker.executeSupplier(
        () ->
            id.value().isEmpty()
                ? ClientManager.createClient()
                : ContainerProvider.getWebSocketContainer());
  }
}
