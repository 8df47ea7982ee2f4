-- ServiceTsunami schema, version 1. Flyway owns it; Hibernate only validates it.
--
-- Tenant scoping: every tenant-owned table carries tenant_id. A child refers to its parent through
-- (tenant_id, parent_id) -> parent (tenant_id, id), so a row can never point at another tenant's
-- row. tenant_id references tenants directly where no such parent already pins it.
--
-- Enumerations are stored in their wire form (lower snake case, e.g. 'waiting_input'), the form
-- the original system and its web client use. Columns that lists are sorted by use COLLATE "C" so
-- that the order is the code-point order whatever the server's locale.
--
-- ON DELETE SET NULL (column) needs PostgreSQL 15 or newer.

-- ---- tenants and users ------------------------------------------------------------------------

CREATE TABLE tenants (
    id                uuid PRIMARY KEY,
    name              text NOT NULL,
    default_llm_model text NOT NULL,
    created_at        timestamp with time zone NOT NULL
);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email         text NOT NULL,
    full_name     text NOT NULL,
    password_hash text NOT NULL,
    is_active     boolean NOT NULL,
    created_at    timestamp with time zone NOT NULL,
    CONSTRAINT users_tenant_id_id_key UNIQUE (tenant_id, id)
);

-- E-mail addresses are unique across all tenants, whatever their case.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- ---- agents, tasks and their traces -----------------------------------------------------------

CREATE TABLE agents (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         text NOT NULL,
    description  text NOT NULL,
    capabilities jsonb NOT NULL DEFAULT '[]',
    instructions text NOT NULL,
    llm_model    text,
    skill_stats  jsonb NOT NULL DEFAULT '{}',
    revision     bigint NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at   timestamp with time zone NOT NULL,
    updated_at   timestamp with time zone NOT NULL,
    CONSTRAINT agents_tenant_id_id_key UNIQUE (tenant_id, id)
);

CREATE INDEX agents_tenant_created_idx ON agents (tenant_id, created_at, id);

CREATE TABLE agent_tasks (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    objective             text NOT NULL,
    task_type             text NOT NULL,
    priority              text NOT NULL
        CHECK (priority IN ('low', 'normal', 'high', 'critical')),
    required_capabilities jsonb NOT NULL DEFAULT '[]',
    context               jsonb NOT NULL DEFAULT '{}',
    requires_approval     boolean NOT NULL,
    status                text NOT NULL
        CHECK (status IN ('queued', 'thinking', 'executing', 'waiting_input', 'completed', 'failed')),
    assigned_agent_id     uuid,
    output                jsonb NOT NULL DEFAULT '{}',
    confidence            double precision CHECK (confidence BETWEEN 0 AND 1),
    error                 text,
    approved_by           uuid,
    revision              bigint NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at            timestamp with time zone NOT NULL,
    updated_at            timestamp with time zone NOT NULL,
    started_at            timestamp with time zone,
    completed_at          timestamp with time zone,
    CONSTRAINT agent_tasks_tenant_id_id_key UNIQUE (tenant_id, id),
    -- Deleting an agent or a user keeps the task's history and forgets the reference.
    CONSTRAINT agent_tasks_assigned_agent_fkey FOREIGN KEY (tenant_id, assigned_agent_id)
        REFERENCES agents (tenant_id, id) ON DELETE SET NULL (assigned_agent_id),
    CONSTRAINT agent_tasks_approved_by_fkey FOREIGN KEY (tenant_id, approved_by)
        REFERENCES users (tenant_id, id) ON DELETE SET NULL (approved_by)
);

-- GET /agent-tasks: newest first, optionally of one status.
CREATE INDEX agent_tasks_tenant_created_idx ON agent_tasks (tenant_id, created_at DESC, id DESC);
CREATE INDEX agent_tasks_tenant_status_created_idx
    ON agent_tasks (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX agent_tasks_assigned_agent_idx
    ON agent_tasks (tenant_id, assigned_agent_id) WHERE assigned_agent_id IS NOT NULL;

-- Exactly the original system's columns. Idempotency comes from the id, which the core derives
-- from task, step and call, so a retried step writes the same id and INSERT ... ON CONFLICT (id)
-- DO NOTHING keeps the first row.
CREATE TABLE execution_traces (
    id          uuid PRIMARY KEY,
    task_id     uuid NOT NULL,
    tenant_id   uuid NOT NULL,
    step_type   text NOT NULL
        CHECK (step_type IN ('dispatched', 'memory_recall', 'executing', 'entity_persist',
                             'skill_call', 'completed', 'failed')),
    step_order  integer NOT NULL CHECK (step_order >= 1),
    agent_id    uuid,
    details     jsonb NOT NULL DEFAULT '{}',
    duration_ms bigint NOT NULL CHECK (duration_ms >= 0),
    created_at  timestamp with time zone NOT NULL,
    CONSTRAINT execution_traces_task_fkey FOREIGN KEY (tenant_id, task_id)
        REFERENCES agent_tasks (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT execution_traces_agent_fkey FOREIGN KEY (tenant_id, agent_id)
        REFERENCES agents (tenant_id, id) ON DELETE SET NULL (agent_id)
);

-- A task's timeline, and the tenant's traces newest first.
CREATE INDEX execution_traces_task_idx
    ON execution_traces (tenant_id, task_id, step_order, created_at, id);
CREATE INDEX execution_traces_tenant_created_idx
    ON execution_traces (tenant_id, created_at DESC, id DESC);
CREATE INDEX execution_traces_agent_idx
    ON execution_traces (tenant_id, agent_id) WHERE agent_id IS NOT NULL;

-- ---- OpenClaw instances and skills ------------------------------------------------------------

CREATE TABLE tenant_instances (
    id                     uuid PRIMARY KEY,
    tenant_id              uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    version                text NOT NULL,
    status                 text NOT NULL
        CHECK (status IN ('provisioning', 'running', 'stopped', 'upgrading', 'error', 'destroying')),
    helm_release           text NOT NULL,
    k8s_namespace          text NOT NULL,
    cpu_request            text NOT NULL,
    cpu_limit              text NOT NULL,
    memory_request         text NOT NULL,
    memory_limit           text NOT NULL,
    storage_size           text NOT NULL,
    internal_url           text,
    -- CredentialCipher tokens bound to tenant_id: ciphertext only.
    encrypted_gateway_token text,
    encrypted_device_token  text,
    error_message          text,
    revision               bigint NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at             timestamp with time zone NOT NULL,
    updated_at             timestamp with time zone NOT NULL,
    -- A tenant has at most one instance; a release name belongs to one tenant per namespace.
    CONSTRAINT tenant_instances_tenant_key UNIQUE (tenant_id),
    CONSTRAINT tenant_instances_release_key UNIQUE (k8s_namespace, helm_release)
);

CREATE TABLE skill_configs (
    tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    skill_name        text COLLATE "C" NOT NULL,
    enabled           boolean NOT NULL,
    requires_approval boolean NOT NULL,
    llm_model         text,
    -- Names of the credentials stored for the skill, never their values.
    credential_keys   jsonb NOT NULL DEFAULT '[]',
    revision          bigint NOT NULL CHECK (revision >= 1),
    updated_at        timestamp with time zone NOT NULL,
    PRIMARY KEY (tenant_id, skill_name)
);

CREATE TABLE skill_credentials (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    skill_name     text COLLATE "C" NOT NULL,
    credential_key text COLLATE "C" NOT NULL,
    -- A CredentialCipher token bound to tenant_id. Never plaintext: the repository only ever
    -- receives EncryptedSecret.
    ciphertext     text NOT NULL,
    updated_at     timestamp with time zone NOT NULL,
    PRIMARY KEY (tenant_id, skill_name, credential_key)
);

-- ---- memory and knowledge ---------------------------------------------------------------------

CREATE TABLE agent_memories (
    id               uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    agent_id         uuid NOT NULL,
    memory_type      text NOT NULL
        CHECK (memory_type IN ('fact', 'experience', 'skill', 'preference')),
    content          text NOT NULL,
    importance       double precision NOT NULL CHECK (importance BETWEEN 0 AND 1),
    source_task_id   uuid,
    access_count     bigint NOT NULL DEFAULT 0 CHECK (access_count >= 0),
    created_at       timestamp with time zone NOT NULL,
    last_accessed_at timestamp with time zone,
    CONSTRAINT agent_memories_agent_fkey FOREIGN KEY (tenant_id, agent_id)
        REFERENCES agents (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT agent_memories_source_task_fkey FOREIGN KEY (tenant_id, source_task_id)
        REFERENCES agent_tasks (tenant_id, id) ON DELETE SET NULL (source_task_id)
);

-- recall_memory: importance >= 0.3, most important and newest first.
CREATE INDEX agent_memories_recall_idx
    ON agent_memories (tenant_id, agent_id, importance DESC, created_at DESC);
CREATE INDEX agent_memories_agent_created_idx
    ON agent_memories (tenant_id, agent_id, created_at DESC, id DESC);
CREATE INDEX agent_memories_source_task_idx
    ON agent_memories (tenant_id, source_task_id) WHERE source_task_id IS NOT NULL;

CREATE TABLE knowledge_entities (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name            text NOT NULL,
    -- KnowledgeEntity.normalize(name): NFKC, stripped, inner whitespace collapsed, lower case.
    normalized_name text COLLATE "C" NOT NULL,
    entity_type     text COLLATE "C" NOT NULL,
    attributes      jsonb NOT NULL DEFAULT '{}',
    confidence      double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    source          text,
    created_at      timestamp with time zone NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    CONSTRAINT knowledge_entities_tenant_id_id_key UNIQUE (tenant_id, id),
    -- Entities are deduplicated by normalised name and type; this also serves the listing.
    CONSTRAINT knowledge_entities_name_key UNIQUE (tenant_id, normalized_name, entity_type)
);

CREATE INDEX knowledge_entities_type_idx
    ON knowledge_entities (tenant_id, entity_type, normalized_name);

CREATE TABLE knowledge_relations (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL,
    from_entity_id uuid NOT NULL,
    to_entity_id   uuid NOT NULL,
    relation_type  text NOT NULL,
    strength       double precision NOT NULL CHECK (strength BETWEEN 0 AND 1),
    created_at     timestamp with time zone NOT NULL,
    CONSTRAINT knowledge_relations_from_fkey FOREIGN KEY (tenant_id, from_entity_id)
        REFERENCES knowledge_entities (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT knowledge_relations_to_fkey FOREIGN KEY (tenant_id, to_entity_id)
        REFERENCES knowledge_entities (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT knowledge_relations_edge_key
        UNIQUE (tenant_id, from_entity_id, to_entity_id, relation_type)
);

CREATE INDEX knowledge_relations_to_idx ON knowledge_relations (tenant_id, to_entity_id);

-- ---- data: datasets, pipelines with their schedules, runs, watermarks, chat imports -----------

CREATE TABLE datasets (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name           text NOT NULL,
    format         text NOT NULL CHECK (format IN ('csv', 'json', 'parquet')),
    storage_ref    text NOT NULL,
    row_count      bigint NOT NULL CHECK (row_count >= 0),
    sync_status    text NOT NULL CHECK (sync_status IN ('pending', 'syncing', 'synced', 'failed')),
    bronze_table   text,
    silver_table   text,
    last_error     text,
    last_synced_at timestamp with time zone,
    created_at     timestamp with time zone NOT NULL,
    updated_at     timestamp with time zone NOT NULL,
    CONSTRAINT datasets_tenant_id_id_key UNIQUE (tenant_id, id)
);

CREATE INDEX datasets_tenant_created_idx ON datasets (tenant_id, created_at DESC, id DESC);

CREATE TABLE data_pipelines (
    id                   uuid PRIMARY KEY,
    tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                 text NOT NULL,
    pipeline_type        text NOT NULL
        CHECK (pipeline_type IN ('dataset_sync', 'connector_sync', 'agent_kit')),
    config               jsonb NOT NULL DEFAULT '{}',
    dataset_id           uuid,
    -- {connector_type, connection_skill, tables: [{table, mode, primary_key, watermark_column,
    -- overlap_ms}]} for connector_sync pipelines.
    connector            jsonb,
    -- The schedule: none, a five-field cron expression (UTC) or an interval.
    schedule_kind        text CHECK (schedule_kind IN ('cron', 'interval')),
    schedule_cron        text,
    schedule_interval_ms bigint CHECK (schedule_interval_ms >= 60000),
    schedule_paused      boolean,
    created_at           timestamp with time zone NOT NULL,
    updated_at           timestamp with time zone NOT NULL,
    CONSTRAINT data_pipelines_tenant_id_id_key UNIQUE (tenant_id, id),
    -- A dataset_sync pipeline means nothing without its dataset.
    CONSTRAINT data_pipelines_dataset_fkey FOREIGN KEY (tenant_id, dataset_id)
        REFERENCES datasets (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT data_pipelines_schedule_check CHECK (
        (schedule_kind IS NULL AND schedule_cron IS NULL AND schedule_interval_ms IS NULL
            AND schedule_paused IS NULL)
        OR (schedule_kind = 'cron' AND schedule_cron IS NOT NULL AND schedule_interval_ms IS NULL
            AND schedule_paused IS NOT NULL)
        OR (schedule_kind = 'interval' AND schedule_interval_ms IS NOT NULL
            AND schedule_cron IS NULL AND schedule_paused IS NOT NULL))
);

CREATE INDEX data_pipelines_tenant_created_idx
    ON data_pipelines (tenant_id, created_at DESC, id DESC);
CREATE INDEX data_pipelines_dataset_idx
    ON data_pipelines (tenant_id, dataset_id) WHERE dataset_id IS NOT NULL;
-- Start-up re-ensures the schedules of every tenant's scheduled pipelines.
CREATE INDEX data_pipelines_scheduled_idx
    ON data_pipelines (created_at, id) WHERE schedule_kind IS NOT NULL;

CREATE TABLE pipeline_runs (
    id             uuid PRIMARY KEY,
    pipeline_id    uuid NOT NULL,
    tenant_id      uuid NOT NULL,
    status         text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    trigger_source text NOT NULL CHECK (trigger_source IN ('manual', 'schedule')),
    workflow_id    text NOT NULL,
    output         jsonb NOT NULL DEFAULT '{}',
    error          text,
    started_at     timestamp with time zone NOT NULL,
    completed_at   timestamp with time zone,
    CONSTRAINT pipeline_runs_pipeline_fkey FOREIGN KEY (tenant_id, pipeline_id)
        REFERENCES data_pipelines (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX pipeline_runs_pipeline_started_idx
    ON pipeline_runs (tenant_id, pipeline_id, started_at DESC, id DESC);

CREATE TABLE connector_watermarks (
    tenant_id       uuid NOT NULL,
    pipeline_id     uuid NOT NULL,
    table_name      text NOT NULL,
    column_name     text NOT NULL,
    -- The highest watermark-column value landed in silver, in the column's canonical text form.
    watermark_value text NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    PRIMARY KEY (tenant_id, pipeline_id, table_name),
    CONSTRAINT connector_watermarks_pipeline_fkey FOREIGN KEY (tenant_id, pipeline_id)
        REFERENCES data_pipelines (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE chat_sessions (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    source       text NOT NULL CHECK (source IN ('chatgpt', 'claude')),
    external_id  text NOT NULL,
    title        text NOT NULL,
    -- [{role, text, created_at}]
    messages     jsonb NOT NULL DEFAULT '[]',
    imported_at  timestamp with time zone NOT NULL,
    extracted_at timestamp with time zone,
    -- Re-importing an export is idempotent.
    CONSTRAINT chat_sessions_external_key UNIQUE (tenant_id, source, external_id)
);
