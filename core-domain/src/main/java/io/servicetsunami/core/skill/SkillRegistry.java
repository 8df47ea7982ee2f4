package io.servicetsunami.core.skill;

import io.servicetsunami.ports.model.CredentialField;
import io.servicetsunami.ports.model.SkillDefinition;
import io.servicetsunami.ports.model.SkillKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The skill registry: every skill a tenant can enable, with the credentials it needs. The same for
 * all tenants; what differs per tenant is its {@code SkillConfig}.
 */
public final class SkillRegistry {

  private static final List<SkillDefinition> BUILT_IN =
      List.of(
          skill(
              "slack",
              "Slack",
              "communication",
              "slack",
              SkillKind.TOOL_DISPATCH,
              "Send and read Slack messages",
              field("bot_token", "Bot token", true)),
          skill(
              "discord",
              "Discord",
              "communication",
              "discord",
              SkillKind.TOOL_DISPATCH,
              "Post to Discord channels",
              field("bot_token", "Bot token", true)),
          skill(
              "telegram",
              "Telegram",
              "communication",
              "telegram",
              SkillKind.TOOL_DISPATCH,
              "Send Telegram messages",
              field("bot_token", "Bot token", true)),
          skill(
              "whatsapp",
              "WhatsApp",
              "communication",
              "whatsapp",
              SkillKind.TOOL_DISPATCH,
              "Send WhatsApp messages",
              field("access_token", "Access token", true),
              field("phone_number_id", "Phone number id", true)),
          skill(
              "microsoft_teams",
              "Microsoft Teams",
              "communication",
              "teams",
              SkillKind.TOOL_DISPATCH,
              "Post to Teams channels",
              field("webhook_url", "Incoming webhook URL", true)),
          skill(
              "gmail",
              "Gmail",
              "email",
              "gmail",
              SkillKind.TOOL_DISPATCH,
              "Read, search and send Gmail",
              field("oauth_token", "OAuth token", true)),
          skill(
              "outlook",
              "Outlook",
              "email",
              "outlook",
              SkillKind.TOOL_DISPATCH,
              "Read and send Outlook mail",
              field("oauth_token", "OAuth token", true)),
          skill(
              "sendgrid",
              "SendGrid",
              "email",
              "sendgrid",
              SkillKind.TOOL_DISPATCH,
              "Send transactional email",
              field("api_key", "API key", true)),
          skill(
              "google_calendar",
              "Google Calendar",
              "productivity",
              "calendar",
              SkillKind.TOOL_DISPATCH,
              "Manage calendar events",
              field("oauth_token", "OAuth token", true)),
          skill(
              "google_drive",
              "Google Drive",
              "productivity",
              "drive",
              SkillKind.TOOL_DISPATCH,
              "Search and read Drive files",
              field("oauth_token", "OAuth token", true)),
          skill(
              "google_sheets",
              "Google Sheets",
              "productivity",
              "sheets",
              SkillKind.TOOL_DISPATCH,
              "Read and write spreadsheets",
              field("oauth_token", "OAuth token", true)),
          skill(
              "notion",
              "Notion",
              "productivity",
              "notion",
              SkillKind.TOOL_DISPATCH,
              "Search and edit Notion pages",
              field("api_key", "Integration token", true)),
          skill(
              "obsidian",
              "Obsidian",
              "productivity",
              "obsidian",
              SkillKind.TOOL_DISPATCH,
              "Read and write an Obsidian vault"),
          skill(
              "todoist",
              "Todoist",
              "productivity",
              "todoist",
              SkillKind.TOOL_DISPATCH,
              "Manage Todoist tasks",
              field("api_token", "API token", true)),
          skill(
              "trello",
              "Trello",
              "productivity",
              "trello",
              SkillKind.TOOL_DISPATCH,
              "Manage Trello boards and cards",
              field("api_key", "API key", true),
              field("token", "Token", true)),
          skill(
              "asana",
              "Asana",
              "project_management",
              "asana",
              SkillKind.TOOL_DISPATCH,
              "Manage Asana tasks",
              field("access_token", "Personal access token", true)),
          skill(
              "jira",
              "Jira",
              "project_management",
              "jira",
              SkillKind.TOOL_DISPATCH,
              "Search and update Jira issues",
              field("base_url", "Site URL", true),
              field("email", "Account e-mail", true),
              field("api_token", "API token", true)),
          skill(
              "linear",
              "Linear",
              "project_management",
              "linear",
              SkillKind.TOOL_DISPATCH,
              "Manage Linear issues",
              field("api_key", "API key", true)),
          skill(
              "monday",
              "monday.com",
              "project_management",
              "monday",
              SkillKind.TOOL_DISPATCH,
              "Manage monday.com boards",
              field("api_token", "API token", true)),
          skill(
              "clickup",
              "ClickUp",
              "project_management",
              "clickup",
              SkillKind.TOOL_DISPATCH,
              "Manage ClickUp tasks",
              field("api_token", "API token", true)),
          skill(
              "github",
              "GitHub",
              "development",
              "github",
              SkillKind.TOOL_DISPATCH,
              "Issues, pull requests and repositories",
              field("token", "Personal access token", true)),
          skill(
              "gitlab",
              "GitLab",
              "development",
              "gitlab",
              SkillKind.TOOL_DISPATCH,
              "Issues and merge requests",
              field("token", "Access token", true),
              field("base_url", "Instance URL", false)),
          skill(
              "sentry",
              "Sentry",
              "development",
              "sentry",
              SkillKind.TOOL_DISPATCH,
              "Look up errors and releases",
              field("auth_token", "Auth token", true)),
          skill(
              "vercel",
              "Vercel",
              "development",
              "vercel",
              SkillKind.TOOL_DISPATCH,
              "Deployments and projects",
              field("token", "Access token", true)),
          skill(
              "docker",
              "Docker Hub",
              "development",
              "docker",
              SkillKind.TOOL_DISPATCH,
              "Images and tags",
              field("username", "Username", true),
              field("access_token", "Access token", true)),
          skill(
              "aws",
              "AWS",
              "cloud",
              "aws",
              SkillKind.TOOL_DISPATCH,
              "Query AWS resources",
              field("access_key_id", "Access key id", true),
              field("secret_access_key", "Secret access key", true),
              field("region", "Region", false)),
          skill(
              "gcp",
              "Google Cloud",
              "cloud",
              "gcp",
              SkillKind.TOOL_DISPATCH,
              "Query Google Cloud resources",
              field("service_account_json", "Service account JSON", true)),
          skill(
              "cloudflare",
              "Cloudflare",
              "cloud",
              "cloudflare",
              SkillKind.TOOL_DISPATCH,
              "DNS and Workers",
              field("api_token", "API token", true)),
          skill(
              "salesforce",
              "Salesforce",
              "crm",
              "salesforce",
              SkillKind.TOOL_DISPATCH,
              "Accounts, contacts and opportunities",
              field("instance_url", "Instance URL", true),
              field("access_token", "Access token", true)),
          skill(
              "hubspot",
              "HubSpot",
              "crm",
              "hubspot",
              SkillKind.TOOL_DISPATCH,
              "Contacts, deals and companies",
              field("access_token", "Private app token", true)),
          skill(
              "pipedrive",
              "Pipedrive",
              "crm",
              "pipedrive",
              SkillKind.TOOL_DISPATCH,
              "Deals and persons",
              field("api_token", "API token", true)),
          skill(
              "zendesk",
              "Zendesk",
              "support",
              "zendesk",
              SkillKind.TOOL_DISPATCH,
              "Tickets and users",
              field("subdomain", "Subdomain", true),
              field("email", "Agent e-mail", true),
              field("api_token", "API token", true)),
          skill(
              "intercom",
              "Intercom",
              "support",
              "intercom",
              SkillKind.TOOL_DISPATCH,
              "Conversations and contacts",
              field("access_token", "Access token", true)),
          skill(
              "stripe",
              "Stripe",
              "finance",
              "stripe",
              SkillKind.TOOL_DISPATCH,
              "Customers, invoices and payments",
              field("secret_key", "Secret key", true)),
          skill(
              "quickbooks",
              "QuickBooks",
              "finance",
              "quickbooks",
              SkillKind.TOOL_DISPATCH,
              "Invoices and accounts",
              field("realm_id", "Company id", true),
              field("access_token", "Access token", true)),
          skill(
              "shopify",
              "Shopify",
              "commerce",
              "shopify",
              SkillKind.TOOL_DISPATCH,
              "Orders, products and customers",
              field("shop_domain", "Shop domain", true),
              field("access_token", "Admin API token", true)),
          skill(
              "postgres_query",
              "PostgreSQL",
              "data",
              "postgres",
              SkillKind.TOOL_DISPATCH,
              "Run read-only SQL on PostgreSQL",
              field("connection_url", "Connection URL", true)),
          skill(
              "snowflake_query",
              "Snowflake",
              "data",
              "snowflake",
              SkillKind.TOOL_DISPATCH,
              "Run read-only SQL on Snowflake",
              field("account", "Account", true),
              field("user", "User", true),
              field("password", "Password", true),
              field("warehouse", "Warehouse", false)),
          skill(
              "bigquery_query",
              "BigQuery",
              "data",
              "bigquery",
              SkillKind.TOOL_DISPATCH,
              "Run read-only SQL on BigQuery",
              field("service_account_json", "Service account JSON", true),
              field("project_id", "Project id", true)),
          skill(
              "databricks_sql",
              "Databricks SQL",
              "data",
              "databricks",
              SkillKind.TOOL_DISPATCH,
              "Run SQL on a Databricks warehouse",
              field("host", "Workspace host", true),
              field("token", "Access token", true),
              field("warehouse_id", "Warehouse id", true)),
          skill(
              "airtable",
              "Airtable",
              "data",
              "airtable",
              SkillKind.TOOL_DISPATCH,
              "Read and write Airtable bases",
              field("api_key", "Personal access token", true)),
          skill(
              "web_search",
              "Web search",
              "research",
              "search",
              SkillKind.TOOL,
              "Search the web",
              field("api_key", "Search API key", false)),
          skill(
              "web_fetch",
              "Web fetch",
              "research",
              "globe",
              SkillKind.TOOL,
              "Fetch and read a web page"),
          skill(
              "browser",
              "Browser",
              "research",
              "browser",
              SkillKind.TOOL,
              "Drive a headless browser"),
          skill(
              "weather",
              "Weather",
              "research",
              "weather",
              SkillKind.TOOL_DISPATCH,
              "Current weather and forecasts"),
          skill(
              "summarize",
              "Summarize",
              "ai",
              "summarize",
              SkillKind.LLM,
              "Summarize text or documents"),
          skill(
              "translate",
              "Translate",
              "ai",
              "translate",
              SkillKind.LLM,
              "Translate text between languages"),
          skill(
              "sentiment_analysis",
              "Sentiment analysis",
              "ai",
              "sentiment",
              SkillKind.LLM,
              "Classify sentiment of text"),
          skill(
              "entity_extraction",
              "Entity extraction",
              "ai",
              "entities",
              SkillKind.LLM,
              "Extract people, organisations and concepts"),
          skill(
              "report_generation",
              "Report generation",
              "ai",
              "report",
              SkillKind.LLM,
              "Draft a structured report"),
          skill(
              "code_review", "Code review", "ai", "review", SkillKind.LLM, "Review a diff or file"),
          skill(
              "image_generation",
              "Image generation",
              "media",
              "image",
              SkillKind.TOOL_DISPATCH,
              "Generate images from a prompt",
              field("api_key", "Provider API key", true)),
          skill(
              "speech_to_text",
              "Speech to text",
              "media",
              "microphone",
              SkillKind.TOOL_DISPATCH,
              "Transcribe audio",
              field("api_key", "Provider API key", true)),
          skill(
              "text_to_speech",
              "Text to speech",
              "media",
              "speaker",
              SkillKind.TOOL_DISPATCH,
              "Speak text aloud",
              field("api_key", "Provider API key", true)),
          skill(
              "spotify",
              "Spotify",
              "media",
              "spotify",
              SkillKind.TOOL_DISPATCH,
              "Control playback and playlists",
              field("oauth_token", "OAuth token", true)),
          skill(
              "twitter",
              "X (Twitter)",
              "social",
              "twitter",
              SkillKind.TOOL_DISPATCH,
              "Post and search posts",
              field("bearer_token", "Bearer token", true)),
          skill(
              "linkedin",
              "LinkedIn",
              "social",
              "linkedin",
              SkillKind.TOOL_DISPATCH,
              "Share posts",
              field("access_token", "Access token", true)));

  private final Map<String, SkillDefinition> byName;
  private final List<SkillDefinition> ordered;

  public SkillRegistry(List<SkillDefinition> skills) {
    this.byName =
        skills.stream()
            .collect(Collectors.toUnmodifiableMap(SkillDefinition::name, Function.identity()));
    this.ordered =
        skills.stream()
            .sorted(
                Comparator.comparing(SkillDefinition::category)
                    .thenComparing(SkillDefinition::name))
            .toList();
  }

  /** The skills ServiceTsunami ships with. */
  public static SkillRegistry builtIn() {
    return new SkillRegistry(BUILT_IN);
  }

  public Optional<SkillDefinition> find(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /** By category, then name. */
  public List<SkillDefinition> all() {
    return ordered;
  }

  private static SkillDefinition skill(
      String name,
      String displayName,
      String category,
      String icon,
      SkillKind kind,
      String description,
      CredentialField... credentials) {
    return new SkillDefinition(
        name, displayName, description, category, icon, kind, List.of(credentials));
  }

  private static CredentialField field(String key, String label, boolean required) {
    return new CredentialField(key, label, required);
  }
}
