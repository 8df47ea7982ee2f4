package io.servicetsunami.adapters.chatexport;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.out.ChatExportParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads ChatGPT and Claude exports with Jackson's streaming parser, one conversation in memory at a
 * time. The upload may be {@code conversations.json} itself or the export's ZIP archive, in which
 * case its {@code conversations.json} entry is read (ChatGPT puts it at the top, Claude too; a
 * folder in front is accepted).
 *
 * <p>Size: at most {@link #maxBytes()} bytes are read — of the upload, and of the uncompressed
 * {@code conversations.json} inside a ZIP, so that a small archive cannot unpack into an unbounded
 * one; a larger export is refused with {@code invalid_input} before anything is returned.
 *
 * <p>What each conversation becomes is described in {@link ChatGptExport} and {@link ClaudeExport}.
 * Anything that is not such an export — not JSON, not an array of conversations, a conversation
 * without its id or its messages, a ChatGPT tree with a cycle, a ZIP without {@code
 * conversations.json} — is refused whole with {@code unsupported_format}, naming the conversation
 * at fault: a half-read export would import half.
 */
public final class JacksonChatExportParser implements ChatExportParser {

  /** 256 MiB: heavy users' ChatGPT exports reach some hundred MB of {@code conversations.json}. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final String ENTRY = "conversations.json";

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = mapper.getFactory();
  private final long maxBytes;

  public JacksonChatExportParser() {
    this(DEFAULT_MAX_BYTES);
  }

  public JacksonChatExportParser(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public List<Conversation> parse(ChatSource source, InputStream export) {
    requireNonNull(source, "source is null");
    requireNonNull(export, "export is null");
    try {
      BufferedInputStream buffered = new BufferedInputStream(export);
      buffered.mark(ZIP_MAGIC.length);
      byte[] head = buffered.readNBytes(ZIP_MAGIC.length);
      buffered.reset();
      if (java.util.Arrays.equals(head, ZIP_MAGIC)) {
        return fromZip(source, new ZipInputStream(new LimitedInputStream(buffered, maxBytes)));
      }
      return conversations(source, new LimitedInputStream(buffered, maxBytes));
    } catch (LimitedInputStream.LimitExceeded e) {
      throw tooLarge();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the " + source.wire() + " export", e);
    }
  }

  private List<Conversation> fromZip(ChatSource source, ZipInputStream zip) throws IOException {
    try {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (!entry.isDirectory() && (name.equals(ENTRY) || name.endsWith("/" + ENTRY))) {
          return conversations(source, new LimitedInputStream(zip, maxBytes));
        }
      }
    } catch (ZipException e) {
      throw unsupported(source, "the ZIP archive is damaged (" + e.getMessage() + ")", e);
    }
    throw unsupported(source, "the ZIP archive has no " + ENTRY, null);
  }

  private List<Conversation> conversations(ChatSource source, InputStream json) throws IOException {
    List<Conversation> conversations = new ArrayList<>();
    try (JsonParser parser = factory.createParser(json)) {
      parser.setCodec(mapper);
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw unsupported(source, "the content is not a JSON array of conversations", null);
      }
      int index = 0;
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          throw unsupported(source, "the JSON ends before the array does", null);
        }
        JsonNode conversation = parser.readValueAsTree();
        if (conversation == null || !conversation.isObject()) {
          throw unsupported(source, "conversation " + index + " is not a JSON object", null);
        }
        conversations.add(read(source, conversation, index));
        index++;
      }
      if (parser.nextToken() != null) {
        throw unsupported(source, "there is content after the array of conversations", null);
      }
    } catch (JsonProcessingException e) {
      throw unsupported(
          source,
          "the content is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          e);
    }
    return List.copyOf(conversations);
  }

  private static Conversation read(ChatSource source, JsonNode conversation, int index) {
    try {
      return switch (source) {
        case CHATGPT -> ChatGptExport.conversation(conversation);
        case CLAUDE -> ClaudeExport.conversation(conversation);
      };
    } catch (ExportException e) {
      throw unsupported(source, "conversation " + index + " " + e.getMessage(), null);
    }
  }

  private InvalidInputException tooLarge() {
    return new InvalidInputException(
        ErrorCode.INVALID_INPUT,
        "the chat export is larger than the limit of " + maxBytes / (1024 * 1024) + " MiB");
  }

  private static InvalidInputException unsupported(ChatSource source, String why, Throwable cause) {
    return new InvalidInputException(
        ErrorCode.UNSUPPORTED_FORMAT,
        "not a " + source.wire() + " conversations.json export: " + why,
        cause);
  }
}
