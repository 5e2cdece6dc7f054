package dev.s2.contract;

import dev.s2.client.S2Client;
import dev.s2.client.S2ServiceException;
import java.util.List;

/**
 * How the contract tests call one operation of the spec through the SDK client and check what it
 * sent. {@link #forOperation} gives the driver derived from the spec ({@link DerivedDriver}), or
 * for the declared special case (the records operations, {@link RecordDrivers}) its hand-written
 * one.
 */
interface Driver {

  /**
   * The driver of an operation: the declared special case if it is one, else the one derived from
   * the spec.
   */
  static Driver forOperation(ApiOperation operation) {
    return RecordDrivers.forOperation(operation).orElseGet(() -> DerivedDriver.of(operation));
  }

  /**
   * Calls the operation.
   *
   * @return the result as {@link DecodedValues} compares it with the response body (a page as the
   *     list response it came from), or null for an operation without response body
   */
  Object call(S2Client client);

  /**
   * Asserts what the attempts of one call sent: the exact path, query, headers and body, the same
   * on each attempt (an idempotency token included).
   */
  void assertRequests(List<HttpExchange> attempts);

  /**
   * Whether the client retries the operation after any retryable failure; one that is not
   * idempotent is retried only when the failure proves the request took no effect (429).
   */
  boolean idempotent();

  /** The stub as the server answers this driver's request (the default: as derived). */
  default DerivedStub served(DerivedStub stub) {
    return stub;
  }

  /**
   * Where the result of {@link #call} differs from the body of the stub it answered; empty when it
   * matches.
   */
  default List<String> mismatches(DerivedStub stub, Object result) {
    DecodedValues values = DecodedValues.s2();
    return values.mismatches(
        stub.json(), result, values.responseSchema(stub.operation(), stub.responseKey()));
  }

  /**
   * Checks a typed error beyond its status and body, where the operation documents more (default:
   * nothing).
   */
  default void assertError(S2ServiceException error, DerivedStub stub) {}
}
