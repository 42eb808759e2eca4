package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP against the simulator, for what the SDK hides (headers, malformed requests). */
final class RawHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every request.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final GraphSimulator sim;
  private final String token;

  RawHttp(GraphSimulator sim) {
    this(sim, GraphSimulator.DEFAULT_TOKEN);
  }

  /** Sends {@code token} as the bearer token: the tenant and app it speaks for. */
  RawHttp(GraphSimulator sim, String token) {
    this.sim = sim;
    this.token = token;
  }

  HttpClient client() {
    return http;
  }

  /** {@code path} is relative to the simulator's root, e.g. {@code /beta/...}. */
  HttpRequest.Builder request(String path) {
    String root = sim.baseUrl().substring(0, sim.baseUrl().length() - "/beta".length());
    return HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(10));
  }

  HttpRequest.Builder authorized(String path) {
    return request(path).header("Authorization", "Bearer " + token);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(authorized(path).GET());
  }

  HttpResponse<String> post(String path) {
    return send(authorized(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  static String devicePath(String id) {
    return "/beta/deviceManagement/managedDevices/" + id;
  }

  static String resetPath(String id) {
    return devicePath(id) + "/resetPasscode";
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
