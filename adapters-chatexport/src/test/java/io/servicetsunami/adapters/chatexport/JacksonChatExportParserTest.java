package io.servicetsunami.adapters.chatexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class JacksonChatExportParserTest {

  private final JacksonChatExportParser parser = new JacksonChatExportParser();

  private static byte[] fixture(String name) {
    try (InputStream in =
        JacksonChatExportParserTest.class.getResourceAsStream("/exports/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] zip(String entryName, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("chat.html"));
      zip.write("<html></html>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(entryName));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static List<String> lines(Conversation conversation) {
    return conversation.messages().stream().map(m -> m.role() + ": " + m.text()).toList();
  }

  @Test
  void followsTheCurrentBranchOfAChatGptTreeNotTheFirstChild() {
    List<Conversation> conversations =
        parser.parse(
            ChatSource.CHATGPT, new ByteArrayInputStream(fixture("chatgpt-conversations.json")));

    assertThat(conversations).hasSize(2);
    Conversation trip = conversations.get(0);
    assertThat(trip.externalId()).isEqualTo("6650a1b2-c3d4-8e5f-a6b7-c8d9e0f1a2b3");
    assertThat(trip.title()).isEqualTo("Trip planning to Lisbon");
    assertThat(trip.createdAt()).contains(Instant.ofEpochSecond(1715000000, 123456000));
    assertThat(lines(trip))
        .containsExactly(
            "user: I'm planning a trip to Lisbon with Maria in May. What should we see?",
            "assistant: Start with Belém Tower and the Jerónimos Monastery, then ride tram 28"
                + " through Alfama.",
            "user: [image]\n\nIs this hotel near the Alfama district?",
            "assistant: Hotel Lisboa Plaza is about 15 minutes' walk from Alfama.",
            "user: Thanks! Book us a table at Time Out Market on Friday.\n\n[audio]",
            "assistant: I can't book tables, but Time Out Market takes walk-ins until 23:00.");
    assertThat(trip.messages().get(0).createdAt())
        .contains(Instant.ofEpochSecond(1715000001, 250000000));
  }

  @Test
  void leavesOutSystemToolReasoningHiddenAndEmptyMessages() {
    Conversation trip =
        parser
            .parse(
                ChatSource.CHATGPT, new ByteArrayInputStream(fixture("chatgpt-conversations.json")))
            .get(0);

    assertThat(trip.messages()).extracting(ChatMessage::role).containsOnly("user", "assistant");
    assertThat(String.join("\n", lines(trip)))
        .doesNotContain("data engineer") // hidden custom instructions
        .doesNotContain("search(") // the browser call
        .doesNotContain("Travessa do Salitre") // the browser's output
        .doesNotContain("Thought for") // reasoning recap
        .doesNotContain("Checking hotel") // thoughts
        .doesNotContain("Where should we stay"); // the abandoned branch
  }

  @Test
  void withoutCurrentNodeTakesTheNewestChildAndTitlesTheUntitled() {
    Conversation regenerated =
        parser
            .parse(
                ChatSource.CHATGPT, new ByteArrayInputStream(fixture("chatgpt-conversations.json")))
            .get(1);

    assertThat(regenerated.title()).isEqualTo("Untitled");
    assertThat(lines(regenerated))
        .containsExactly(
            "user: Name a database for analytics.",
            "assistant: DuckDB, for analytics on one machine.");
    assertThat(regenerated.messages().get(0).createdAt()).isEmpty();
  }

  @Test
  void readsClaudeMessagesWithAttachmentsAndFiles() {
    List<Conversation> conversations =
        parser.parse(
            ChatSource.CLAUDE, new ByteArrayInputStream(fixture("claude-conversations.json")));

    assertThat(conversations).hasSize(3);
    Conversation report = conversations.get(0);
    assertThat(report.externalId()).isEqualTo("1f3a5c7e-9b2d-4f6a-8c0e-2a4c6e8f0b1d");
    assertThat(report.title()).isEqualTo("Quarterly report review");
    assertThat(report.createdAt()).contains(Instant.parse("2025-03-04T09:15:22.418226Z"));
    assertThat(lines(report))
        .containsExactly(
            "user: Can you summarise the attached report?\n\n[attachment: q3-report.txt]\n"
                + "Q3 2024: revenue grew 12% at Acme Corp, led by the Berlin office under Jonas"
                + " Weber.",
            "assistant: The report says Acme Corp's revenue grew 12% in Q3 2024, led by the Berlin"
                + " office under Jonas Weber.\n\nI also drafted a short summary document.",
            "user: What does this chart show?\n\n[file: revenue-chart.png]");
    assertThat(report.messages().get(0).createdAt())
        .contains(Instant.parse("2025-03-04T09:15:22.958791Z"));
  }

  @Test
  void readsOldStyleClaudeMessagesAndTitlesTheUnnamed() {
    Conversation old =
        parser
            .parse(
                ChatSource.CLAUDE, new ByteArrayInputStream(fixture("claude-conversations.json")))
            .get(1);

    assertThat(old.title()).isEqualTo("Untitled");
    assertThat(lines(old))
        .containsExactly(
            "user: Who maintains the Linux kernel?",
            "assistant: Linus Torvalds leads it, with many subsystem maintainers.");
    assertThat(old.createdAt()).contains(Instant.parse("2024-06-11T17:02:44.120Z"));
  }

  @Test
  void followsTheCurrentLeafOfABranchedClaudeConversation() {
    Conversation branched =
        parser
            .parse(
                ChatSource.CLAUDE, new ByteArrayInputStream(fixture("claude-conversations.json")))
            .get(2);

    assertThat(lines(branched))
        .containsExactly(
            "user: Suggest a name for our ingestion service.",
            "assistant: How about Tsunami Intake?",
            "user: Something with a wave in it, one word.",
            "assistant: Breaker.");
  }

  @Test
  void readsTheExportZipArchive() throws IOException {
    byte[] archive = zip("conversations.json", fixture("chatgpt-conversations.json"));

    List<Conversation> conversations =
        parser.parse(ChatSource.CHATGPT, new ByteArrayInputStream(archive));

    assertThat(conversations).hasSize(2);
  }

  @Test
  void anEmptyExportHasNoConversations() {
    assertThat(parser.parse(ChatSource.CLAUDE, stream(" [ ] "))).isEmpty();
  }

  @Test
  void refusesAClaudeExportGivenAsChatGpt() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    ChatSource.CHATGPT,
                    new ByteArrayInputStream(fixture("claude-conversations.json"))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT))
        .hasMessage(
            "not a chatgpt conversations.json export: conversation 0 has no conversation_id");
  }

  @Test
  void refusesAChatGptExportGivenAsClaude() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    ChatSource.CLAUDE,
                    new ByteArrayInputStream(fixture("chatgpt-conversations.json"))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT))
        .hasMessage("not a claude conversations.json export: conversation 0 has no uuid");
  }

  @Test
  void refusesMalformedContent() {
    assertUnsupported(
        ChatSource.CHATGPT, "{\"conversations\": []}", "not a JSON array of conversations");
    assertUnsupported(ChatSource.CHATGPT, "[{\"id\": \"x\", \"mapping\": {}", "not valid JSON");
    assertUnsupported(
        ChatSource.CLAUDE, "[{\"uuid\": \"x\", \"chat_messages\": []}", "not valid JSON");
    assertUnsupported(ChatSource.CLAUDE, "[1, 2]", "conversation 0 is not a JSON object");
    assertUnsupported(
        ChatSource.CLAUDE, "[{\"uuid\": \"x\"}]", "conversation 0 (x) has no chat_messages");
    assertUnsupported(ChatSource.CHATGPT, "[{\"id\": \"x\"}]", "conversation 0 (x) has no mapping");
    assertUnsupported(ChatSource.CHATGPT, "<html>not json</html>", "not valid JSON");
    assertUnsupported(ChatSource.CHATGPT, "[] []", "content after the array");
    assertUnsupported(ChatSource.CHATGPT, "", "not a JSON array");
  }

  @Test
  void refusesACycleInTheMessageTree() {
    String cyclic =
        "[{\"id\": \"c\", \"current_node\": \"a\", \"mapping\": {"
            + "\"a\": {\"id\": \"a\", \"message\": null, \"parent\": \"b\", \"children\": []},"
            + "\"b\": {\"id\": \"b\", \"message\": null, \"parent\": \"a\", \"children\": [\"a\"]}}}]";

    assertUnsupported(
        ChatSource.CHATGPT, cyclic, "conversation 0 (c) has a cycle in its message tree");
  }

  @Test
  void refusesAZipWithoutConversations() throws IOException {
    byte[] archive = zip("user.json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> parser.parse(ChatSource.CLAUDE, new ByteArrayInputStream(archive)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT))
        .hasMessageContaining("the ZIP archive has no conversations.json");
  }

  @Test
  void refusesAnExportOverTheSizeLimit() {
    JacksonChatExportParser small = new JacksonChatExportParser(1024 * 1024);
    byte[] big =
        ("["
                + "{\"uuid\": \"x\", \"chat_messages\": []},".repeat(40_000)
                + "{\"uuid\": \"y\", \"chat_messages\": []}]")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> small.parse(ChatSource.CLAUDE, new ByteArrayInputStream(big)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessage("the chat export is larger than the limit of 1 MiB");
    assertThat(new JacksonChatExportParser().maxBytes()).isEqualTo(256L * 1024 * 1024);
  }

  @Test
  void refusesAZipThatUnpacksPastTheSizeLimit() throws IOException {
    // 8 MiB of spaces compress to a few KiB: the archive is small, what it unpacks to is not.
    byte[] padded = ("[" + " ".repeat(8 * 1024 * 1024) + "]").getBytes(StandardCharsets.UTF_8);
    byte[] archive = zip("export/conversations.json", padded);
    assertThat(archive.length).isLessThan(64 * 1024);

    assertThatThrownBy(
            () ->
                new JacksonChatExportParser(1024 * 1024)
                    .parse(ChatSource.CHATGPT, new ByteArrayInputStream(archive)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("larger than the limit");
  }

  private void assertUnsupported(ChatSource source, String content, String why) {
    assertThatThrownBy(() -> parser.parse(source, stream(content)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT))
        .hasMessageContaining("not a " + source.wire() + " conversations.json export")
        .hasMessageContaining(why);
  }
}
