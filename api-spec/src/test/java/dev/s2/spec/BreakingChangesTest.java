package dev.s2.spec;

import static dev.s2.spec.Fixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The compatibility check on spec pairs of its own, derived from fixtures/base.yaml. */
class BreakingChangesTest {
  static final String BASE = Fixtures.base();
  static final String LIST = " the 200 response of GET /access-tokens";
  static final String METRICS = " the 200 response of GET /metrics/{stream}";

  @Test
  void theSameSpecHasNoChange() {
    BreakingChanges same = BreakingChanges.between(BASE, BASE);
    assertThat(same.unchanged()).isTrue();
    assertThat(same.list()).isEmpty();
    assertThat(same.addedAndRemovedOperations()).isEmpty();
  }

  @Test
  void anAddedOperationIsNotBreakingAndIsNamed() {
    BreakingChanges added = BreakingChanges.between(BASE, Fixtures.withListBasins(BASE));
    assertThat(added.unchanged()).isFalse();
    assertThat(added.list()).isEmpty();
    assertThat(added.addedAndRemovedOperations()).containsExactly("list_basins");
  }

  @Test
  void anAddedOptionalResponseFieldIsNotBreaking() {
    String withField =
        replace(
            BASE,
            "        expires_at:\n",
            "        note:\n          type: string\n        expires_at:\n");
    assertThat(BreakingChanges.between(BASE, withField).list()).isEmpty();
  }

  @Test
  void aRemovedOperationIsBreaking() {
    BreakingChanges removed = BreakingChanges.between(Fixtures.withListBasins(BASE), BASE);
    assertThat(removed.list()).containsExactly("removed operation GET /basins (list_basins)");
    assertThat(removed.addedAndRemovedOperations()).containsExactly("list_basins");
  }

  @Test
  void aRemovedResponseFieldIsBreaking() {
    String removed = replace(BASE, "        expires_at:\n", "        expiry:\n");
    assertThat(BreakingChanges.between(BASE, removed).list())
        .containsExactly("removed property $.access_tokens[].expires_at from" + LIST);
  }

  @Test
  void aChangedTypeIsBreaking() {
    String changed =
        replace(
            BASE,
            "        has_more:\n          type: boolean",
            "        has_more:\n          type: string");
    assertThat(BreakingChanges.between(BASE, changed).list())
        .containsExactly("changed type of $.has_more (boolean -> string) in" + LIST);
  }

  @Test
  void aTypeArrayWithNullIsComparedByItsType() {
    String changed =
        replace(
            BASE,
            "            - string\n            - 'null'\n          format: date-time",
            "            - integer\n            - 'null'\n          format: date-time");
    assertThat(BreakingChanges.between(BASE, changed).list())
        .containsExactly(
            "changed type of $.access_tokens[].expires_at (string -> integer) in" + LIST);
  }

  @Test
  void aNewRequiredParameterIsBreaking() {
    String required =
        replace(
            BASE,
            "        - name: prefix\n          in: query\n          required: false",
            "        - name: prefix\n          in: query\n          required: true");
    assertThat(BreakingChanges.between(BASE, required).list())
        .containsExactly("narrowed query parameter 'prefix' of GET /access-tokens (now required)");
  }

  @Test
  void aNarrowedBoundAndARemovedEnumValueBehindANullableOneOfAreBreaking() {
    String narrowed =
        replace(
            replace(BASE, "            maximum: 1000\n", "            maximum: 500\n"),
            "        - create-basin\n",
            "");
    assertThat(BreakingChanges.between(BASE, narrowed).list())
        .containsExactly(
            "narrowed query parameter 'limit' of GET /access-tokens (accepts fewer values)",
            "removed enum value 'create-basin' of $.access_tokens[].scope.ops[] in" + LIST);
  }

  @Test
  void aChangedTupleElementIsBreaking() {
    String changed =
        replace(
            BASE,
            "              - type: number\n                format: double\n",
            "              - type: string\n                format: double\n");
    assertThat(BreakingChanges.between(BASE, changed).list())
        .containsExactly("changed type of $.values[][1] (number -> string) in" + METRICS);
  }

  @Test
  void aRemovedTupleElementIsBreaking() {
    String shorter =
        replace(BASE, "              - type: number\n                format: double\n", "");
    assertThat(BreakingChanges.between(BASE, shorter).list())
        .containsExactly("removed property $.values[][1] from" + METRICS);
  }

  @Test
  void aChangedConstIsBreaking() {
    String changed = replace(BASE, "          const: gauge\n", "          const: accumulation\n");
    assertThat(BreakingChanges.between(BASE, changed).list())
        .containsExactly("removed enum value 'gauge' of $.kind in" + METRICS);
  }

  @Test
  void aConstructTheCheckCannotCompareFailsLoudly() {
    String unsupported =
        replace(
            BASE,
            "    ErrorInfo:\n      type: object\n",
            "    ErrorInfo:\n      type: object\n      patternProperties: {}\n");
    assertThatThrownBy(() -> BreakingChanges.between(BASE, unsupported))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'patternProperties' at /components/schemas/ErrorInfo");
  }
}
