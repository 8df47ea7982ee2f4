package io.servicetsunami.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PortException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions about the port error family. */
public final class PortAssertions {

  private PortAssertions() {}

  /**
   * Asserts that {@code call} fails with a port exception of {@code type} carrying {@code code},
   * and returns it for further checks.
   */
  public static <E extends PortException> E assertPortError(
      Class<E> type, ErrorCode code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected %s(%s)", type.getSimpleName(), code.code()).isInstanceOf(type);
    E error = type.cast(thrown);
    assertThat(error.code()).as("error code of %s", error).isEqualTo(code);
    return error;
  }
}
