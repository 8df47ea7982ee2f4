package io.servicetsunami.adapters.temporal.workflow;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a definition's workflow-id pattern such as {@code task-{task_id}}. */
final class IdPatterns {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private IdPatterns() {}

  static String fill(String pattern, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(pattern);
    StringBuilder id = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + matcher.group(1) + "} in " + pattern);
      }
      matcher.appendReplacement(id, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(id);
    return id.toString();
  }
}
