package io.servicetsunami.app.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.app.http.AgentRoutes;
import io.servicetsunami.app.http.AgentTaskRoutes;
import io.servicetsunami.app.http.AuthRoutes;
import io.servicetsunami.app.http.DatasetRoutes;
import io.servicetsunami.app.http.HealthRoutes;
import io.servicetsunami.app.http.ImportRoutes;
import io.servicetsunami.app.http.InstanceRoutes;
import io.servicetsunami.app.http.LiveUpdateRoutes;
import io.servicetsunami.app.http.MetricsRoutes;
import io.servicetsunami.app.http.PipelineRoutes;
import io.servicetsunami.app.http.ReadinessCheck;
import io.servicetsunami.app.http.RouteGroup;
import io.servicetsunami.app.http.SkillRoutes;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The HTTP route groups and readiness checks. Another module adds a group with its own
 * {@code @Binds @IntoSet RouteGroup} (or a check with {@code @IntoSet ReadinessCheck}).
 */
@Module
public abstract class HttpModule {

  private HttpModule() {}

  @Binds
  @IntoSet
  abstract RouteGroup health(HealthRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup auth(AuthRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup agents(AgentRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup agentTasks(AgentTaskRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup instances(InstanceRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup skills(SkillRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup pipelines(PipelineRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup datasets(DatasetRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup imports(ImportRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup metrics(MetricsRoutes routes);

  @Binds
  @IntoSet
  abstract RouteGroup liveUpdates(LiveUpdateRoutes routes);

  @Provides
  @IntoSet
  static ReadinessCheck database(PostgresPersistence db) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return "database";
      }

      @Override
      public boolean ready() {
        try (Connection connection = db.dataSource().getConnection()) {
          return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
          return false;
        }
      }
    };
  }

  @Provides
  @IntoSet
  static ReadinessCheck workers(WorkerStatus status) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return "workers";
      }

      @Override
      public boolean ready() {
        return status.polling();
      }
    };
  }
}
