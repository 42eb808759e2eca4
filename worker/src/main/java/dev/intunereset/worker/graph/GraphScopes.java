package dev.intunereset.worker.graph;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The token scope for a Graph host. A national cloud's Graph accepts only tokens for its own
 * resource ({@code https://graph.microsoft.us/.default} for US Government L4, and so on), so the
 * scope follows {@code GRAPH_BASE_URL}. Any other host (the simulator, a proxy in front of the
 * public cloud) is given the public cloud's scope.
 */
final class GraphScopes {
  static final String PUBLIC = "https://graph.microsoft.com/.default";

  private static final Map<String, String> BY_HOST =
      Map.of(
          "graph.microsoft.com", PUBLIC,
          "graph.microsoft.us", "https://graph.microsoft.us/.default",
          "dod-graph.microsoft.us", "https://dod-graph.microsoft.us/.default",
          "microsoftgraph.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/.default");

  private GraphScopes() {}

  static String forBaseUrl(URI baseUrl) {
    String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
    return BY_HOST.getOrDefault(host, PUBLIC);
  }
}
