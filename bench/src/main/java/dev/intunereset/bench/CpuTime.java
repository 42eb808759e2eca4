package dev.intunereset.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by a process: on a shared machine the rate a contestant reaches depends on what
 * else runs, but the CPU it spends per device does not (much).
 */
final class CpuTime {
  /** Linux's USER_HZ, which /proc reports ticks in; 100 on every mainstream configuration. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  /** User + system seconds of this JVM so far. */
  static double ofThisProcess() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** User + system seconds of another process so far, from /proc/PID/stat; NaN if unknown. */
  static double ofProcess(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the parenthesised command name, which may itself contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
