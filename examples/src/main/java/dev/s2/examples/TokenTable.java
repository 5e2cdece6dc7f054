package dev.s2.examples;

import dev.s2.model.AccessTokenInfo;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;

/** Prints access tokens as a table, row by row as they arrive: id, expiry, scope summary. */
final class TokenTable {
  private static final int ID_WIDTH = 40;
  private static final int EXPIRY_WIDTH = 22;
  private static final DateTimeFormatter EXPIRY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");

  private final PrintStream out;
  private int rows;

  TokenTable(PrintStream out) {
    this.out = out;
    out.println(row("ID", "EXPIRES", "SCOPE"));
    out.println(row("-".repeat(ID_WIDTH), "-".repeat(EXPIRY_WIDTH - 2), "-".repeat(5)));
  }

  void add(AccessTokenInfo token) {
    String expiry =
        token
            .expiresAt()
            .map(t -> EXPIRY.format(t.withOffsetSameInstant(java.time.ZoneOffset.UTC)))
            .orElse("(account's)");
    out.println(row(token.id(), expiry, ScopeSummary.of(token.scope())));
    rows++;
  }

  int rows() {
    return rows;
  }

  private static String row(String id, String expiry, String scope) {
    String shownId = id.length() > ID_WIDTH ? id.substring(0, ID_WIDTH - 3) + "..." : id;
    return String.format(
        "%-" + ID_WIDTH + "s  %-" + (EXPIRY_WIDTH - 2) + "s  %s", shownId, expiry, scope);
  }
}
