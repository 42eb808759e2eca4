package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A passcode reset sent to the simulator behind the worker's back, as a crashed owner (or an
 * administrator in the portal) would have sent it.
 */
final class OutsideReset {
  private OutsideReset() {}

  static void of(SandboxStack stack, String deviceId) throws IOException, InterruptedException {
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.simulator().baseUrl()
                                + "/deviceManagement/managedDevices/"
                                + deviceId
                                + "/resetPasscode"))
                    .header("Authorization", "Bearer " + SandboxStack.SANDBOX_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as("reset of %s outside the worker", deviceId).isEqualTo(204);
  }
}
