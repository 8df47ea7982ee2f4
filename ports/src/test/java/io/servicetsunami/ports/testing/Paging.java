package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.out.Page;
import java.util.List;

final class Paging {

  private Paging() {}

  static <T> List<T> window(List<T> items, Page page) {
    return items.stream().skip(page.offset()).limit(page.limit()).toList();
  }
}
