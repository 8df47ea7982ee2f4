package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.SkillConfigRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.out.UserRepository;
import io.servicetsunami.ports.out.WatermarkRepository;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/**
 * PostgreSQL (embedded unless {@code DATABASE_URL} is set) behind the repository ports, and the
 * Fernet vault for stored credentials.
 */
@Module
public final class PersistenceModule {

  private PersistenceModule() {}

  @Provides
  @Singleton
  static PostgresPersistence persistence(AppConfig config) {
    return PostgresPersistence.start(config.database());
  }

  @Provides
  static TenantRepository tenants(PostgresPersistence db) {
    return db.tenants();
  }

  @Provides
  static UserRepository users(PostgresPersistence db) {
    return db.users();
  }

  @Provides
  static AgentRepository agents(PostgresPersistence db) {
    return db.agents();
  }

  @Provides
  static AgentTaskRepository tasks(PostgresPersistence db) {
    return db.tasks();
  }

  @Provides
  static ExecutionTraceRepository traces(PostgresPersistence db) {
    return db.traces();
  }

  @Provides
  static TenantInstanceRepository instances(PostgresPersistence db) {
    return db.instances();
  }

  @Provides
  static SkillConfigRepository skillConfigs(PostgresPersistence db) {
    return db.skillConfigs();
  }

  @Provides
  static SkillCredentialRepository skillCredentials(PostgresPersistence db) {
    return db.skillCredentials();
  }

  @Provides
  static AgentMemoryRepository memories(PostgresPersistence db) {
    return db.memories();
  }

  @Provides
  static KnowledgeGraphRepository knowledge(PostgresPersistence db) {
    return db.knowledge();
  }

  @Provides
  static DatasetRepository datasets(PostgresPersistence db) {
    return db.datasets();
  }

  @Provides
  static DataPipelineRepository pipelines(PostgresPersistence db) {
    return db.pipelines();
  }

  @Provides
  static PipelineRunRepository pipelineRuns(PostgresPersistence db) {
    return db.pipelineRuns();
  }

  @Provides
  static WatermarkRepository watermarks(PostgresPersistence db) {
    return db.watermarks();
  }

  @Provides
  static ChatSessionRepository chatSessions(PostgresPersistence db) {
    return db.chatSessions();
  }

  @Provides
  @Singleton
  static CredentialCipher credentialCipher(AppConfig config, SecureRandom random) {
    return new FernetCredentialCipher(config.encryptionKeys(), random, java.time.Clock.systemUTC());
  }
}
