/**
 * Agent tasks: submitting them, reading them and their execution timeline, approving or rejecting a
 * task that waits for a human, and the five idempotent steps of TaskExecutionWorkflow (dispatch →
 * recall memory → execute → persist entities → evaluate) that a workflow engine calls.
 *
 * <p>The workflow is the single writer of a task's status once it is submitted; the services that
 * face users only validate and signal it.
 */
package io.servicetsunami.core.task;
