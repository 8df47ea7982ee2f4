package io.servicetsunami.adapters.llm;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Secret;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One LLM endpoint the client may call.
 *
 * @param name how a provider-qualified model names it: {@code anthropic/claude-sonnet-4-5} goes to
 *     the provider named {@code anthropic} with model {@code claude-sonnet-4-5}
 * @param baseUrl for {@link WireFormat#ANTHROPIC} the API root ({@code https://api.anthropic.com});
 *     for {@link WireFormat#OPENAI} the root including its version ({@code
 *     https://api.openai.com/v1})
 * @param apiKey absent only for a local OpenAI-compatible server that takes none
 * @param modelPrefixes plain model names starting with one of these go to this provider (e.g.
 *     {@code claude} or {@code gpt-})
 * @param maxTokensField the request field that caps the answer: {@code max_tokens} for Anthropic;
 *     for OpenAI {@code max_completion_tokens} (its reasoning models refuse {@code max_tokens}),
 *     while older compatible servers may only know {@code max_tokens}
 */
public record LlmProvider(
    String name,
    WireFormat format,
    URI baseUrl,
    Optional<Secret> apiKey,
    List<String> modelPrefixes,
    String maxTokensField) {

  public LlmProvider {
    requireNonNull(name, "name is null");
    if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new IllegalArgumentException("provider name must be lower-case [a-z0-9_-]: " + name);
    }
    requireNonNull(format, "format is null");
    requireNonNull(baseUrl, "baseUrl is null");
    String scheme = Optional.ofNullable(baseUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + baseUrl);
    }
    requireNonNull(apiKey, "apiKey is null");
    modelPrefixes = List.copyOf(requireNonNull(modelPrefixes, "modelPrefixes is null"));
    requireNonNull(maxTokensField, "maxTokensField is null");
  }

  /** Anthropic's API with its usual model prefix {@code claude}. */
  public static LlmProvider anthropic(URI baseUrl, Secret apiKey) {
    return new LlmProvider(
        "anthropic",
        WireFormat.ANTHROPIC,
        baseUrl,
        Optional.of(apiKey),
        List.of("claude"),
        "max_tokens");
  }

  /** OpenAI's API with its usual model prefixes. */
  public static LlmProvider openAi(URI baseUrl, Secret apiKey) {
    return new LlmProvider(
        "openai",
        WireFormat.OPENAI,
        baseUrl,
        Optional.of(apiKey),
        List.of("gpt-", "chatgpt-", "o1", "o3", "o4"),
        "max_completion_tokens");
  }

  @Override
  public String toString() {
    // The record's own toString would be safe too (Secret masks itself); this one is shorter.
    return "LlmProvider[" + name + ", " + format + ", " + baseUrl + "]";
  }
}
