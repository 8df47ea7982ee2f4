package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users")
class UserEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "email", nullable = false)
  String email;

  @Column(name = "full_name", nullable = false)
  String fullName;

  @Column(name = "password_hash", nullable = false)
  String passwordHash;

  @Column(name = "is_active", nullable = false)
  boolean active;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected UserEntity() {}

  static UserEntity of(User user) {
    UserEntity e = new UserEntity();
    e.id = user.id().value();
    e.tenantId = user.tenantId().value();
    e.email = user.email();
    e.fullName = user.fullName();
    e.passwordHash = user.passwordHash();
    e.active = user.active();
    e.createdAt = Rows.micros(user.createdAt());
    return e;
  }

  User toRecord() {
    return new User(
        new UserId(id), new TenantId(tenantId), email, fullName, passwordHash, active, createdAt);
  }
}
