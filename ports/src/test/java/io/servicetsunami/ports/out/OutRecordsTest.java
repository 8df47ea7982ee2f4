package io.servicetsunami.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.servicetsunami.ports.out.LlmClient.Message;
import io.servicetsunami.ports.out.LlmClient.Request;
import io.servicetsunami.ports.out.SkillGateway.GatewayHealth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutRecordsTest {

  @Test
  void pageIsBounded() {
    assertThat(Page.first(50)).isEqualTo(new Page(0, 50));
    assertThat(new Page(0, Page.MAX_LIMIT).limit()).isEqualTo(500);
    assertThatIllegalArgumentException().isThrownBy(() -> new Page(-1, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> new Page(0, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new Page(0, 501));
  }

  @Test
  void gatewayHealthNamesItsStatus() {
    assertThat(new GatewayHealth(true, true).status()).isEqualTo("healthy");
    assertThat(new GatewayHealth(true, false).status()).isEqualTo("http_only");
    assertThat(new GatewayHealth(false, false).status()).isEqualTo("unreachable");
    assertThat(new GatewayHealth(false, true).healthy()).isFalse();
  }

  @Test
  void llmRequestNeedsAMessageAndATokenBudget() {
    List<Message> hello = List.of(new Message("user", "hello"));

    assertThat(new Request("m", "", hello, 1, 0.2, Optional.empty()).maxTokens()).isEqualTo(1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Request("m", "", List.of(), 100, 0.2, Optional.empty()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Request("m", "", hello, 0, 0.2, Optional.empty()));
  }
}
