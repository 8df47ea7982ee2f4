package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.RelationId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link KnowledgeGraphRepository} does. */
public interface KnowledgeGraphRepositoryContract extends Prerequisites {

  KnowledgeGraphRepository knowledge();

  private static KnowledgeEntity sighting(
      TenantId tenant, String name, Map<String, Object> attributes, double confidence) {
    return new KnowledgeEntity(
        new EntityId(UUID.randomUUID()),
        tenant,
        name,
        "person",
        attributes,
        confidence,
        Optional.of("chatgpt:session"),
        Fixtures.at(60),
        Fixtures.at(60));
  }

  private static KnowledgeRelation withStrength(KnowledgeRelation relation, double strength) {
    return new KnowledgeRelation(
        new RelationId(UUID.randomUUID()),
        relation.tenantId(),
        relation.fromEntityId(),
        relation.toEntityId(),
        relation.relationType(),
        strength,
        Fixtures.at(60));
  }

  @Test
  default void newEntityIsStoredAsGiven() {
    TenantId tenant = newTenant();
    KnowledgeEntity entity = Fixtures.entity(tenant, "Grace Hopper", "person");

    KnowledgeEntity stored = knowledge().upsertEntity(entity);

    assertThat(stored).isEqualTo(entity);
    assertThat(knowledge().findEntity(tenant, entity.id())).contains(entity);
  }

  @Test
  default void unknownEntityIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(knowledge().findEntity(tenant, new EntityId(UUID.randomUUID()))).isEmpty();
    assertThat(knowledge().listEntities(tenant, Optional.empty(), Page.first(10))).isEmpty();
  }

  @Test
  default void sameNormalisedNameAndTypeMergesIntoTheExistingEntity() {
    TenantId tenant = newTenant();
    KnowledgeEntity first =
        knowledge()
            .upsertEntity(
                sighting(tenant, "Grace Hopper", Map.of("role", "admiral", "born", "1906"), 0.9));

    KnowledgeEntity merged =
        knowledge()
            .upsertEntity(
                sighting(
                    tenant, "  GRACE   hopper ", Map.of("role", "lead", "team", "launch"), 0.4));

    assertThat(merged.id()).isEqualTo(first.id());
    assertThat(merged.attributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("role", "lead", "born", "1906", "team", "launch"));
    assertThat(merged.confidence()).isEqualTo(0.9);
    assertThat(knowledge().findEntity(tenant, first.id())).contains(merged);
    assertThat(knowledge().listEntities(tenant, Optional.empty(), Page.first(10)))
        .containsExactly(merged);
  }

  @Test
  default void mergeKeepsTheHigherConfidence() {
    TenantId tenant = newTenant();
    knowledge().upsertEntity(sighting(tenant, "Acme", Map.of(), 0.3));

    KnowledgeEntity merged = knowledge().upsertEntity(sighting(tenant, "acme", Map.of(), 0.7));

    assertThat(merged.confidence()).isEqualTo(0.7);
  }

  @Test
  default void sameNameOfAnotherTypeIsAnotherEntity() {
    TenantId tenant = newTenant();
    KnowledgeEntity person = knowledge().upsertEntity(Fixtures.entity(tenant, "Jordan", "person"));
    KnowledgeEntity place = knowledge().upsertEntity(Fixtures.entity(tenant, "Jordan", "place"));

    assertThat(place.id()).isNotEqualTo(person.id());
    assertThat(knowledge().listEntities(tenant, Optional.empty(), Page.first(10))).hasSize(2);
  }

  @Test
  default void upsertingTheSameEntityTwiceIsIdempotent() {
    TenantId tenant = newTenant();
    KnowledgeEntity entity = sighting(tenant, "Grace Hopper", Map.of("role", "admiral"), 0.8);

    KnowledgeEntity first = knowledge().upsertEntity(entity);
    KnowledgeEntity second = knowledge().upsertEntity(entity);

    assertThat(second).isEqualTo(first);
    assertThat(knowledge().listEntities(tenant, Optional.empty(), Page.first(10)))
        .containsExactly(first);
  }

  @Test
  default void entitiesAreListedByNormalisedNameFilteredByTypeAndPaged() {
    TenantId tenant = newTenant();
    KnowledgeEntity zed = knowledge().upsertEntity(Fixtures.entity(tenant, "Zed", "person"));
    KnowledgeEntity acme = knowledge().upsertEntity(Fixtures.entity(tenant, "acme", "org"));
    KnowledgeEntity bob = knowledge().upsertEntity(Fixtures.entity(tenant, "Bob", "person"));

    assertThat(knowledge().listEntities(tenant, Optional.empty(), Page.first(10)))
        .containsExactly(acme, bob, zed);
    assertThat(knowledge().listEntities(tenant, Optional.of("person"), Page.first(10)))
        .containsExactly(bob, zed);
    assertThat(knowledge().listEntities(tenant, Optional.empty(), new Page(1, 1)))
        .containsExactly(bob);
  }

  @Test
  default void relationIsStoredAndFoundFromEitherEnd() {
    TenantId tenant = newTenant();
    KnowledgeEntity grace = knowledge().upsertEntity(Fixtures.entity(tenant, "Grace", "person"));
    KnowledgeEntity acme = knowledge().upsertEntity(Fixtures.entity(tenant, "Acme", "org"));
    KnowledgeRelation worksAt = Fixtures.relation(tenant, grace.id(), acme.id(), "works_at");

    KnowledgeRelation stored = knowledge().upsertRelation(worksAt);

    assertThat(stored).isEqualTo(worksAt);
    assertThat(knowledge().relationsOf(tenant, grace.id())).containsExactly(worksAt);
    assertThat(knowledge().relationsOf(tenant, acme.id())).containsExactly(worksAt);
  }

  @Test
  default void sameRelationAgainKeepsOneEdgeWithTheStrongerStrength() {
    TenantId tenant = newTenant();
    KnowledgeEntity grace = knowledge().upsertEntity(Fixtures.entity(tenant, "Grace", "person"));
    KnowledgeEntity acme = knowledge().upsertEntity(Fixtures.entity(tenant, "Acme", "org"));
    KnowledgeRelation first =
        knowledge()
            .upsertRelation(
                withStrength(Fixtures.relation(tenant, grace.id(), acme.id(), "works_at"), 0.5));

    KnowledgeRelation weaker = knowledge().upsertRelation(withStrength(first, 0.2));
    KnowledgeRelation stronger = knowledge().upsertRelation(withStrength(first, 0.8));

    assertThat(weaker).isEqualTo(first);
    assertThat(stronger.id()).isEqualTo(first.id());
    assertThat(stronger.strength()).isEqualTo(0.8);
    assertThat(knowledge().relationsOf(tenant, grace.id())).containsExactly(stronger);
  }

  @Test
  default void relationToAMissingEntityIsInvalid() {
    TenantId tenant = newTenant();
    KnowledgeEntity grace = knowledge().upsertEntity(Fixtures.entity(tenant, "Grace", "person"));

    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () ->
            knowledge()
                .upsertRelation(
                    Fixtures.relation(
                        tenant, grace.id(), new EntityId(UUID.randomUUID()), "knows")));
    assertThat(knowledge().relationsOf(tenant, grace.id())).isEmpty();
  }

  @Test
  default void anotherTenantCannotReadListMergeIntoOrLinkAnEntity() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    KnowledgeEntity grace = knowledge().upsertEntity(Fixtures.entity(a, "Grace", "person"));
    KnowledgeEntity acme = knowledge().upsertEntity(Fixtures.entity(a, "Acme", "org"));
    KnowledgeRelation worksAt =
        knowledge().upsertRelation(Fixtures.relation(a, grace.id(), acme.id(), "works_at"));

    assertThat(knowledge().findEntity(b, grace.id())).isEmpty();
    assertThat(knowledge().listEntities(b, Optional.empty(), Page.first(10))).isEmpty();
    assertThat(knowledge().relationsOf(b, grace.id())).isEmpty();
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> knowledge().upsertRelation(Fixtures.relation(b, grace.id(), acme.id(), "knows")));
    KnowledgeEntity own = knowledge().upsertEntity(Fixtures.entity(b, "Grace", "person"));

    assertThat(own.id()).isNotEqualTo(grace.id());
    assertThat(knowledge().findEntity(a, grace.id())).contains(grace);
    assertThat(knowledge().relationsOf(a, grace.id())).containsExactly(worksAt);
  }
}
