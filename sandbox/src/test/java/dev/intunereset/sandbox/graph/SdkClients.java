package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.models.ResetPasscodeActionResult;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import dev.intunereset.worker.WorkerGraphClient;
import dev.intunereset.worker.config.ConfigReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The real Graph beta SDK pointed at a simulator, as the worker would build it but with a static
 * token and without the SDK's retry handler (tests want to see every 429 and 5xx themselves).
 */
final class SdkClients {
  private SdkClients() {}

  /**
   * The worker's own Graph client (its SDK setup, gateway and token handling) pointed at {@code
   * sim} with the simulator's default token.
   */
  static WorkerGraphClient workerClient(GraphSimulator sim, int maxConnections) {
    return WorkerGraphClient.open(
        ConfigReader.read(
            Map.of(
                "GRAPH_AUTH_MODE",
                "static-token",
                "GRAPH_STATIC_TOKEN",
                GraphSimulator.DEFAULT_TOKEN,
                "GRAPH_BASE_URL",
                sim.baseUrl())),
        maxConnections,
        Clock.systemUTC());
  }

  static GraphServiceClient client(GraphSimulator sim, String token) {
    AccessTokenProvider tokens =
        new AccessTokenProvider() {
          // The SDK only attaches tokens for allowed hosts; 127.0.0.1 is not a Microsoft host.
          private final AllowedHostsValidator hosts = new AllowedHostsValidator("127.0.0.1");

          @Override
          public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return token;
          }

          @Override
          public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
          }
        };
    RetryHandlerOption noRetry =
        new RetryHandlerOption((delay, count, request, response) -> false, 0, 0);
    OkHttpClient http =
        GraphClientFactory.create(new RequestOption[] {noRetry})
            .callTimeout(Duration.ofSeconds(10))
            .build();
    // (auth, okHttp) keeps the base URL settable; the Clouds overload resets it to v1.0.
    GraphServiceClient graph =
        new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
    graph.getRequestAdapter().setBaseUrl(sim.baseUrl());
    return graph;
  }

  /** {@code POST managedDevices/{id}/resetPasscode} through the SDK. */
  static void reset(GraphServiceClient graph, String id) {
    graph.deviceManagement().managedDevices().byManagedDeviceId(id).resetPasscode().post();
  }

  /** The device's one resetPasscode entry in {@code deviceActionResults}. */
  static ResetPasscodeActionResult resetEntry(GraphServiceClient graph, String id) {
    List<ResetPasscodeActionResult> entries =
        read(graph, id, "id", "deviceActionResults").getDeviceActionResults().stream()
            .filter(ResetPasscodeActionResult.class::isInstance)
            .map(ResetPasscodeActionResult.class::cast)
            .toList();
    assertThat(entries).as("resetPasscode entries of %s", id).hasSize(1);
    return entries.get(0);
  }

  /** {@code GET managedDevices/{id}?$select=...} through the SDK. */
  static ManagedDevice read(GraphServiceClient graph, String id, String... select) {
    return graph
        .deviceManagement()
        .managedDevices()
        .byManagedDeviceId(id)
        .get(rc -> rc.queryParameters.select = select);
  }
}
