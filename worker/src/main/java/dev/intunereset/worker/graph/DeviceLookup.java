package dev.intunereset.worker.graph;

import java.util.Optional;

/** The result of reading one device: the call's facts, and the device when it was found. */
public record DeviceLookup(GraphCallResult call, Optional<ManagedDeviceInfo> device) {}
