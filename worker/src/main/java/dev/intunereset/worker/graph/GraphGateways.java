package dev.intunereset.worker.graph;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import dev.intunereset.worker.config.Secret;
import dev.intunereset.worker.config.WorkerConfig.GraphSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Builds the SDK-backed {@link GraphGateway} from configuration. */
public final class GraphGateways {
  static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

  private GraphGateways() {}

  public static GraphGateway create(GraphSettings settings, int maxConnections, Clock clock) {
    TokenCredential credential = credential(settings);
    // The SDK's RetryHandler would retry 429/503/504 on its own and hide them from our budget
    // and breaker: one retry authority, ours.
    RequestOption[] noRetry = {new RetryHandlerOption((delay, count, req, resp) -> false, 0, 0)};
    OkHttpClient okHttp =
        GraphClientFactory.create(noRetry)
            .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .connectionPool(new ConnectionPool(maxConnections, 5, TimeUnit.MINUTES))
            .build();
    // Without explicit allowed hosts the provider only sends tokens to Microsoft hosts, and
    // silently sends none to the simulator.
    String[] allowedHosts = {settings.baseUrl().getHost()};
    var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts, GRAPH_SCOPE);
    // (auth, okHttp) keeps our base URL; the overload with Clouds resets it to v1.0.
    GraphServiceClient client = new GraphServiceClient(auth, okHttp);
    client.getRequestAdapter().setBaseUrl(stripTrailingSlash(settings.baseUrl().toString()));
    return new SdkGraphGateway(client, okHttp, clock, new Redactor(secretsOf(settings)), settings);
  }

  private static TokenCredential credential(GraphSettings settings) {
    return switch (settings.authMode()) {
      case STATIC_TOKEN -> new StaticTokenCredential(settings.staticToken().orElseThrow().reveal());
      case CLIENT_SECRET ->
          new ClientSecretCredentialBuilder()
              .tenantId(settings.tenantId())
              .clientId(settings.clientId())
              .clientSecret(settings.clientSecret().orElseThrow().reveal())
              .authorityHost(settings.authorityHost().toString())
              .build();
    };
  }

  private static List<String> secretsOf(GraphSettings settings) {
    List<String> secrets = new ArrayList<>();
    settings.clientSecret().map(Secret::reveal).ifPresent(secrets::add);
    settings.staticToken().map(Secret::reveal).ifPresent(secrets::add);
    return secrets;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
