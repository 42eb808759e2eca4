package dev.intunereset.sandbox.graph;

import java.util.List;
import java.util.Set;

/**
 * The managedDevice properties Graph beta knows, so {@code $select} answers as Graph does: a real
 * property the simulator does not model is served as null, a relationship is accepted and left out,
 * and only a name managedDevice does not have is a 400.
 */
final class ManagedDeviceProperties {
  static final String DEVICE_ACTION_RESULTS = "deviceActionResults";
  static final String LAST_SYNC_DATE_TIME = "lastSyncDateTime";

  /** What every deterministic device answers for (null when it has no value). */
  static final List<String> STANDARD =
      List.of(
          "id",
          "deviceName",
          "operatingSystem",
          "osVersion",
          "managementAgent",
          "deviceEnrollmentType",
          "ownerType",
          "managedDeviceOwnerType",
          "userPrincipalName",
          "userId",
          "azureADDeviceId",
          "serialNumber",
          "enrolledDateTime",
          LAST_SYNC_DATE_TIME,
          "complianceState",
          "deviceType",
          "isSupervised",
          DEVICE_ACTION_RESULTS);

  /**
   * Structural properties of beta {@code microsoft.graph.managedDevice}: the Graph beta SDK 6.59.0
   * model's fields (generated from Graph's metadata) less its relationships, matching the beta
   * managedDevice resource page.
   */
  static final Set<String> GRAPH =
      Set.of(
          "aadRegistered",
          "activationLockBypassCode",
          "androidSecurityPatchLevel",
          "autopilotEnrolled",
          "azureADDeviceId",
          "azureADRegistered",
          "azureActiveDirectoryDeviceId",
          "bootstrapTokenEscrowed",
          "chassisType",
          "chromeOSDeviceInfo",
          "cloudPcRemoteActionResults",
          "complianceGracePeriodExpirationDateTime",
          "complianceState",
          "configurationManagerClientEnabledFeatures",
          "configurationManagerClientHealthState",
          "configurationManagerClientInformation",
          "deviceActionResults",
          "deviceCategoryDisplayName",
          "deviceEnrollmentType",
          "deviceFirmwareConfigurationInterfaceManaged",
          "deviceHealthAttestationState",
          "deviceName",
          "deviceRegistrationState",
          "deviceType",
          "easActivated",
          "easActivationDateTime",
          "easDeviceId",
          "emailAddress",
          "enrolledByUserPrincipalName",
          "enrolledDateTime",
          "enrollmentProfileName",
          "ethernetMacAddress",
          "exchangeAccessState",
          "exchangeAccessStateReason",
          "exchangeLastSuccessfulSyncDateTime",
          "freeStorageSpaceInBytes",
          "hardwareInformation",
          "iccid",
          "id",
          "imei",
          "isEncrypted",
          "isSupervised",
          "jailBroken",
          "joinType",
          "lastSyncDateTime",
          "lostModeState",
          "managedDeviceName",
          "managedDeviceOwnerType",
          "managementAgent",
          "managementCertificateExpirationDate",
          "managementFeatures",
          "managementState",
          "manufacturer",
          "meid",
          "model",
          "notes",
          "operatingSystem",
          "osVersion",
          "ownerType",
          "partnerReportedThreatState",
          "phoneNumber",
          "physicalMemoryInBytes",
          "preferMdmOverGroupPolicyAppliedDateTime",
          "processorArchitecture",
          "remoteAssistanceSessionErrorDetails",
          "remoteAssistanceSessionUrl",
          "requireUserEnrollmentApproval",
          "retireAfterDateTime",
          "roleScopeTagIds",
          "securityPatchLevel",
          "serialNumber",
          "skuFamily",
          "skuNumber",
          "specificationVersion",
          "subscriberCarrier",
          "totalStorageSpaceInBytes",
          "udid",
          "userDisplayName",
          "userId",
          "userPrincipalName",
          "usersLoggedOn",
          "wiFiMacAddress",
          "windowsActiveMalwareCount",
          "windowsRemediatedMalwareCount");

  /**
   * Navigation properties: {@code $select} accepts them, but without {@code $expand} Graph serves
   * nothing for them.
   */
  static final Set<String> RELATIONSHIPS =
      Set.of(
          "assignmentFilterEvaluationStatusDetails",
          "detectedApps",
          "deviceCategory",
          "deviceCompliancePolicyStates",
          "deviceConfigurationStates",
          "deviceHealthScriptStates",
          "logCollectionRequests",
          "managedDeviceMobileAppConfigurationStates",
          "securityBaselineStates",
          "users",
          "windowsProtectionState");

  private ManagedDeviceProperties() {}
}
