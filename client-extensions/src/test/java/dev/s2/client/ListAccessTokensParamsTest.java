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
    assertThat(ListAccessTokensParams.builder().limit(0).build().limit()).isEqualTo(0);
    assertThat(ListAccessTokensParams.builder().limit(1000).build().limit()).isEqualTo(1000);
    assertThat(ListAccessTokensParams.LIMIT_MINIMUM).isEqualTo(0);
    assertThat(ListAccessTokensParams.LIMIT_MAXIMUM).isEqualTo(1000);
  }

  @Test
  void nullsAreRejectedWithTheParameterName() {
    assertThatThrownBy(() -> ListAccessTokensParams.builder().prefix(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix must not be null");
    assertThatThrownBy(() -> ListAccessTokensParams.builder().startAfter(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startAfter must not be null");
  }

  @Test
  void defaultsLeaveEverythingToTheServer() {
    ListAccessTokensParams p = ListAccessTokensParams.all();
    assertThat(p.prefix()).isEmpty();
    assertThat(p.startAfter()).isEmpty();
    assertThat(p.limit()).isEqualTo(ListAccessTokensParams.LIMIT_DEFAULT).isEqualTo(1000);
    assertThat(p.prefixToSend()).isNull();
    assertThat(p.startAfterToSend()).isNull();
    assertThat(p.limitToSend()).isNull();
    assertThat(ListAccessTokensParams.builder().limit(1000).build().limitToSend()).isNull();
    assertThat(ListAccessTokensParams.builder().limit(999).build().limitToSend()).isEqualTo(999);
    assertThat(p).isEqualTo(ListAccessTokensParams.builder().build());
  }
}
