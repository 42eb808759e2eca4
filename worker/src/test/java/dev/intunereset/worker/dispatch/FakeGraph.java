package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.graph.DeviceLookup;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Graph as a script: each device answers its lookups and resets from its own queue of results (the
 * last one repeats), and every call is recorded.
 */
final class FakeGraph implements GraphGateway {
  private final Map<String, Deque<DeviceLookup>> lookups = new HashMap<>();
  private final Map<String, Deque<GraphCallResult>> resets = new HashMap<>();
  final List<String> calls = new ArrayList<>();

  static GraphCallResult ok(int status) {
    return new GraphCallResult(
        GraphCallResult.Kind.SUCCESS,
        status,
        null,
        "ok",
        "graph-req",
        "client-req",
        Optional.empty());
  }

  static GraphCallResult http(int status, String code) {
    return new GraphCallResult(
        GraphCallResult.Kind.HTTP_ERROR,
        status,
        code,
        "no",
        "graph-req",
        "client-req",
        Optional.empty());
  }

  static GraphCallResult throttled(Duration retryAfter) {
    return new GraphCallResult(
        GraphCallResult.Kind.HTTP_ERROR,
        429,
        "TooManyRequests",
        "slow down",
        "graph-req",
        "client-req",
        Optional.of(retryAfter));
  }

  static GraphCallResult transport() {
    return new GraphCallResult(
        GraphCallResult.Kind.TRANSPORT_ERROR,
        0,
        null,
        "connection reset",
        null,
        "client-req",
        Optional.empty());
  }

  static GraphCallResult auth() {
    return new GraphCallResult(
        GraphCallResult.Kind.AUTH_ERROR,
        0,
        null,
        "token refused",
        null,
        "client-req",
        Optional.empty());
  }

  static ManagedDeviceInfo android(String id, ManagedDeviceInfo.ActionResult... actions) {
    return new ManagedDeviceInfo(
        id, "Android", "14", "androidForWork", "androidEnterpriseFullyManaged", List.of(actions));
  }

  static ManagedDeviceInfo.ActionResult resetAt(Instant start) {
    return new ManagedDeviceInfo.ActionResult("resetPasscode", "done", start);
  }

  FakeGraph device(ManagedDeviceInfo device) {
    return lookups(device.id(), new DeviceLookup(ok(200), Optional.of(device)));
  }

  FakeGraph missing(String deviceId) {
    return lookups(deviceId, new DeviceLookup(http(404, "ResourceNotFound"), Optional.empty()));
  }

  FakeGraph lookups(String deviceId, DeviceLookup... answers) {
    lookups.computeIfAbsent(deviceId, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  FakeGraph resets(String deviceId, GraphCallResult... answers) {
    resets.computeIfAbsent(deviceId, k -> new ArrayDeque<>()).addAll(List.of(answers));
    return this;
  }

  long count(String call) {
    return calls.stream().filter(call::equals).count();
  }

  @Override
  public GraphCallResult resetPasscode(String deviceId, String clientRequestId) {
    calls.add("POST " + deviceId);
    return next(resets.get(deviceId), deviceId);
  }

  @Override
  public GraphCallResult rotateBitLockerKeys(String deviceId, String clientRequestId) {
    calls.add("ROTATE " + deviceId);
    throw new AssertionError("dispatch sends no key rotation yet: " + deviceId);
  }

  @Override
  public DeviceLookup getDevice(String deviceId, String clientRequestId) {
    calls.add("GET " + deviceId);
    return next(lookups.get(deviceId), deviceId);
  }

  private static <T> T next(Deque<T> answers, String deviceId) {
    if (answers == null || answers.isEmpty()) {
      throw new AssertionError("no scripted answer for " + deviceId);
    }
    return answers.size() > 1 ? answers.pollFirst() : answers.peekFirst();
  }

  @Override
  public void close() {}
}
