package dev.s2.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Descriptions of the spec become Javadoc that renders as written and cannot break the comment. */
class JavadocTest {

  @Test
  void linesJoinAndMarkdownCodeBecomesCode() {
    assertThat(Javadoc.text("Timeseries values.\nEach element is a `(timestamp, value)` tuple."))
        .isEqualTo("Timeseries values. Each element is a {@code (timestamp, value)} tuple.");
  }

  @Test
  void htmlAndCommentEndsAreEscaped() {
    assertThat(Javadoc.text("a < b && c > d */ @since \\u0041"))
        .isEqualTo("a &lt; b &amp;&amp; c &gt; d *&#47; &#64;since &#92;u0041");
    assertThat(Javadoc.text("`{unbalanced`")).isEqualTo("<code>{unbalanced</code>");
  }

  @Test
  void nothingForNoDescription() {
    assertThat(Javadoc.text(null)).isNull();
    assertThat(Javadoc.text(" \n ")).isNull();
  }
}
