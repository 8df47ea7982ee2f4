package io.servicetsunami.app;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.servicetsunami.adapters.temporal.workflow.Registrations;
import io.servicetsunami.core.workflow.WorkflowCatalog;
import org.junit.jupiter.api.Test;

/**
 * The Temporal adapter may not see the core, so its own tests run on a copy of the catalog's
 * values; this checks the real catalog: every workflow present, its steps in the order the
 * adapter's workflow runs them, the auxiliary steps it calls, a child id pattern it can fill.
 */
class WorkflowCatalogFitsTemporalTest {

  @Test
  void theTemporalAdapterRunsTheCoresSevenDefinitions() {
    assertThatCode(() -> Registrations.requireSupported(WorkflowCatalog.all()))
        .doesNotThrowAnyException();
  }
}
