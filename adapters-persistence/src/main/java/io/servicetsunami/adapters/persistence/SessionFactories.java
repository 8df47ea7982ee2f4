package io.servicetsunami.adapters.persistence;

import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * Bootstraps Hibernate without a container: the annotated entities, the pool as data source, and
 * {@code hbm2ddl.auto=validate}, so that a schema Flyway did not produce stops the start.
 */
final class SessionFactories {

  static final List<Class<?>> ENTITIES =
      List.of(
          TenantEntity.class,
          UserEntity.class,
          AgentEntity.class,
          AgentTaskEntity.class,
          ExecutionTraceEntity.class,
          TenantInstanceEntity.class,
          SkillConfigEntity.class,
          SkillCredentialEntity.class,
          AgentMemoryEntity.class,
          KnowledgeEntityEntity.class,
          KnowledgeRelationEntity.class,
          DatasetEntity.class,
          DataPipelineEntity.class,
          PipelineRunEntity.class,
          WatermarkEntity.class,
          ChatSessionEntity.class);

  private SessionFactories() {}

  static SessionFactory build(DataSource dataSource) {
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
            .applySetting(
                AvailableSettings.JSON_FORMAT_MAPPER,
                new JacksonJsonFormatMapper(JsonColumns.MAPPER))
            .build();
    try {
      MetadataSources sources = new MetadataSources(registry);
      ENTITIES.forEach(sources::addAnnotatedClass);
      return sources.buildMetadata().buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }
}
