package dev.s2.contract;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request WireMock received and what it answered, from its request journal.
 *
 * @param method the HTTP method
 * @param path the raw path
 * @param rawQuery the raw query string, or null
 * @param query the decoded query parameters
 * @param headers the request headers
 * @param requestBody the request body, maybe empty
 * @param status the response status (0 when WireMock sent a fault instead of a response)
 * @param responseHeaders the response headers
 * @param responseBody the response body, maybe empty
 * @param fault whether WireMock answered with a network fault
 */
record HttpExchange(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    String requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    String responseBody,
    boolean fault) {

  static HttpExchange of(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    URI url = URI.create(request.getUrl());
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Map.Entry<String, QueryParameter> p : request.getQueryParams().entrySet()) {
      query.put(p.getKey(), List.copyOf(p.getValue().values()));
    }
    LoggedResponse response = event.getResponse();
    boolean fault = response == null || response.getFault() != null;
    return new HttpExchange(
        request.getMethod().value(),
        url.getRawPath(),
        url.getRawQuery(),
        query,
        headers(request.getHeaders()),
        request.getBodyAsString(),
        response == null ? 0 : response.getStatus(),
        response == null ? Map.of() : headers(response.getHeaders()),
        response == null ? "" : response.getBodyAsString(),
        fault);
  }

  /** The path with the raw query, as sent. */
  String pathAndQuery() {
    return rawQuery == null ? path : path + "?" + rawQuery;
  }

  /** The first value of a request header, case-insensitively, or null. */
  String header(String name) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (headers != null) {
      for (HttpHeader h : headers.all()) {
        out.put(h.key(), List.copyOf(h.values()));
      }
    }
    return out;
  }
}
