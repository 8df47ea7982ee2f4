package io.servicetsunami.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LakehouseNamesTest {

  @Test
  void foldsAPlainTableNameToLowerCase() {
    assertThat(LakehouseNames.table("Sales_2026")).isEqualTo("sales_2026");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x; drop table", "", "1orders", "ord\"ers", "prix €", "a b"})
  void refusesATableNameThatIsNotAPlainName(String name) {
    assertThatThrownBy(() -> LakehouseNames.table(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not allowed");
  }

  @Test
  void refusesATableNameLongerThanTheLimit() {
    assertThatThrownBy(
            () -> LakehouseNames.table("t" + "x".repeat(LakehouseNames.MAX_TABLE_LENGTH)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void keepsAColumnNameWithSpacesPunctuationAndQuotesAsItIs() {
    assertThat(LakehouseNames.column("x\"; drop table t; --")).isEqualTo("x\"; drop table t; --");
    assertThat(LakehouseNames.column("Order ID")).isEqualTo("Order ID");
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "a\u0000b", "line\nbreak", "_LOAD_ID", "_row_seq"})
  void refusesBlankControlAndReservedColumnNames(String name) {
    assertThatThrownBy(() -> LakehouseNames.column(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column name");
  }

  @Test
  void refusesTwoColumnsThatDifferOnlyInCase() {
    assertThatThrownBy(() -> LakehouseNames.columns(List.of("id", "Name", "NAME")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ignoring case");
  }

  @Test
  void refusesATableWithoutColumns() {
    assertThatThrownBy(() -> LakehouseNames.columns(List.of()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void printsControlCharactersEscapedAndCutsLongNames() {
    assertThat(LakehouseNames.printable("a\u0001b")).isEqualTo("'a\\u0001b'");
    assertThat(LakehouseNames.printable("y".repeat(100))).hasSize(83).endsWith("…'");
  }
}
