package io.zarts.operator.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests sent as they are, through the client's authenticated HTTP client: bodies that the typed
 * model could not even hold (a string where a number belongs, a misspelt field), and answers read
 * with their status code.
 */
final class RawRequests {

  static final ObjectMapper JSON = new ObjectMapper();

  /** "strict decoding error: unknown field "spec.traning"" from fieldValidation=Strict. */
  private static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown field \"([^\"]+)\"");

  private RawRequests() {}

  /** An answer: the HTTP status and the body as JSON. */
  record Answer(int code, JsonNode body) {

    /**
     * The field paths the server refused the request at: the causes of a 422, the unknown fields of
     * a strict decoding error (400); none when it was accepted. A cause without a field (a rule on
     * the whole object) has the empty path.
     */
    List<String> refusedAt() {
      List<String> paths = new ArrayList<>();
      if (code < 300) {
        return paths;
      }
      for (JsonNode cause : body.path("details").path("causes")) {
        String field = cause.path("field").asText("");
        paths.add(field.equals("<nil>") ? "" : field);
      }
      Matcher unknown = UNKNOWN_FIELD.matcher(body.path("message").asText(""));
      while (unknown.find()) {
        paths.add(unknown.group(1));
      }
      return paths.stream().distinct().sorted().toList();
    }
  }

  static Answer send(
      KubernetesClient client,
      String method,
      String path,
      String contentType,
      String body,
      String accept) {
    var http = client.getHttpClient();
    HttpRequest.Builder request =
        http.newHttpRequestBuilder().uri(URI.create(client.getMasterUrl() + path.substring(1)));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (body != null) {
      request.method(method, contentType, body);
    }
    try {
      HttpResponse<String> response =
          http.sendAsync(request.build(), String.class).get(1, TimeUnit.MINUTES);
      String text = response.body();
      return new Answer(
          response.code(),
          text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static Answer get(KubernetesClient client, String path, String accept) {
    return send(client, "GET", path, null, null, accept);
  }
}
