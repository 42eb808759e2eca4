/**
 * The device actions the worker takes through Graph, as data (issue 16). A {@link
 * dev.intunereset.worker.action.DeviceAction} holds everything dispatch, reconciliation, the
 * cooldown, settlement and metrics need to know of one action: its Graph name, its wording, the
 * permission its POST needs, the POST itself, the devices it may be sent to ({@link
 * dev.intunereset.worker.action.DevicePolicy}) and whether it leaves a passcode. A third action is
 * one more constant here, a policy class, its gateway call and a simulator route.
 *
 * <p>This package depends on {@code graph}, {@code config} and the contracts only, so every stage
 * and {@code ops} may use it.
 */
package dev.intunereset.worker.action;
