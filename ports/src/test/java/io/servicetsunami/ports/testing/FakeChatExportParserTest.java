package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeChatExportParserTest {

  private final FakeChatExportParser parser = new FakeChatExportParser();

  @Test
  void returnsTheConversationsScriptedForTheSource() {
    Conversation conversation =
        new Conversation(
            "conv-1",
            "Launch",
            List.of(new ChatMessage("user", "hi", Optional.empty())),
            Optional.of(Fixtures.NOW));
    parser.returns(ChatSource.CLAUDE, List.of(conversation));

    assertThat(parser.parse(ChatSource.CLAUDE, new ByteArrayInputStream(new byte[] {'['})))
        .containsExactly(conversation);
    assertThat(parser.parsed()).isEqualTo(1);
  }

  @Test
  void unscriptedSourceIsAnUnsupportedFormat() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> parser.parse(ChatSource.CHATGPT, new ByteArrayInputStream(new byte[0])));
  }
}
