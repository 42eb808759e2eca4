package dev.intunereset.worker.graph;

import com.microsoft.graph.beta.devicemanagement.manageddevices.ManagedDevicesRequestBuilder;
import com.microsoft.graph.beta.groups.item.transitivemembers.TransitiveMembersRequestBuilder;
import com.microsoft.graph.beta.models.BaseCollectionPaginationCountResponse;
import com.microsoft.graph.beta.models.Device;
import com.microsoft.graph.beta.models.DeviceCollectionResponse;
import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.models.ManagedDeviceCollectionResponse;
import com.microsoft.graph.beta.models.User;
import com.microsoft.graph.beta.models.UserCollectionResponse;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.BaseRequestConfiguration;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import com.microsoft.kiota.serialization.ValuedEnum;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The listing reads of device target expansion over the Graph beta SDK, one page per call, each
 * next page through the SDK's {@code withUrl(nextLink)}. Failures are mapped as the gateway maps
 * them.
 */
final class SdkDeviceListing implements DeviceListings {
  /**
   * Every property of {@link ListedDevice}: among them all a device filter may name, so the worker
   * can check each listed device against the filter Graph may have ignored.
   */
  static final String[] DEVICE_SELECT = {
    "id",
    "deviceName",
    "operatingSystem",
    "osVersion",
    "userPrincipalName",
    "userId",
    "serialNumber",
    "azureADDeviceId",
    "managementAgent",
    "ownerType",
    "managementState",
    "deviceType",
    "complianceState",
    "jailBroken",
    "deviceCategoryDisplayName",
    "enrolledDateTime",
    "lastSyncDateTime"
  };

  /** The directory's largest page: a 20,000-member group is 21 reads instead of 200. */
  static final int MEMBER_PAGE = 999;

  private final GraphServiceClient client;
  private final BiFunction<RuntimeException, String, GraphCallResult> failure;

  /**
   * @param failure maps what a call threw to its facts, as the gateway does for every call
   */
  SdkDeviceListing(
      GraphServiceClient client, BiFunction<RuntimeException, String, GraphCallResult> failure) {
    this.client = client;
    this.failure = failure;
  }

  @Override
  public ListingPage<ListedDevice> managedDevices(String filter, String nextLink, String crid) {
    ManagedDevicesRequestBuilder all = client.deviceManagement().managedDevices();
    return page(
        crid,
        configure ->
            nextLink != null
                ? all.withUrl(nextLink).get(configure::accept)
                : all.get(
                    rc -> {
                      rc.queryParameters.filter = filter;
                      rc.queryParameters.select = DEVICE_SELECT;
                      configure.accept(rc);
                    }),
        ManagedDeviceCollectionResponse::getValue,
        SdkDeviceListing::device);
  }

  @Override
  public ListingPage<ListedDevice> userManagedDevices(String user, String nextLink, String crid) {
    var devices = client.users().byUserId(user).managedDevices();
    return page(
        crid,
        configure ->
            nextLink != null
                ? devices.withUrl(nextLink).get(configure::accept)
                : devices.get(
                    rc -> {
                      rc.queryParameters.select = DEVICE_SELECT;
                      configure.accept(rc);
                    }),
        ManagedDeviceCollectionResponse::getValue,
        SdkDeviceListing::device);
  }

  @Override
  public ListingPage<GroupMember> groupTransitiveDevices(
      String groupId, String nextLink, String crid) {
    var devices = members(groupId).graphDevice();
    return page(
        crid,
        configure -> {
          Consumer<BaseRequestConfiguration> advanced = advancedQuery(configure);
          return nextLink != null
              ? devices.withUrl(nextLink).get(advanced::accept)
              : devices.get(
                  rc -> {
                    rc.queryParameters.count = true;
                    rc.queryParameters.top = MEMBER_PAGE;
                    rc.queryParameters.select = new String[] {"id", "deviceId"};
                    advanced.accept(rc);
                  });
        },
        DeviceCollectionResponse::getValue,
        (Device d) -> new GroupMember(d.getId(), d.getDeviceId(), null));
  }

  @Override
  public ListingPage<GroupMember> groupTransitiveUsers(
      String groupId, String nextLink, String crid) {
    var users = members(groupId).graphUser();
    return page(
        crid,
        configure -> {
          Consumer<BaseRequestConfiguration> advanced = advancedQuery(configure);
          return nextLink != null
              ? users.withUrl(nextLink).get(advanced::accept)
              : users.get(
                  rc -> {
                    rc.queryParameters.count = true;
                    rc.queryParameters.top = MEMBER_PAGE;
                    rc.queryParameters.select = new String[] {"id", "userPrincipalName"};
                    advanced.accept(rc);
                  });
        },
        UserCollectionResponse::getValue,
        (User u) -> new GroupMember(u.getId(), null, u.getUserPrincipalName()));
  }

  private TransitiveMembersRequestBuilder members(String groupId) {
    return client.groups().byGroupId(groupId).transitiveMembers();
  }

  /**
   * The OData cast on {@code transitiveMembers} is an advanced query: Graph answers 400 without
   * {@code ConsistencyLevel: eventual} (and {@code $count=true}, which the next link repeats).
   */
  private static Consumer<BaseRequestConfiguration> advancedQuery(
      Consumer<BaseRequestConfiguration> configure) {
    return rc -> {
      rc.headers.add("ConsistencyLevel", "eventual");
      configure.accept(rc);
    };
  }

  /**
   * Sends one GET through {@code get}, which applies the configuration it is given (the
   * client-request-id, the header inspection), and reduces the answer to a page of {@code item}s.
   */
  private <R extends BaseCollectionPaginationCountResponse, M, T> ListingPage<T> page(
      String crid,
      Function<Consumer<BaseRequestConfiguration>, R> get,
      Function<R, List<M>> values,
      Function<M, T> item) {
    HeadersInspectionOption inspection = new HeadersInspectionOption(false, true);
    try {
      R response =
          get.apply(
              rc -> {
                rc.headers.add("client-request-id", crid);
                rc.options.add(inspection);
              });
      GraphCallResult ok =
          GraphCallResult.success(
              200, SdkGraphGateway.header(inspection.getResponseHeaders(), "request-id"), crid);
      List<M> found = response == null ? null : values.apply(response);
      return new ListingPage<>(
          ok,
          found == null ? List.of() : found.stream().map(item).toList(),
          Optional.ofNullable(response == null ? null : response.getOdataNextLink()));
    } catch (RuntimeException e) {
      return ListingPage.failed(failure.apply(e, crid));
    }
  }

  private static ListedDevice device(ManagedDevice d) {
    return new ListedDevice(
        d.getId(),
        d.getDeviceName(),
        d.getOperatingSystem(),
        d.getOsVersion(),
        d.getUserPrincipalName(),
        d.getUserId(),
        d.getSerialNumber(),
        d.getAzureADDeviceId(),
        value(d.getManagementAgent()),
        value(d.getOwnerType()),
        value(d.getManagementState()),
        value(d.getDeviceType()),
        value(d.getComplianceState()),
        d.getJailBroken(),
        d.getDeviceCategoryDisplayName(),
        instant(d.getEnrolledDateTime()),
        instant(d.getLastSyncDateTime()));
  }

  private static String value(ValuedEnum e) {
    return e == null ? null : e.getValue();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
