package io.servicetsunami.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemsTest {

  static Stream<Arguments> mapping() {
    return Stream.of(
        Arguments.of(new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "m"), 404),
        Arguments.of(new ConflictException(ErrorCode.ALREADY_EXISTS, "m"), 409),
        Arguments.of(new InvalidInputException(ErrorCode.INVALID_INPUT, "m"), 400),
        Arguments.of(new ForbiddenException(ErrorCode.FORBIDDEN, "m"), 403),
        Arguments.of(new ForbiddenException(ErrorCode.SKILL_DISABLED, "m"), 403),
        Arguments.of(new ForbiddenException(ErrorCode.UNAUTHENTICATED, "m"), 401),
        Arguments.of(new ForbiddenException(ErrorCode.INVALID_CREDENTIALS, "m"), 401),
        Arguments.of(new ForbiddenException(ErrorCode.RATE_LIMITED, "m"), 429),
        Arguments.of(new TransientException(ErrorCode.DATABASE_UNAVAILABLE, "m"), 503),
        Arguments.of(new PermanentException(ErrorCode.GATEWAY_REJECTED, "m"), 502));
  }

  @ParameterizedTest
  @MethodSource("mapping")
  void portFailuresMapToStatusesByType(PortException failure, int status) {
    assertThat(Problems.status(failure)).isEqualTo(status);
  }
}
