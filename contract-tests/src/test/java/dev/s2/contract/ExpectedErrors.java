package dev.s2.contract;

import dev.s2.client.AppendConditionFailedException;
import dev.s2.client.BadRequestException;
import dev.s2.client.ConflictException;
import dev.s2.client.NotFoundException;
import dev.s2.client.PermissionDeniedException;
import dev.s2.client.RangeNotSatisfiableException;
import dev.s2.client.RateLimitedException;
import dev.s2.client.RequestTimeoutException;
import dev.s2.client.S2ServiceException;
import dev.s2.client.ServerErrorException;
import dev.s2.client.UnauthorizedException;
import dev.s2.client.UnexpectedStatusException;
import dev.s2.client.UnprocessableEntityException;
import java.util.Set;

/** The exception the client promises for each error status, and which statuses it retries. */
final class ExpectedErrors {
  /** Statuses the official SDKs retry (409 only with code {@code transaction_conflict}). */
  static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

  private ExpectedErrors() {}

  static Class<? extends S2ServiceException> typeFor(int status) {
    return switch (status) {
      case 400 -> BadRequestException.class;
      case 401 -> UnauthorizedException.class;
      case 403 -> PermissionDeniedException.class;
      case 404 -> NotFoundException.class;
      case 408 -> RequestTimeoutException.class;
      case 409 -> ConflictException.class;
      case 412 -> AppendConditionFailedException.class;
      case 416 -> RangeNotSatisfiableException.class;
      case 422 -> UnprocessableEntityException.class;
      case 429 -> RateLimitedException.class;
      default ->
          status >= 500 && status <= 599
              ? ServerErrorException.class
              : UnexpectedStatusException.class;
    };
  }

  static boolean retryable(int status, String code) {
    return RETRYABLE.contains(status) || (status == 409 && "transaction_conflict".equals(code));
  }
}
