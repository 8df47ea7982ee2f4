package io.servicetsunami.exemplar.adapters.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
class InstanceEntity {
  @Id String id;
  String status;
}
