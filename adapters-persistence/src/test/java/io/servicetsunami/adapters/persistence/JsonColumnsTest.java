package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonColumnsTest {

  @Test
  void doublesAreWrittenWithAFractionSoThatNumericKeepsThemDoubles() {
    assertThat(JsonColumns.write(List.of(3.0e10, 2.0, 0.1, 1.0e-7, -1.5)))
        .isEqualTo("[30000000000.0,2.0,0.1,0.00000010,-1.5]");
  }

  @Test
  void integersAndTextAreWrittenAsJackson() {
    assertThat(JsonColumns.write(List.of(Map.of("n", 42L), Map.of("s", "x\"y"))))
        .isEqualTo("[{\"n\":42},{\"s\":\"x\\\"y\"}]");
  }
}
