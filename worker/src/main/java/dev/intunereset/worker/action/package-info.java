/**
 * The device actions the worker takes through Graph, first step of issue 16: {@link
 * dev.intunereset.worker.action.DeviceAction} names an action's Graph action-result name and its
 * POST, and the reconciliation, cooldown, job and metrics code takes the action from it instead of
 * spelling {@code "resetPasscode"}.
 *
 * <p>Dispatch still sends only {@code RESET_PASSCODE}; {@code ROTATE_BITLOCKER_KEYS} is defined and
 * its gateway call tested, not wired. This package depends on {@code graph} only, so every stage
 * and {@code ops} may use it.
 */
package dev.intunereset.worker.action;
