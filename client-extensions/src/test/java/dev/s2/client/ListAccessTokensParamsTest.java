package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListAccessTokensParamsTest {

  @Test
  void limitMustBeWithinTheSpecsBounds() {
    assertThatThrownBy(() -> ListAccessTokensParams.builder().limit(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 0 and 1000, was 1001");
    assertThatThrownBy(() -> ListAccessTokensParams.builder().limit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 0 and 1000, was -1");
    assertThat(ListAccessTokensParams.builder().limit(0).build().limit()).hasValue(0);
    assertThat(ListAccessTokensParams.builder().limit(1000).build().limit()).hasValue(1000);
  }

  @Test
  void nullsAreRejectedWithTheParameterName() {
    assertThatThrownBy(() -> ListAccessTokensParams.builder().prefix(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("prefix must not be null");
    assertThatThrownBy(() -> ListAccessTokensParams.builder().startAfter(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("startAfter must not be null");
  }

  @Test
  void defaultsLeaveEverythingToTheServer() {
    ListAccessTokensParams p = ListAccessTokensParams.all();
    assertThat(p.prefix()).isEmpty();
    assertThat(p.startAfter()).isEmpty();
    assertThat(p.limit()).isEmpty();
    assertThat(p).isEqualTo(ListAccessTokensParams.builder().build());
  }
}
