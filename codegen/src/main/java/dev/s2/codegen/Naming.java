package dev.s2.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the generated surface names what the spec defines. Plain functions with no dependency, so
 * that the contract tests can find each operation's facade, method and params class by the same
 * rules the generator used.
 */
public final class Naming {
  private Naming() {}

  /**
   * The facade method of an operation: its operationId without the words of its tag, in
   * lowerCamelCase ({@code list_basins} in {@code basins}: {@code list}; {@code
   * get_default_location} in {@code locations}: {@code getDefault}; {@code account_metrics} in
   * {@code metrics}: {@code account}).
   *
   * @param operationId the spec's operationId, snake_case
   * @param tag the operation's first tag
   * @return the method name
   */
  public static String facadeMethod(String operationId, String tag) {
    Set<String> tagWords = new HashSet<>();
    for (String w : words(tag)) {
      tagWords.add(w);
      tagWords.add(singular(w));
    }
    List<String> kept = new ArrayList<>();
    for (String w : words(operationId)) {
      if (!tagWords.contains(w) && !tagWords.contains(singular(w))) {
        kept.add(w);
      }
    }
    if (kept.isEmpty()) {
      kept.add(words(operationId).get(0));
    }
    String name = lowerCamel(kept);
    return Character.isDigit(name.charAt(0)) ? "op" + name : name;
  }

  /**
   * The params class of an operation: {@code list_basins} gives {@code ListBasinsParams}.
   *
   * @param operationId the spec's operationId
   * @return the simple class name
   */
  public static String paramsClass(String operationId) {
    return upperCamel(words(operationId)) + "Params";
  }

  /**
   * The facade class of a tag: {@code access-tokens} gives {@code AccessTokens}.
   *
   * @param tag the tag
   * @return the simple class name
   */
  public static String facadeClass(String tag) {
    return upperCamel(words(tag));
  }

  /**
   * The accessor of a tag's facade on the client or a basin: {@code access-tokens} gives {@code
   * accessTokens}.
   *
   * @param tag the tag
   * @return the method name
   */
  public static String facadeAccessor(String tag) {
    return lowerCamel(words(tag));
  }

  /**
   * The Java name of a parameter or property: {@code start_after} gives {@code startAfter}, {@code
   * s2-request-token} gives {@code s2RequestToken}.
   *
   * @param name the spec's name
   * @return the lowerCamelCase name
   */
  public static String member(String name) {
    return lowerCamel(words(name));
  }

  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        out.add(w.toLowerCase(Locale.ROOT));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no word in '" + s + "'");
    }
    return out;
  }

  private static String singular(String w) {
    if (w.endsWith("ies") && w.length() > 3) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("s") && w.length() > 1 && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static String lowerCamel(List<String> words) {
    String upper = upperCamel(words);
    return Character.toLowerCase(upper.charAt(0)) + upper.substring(1);
  }

  private static String upperCamel(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return sb.toString();
  }
}
