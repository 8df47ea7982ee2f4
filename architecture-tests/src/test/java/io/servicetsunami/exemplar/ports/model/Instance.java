package io.servicetsunami.exemplar.ports.model;

import java.time.Instant;

public record Instance(InstanceId id, InstanceStatus status, Instant updatedAt, int[] ports) {}
