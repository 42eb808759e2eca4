package dev.intunereset.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Where the figures were taken: they mean little without the machine and its load. */
record Machine(
    int cores,
    double memoryGiB,
    String cpuModel,
    String jvm,
    String os,
    double loadAverageAtStart,
    double loadAverageAtEnd) {

  static Machine describe(double loadAtStart) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memTotalKb() / 1024.0 / 1024.0,
        readCpuModel(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.vendor")
            + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        loadAtStart,
        Double.NaN);
  }

  Machine withLoadAtEnd(double load) {
    return new Machine(cores, memoryGiB, cpuModel, jvm, os, loadAverageAtStart, load);
  }

  /** The 1-minute load average, NaN where /proc is not there. */
  static double loadAverage() {
    try {
      String s = Files.readString(Path.of("/proc/loadavg")).trim();
      return Double.parseDouble(s.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long memTotalKb() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return Runtime.getRuntime().maxMemory() / 1024;
  }

  private static String readCpuModel() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
