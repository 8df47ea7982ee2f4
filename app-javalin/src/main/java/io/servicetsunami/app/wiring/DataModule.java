package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.chatexport.JacksonChatExportParser;
import io.servicetsunami.adapters.connectors.BigQuerySourceConnector;
import io.servicetsunami.adapters.connectors.HostPolicy;
import io.servicetsunami.adapters.connectors.PostgresSourceConnector;
import io.servicetsunami.adapters.connectors.SnowflakeSourceConnector;
import io.servicetsunami.adapters.databricks.DatabricksLakehouse;
import io.servicetsunami.adapters.duckdb.DuckDbLakehouse;
import io.servicetsunami.adapters.llm.HttpLlmClient;
import io.servicetsunami.adapters.local.LocalDatasetFileStore;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.ports.out.ChatExportParser;
import io.servicetsunami.ports.out.DatasetFileStore;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.LlmClient;
import io.servicetsunami.ports.out.SourceConnector;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The data side: the lakehouse (DuckDB under the data directory, Databricks when {@code
 * DATABRICKS_HOST} is set), uploaded files, the source connectors behind one host policy, the LLM
 * client for knowledge extraction, and the chat-export parser.
 */
@Module
public final class DataModule {

  private DataModule() {}

  @Provides
  @Singleton
  static Lakehouse lakehouse(AdapterConfig config) {
    if (config.databricks().isPresent()) {
      return new DatabricksLakehouse(config.databricks().get());
    }
    return new DuckDbLakehouse(config.duckDb());
  }

  @Provides
  @Singleton
  static DatasetFileStore datasetFiles(AppConfig config) {
    return new LocalDatasetFileStore(config.dataDirectory().resolve("uploads"));
  }

  @Provides
  @Singleton
  static List<SourceConnector> connectors(AdapterConfig config) {
    HostPolicy policy = config.connectorHosts();
    return List.of(
        new PostgresSourceConnector(policy),
        new SnowflakeSourceConnector(policy),
        new BigQuerySourceConnector(policy));
  }

  @Provides
  @Singleton
  static LlmClient llmClient(AdapterConfig config) {
    return new HttpLlmClient(config.llm());
  }

  @Provides
  @Singleton
  static ChatExportParser chatExportParser() {
    return new JacksonChatExportParser();
  }
}
