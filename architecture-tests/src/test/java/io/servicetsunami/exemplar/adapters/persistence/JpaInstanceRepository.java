package io.servicetsunami.exemplar.adapters.persistence;

import io.servicetsunami.exemplar.ports.model.Instance;
import io.servicetsunami.exemplar.ports.model.InstanceId;
import io.servicetsunami.exemplar.ports.out.InstanceRepository;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;

public final class JpaInstanceRepository implements InstanceRepository {
  private final EntityManager entityManager;

  public JpaInstanceRepository(EntityManager entityManager, Flyway flyway) {
    this.entityManager = entityManager;
    flyway.migrate();
  }

  @Override
  public Optional<Instance> find(InstanceId id) {
    entityManager.unwrap(Session.class).find(InstanceEntity.class, id.value());
    return Optional.empty();
  }

  @Override
  public void save(Instance instance) {
    InstanceEntity entity = new InstanceEntity();
    entity.id = instance.id().value();
    entity.status = instance.status().name();
    entityManager.persist(entity);
  }
}
