package io.servicetsunami.adapters.adk;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link AdkAgentRuntime} talks to an ADK API server.
 *
 * <p>The times fit the 10-minute {@code execute_task} step: a run may take {@code runTimeout} (8
 * min) in all, session calls included, which leaves the activity room to record the result; a run
 * still going when it is up fails as {@code runtime_unavailable}, and the retried step continues
 * (waits for) the same run instead of starting another.
 *
 * @param baseUrl the server, e.g. {@code http://servicetsunami-adk} ({@code ADK_BASE_URL})
 * @param appName the ADK app (agent folder) that runs tasks ({@code ADK_APP_NAME})
 * @param connectTimeout how long opening a connection may take ({@code
 *     ADK_CONNECT_TIMEOUT_SECONDS}, 10 s)
 * @param requestTimeout how long a session call may take ({@code ADK_REQUEST_TIMEOUT_SECONDS}, 30
 *     s)
 * @param runTimeout how long one run may take in all ({@code ADK_RUN_TIMEOUT_SECONDS}, 480 s)
 * @param pollInterval how often a retried step looks at a run still in progress (1 s)
 * @param sessionAttempts how often a failed session call is tried (3), with a short backoff
 */
public record AdkSettings(
    URI baseUrl,
    String appName,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration runTimeout,
    Duration pollInterval,
    int sessionAttempts) {

  public static final String DEFAULT_APP_NAME = "servicetsunami_supervisor";

  public AdkSettings {
    requireNonNull(baseUrl, "baseUrl is null");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("ADK base URL must be an http(s) URL: " + baseUrl);
    }
    requireNonNull(appName, "appName is null");
    if (appName.isBlank()) {
      throw new IllegalArgumentException("appName is blank");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(runTimeout, "runTimeout");
    requirePositive(pollInterval, "pollInterval");
    if (sessionAttempts < 1) {
      throw new IllegalArgumentException("sessionAttempts must be at least 1");
    }
  }

  /** The production values for the server at {@code baseUrl}. */
  public static AdkSettings defaults(URI baseUrl, String appName) {
    return new AdkSettings(
        baseUrl,
        appName,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(480),
        Duration.ofSeconds(1),
        3);
  }

  /**
   * From the environment: {@code ADK_BASE_URL} (required), {@code ADK_APP_NAME}, {@code
   * ADK_CONNECT_TIMEOUT_SECONDS}, {@code ADK_REQUEST_TIMEOUT_SECONDS}, {@code
   * ADK_RUN_TIMEOUT_SECONDS}.
   *
   * @throws IllegalArgumentException when {@code ADK_BASE_URL} is missing or a value is malformed
   */
  public static AdkSettings fromEnvironment(Map<String, String> env) {
    String url = env.get("ADK_BASE_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("ADK_BASE_URL is not set");
    }
    AdkSettings defaults =
        defaults(URI.create(url.strip()), env.getOrDefault("ADK_APP_NAME", DEFAULT_APP_NAME));
    return new AdkSettings(
        defaults.baseUrl(),
        defaults.appName(),
        seconds(env, "ADK_CONNECT_TIMEOUT_SECONDS", defaults.connectTimeout()),
        seconds(env, "ADK_REQUEST_TIMEOUT_SECONDS", defaults.requestTimeout()),
        seconds(env, "ADK_RUN_TIMEOUT_SECONDS", defaults.runTimeout()),
        defaults.pollInterval(),
        defaults.sessionAttempts());
  }

  public AdkSettings withTimeouts(Duration newRequestTimeout, Duration newRunTimeout) {
    return new AdkSettings(
        baseUrl,
        appName,
        connectTimeout,
        newRequestTimeout,
        newRunTimeout,
        pollInterval,
        sessionAttempts);
  }

  public AdkSettings withPollInterval(Duration newPollInterval) {
    return new AdkSettings(
        baseUrl,
        appName,
        connectTimeout,
        requestTimeout,
        runTimeout,
        newPollInterval,
        sessionAttempts);
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number of seconds: " + value, e);
    }
  }

  private static void requirePositive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
