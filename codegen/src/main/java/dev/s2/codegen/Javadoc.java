package dev.s2.codegen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A description of the spec as Javadoc text: one paragraph, HTML special characters escaped,
 * Markdown code spans as {@code {@code ...}}, nothing that could end the comment.
 */
final class Javadoc {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private Javadoc() {}

  static String text(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    String text = description.trim().replaceAll("\\s*\\n\\s*", " ");
    Matcher m = CODE.matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(escape(text.substring(last, m.start())));
      String code = m.group(1).replace("*/", "*&#47;").replace("\\u", "\\\\u");
      boolean balanced =
          code.chars().filter(c -> c == '{').count() == code.chars().filter(c -> c == '}').count();
      sb.append(balanced ? "{@code " + code + "}" : "<code>" + escape(code) + "</code>");
      last = m.end();
    }
    sb.append(escape(text.substring(last)));
    return sb.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*/", "*&#47;")
        .replace("@", "&#64;")
        .replace("\\u", "&#92;u");
  }
}
