package io.servicetsunami.core.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes tool-call arguments and results fit for an execution trace, which anyone of the tenant may
 * read and which must never contain credentials. The value of every field whose name looks like a
 * credential (token, secret, password, API key, authorization, cookie, private key, credential) is
 * replaced by {@value #MASK}; long strings are cut to {@value #MAX_STRING_CHARS} characters, long
 * lists to {@value #MAX_LIST_ITEMS} items, and nesting below {@value #MAX_DEPTH} levels is elided.
 */
final class TraceRedaction {

  static final String MASK = "******";
  static final int MAX_STRING_CHARS = 500;
  static final int MAX_LIST_ITEMS = 20;
  static final int MAX_DEPTH = 5;

  private static final Pattern SENSITIVE =
      Pattern.compile(
          "(?i).*(token|secret|passw|pwd|api[_-]?key|apikey|authori[sz]ation|auth(?!or)|cookie|"
              + "private[_-]?key|credential|session[_-]?key|signature).*");

  private TraceRedaction() {}

  static Map<String, Object> redact(Map<String, Object> json) {
    return object(json, 1);
  }

  private static Map<String, Object> object(Map<?, ?> json, int depth) {
    Map<String, Object> copy = new LinkedHashMap<>();
    json.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          copy.put(name, SENSITIVE.matcher(name).matches() ? MASK : value(value, depth));
        });
    return copy;
  }

  private static Object value(Object value, int depth) {
    if (value instanceof String text) {
      return text.length() <= MAX_STRING_CHARS
          ? text
          : text.substring(0, MAX_STRING_CHARS) + TaskPrompt.CUT_MARK;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      if (depth >= MAX_DEPTH) {
        return TaskPrompt.CUT_MARK.strip();
      }
      if (value instanceof Map<?, ?> map) {
        return object(map, depth + 1);
      }
      List<?> list = (List<?>) value;
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < Math.min(list.size(), MAX_LIST_ITEMS); i++) {
        copy.add(value(list.get(i), depth + 1));
      }
      if (list.size() > MAX_LIST_ITEMS) {
        copy.add(TaskPrompt.CUT_MARK.strip());
      }
      return copy;
    }
    return value;
  }
}
