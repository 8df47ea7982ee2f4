package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void copyIsDeepAndDetachedFromTheOriginal() {
    List<Object> tags = new ArrayList<>(List.of("a"));
    Map<String, Object> nested = new HashMap<>(Map.of("tags", tags));
    Map<String, Object> original = new HashMap<>(Map.of("nested", nested, "n", 1));

    Map<String, Object> copy = Json.copyOf(original);
    tags.add("b");
    nested.put("extra", true);
    original.put("late", "x");

    assertThat(copy).isEqualTo(Map.of("nested", Map.of("tags", List.of("a")), "n", 1));
  }

  @Test
  void copyIsUnmodifiableAtEveryLevel() {
    Map<String, Object> copy =
        Json.copyOf(Map.of("nested", Map.of("list", List.of(1)), "list", List.of("x")));

    assertThatThrownBy(() -> copy.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) copy.get("nested");
    assertThatThrownBy(() -> nested.put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) copy.get("list");
    assertThatThrownBy(() -> list.add("y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void jsonNullsAreKeptAndNullBecomesAnEmptyObject() {
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("missing", null);
    List<Object> listWithNull = new ArrayList<>();
    listWithNull.add(null);
    withNull.put("list", listWithNull);

    assertThat(Json.copyOf(withNull)).containsEntry("missing", null).containsKey("list");
    assertThat(Json.copyOf(null)).isEmpty();
  }

  @Test
  void keyOrderIsPreserved() {
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("z", 1);
    ordered.put("a", 2);
    ordered.put("m", 3);

    assertThat(Json.copyOf(ordered).keySet()).containsExactly("z", "a", "m");
  }

  @Test
  void nonJsonValuesAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Json.copyOf(Map.of("id", UUID.randomUUID())))
        .withMessageContaining("java.util.UUID");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Json.copyOf(Map.of("deep", List.of(Map.of("at", new Object())))));
  }

  @Test
  void nonStringKeysAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Json.copyOf(Map.of("nested", Map.of(1, "one"))))
        .withMessageContaining("not a string");
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    assertThatIllegalArgumentException().isThrownBy(() -> Json.copyOf(nullKey));
  }
}
