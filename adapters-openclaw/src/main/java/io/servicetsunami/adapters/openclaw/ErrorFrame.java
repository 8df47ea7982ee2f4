package io.servicetsunami.adapters.openclaw;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway's error shape: {@code {code, message, details?, retryable?, retryAfterMs?}}. Callers
 * branch on {@link #code} and {@link #detailCode}, never on the message.
 */
record ErrorFrame(
    String code, String message, JsonNode details, Boolean retryable, Long retryAfterMs) {

  /** {@code details.code}, or {@code null}. */
  String detailCode() {
    if (details == null || !details.hasNonNull("code")) {
      return null;
    }
    return details.get("code").asText();
  }
}
