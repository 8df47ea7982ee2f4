package io.servicetsunami.adapters.llm;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link HttpLlmClient} reaches its providers and how long it keeps trying.
 *
 * @param providers at most one per name
 * @param defaultProvider the provider for a plain model name that matches no provider's prefixes
 * @param connectTimeout for opening a connection
 * @param attemptTimeout for one request, until the whole answer has arrived
 * @param budget for one {@code complete} call, all attempts and waits included; a provider's
 *     retry-after that would end past it is not waited for but reported
 * @param maxAttempts attempts per call (first try included)
 * @param initialBackoff the wait after the first failed attempt when the provider names none;
 *     doubled after every further one, up to {@code maxBackoff}
 */
public record LlmSettings(
    List<LlmProvider> providers,
    Optional<String> defaultProvider,
    Duration connectTimeout,
    Duration attemptTimeout,
    Duration budget,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  public static final URI ANTHROPIC_BASE_URL = URI.create("https://api.anthropic.com");
  public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");

  public LlmSettings {
    providers = List.copyOf(requireNonNull(providers, "providers is null"));
    if (providers.stream().map(LlmProvider::name).distinct().count() != providers.size()) {
      throw new IllegalArgumentException("two providers have the same name");
    }
    requireNonNull(defaultProvider, "defaultProvider is null");
    if (defaultProvider.isPresent()
        && providers.stream().noneMatch(p -> p.name().equals(defaultProvider.get()))) {
      throw new IllegalArgumentException(
          "default provider " + defaultProvider.get() + " is not configured");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(attemptTimeout, "attemptTimeout");
    requirePositive(budget, "budget");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
  }

  /** Default timeouts (10 s connect, 180 s per attempt, 8 min in all, 4 attempts) for providers. */
  public static LlmSettings of(List<LlmProvider> providers, Optional<String> defaultProvider) {
    return new LlmSettings(
        providers,
        defaultProvider,
        Duration.ofSeconds(10),
        Duration.ofSeconds(180),
        Duration.ofMinutes(8),
        4,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30));
  }

  /**
   * Settings from environment variables, default timeouts: {@code ANTHROPIC_API_KEY} (and {@code
   * ANTHROPIC_BASE_URL}) configures the provider {@code anthropic}, {@code OPENAI_API_KEY} (and
   * {@code OPENAI_BASE_URL}) the provider {@code openai}; {@code LLM_DEFAULT_PROVIDER} names the
   * one for models no prefix matches. A provider without a key is not configured, and a model
   * routed to it is refused as {@code llm_rejected}.
   */
  public static LlmSettings fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    List<LlmProvider> providers = new ArrayList<>();
    value(env, "ANTHROPIC_API_KEY")
        .ifPresent(
            key ->
                providers.add(
                    LlmProvider.anthropic(
                        value(env, "ANTHROPIC_BASE_URL")
                            .map(URI::create)
                            .orElse(ANTHROPIC_BASE_URL),
                        Secret.of(key))));
    value(env, "OPENAI_API_KEY")
        .ifPresent(
            key ->
                providers.add(
                    LlmProvider.openAi(
                        value(env, "OPENAI_BASE_URL").map(URI::create).orElse(OPENAI_BASE_URL),
                        Secret.of(key))));
    return of(providers, value(env, "LLM_DEFAULT_PROVIDER"));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static void requirePositive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
