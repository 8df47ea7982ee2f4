package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.out.UserRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} does. */
public interface UserRepositoryContract extends Prerequisites {

  UserRepository users();

  private static String uniqueEmail() {
    return "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  default void createdUserIsFoundByIdAndEmail() {
    TenantId tenant = newTenant();
    User user = Fixtures.user(tenant, uniqueEmail());

    User created = users().create(user);

    assertThat(created).isEqualTo(user);
    assertThat(users().find(tenant, user.id())).contains(user);
    assertThat(users().findByEmail(user.email())).contains(user);
  }

  @Test
  default void emailLookupIgnoresCase() {
    User user = users().create(Fixtures.user(newTenant(), uniqueEmail()));

    assertThat(users().findByEmail(user.email().toUpperCase(Locale.ROOT))).contains(user);
  }

  @Test
  default void unknownUserIsNotFound() {
    assertThat(users().find(newTenant(), Fixtures.userId())).isEmpty();
    assertThat(users().findByEmail(uniqueEmail())).isEmpty();
  }

  @Test
  default void creatingATakenIdIsAConflict() {
    TenantId tenant = newTenant();
    User user = users().create(Fixtures.user(tenant, uniqueEmail()));
    User sameId =
        new User(user.id(), tenant, uniqueEmail(), "Other", "fake-sha256$1$00", true, Fixtures.NOW);

    assertPortError(
        ConflictException.class, ErrorCode.ALREADY_EXISTS, () -> users().create(sameId));
  }

  @Test
  default void emailIsUniqueAcrossTenantsWhateverItsCase() {
    User user = users().create(Fixtures.user(newTenant(), uniqueEmail()));
    User sameEmailElsewhere = Fixtures.user(newTenant(), user.email().toUpperCase(Locale.ROOT));

    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> users().create(sameEmailElsewhere));
  }

  @Test
  default void anotherTenantCannotReadAUserById() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    User user = users().create(Fixtures.user(a, uniqueEmail()));

    assertThat(users().find(b, user.id())).isEmpty();
    assertThat(users().find(a, user.id())).contains(user);
  }
}
