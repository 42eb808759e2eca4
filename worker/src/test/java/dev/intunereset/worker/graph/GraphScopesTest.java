package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphScopesTest {
  @ParameterizedTest
  @CsvSource({
    "https://graph.microsoft.com/beta, https://graph.microsoft.com/.default",
    "https://GRAPH.microsoft.com/beta/, https://graph.microsoft.com/.default",
    "https://graph.microsoft.us/beta, https://graph.microsoft.us/.default",
    "https://dod-graph.microsoft.us/beta, https://dod-graph.microsoft.us/.default",
    "https://microsoftgraph.chinacloudapi.cn/beta,"
        + " https://microsoftgraph.chinacloudapi.cn/.default",
    "http://127.0.0.1:8443/beta, https://graph.microsoft.com/.default",
    "https://graph-proxy.contoso.com/beta, https://graph.microsoft.com/.default"
  })
  void theTokenScopeFollowsTheGraphHostsCloud(String baseUrl, String scope) {
    assertThat(GraphScopes.forBaseUrl(URI.create(baseUrl))).isEqualTo(scope);
  }
}
