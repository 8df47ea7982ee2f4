package io.servicetsunami.ports.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PortExceptionTest {

  @Test
  void errorCodesHaveUniqueLowerSnakeWireForms() {
    Set<String> codes =
        Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());

    assertThat(codes).hasSize(ErrorCode.values().length);
    assertThat(codes).allMatch(code -> code.matches("[a-z]+(_[a-z]+)*"));
    assertThat(ErrorCode.INSTANCE_NOT_FOUND.code()).isEqualTo("instance_not_found");
  }

  @Test
  void onlyTransientFailuresAreRetryable() {
    assertThat(new TransientException(ErrorCode.GATEWAY_TIMEOUT, "slow").retryable()).isTrue();
    assertThat(new PermanentException(ErrorCode.POD_FAILED, "crash").retryable()).isFalse();
    assertThat(new NotFoundException(ErrorCode.TASK_NOT_FOUND, "x").retryable()).isFalse();
    assertThat(new ConflictException(ErrorCode.INVALID_TRANSITION, "x").retryable()).isFalse();
    assertThat(new ForbiddenException(ErrorCode.FORBIDDEN, "x").retryable()).isFalse();
    assertThat(new InvalidInputException(ErrorCode.INVALID_INPUT, "x").retryable()).isFalse();
  }

  @Test
  void retryAfterIsCarriedWhenGivenAndNeverNegative() {
    TransientException open =
        TransientException.retryAfter(ErrorCode.CIRCUIT_OPEN, "open", Duration.ofSeconds(90));

    assertThat(open.retryAfter()).contains(Duration.ofSeconds(90));
    assertThat(open.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
    assertThat(new TransientException(ErrorCode.GATEWAY_TIMEOUT, "slow").retryAfter()).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TransientException(
                    ErrorCode.CIRCUIT_OPEN, "open", Duration.ofSeconds(-1), null));
  }

  @Test
  void causeAndMessageAreKept() {
    IllegalStateException cause = new IllegalStateException("socket closed");

    PermanentException error =
        new PermanentException(ErrorCode.GATEWAY_REJECTED, "gateway refused the call", cause);

    assertThat(error).hasMessage("gateway refused the call").hasCause(cause);
  }
}
