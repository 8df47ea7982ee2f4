/**
 * Data pipelines: datasets uploaded and landed in the lakehouse's bronze and silver layers,
 * connector tables extracted past their watermarks, chat exports mined for knowledge, and agent
 * kits run as bundles of tasks. {@link io.servicetsunami.core.pipeline.PipelineService} and its
 * siblings face users; {@link io.servicetsunami.core.pipeline.DataSyncStepsService} holds the
 * idempotent steps the data workflows call.
 *
 * <p>Runs are opened by whoever starts their workflow and closed by the workflow's last step (or
 * its {@code finish_run} compensation); nothing else writes a run's status.
 */
package io.servicetsunami.core.pipeline;
