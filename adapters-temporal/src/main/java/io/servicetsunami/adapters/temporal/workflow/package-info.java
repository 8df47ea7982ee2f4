/**
 * The seven workflows, their activities and the records Temporal keeps in their histories.
 *
 * <p>Workflow code here only orchestrates: it reads step names, order, timeouts, retry policies,
 * heartbeat timeouts, queues and id patterns from the {@code WorkflowDefinition}s handed to the
 * worker (the core's catalog in the app), and every activity is a thin call into a {@code ports.in}
 * step interface. Nothing here reads a clock, makes a random value or does I/O outside Temporal's
 * APIs, so histories replay deterministically (see the replay tests over committed histories).
 *
 * <p>The {@code *Payload} records are what a history holds: ids, references, counts and safe
 * messages only — never credentials, tokens or other decrypted values, because histories are stored
 * in plain text. Ids travel in their canonical text form; optional values are nullable fields,
 * since a history is JSON. They are public only because the SDK's stubs are JDK proxies in a module
 * of their own, which cannot reach package-private types in method signatures; nothing outside this
 * adapter uses them.
 */
package io.servicetsunami.adapters.temporal.workflow;
