package io.servicetsunami.exemplar.app;

import io.javalin.Javalin;
import io.servicetsunami.exemplar.ports.in.StartInstanceUseCase;
import io.servicetsunami.exemplar.ports.model.InstanceId;
import jakarta.inject.Inject;

public final class HttpApi {
  private final StartInstanceUseCase startInstance;

  @Inject
  HttpApi(StartInstanceUseCase startInstance) {
    this.startInstance = startInstance;
  }

  Javalin routes() {
    return Javalin.create(
        config ->
            config.routes.post(
                "/api/v1/instances/{id}/start",
                ctx -> ctx.json(startInstance.start(new InstanceId(ctx.pathParam("id"))))));
  }
}
