package dev.intunereset.worker.graph;

import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.beta.devicemanagement.manageddevices.item.ManagedDeviceItemRequestBuilder;
import com.microsoft.graph.beta.models.DeviceActionResult;
import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.models.ResetPasscodeActionResult;
import com.microsoft.graph.beta.models.RotateBitLockerKeysDeviceActionResult;
import com.microsoft.graph.beta.models.odataerrors.InnerError;
import com.microsoft.graph.beta.models.odataerrors.MainError;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.BaseRequestConfiguration;
import com.microsoft.kiota.ResponseHeaders;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import dev.intunereset.worker.config.GraphAuth;
import dev.intunereset.worker.config.Secret;
import dev.intunereset.worker.graph.GraphCallResult.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/** {@link GraphGateway} over the official Graph beta SDK. */
final class SdkGraphGateway implements GraphGateway {
  private static final String[] SELECT = {
    "id",
    "operatingSystem",
    "osVersion",
    "deviceType",
    "deviceEnrollmentType",
    // For the pre-checks of the Terraform action: a stale device, an unsupervised Apple one.
    "lastSyncDateTime",
    "isSupervised",
    "deviceActionResults"
  };
  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
  private static final Set<String> AUTH_EXCEPTIONS =
      Set.of(
          "com.microsoft.aad.msal4j.MsalServiceException",
          "com.microsoft.aad.msal4j.MsalClientException",
          "com.azure.identity.CredentialUnavailableException",
          "com.azure.core.exception.ClientAuthenticationException");

  private final GraphServiceClient client;
  private final OkHttpClient okHttp;
  private final Clock clock;
  private final String identity;
  private final Redactor redactor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SdkDeviceListing listing;

  SdkGraphGateway(GraphServiceClient client, OkHttpClient okHttp, Clock clock, GraphAuth auth) {
    this.client = client;
    this.okHttp = okHttp;
    this.clock = clock;
    this.identity = auth.identity();
    // Taken from the auth itself, so that no secret it holds can be left out.
    this.redactor = new Redactor(auth.secrets().stream().map(Secret::reveal).toList());
    this.listing = new SdkDeviceListing(client, this::failure);
  }

  @Override
  public GraphCallResult resetPasscode(String deviceId, String clientRequestId) {
    return postAction(clientRequestId, rc -> device(deviceId).resetPasscode().post(rc::accept));
  }

  @Override
  public GraphCallResult rotateBitLockerKeys(String deviceId, String clientRequestId) {
    return postAction(
        clientRequestId, rc -> device(deviceId).rotateBitLockerKeys().post(rc::accept));
  }

  private ManagedDeviceItemRequestBuilder device(String deviceId) {
    return client.deviceManagement().managedDevices().byManagedDeviceId(deviceId);
  }

  /** A device action's POST, sent by {@code post} with the request configuration it is given. */
  private GraphCallResult postAction(
      String clientRequestId, Consumer<Consumer<BaseRequestConfiguration>> post) {
    // Graph's request-id of a success is what a support case with Microsoft asks for.
    HeadersInspectionOption inspection = new HeadersInspectionOption(false, true);
    try {
      post.accept(
          rc -> {
            rc.headers.add("client-request-id", clientRequestId);
            rc.options.add(inspection);
          });
      // Some action endpoints answer 200 where 204 is documented; the SDK accepts any 2xx.
      return GraphCallResult.success(
          204, header(inspection.getResponseHeaders(), "request-id"), clientRequestId);
    } catch (RuntimeException e) {
      return failure(e, clientRequestId);
    }
  }

  @Override
  public DeviceLookup getDevice(String deviceId, String clientRequestId) {
    HeadersInspectionOption inspection = new HeadersInspectionOption(false, true);
    try {
      ManagedDevice device =
          client
              .deviceManagement()
              .managedDevices()
              .byManagedDeviceId(deviceId)
              .get(
                  rc -> {
                    rc.queryParameters.select = SELECT;
                    rc.headers.add("client-request-id", clientRequestId);
                    rc.options.add(inspection);
                  });
      return new DeviceLookup(
          GraphCallResult.success(
              200, header(inspection.getResponseHeaders(), "request-id"), clientRequestId),
          Optional.ofNullable(device).map(this::info));
    } catch (RuntimeException e) {
      return new DeviceLookup(failure(e, clientRequestId), Optional.empty());
    }
  }

  @Override
  public DeviceListings listings() {
    return listing;
  }

  private ManagedDeviceInfo info(ManagedDevice device) {
    List<ManagedDeviceInfo.ActionResult> actions = new ArrayList<>();
    List<DeviceActionResult> results = device.getDeviceActionResults();
    if (results != null) {
      for (DeviceActionResult r : results) {
        // Typed by @odata.type: only a resetPasscode result carries a passcode; it and a
        // rotateBitLockerKeys result carry an error code.
        ResetPasscodeActionResult reset = r instanceof ResetPasscodeActionResult p ? p : null;
        Integer errorCode =
            reset != null
                ? reset.getErrorCode()
                : r instanceof RotateBitLockerKeysDeviceActionResult rotation
                    ? rotation.getErrorCode()
                    : null;
        actions.add(
            new ManagedDeviceInfo.ActionResult(
                r.getActionName(),
                r.getActionState() == null ? null : r.getActionState().getValue(),
                r.getStartDateTime() == null ? null : r.getStartDateTime().toInstant(),
                reset == null || reset.getPasscode() == null
                    ? Optional.empty()
                    : Optional.of(Secret.of(reset.getPasscode())),
                errorCode,
                r.getLastUpdatedDateTime() == null
                    ? null
                    : r.getLastUpdatedDateTime().toInstant()));
      }
    }
    return new ManagedDeviceInfo(
        device.getId(),
        device.getOperatingSystem(),
        device.getOsVersion(),
        device.getDeviceType() == null ? null : device.getDeviceType().getValue(),
        device.getDeviceEnrollmentType() == null
            ? null
            : device.getDeviceEnrollmentType().getValue(),
        device.getLastSyncDateTime() == null ? null : device.getLastSyncDateTime().toInstant(),
        device.getIsSupervised(),
        actions);
  }

  private GraphCallResult failure(RuntimeException e, String clientRequestId) {
    if (e instanceof ODataError odata) {
      return fromHttpError(odata, odata.getError(), clientRequestId);
    }
    if (e instanceof ApiException api && api.getResponseStatusCode() > 0) {
      return fromHttpError(api, null, clientRequestId);
    }
    // Entra's own answer (MSAL's exception) says most; the wrappers around it say less.
    Throwable auth = find(e, Set.of(MsalServiceException.class.getName()));
    if (auth == null) {
      auth = find(e, AUTH_EXCEPTIONS);
    }
    if (auth != null) {
      return new GraphCallResult(
          Kind.AUTH_ERROR, 0, null, authMessage(auth), null, clientRequestId, Optional.empty());
    }
    Throwable io = findIo(e);
    String what =
        io != null ? io.getClass().getSimpleName() + ": " + io.getMessage() : e.toString();
    return new GraphCallResult(
        Kind.TRANSPORT_ERROR,
        0,
        null,
        redactor.scrub("no response from Graph: " + what),
        null,
        clientRequestId,
        Optional.empty());
  }

  private GraphCallResult fromHttpError(ApiException e, MainError error, String clientRequestId) {
    String code = error == null ? null : error.getCode();
    String message = error == null ? e.getMessage() : error.getMessage();
    InnerError inner = error == null ? null : error.getInnerError();
    ResponseHeaders headers = e.getResponseHeaders();
    String requestId =
        inner != null && inner.getRequestId() != null
            ? inner.getRequestId()
            : header(headers, "request-id");
    String echoedClientId =
        inner != null && inner.getClientRequestId() != null
            ? inner.getClientRequestId()
            : clientRequestId;
    Optional<Duration> retryAfter = RetryAfter.parse(header(headers, "retry-after"), clock);
    return new GraphCallResult(
        Kind.HTTP_ERROR,
        e.getResponseStatusCode(),
        code,
        redactor.scrub(message == null ? "HTTP " + e.getResponseStatusCode() : message),
        requestId,
        echoedClientId,
        retryAfter);
  }

  /**
   * "token request for tenant T, client C failed: AADSTS7000215 invalid_client: Invalid client
   * secret provided. ...": who asked, Entra's code and its first line, scrubbed of secrets.
   */
  private String authMessage(Throwable auth) {
    String text = String.valueOf(auth.getMessage());
    Matcher m = AADSTS.matcher(text);
    String code = m.find() ? m.group() : "no AADSTS code";
    String oauthError = auth instanceof MsalServiceException msal ? msal.errorCode() : null;
    String detail = firstLine(text).replaceFirst("^AADSTS\\d+:\\s*", "");
    return redactor.scrub(
        "token request for "
            + identity
            + " failed: "
            + code
            + (oauthError == null || oauthError.isBlank() ? "" : " " + oauthError)
            + ": "
            + (detail.isBlank() ? auth.getClass().getSimpleName() : detail));
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static String header(ResponseHeaders headers, String name) {
    if (headers == null) {
      return null;
    }
    Set<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  private static Throwable find(Throwable e, Set<String> classNames) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (classNames.contains(c.getName())) {
          return t;
        }
      }
    }
    return null;
  }

  private static Throwable findIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }
}
