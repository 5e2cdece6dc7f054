package dev.s2.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.squareup.moshi.Json;
import java.util.List;

/**
 * The classes a user would write by hand to decode the page with reflective Moshi or Jackson
 * databind: public fields, names mapped by annotation. They build strictly less than the SDK's
 * model (the floor is strict): {@code expires_at} stays a string, operations stay strings, and a
 * resource set is one class with two nullable fields instead of a checked {@code oneOf}.
 */
public final class Plain {
  private Plain() {}

  /** {@code ListAccessTokensResponse}. */
  public static final class TokenPage {
    /** {@code access_tokens}. */
    @Json(name = "access_tokens")
    @JsonProperty("access_tokens")
    public List<Token> accessTokens;

    /** {@code has_more}. */
    @Json(name = "has_more")
    @JsonProperty("has_more")
    public boolean hasMore;
  }

  /** {@code AccessTokenInfo}. */
  public static final class Token {
    /** {@code id}. */
    public String id;

    /** {@code expires_at}, kept as its RFC 3339 text. */
    @Json(name = "expires_at")
    @JsonProperty("expires_at")
    public String expiresAt;

    /** {@code auto_prefix_streams}. */
    @Json(name = "auto_prefix_streams")
    @JsonProperty("auto_prefix_streams")
    public boolean autoPrefixStreams;

    /** {@code scope}. */
    public Scope scope;
  }

  /** {@code AccessTokenScope}. */
  public static final class Scope {
    /** {@code access_tokens}. */
    @Json(name = "access_tokens")
    @JsonProperty("access_tokens")
    public Resources accessTokens;

    /** {@code basins}. */
    public Resources basins;

    /** {@code streams}. */
    public Resources streams;

    /** {@code op_groups}. */
    @Json(name = "op_groups")
    @JsonProperty("op_groups")
    public OpGroups opGroups;

    /** {@code ops}, as their wire strings. */
    public List<String> ops;
  }

  /** {@code ResourceSet}: one of the two fields is set. */
  public static final class Resources {
    /** {@code exact}. */
    public String exact;

    /** {@code prefix}. */
    public String prefix;
  }

  /** {@code PermittedOperationGroups}. */
  public static final class OpGroups {
    /** {@code account}. */
    public ReadWrite account;

    /** {@code basin}. */
    public ReadWrite basin;

    /** {@code stream}. */
    public ReadWrite stream;
  }

  /** {@code ReadWritePermissions}. */
  public static final class ReadWrite {
    /** {@code read}. */
    public boolean read;

    /** {@code write}. */
    public boolean write;
  }
}
