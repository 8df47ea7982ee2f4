package io.servicetsunami.adapters.llm;

/** The two request/response shapes the client speaks. */
public enum WireFormat {
  /** Anthropic Messages API: {@code POST {base}/v1/messages}, {@code x-api-key}. */
  ANTHROPIC,
  /**
   * OpenAI chat completions: {@code POST {base}/chat/completions}, bearer key; also spoken by
   * OpenAI-compatible servers (vLLM, Ollama, LiteLLM, OpenRouter…).
   */
  OPENAI
}
