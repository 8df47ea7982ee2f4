package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;

/**
 * A credential a skill needs, as the configuration form shows it.
 *
 * @param key the field name, e.g. {@code api_key}
 * @param label what the form shows
 * @param required whether the skill cannot run without it
 */
public record CredentialField(String key, String label, boolean required) {

  public CredentialField {
    requireText(key, "key");
    requireText(label, "label");
  }
}
