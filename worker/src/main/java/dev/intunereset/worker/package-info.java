/**
 * The worker's public face: what the other modules (sandbox, bench, cli) may use of it, enforced by
 * their {@code ArchitectureTest}s; every other package of the worker is internal.
 *
 * <ul>
 *   <li>this package: {@link dev.intunereset.worker.Worker} (start, readiness, close), {@link
 *       dev.intunereset.worker.WorkerMain} (the process) and {@link
 *       dev.intunereset.worker.WorkerGraphClient} (Graph called as the worker calls it, device
 *       target expansion included, reported as a {@link dev.intunereset.worker.TargetExpansion});
 *   <li>{@code config}: how a worker is configured (keys, reader, the typed configuration);
 *   <li>{@code ops.OpsServer.Readiness}, by name, because {@code Worker.readiness()} returns it.
 * </ul>
 */
package dev.intunereset.worker;
