/**
 * Settlement: follows every device whose reset Graph accepted to the action's final state on the
 * device ({@code deviceActionResults}), and writes {@code DeviceSettled} and {@code
 * RequestSettled}. Its state is the results topic itself, replayed on assignment like completion's.
 */
package dev.intunereset.worker.settlement;
