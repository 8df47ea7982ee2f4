package io.servicetsunami.core.agent;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void normalizeKeepsTheFirstSpellingOfEachCapabilityInOrder() {
    assertThat(
            Capabilities.normalize(
                List.of("Research ", "summarize", " research", "SUMMARIZE"), "caps"))
        .containsExactly("Research", "summarize");
  }

  @Test
  void normalizeNamesTheBlankEntry() {
    InvalidInputException error =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.INVALID_INPUT,
            () -> Capabilities.normalize(List.of("research", ""), "capabilities"));

    assertThat(error).hasMessage("capabilities[1] must not be blank");
  }

  @Test
  void normalizeRejectsAMissingEntryAsBlank() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> Capabilities.normalize(Arrays.asList("research", null), "capabilities"));
  }

  @Test
  void findMatchesIgnoringCaseAndSurroundingSpace() {
    assertThat(Capabilities.find(List.of("Research", "coding"), " RESEARCH ")).contains("Research");
    assertThat(Capabilities.find(List.of("coding"), "research")).isEmpty();
  }
}
