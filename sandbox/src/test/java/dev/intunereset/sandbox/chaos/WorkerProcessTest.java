package dev.intunereset.sandbox.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerProcessTest {
  @Test
  void errorLinesAreTheWorkersJsonErrorsWithTheirLogger(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("worker.log");
    Files.writeString(
        log,
        String.join(
            "\n",
            "{\"message\":\"dispatch stage was fenced\",\"logger_name\":\"a.Stage\",\"level\":\"WARN\"}",
            "{\"message\":\"intake stage failed; reopening\",\"logger_name\":\"a.Stage\",\"level\":\"ERROR\"}",
            "Full thread dump OpenJDK 64-Bit Server VM",
            "{\"message\":\"worker started\",\"logger_name\":\"a.Worker\",\"level\":\"INFO\"}",
            ""));

    assertThat(new WorkerProcess(Map.of(), log).errorLines())
        .containsExactly("a.Stage: intake stage failed; reopening");
  }
}
