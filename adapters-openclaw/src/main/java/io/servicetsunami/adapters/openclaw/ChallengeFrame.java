package io.servicetsunami.adapters.openclaw;

/** The payload of the {@code connect.challenge} event the gateway sends on open. */
record ChallengeFrame(String nonce, Long ts) {}
