package io.servicetsunami.ports.in;

import io.servicetsunami.ports.model.SkillDefinition;
import java.util.List;

/** The skill registry. */
public interface ListSkillsUseCase {

  /** Every skill, by category then name, with the credential fields each needs. */
  List<SkillDefinition> list();
}
