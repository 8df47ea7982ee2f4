package io.servicetsunami.adapters.databricks;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.out.RowSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRowsTest {

  @TempDir Path directory;
  private final Recorder sink = new Recorder();

  @Test
  void readsRfc4180Csv() throws Exception {
    long rows =
        FileRows.csv(
            file(
                "\uFEFFid,note,empty\r\n"
                    + "1,\"two\r\nlines, and \"\"quotes\"\"\",\r\n"
                    + "\r\n"
                    + "2,,\"\"\r\n"),
            sink);

    assertThat(rows).isEqualTo(2);
    assertThat(sink.columns)
        .containsExactly(
            new Column("id", ColumnType.STRING),
            new Column("note", ColumnType.STRING),
            new Column("empty", ColumnType.STRING));
    assertThat(sink.rows)
        .containsExactly(
            Arrays.asList("1", "two\r\nlines, and \"quotes\"", null), Arrays.asList("2", null, ""));
  }

  @Test
  void refusesCsvThatIsNotCsv() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> FileRows.csv(file("a,b\n1,2,3\n"), sink));
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> FileRows.csv(file("a,b\n1,\"never closed\n"), new Recorder()));
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> FileRows.csv(file("a,A\n1,2\n"), new Recorder()));
  }

  @Test
  void readsAJsonArrayWithTypesFoundFromTheValues() throws Exception {
    long rows =
        FileRows.json(
            file(
                "[{\"id\": 1, \"price\": 2, \"ok\": true, \"tags\": [\"a\"], \"code\": 7},"
                    + " {\"id\": 2, \"price\": 2.5, \"ok\": null, \"extra\": {\"k\": 1},"
                    + " \"code\": \"x7\"}]"),
            sink);

    assertThat(rows).isEqualTo(2);
    assertThat(sink.columns)
        .containsExactly(
            new Column("id", ColumnType.LONG),
            new Column("price", ColumnType.DOUBLE),
            new Column("ok", ColumnType.BOOLEAN),
            new Column("tags", ColumnType.JSON),
            new Column("code", ColumnType.STRING),
            new Column("extra", ColumnType.JSON));
    assertThat(sink.rows)
        .containsExactly(
            Arrays.asList(1L, 2.0d, true, "[\"a\"]", "7", null),
            Arrays.asList(2L, 2.5d, null, null, "x7", "{\"k\":1}"));
  }

  @Test
  void readsOneJsonObjectPerLine() throws Exception {
    assertThat(FileRows.json(file("{\"a\": \"x\"}\n{\"a\": null}\n\n{\"b\": 3}\n"), sink))
        .isEqualTo(3);
    assertThat(sink.columns)
        .containsExactly(new Column("a", ColumnType.STRING), new Column("b", ColumnType.LONG));
  }

  @Test
  void refusesJsonThatIsNotRowsOfObjects() {
    for (String content : List.of("[1, 2]", "{\"a\": 1} 7", "[]", "{ not json", "[{\"a\": 1}] x")) {
      InvalidInputException error =
          assertPortError(
              InvalidInputException.class,
              ErrorCode.UNSUPPORTED_FORMAT,
              () -> FileRows.json(file(content), new Recorder()));
      assertThat(error.getMessage()).doesNotContain(directory.toString());
    }
  }

  private Path file(String content) throws Exception {
    Path file = Files.createTempFile(directory, "upload", ".txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static final class Recorder implements RowSink {
    List<Column> columns;
    final List<List<Object>> rows = new ArrayList<>();

    @Override
    public void begin(List<Column> columns) {
      this.columns = columns;
    }

    @Override
    public void accept(List<Object> row) {
      rows.add(row);
    }
  }
}
