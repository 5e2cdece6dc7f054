package dev.s2.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strings that match a simple regular expression of a schema's {@code pattern}, for the values no
 * example or synthesised seed matches (S2's SSE batch id {@code ^[0-9]+,[0-9]+,[0-9]+$}, a basin
 * name of 48 characters).
 *
 * <p>The patterns it reads: literal characters, escapes ({@code \d}, {@code \w}, {@code \s}, {@code
 * \.}), character classes without negation ({@code [a-z0-9-]}), groups with alternatives ({@code
 * (a|b)}, {@code (?:...)}), the quantifiers {@code ?}, {@code *}, {@code +}, {@code {n}}, {@code
 * {n,}}, {@code {n,m}}, and the anchors {@code ^} and {@code $} at the ends. Anything else (negated
 * classes, lookaround, back-references) gives no sample: the spec then needs an example. Each class
 * contributes its first character, each alternation its first alternative that fits.
 */
final class PatternSample {
  /** The repetitions of an unbounded quantifier ({@code *}, {@code +}, {@code {n,}}) at most. */
  private static final int UNBOUNDED = 1 << 16;

  private final Node root;

  private PatternSample(Node root) {
    this.root = root;
  }

  /** The sampler of a pattern, or empty when the pattern uses syntax this class does not read. */
  static Optional<PatternSample> of(String pattern) {
    try {
      Parser parser = new Parser(pattern);
      Node node = parser.alternation();
      if (parser.pos != parser.end) {
        return Optional.empty();
      }
      return Optional.of(new PatternSample(node));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The shortest string the pattern matches that is at least {@code minLength} long, if any. */
  Optional<String> shortest(int minLength) {
    String s = root.shortest();
    if (s.length() >= minLength) {
      return Optional.of(s);
    }
    return longest(minLength).filter(v -> v.length() == minLength);
  }

  /** The longest string the pattern matches within {@code maxLength} characters, if any. */
  Optional<String> longest(int maxLength) {
    if (root.minLength() > maxLength) {
      return Optional.empty();
    }
    return Optional.of(root.longest(maxLength));
  }

  /** A node of the parsed pattern. */
  private interface Node {
    int minLength();

    String shortest();

    /** The longest string within {@code budget}, which is at least {@link #minLength()}. */
    String longest(int budget);
  }

  private record Chars(char first) implements Node {
    @Override
    public int minLength() {
      return 1;
    }

    @Override
    public String shortest() {
      return String.valueOf(first);
    }

    @Override
    public String longest(int budget) {
      return shortest();
    }
  }

  private record Sequence(List<Node> parts) implements Node {
    @Override
    public int minLength() {
      return parts.stream().mapToInt(Node::minLength).sum();
    }

    @Override
    public String shortest() {
      StringBuilder sb = new StringBuilder();
      parts.forEach(p -> sb.append(p.shortest()));
      return sb.toString();
    }

    @Override
    public String longest(int budget) {
      StringBuilder sb = new StringBuilder();
      int rest = minLength();
      for (Node part : parts) {
        rest -= part.minLength();
        sb.append(part.longest(budget - sb.length() - rest));
      }
      return sb.toString();
    }
  }

  private record Alternatives(List<Node> options) implements Node {
    @Override
    public int minLength() {
      return options.stream().mapToInt(Node::minLength).min().orElse(0);
    }

    @Override
    public String shortest() {
      return options.stream()
          .filter(o -> o.minLength() == minLength())
          .findFirst()
          .orElseThrow()
          .shortest();
    }

    @Override
    public String longest(int budget) {
      String best = null;
      for (Node option : options) {
        if (option.minLength() <= budget) {
          String candidate = option.longest(budget);
          if (best == null || candidate.length() > best.length()) {
            best = candidate;
          }
        }
      }
      return best;
    }
  }

  private record Repeat(Node node, int min, int max) implements Node {
    @Override
    public int minLength() {
      return node.minLength() * min;
    }

    @Override
    public String shortest() {
      return node.shortest().repeat(min);
    }

    @Override
    public String longest(int budget) {
      int each = Math.max(1, node.minLength());
      int times = Math.min(max, Math.max(min, budget / each));
      if (times == 0 || node.minLength() * times > budget) {
        return shortest();
      }
      StringBuilder sb = new StringBuilder(node.shortest().repeat(times - 1));
      sb.append(node.longest(budget - sb.length()));
      return sb.toString();
    }
  }

  /**
   * A recursive-descent reader of the supported syntax; throws IllegalArgumentException on anything
   * else.
   */
  private static final class Parser {
    private final String p;
    private int pos;
    private int end;

    Parser(String pattern) {
      Pattern.compile(pattern); // a pattern Java cannot read is no pattern
      p = pattern;
      pos = pattern.startsWith("^") ? 1 : 0;
      end =
          pattern.endsWith("$") && !pattern.endsWith("\\$")
              ? pattern.length() - 1
              : pattern.length();
    }

    Node alternation() {
      List<Node> options = new ArrayList<>();
      options.add(sequence());
      while (pos < end && p.charAt(pos) == '|') {
        pos++;
        options.add(sequence());
      }
      return options.size() == 1 ? options.get(0) : new Alternatives(options);
    }

    private Node sequence() {
      List<Node> parts = new ArrayList<>();
      while (pos < end && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
        parts.add(quantified(atom()));
      }
      return new Sequence(parts);
    }

    private Node atom() {
      char c = p.charAt(pos++);
      switch (c) {
        case '(':
          if (p.startsWith("?:", pos)) {
            pos += 2;
          } else if (pos < end && p.charAt(pos) == '?') {
            throw new IllegalArgumentException("lookaround or named group");
          }
          Node inner = alternation();
          expect(')');
          return inner;
        case '[':
          return charClass();
        case '\\':
          return new Chars(escape(p.charAt(pos++)));
        case '.':
          return new Chars('a');
        case '^':
        case '$':
        case '*':
        case '+':
        case '?':
        case '{':
          throw new IllegalArgumentException("unsupported '" + c + "' at " + (pos - 1));
        default:
          return new Chars(c);
      }
    }

    private Node charClass() {
      if (pos < end && p.charAt(pos) == '^') {
        throw new IllegalArgumentException("negated class");
      }
      Character first = null;
      while (pos < end && p.charAt(pos) != ']') {
        char c = p.charAt(pos++);
        if (c == '\\') {
          c = escape(p.charAt(pos++));
        } else if (c == '[') {
          throw new IllegalArgumentException("nested class");
        }
        if (first == null) {
          first = c;
        }
      }
      expect(']');
      if (first == null) {
        throw new IllegalArgumentException("empty class");
      }
      return new Chars(first);
    }

    private static char escape(char c) {
      switch (c) {
        case 'd':
          return '0';
        case 'w':
          return 'a';
        case 's':
          return ' ';
        default:
          if (Character.isLetterOrDigit(c)) {
            throw new IllegalArgumentException("unsupported escape \\" + c);
          }
          return c;
      }
    }

    private Node quantified(Node atom) {
      if (pos >= end) {
        return atom;
      }
      char c = p.charAt(pos);
      Node out;
      switch (c) {
        case '?':
          pos++;
          out = new Repeat(atom, 0, 1);
          break;
        case '*':
          pos++;
          out = new Repeat(atom, 0, UNBOUNDED);
          break;
        case '+':
          pos++;
          out = new Repeat(atom, 1, UNBOUNDED);
          break;
        case '{':
          int close = p.indexOf('}', pos);
          if (close < 0) {
            throw new IllegalArgumentException("unclosed {");
          }
          String[] bounds = p.substring(pos + 1, close).split(",", -1);
          int min = Integer.parseInt(bounds[0].trim());
          int max =
              bounds.length == 1
                  ? min
                  : bounds[1].isBlank() ? UNBOUNDED : Integer.parseInt(bounds[1].trim());
          pos = close + 1;
          out = new Repeat(atom, min, max);
          break;
        default:
          return atom;
      }
      if (pos < end && (p.charAt(pos) == '?' || p.charAt(pos) == '+')) {
        pos++; // lazy or possessive: the same strings match
      }
      return out;
    }

    private void expect(char c) {
      if (pos >= p.length() || p.charAt(pos) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + pos);
      }
      pos++;
    }
  }
}
