package io.servicetsunami.adapters.connectors;

import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.out.RowSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a connector streamed into it. */
class RecordingSink implements RowSink {

  List<Column> columns;
  final List<List<Object>> rows = new ArrayList<>();
  int begun;

  @Override
  public void begin(List<Column> columns) {
    this.columns = List.copyOf(columns);
    begun++;
  }

  @Override
  public void accept(List<Object> row) {
    rows.add(new ArrayList<>(row));
  }

  List<Object> column(String name) {
    int index = -1;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        index = i;
      }
    }
    int at = index;
    return rows.stream().map(row -> row.get(at)).toList();
  }
}
