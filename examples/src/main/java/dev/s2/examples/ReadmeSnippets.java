package dev.s2.examples;

import dev.s2.client.AccessTokens;
import dev.s2.client.AppendRetryPolicy;
import dev.s2.client.Compression;
import dev.s2.client.IssueAccessTokenParams;
import dev.s2.client.ListAccessTokensParams;
import dev.s2.client.Page;
import dev.s2.client.PagingOptions;
import dev.s2.client.RateLimitedException;
import dev.s2.client.RequestOptions;
import dev.s2.client.RetryPolicy;
import dev.s2.client.S2Client;
import dev.s2.client.S2ConnectionException;
import dev.s2.client.S2Exception;
import dev.s2.client.S2ServiceException;
import dev.s2.client.S2TimeoutException;
import dev.s2.client.SessionTransport;
import dev.s2.model.AccessTokenInfo;
import dev.s2.model.AccessTokenScope;
import dev.s2.model.IssueAccessTokenResponse;
import dev.s2.model.Operation;
import dev.s2.model.PermittedOperationGroups;
import dev.s2.model.ReadWritePermissions;
import dev.s2.model.ResourceSetExact;
import dev.s2.model.ResourceSetPrefix;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The code of the README's usage section, compiled here so it stays true. Each block between
 * {@code // snippet:<name>} and {@code // end} appears verbatim in README.md (ReadmeSnippetsTest checks it).
 */
final class ReadmeSnippets {
  private ReadmeSnippets() {}

  static S2Client configuration() {
    // snippet:configuration
    S2Client client = S2Client.builder()
        .accessToken(System.getenv("S2_ACCESS_TOKEN"))
        .baseUrl("https://a.s2.dev/v1")                 // the default
        .connectTimeout(Duration.ofSeconds(3))          // the default
        .requestTimeout(Duration.ofSeconds(5))          // per attempt; the default
        .retryPolicy(RetryPolicy.defaults())            // 3 attempts, backoff 100 ms .. 1 s with jitter
        .userAgent("my-service/1.4")                    // default: s2-sdk-java/<version>
        .build();
    // end
    return client;
  }

  static S2Client sessions(String token) {
    // snippet:sessions
    S2Client client = S2Client.builder()
        .accessToken(token)
        .sessionTransport(SessionTransport.AUTO)        // the default: S2S where the endpoint speaks HTTP/2
        .compression(Compression.ZSTD)                  // S2S frames of 1 KiB or more, both ways; default NONE
        .appendRetryPolicy(AppendRetryPolicy.NO_SIDE_EFFECTS) // the default
        .build();
    // end
    return client;
  }

  static S2Client fromEnvironment() {
    // snippet:from-env
    S2Client client = S2Client.fromEnv(); // S2_ACCESS_TOKEN, and S2_ACCOUNT_ENDPOINT if set
    // end
    return client;
  }

  static String onePage(S2Client client) {
    // snippet:one-page
    Page<AccessTokenInfo> page = client.accessTokens().list(
        ListAccessTokensParams.builder().prefix("ci-").limit(100).build());
    for (AccessTokenInfo token : page.items()) {
      System.out.println(token.id() + " expires " + token.expiresAt().map(Object::toString).orElse("with its issuer"));
    }
    String resumeFrom = page.nextCursor().orElse(null); // the last id, when has_more
    // end
    return resumeFrom;
  }

  static List<String> allPages(S2Client client) {
    // snippet:all-pages
    AccessTokens tokens = client.accessTokens();
    for (AccessTokenInfo token : tokens.listAll()) {      // lazy: one page in memory at a time
      System.out.println(token.id());
    }
    List<String> ciTokens = tokens.listAll(ListAccessTokensParams.builder().prefix("ci-").build(),
            PagingOptions.builder().maxItems(5_000).prefetch(true).build())
        .stream()
        .map(AccessTokenInfo::id)
        .collect(Collectors.toList());
    // end
    return ciTokens;
  }

  static CompletableFuture<Void> async(S2Client client) {
    // snippet:async
    CompletableFuture<Page<AccessTokenInfo>> first =
        client.accessTokens().listAsync(ListAccessTokensParams.all());
    CompletableFuture<Void> walk = client.accessTokens()
        .listAllAsync(ListAccessTokensParams.all())
        .forEach(token -> System.out.println(token.id()));
    // end
    return CompletableFuture.allOf(first, walk);
  }

  static String issueAndRevoke(S2Client client) {
    // snippet:issue-revoke
    IssueAccessTokenResponse issued = client.accessTokens().issue(IssueAccessTokenParams.builder()
        .id("ci-deploy")
        .scope(AccessTokenScope.builder()
            .basins(ResourceSetPrefix.of("prod-"))
            .streams(ResourceSetExact.of("deploys"))
            .opGroups(PermittedOperationGroups.builder()
                .stream(ReadWritePermissions.builder().read(true).write(true).build())
                .build())
            .ops(List.of(Operation.LIST_STREAMS))
            .build())
        .expiresAt(OffsetDateTime.now().plusDays(30))
        .build());
    String secret = issued.accessToken().reveal();       // shown once; toString() prints ****
    client.accessTokens().revoke("ci-deploy");
    // end
    return secret;
  }

  static void errors(S2Client client) {
    // snippet:errors
    try {
      client.accessTokens().list();
    } catch (RateLimitedException e) {                  // one type per status: 400, 401, 403, 404, 408, ...
      System.err.println("rate limited; server asked to wait " + e.retryAfter().orElse(Duration.ZERO));
    } catch (S2ServiceException e) {                    // any error status
      System.err.println(e.status() + " " + e.code().orElse("?") + ": " + e.errorMessage()
          + (e.isRetryable() ? " (retryable)" : "") + " after " + e.attempts() + " attempts");
    } catch (S2TimeoutException e) {                    // a timeout ran out
      System.err.println("timed out: " + e.getMessage());
    } catch (S2ConnectionException e) {                 // refused, reset, cut off
      System.err.println("unreachable: " + e.getMessage());
    } catch (S2Exception e) {                           // malformed response, pagination loop, interrupt
      System.err.println(e.getMessage());
    }
    // end
  }

  static Page<AccessTokenInfo> retriesAndTimeouts(String token) {
    // snippet:retries
    S2Client patient = S2Client.builder()
        .accessToken(token)
        .retryPolicy(RetryPolicy.builder()
            .maxAttempts(5)
            .baseDelay(Duration.ofMillis(200))
            .maxDelay(Duration.ofSeconds(2))
            .maxRetryAfter(Duration.ofSeconds(30))      // cap on retry-after-ms / Retry-After
            .build())
        .build();
    S2Client failFast = S2Client.builder().accessToken(token).retryPolicy(RetryPolicy.none()).build();
    // end
    failFast.close();
    try (patient) {
      // snippet:timeouts
      Page<AccessTokenInfo> page = patient.accessTokens().list(ListAccessTokensParams.all(),
          RequestOptions.builder()
              .requestTimeout(Duration.ofSeconds(30))   // this call only; bounds each whole attempt
              .retryPolicy(RetryPolicy.none())
              .build());
      // end
      return page;
    }
  }
}
