package dev.intunereset.worker.graph;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import dev.intunereset.worker.config.WorkerConfig.GraphSettings;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Builds the SDK-backed {@link GraphGateway} from configuration. */
public final class GraphGateways {
  private GraphGateways() {}

  public static GraphGateway create(GraphSettings settings, int maxConnections, Clock clock) {
    HttpTrust trust = settings.trustedCaFile().map(HttpTrust::withExtraCas).orElse(null);
    // Built once, with the token cache in front: one token serves every call until it is due.
    TokenCredential credential =
        new CachingCredential(
            Credentials.create(settings.auth(), identityHttpClient(trust)), clock);
    // The SDK's RetryHandler would retry 429/503/504 on its own and hide them from our budget
    // and breaker: one retry authority, ours.
    RequestOption[] noRetry = {new RetryHandlerOption((delay, count, req, resp) -> false, 0, 0)};
    OkHttpClient.Builder builder =
        GraphClientFactory.create(noRetry)
            .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .connectionPool(new ConnectionPool(maxConnections, 5, TimeUnit.MINUTES));
    OkHttpClient okHttp = (trust == null ? builder : trust.apply(builder)).build();
    // Without explicit allowed hosts the provider only sends tokens to Microsoft hosts, and
    // silently sends none to the simulator.
    String[] allowedHosts = {settings.baseUrl().getHost()};
    var auth =
        new AzureIdentityAuthenticationProvider(
            credential, allowedHosts, GraphScopes.forBaseUrl(settings.baseUrl()));
    // (auth, okHttp) keeps our base URL; the overload with Clouds resets it to v1.0.
    GraphServiceClient client = new GraphServiceClient(auth, okHttp);
    client.getRequestAdapter().setBaseUrl(stripTrailingSlash(settings.baseUrl().toString()));
    return new SdkGraphGateway(client, okHttp, clock, settings.auth());
  }

  /**
   * Token requests go through OkHttp too (azure-core-http-okhttp), with the same trust as the Graph
   * calls, instead of azure-core's default client.
   */
  private static HttpClient identityHttpClient(HttpTrust trust) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    return new OkHttpAsyncHttpClientBuilder(
            (trust == null ? builder : trust.apply(builder)).build())
        .build();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
