package dev.s2.client;

import dev.s2.model.AccessTokenInfo;

/**
 * A newly issued access token: its id, the scope it was issued with, and its secret. The secret is returned
 * once, by the issuing call; S2 cannot show it again. {@link #toString()} does not reveal it.
 */
public final class IssuedAccessToken {
  private final AccessTokenInfo info;
  private final SecretToken accessToken;

  IssuedAccessToken(AccessTokenInfo info, SecretToken accessToken) {
    this.info = info;
    this.accessToken = accessToken;
  }

  /**
   * The token's id.
   *
   * @return the id it was issued under
   */
  public String id() {
    return info.id();
  }

  /**
   * What was asked for: id, scope, expiry, {@code auto_prefix_streams}.
   *
   * @return the request as sent
   */
  public AccessTokenInfo info() {
    return info;
  }

  /**
   * The secret, to hand to whoever will use the token.
   *
   * @return the secret; its {@code toString()} is masked
   */
  public SecretToken accessToken() {
    return accessToken;
  }

  @Override
  public String toString() {
    return "IssuedAccessToken{id=" + info.id() + ", accessToken=" + accessToken + '}';
  }
}
