package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.out.ChatExportParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted {@link ChatExportParser}: whatever export it is given, it returns the conversations
 * scripted for the source with {@link #returns}. A source without a script is refused as {@code
 * unsupported_format}. The stream is read to its end, as a real parser would.
 */
public final class FakeChatExportParser implements ChatExportParser {

  private final Map<ChatSource, List<Conversation>> scripted = new EnumMap<>(ChatSource.class);
  private final List<byte[]> exports = new ArrayList<>();

  public synchronized FakeChatExportParser returns(
      ChatSource source, List<Conversation> conversations) {
    scripted.put(
        requireNonNull(source, "source is null"),
        List.copyOf(requireNonNull(conversations, "conversations is null")));
    return this;
  }

  @Override
  public List<Conversation> parse(ChatSource source, InputStream export) {
    requireNonNull(source, "source is null");
    requireNonNull(export, "export is null");
    byte[] content;
    try {
      content = export.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (this) {
      exports.add(content);
      List<Conversation> conversations = scripted.get(source);
      if (conversations == null) {
        throw new InvalidInputException(
            ErrorCode.UNSUPPORTED_FORMAT, "not a " + source.wire() + " export");
      }
      return conversations;
    }
  }

  /** How many exports were parsed (or refused). */
  public synchronized int parsed() {
    return exports.size();
  }
}
