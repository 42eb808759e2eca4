package dev.intunereset.bench;

import dev.intunereset.worker.WorkerGraphClient;
import dev.intunereset.worker.config.ConfigReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A baseline in a JVM of its own (as the worker runs in its own): configured by the worker's
 * environment keys for Kafka and Graph, it first runs over a warm-up topic (JIT), then over the
 * measured topic, and prints {@code RESULT <devices> <seconds> <cpuSeconds>} for the measured part
 * (CPU: this whole process, start-up and close of the measured part included).
 *
 * <p>Arguments: {@code pc|naive warmUpTopic warmUpCount topic count concurrency limitSeconds}
 * (limitSeconds: the naive loop's time box, the Parallel Consumer's timeout).
 */
public final class BaselineMain {
  private BaselineMain() {}

  public static void main(String[] args) {
    String kind = args[0];
    String warmTopic = args[1];
    int warmCount = Integer.parseInt(args[2]);
    String topic = args[3];
    int count = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    Duration limit = Duration.ofSeconds(Long.parseLong(args[6]));
    var config = ConfigReader.fromEnvironment();
    String bootstrap = config.kafka().bootstrapServers();
    try (WorkerGraphClient graph = WorkerGraphClient.open(config, concurrency, Clock.systemUTC())) {
      BaselineRun run;
      double cpu;
      if (kind.equals("pc")) {
        ParallelConsumerBaseline.run(bootstrap, warmTopic, graph, concurrency, warmCount, limit);
        cpu = CpuTime.ofThisProcess();
        run = ParallelConsumerBaseline.run(bootstrap, topic, graph, concurrency, count, limit);
      } else {
        NaiveLoop.run(bootstrap, warmTopic, graph, warmCount, Duration.ofSeconds(3));
        cpu = CpuTime.ofThisProcess();
        run = NaiveLoop.run(bootstrap, topic, graph, count, limit);
      }
      cpu = CpuTime.ofThisProcess() - cpu;
      System.out.printf(Locale.ROOT, "RESULT %d %.6f %.6f%n", run.done(), run.seconds(), cpu);
    }
    System.exit(0);
  }
}
