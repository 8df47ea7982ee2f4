package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a connector pipeline extracts and from where.
 *
 * @param connectionSkill the skill-credential namespace holding the connection's secrets (e.g. the
 *     JDBC URL, user and password), decrypted only inside the extract step
 */
public record ConnectorSyncConfig(
    ConnectorType connectorType, String connectionSkill, List<TableSync> tables) {

  public ConnectorSyncConfig {
    requireNonNull(connectorType, "connectorType is null");
    requireText(connectionSkill, "connectionSkill");
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a connector sync needs at least one table");
    }
    if (tables.stream().map(TableSync::table).distinct().count() != tables.size()) {
      throw new IllegalArgumentException("a table is listed twice");
    }
  }
}
