package dev.intunereset.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker as its own JVM, started the way a deployment starts it ({@code WorkerMain} with the
 * worker's runtime classpath only, configured by environment variables), so that its heap, start-up
 * time and resident memory are its own.
 */
final class WorkerProcess implements AutoCloseable {
  /** Set by bench/run: worker/target/classes plus the worker's runtime dependencies. */
  static final String CLASSPATH_PROPERTY = "bench.worker.classpath";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final long startedNanos;
  private final int opsPort;

  private WorkerProcess(Process process, long startedNanos, int opsPort) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.opsPort = opsPort;
  }

  static WorkerProcess start(Map<String, String> env, List<String> jvmOptions, Path log) {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add("dev.intunereset.worker.WorkerMain");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> all = new HashMap<>(env);
    all.put("OPS_HTTP_PORT", Integer.toString(port));
    all.putIfAbsent("LOG_FORMAT", "text");
    pb.environment().putAll(all);
    try {
      Files.createDirectories(log.getParent());
      long t0 = System.nanoTime();
      return new WorkerProcess(pb.start(), t0, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the worker process", e);
    }
  }

  private static String classpath() {
    String cp = System.getProperty(CLASSPATH_PROPERTY);
    // Outside bench/run (an IDE), the bench's own classpath also holds the worker.
    return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Polls /health/ready until it answers 200; returns the time since the process was started. */
  Duration awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the worker process exited with " + process.exitValue());
      }
      if (get("/health/ready") == 200) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      sleep(20);
    }
    throw new IllegalStateException("the worker was not ready within " + timeout);
  }

  private int get(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static HttpRequest request(String path, int port) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpRequest request(String path) {
    return request(path, opsPort);
  }

  /** CPU time (user + system) the process has used so far, from /proc/PID/stat; NaN if unknown. */
  double cpuSeconds() {
    return CpuTime.ofProcess(pid());
  }

  /** Resident set size from /proc/PID/status, in MiB. */
  double rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /**
   * Heap in use now, in MiB: the sum of the heap pools of {@code jvm_memory_used_bytes} on the
   * worker's /metrics (garbage not yet collected included); NaN if the scrape failed.
   */
  double heapUsedMiB() {
    String body;
    try {
      body = HTTP.send(request("/metrics"), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
    return MetricsText.sum(body, "jvm_memory_used_bytes", "area=\"heap\"") / 1024.0 / 1024.0;
  }

  /** SIGTERM (the worker drains), then SIGKILL if it is still there after 60 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
