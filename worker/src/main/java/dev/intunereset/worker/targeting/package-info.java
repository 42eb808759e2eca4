/**
 * Device targeting, first step of issue 13: the fail-closed OData filter over Intune managed
 * devices, as plain code with no Kafka and no Graph SDK.
 *
 * <p>{@link dev.intunereset.worker.targeting.DeviceFilter#parse} refuses, up front and naming the
 * culprit and its position, anything outside the properties and operators Graph documents as
 * filterable on {@code managedDevice} (beta) plus {@code operatingSystem eq}, joined by {@code and}
 * only: Graph silently ignores a filter it does not support and returns the whole fleet. {@link
 * dev.intunereset.worker.targeting.DeviceFilter#toODataQuery} is the one string sent to Graph, and
 * {@link dev.intunereset.worker.targeting.DeviceFilter#matches} re-checks every device Graph
 * returns on the worker's side.
 *
 * <p>{@code expansion} lists devices with {@code $filter=toODataQuery()} (selecting every property
 * a filter may name) and ends the selector as not honoured if a returned device does not {@code
 * match}; the request contract's {@code targets.filter}, validated at intake with {@code parse},
 * comes next. This package depends on plain Java only (ArchitectureTest).
 */
package dev.intunereset.worker.targeting;
