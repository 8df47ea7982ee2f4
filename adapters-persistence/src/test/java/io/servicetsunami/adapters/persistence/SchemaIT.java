package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema Flyway made is the one the original system and the ports expect. */
class SchemaIT implements PostgresPrerequisites {

  @Test
  void executionTracesHaveExactlyTheOriginalColumns() {
    List<Map<String, String>> columns =
        RawRows.query(
            db().dataSource(),
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'execution_traces'"
                + " ORDER BY ordinal_position");

    assertThat(columns)
        .extracting(c -> c.get("column_name"))
        .containsExactly(
            "id",
            "task_id",
            "tenant_id",
            "step_type",
            "step_order",
            "agent_id",
            "details",
            "duration_ms",
            "created_at");
    assertThat(columns)
        .extracting(c -> c.get("data_type"))
        .containsExactly(
            "uuid",
            "uuid",
            "uuid",
            "text",
            "integer",
            "uuid",
            "jsonb",
            "bigint",
            "timestamp with time zone");
  }

  @Test
  void everyRepositoryPortHasItsTables() {
    List<String> tables =
        RawRows.query(
                db().dataSource(),
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
            .stream()
            .map(row -> row.get("table_name"))
            .toList();

    assertThat(tables)
        .contains(
            "tenants",
            "users",
            "agents",
            "agent_tasks",
            "execution_traces",
            "tenant_instances",
            "skill_configs",
            "skill_credentials",
            "agent_memories",
            "knowledge_entities",
            "knowledge_relations",
            "datasets",
            "data_pipelines",
            "pipeline_runs",
            "connector_watermarks",
            "chat_sessions",
            "flyway_schema_history");
  }

  @Test
  void everyTenantOwnedTableIsKeyedOrIndexedByTenantFirst() {
    // Every list and lookup of a tenant's rows can start from its tenant.
    List<Map<String, String>> unscoped =
        RawRows.query(
            db().dataSource(),
            "SELECT c.relname AS table_name FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                + " AND c.relname NOT IN ('tenants', 'flyway_schema_history')"
                + " AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a"
                + "   ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                + "   WHERE i.indrelid = c.oid AND a.attname = 'tenant_id')");

    assertThat(unscoped).isEmpty();
  }
}
