package io.servicetsunami.exemplar.ports.out;

import java.util.UUID;

public interface IdGenerator {
  UUID next();
}
