package dev.intunereset.sandbox.http;

/** Settings of the JDK's built-in HTTP server that every sandbox server needs. */
public final class HttpServerTuning {
  private HttpServerTuning() {}

  /**
   * Turns Nagle off for the JDK server. It writes headers and body as separate segments; with Nagle
   * on, every answer after the first on a keep-alive connection waits ~40 ms for the client's
   * delayed ACK. The server reads the setting once, when the first server of any kind (HTTP or
   * HTTPS) in the JVM is created, so every sandbox server calls this before creating one; a value
   * someone chose explicitly is kept.
   */
  public static void noDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
}
