package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** What every {@link TenantRepository} does. */
public interface TenantRepositoryContract {

  TenantRepository tenants();

  @Test
  default void createdTenantIsFoundById() {
    Tenant tenant = Fixtures.tenant();

    Tenant created = tenants().create(tenant);

    assertThat(created).isEqualTo(tenant);
    assertThat(tenants().find(tenant.id())).contains(tenant);
  }

  @Test
  default void unknownTenantIsNotFound() {
    assertThat(tenants().find(Fixtures.tenantId())).isEmpty();
  }

  @Test
  default void creatingATakenIdIsAConflict() {
    Tenant tenant = tenants().create(Fixtures.tenant());

    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> tenants().create(Fixtures.tenant(tenant.id())));
  }

  @Test
  default void eachTenantIsFoundOnlyByItsOwnId() {
    Tenant a = tenants().create(Fixtures.tenant());
    Tenant b = tenants().create(Fixtures.tenant());

    assertThat(tenants().find(a.id())).contains(a);
    assertThat(tenants().find(b.id())).contains(b);
  }
}
