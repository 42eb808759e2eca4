package dev.intunereset.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageWatchTest {
  private static final class FakeStage implements StageWatch.Watched {
    private final String name;
    private Optional<Duration> stalledFor = Optional.empty();

    FakeStage(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<Duration> stalledFor() {
      return stalledFor;
    }
  }

  private final FakeStage dispatch = new FakeStage("dispatch");
  private final FakeStage completion = new FakeStage("completion");
  private final StageWatch watch = new StageWatch(List.of(dispatch, completion));

  @Test
  void healthyStagesAreNotReported() {
    assertThat(watch.check()).isEmpty();
  }

  @Test
  void aStalledStageIsReportedOnceWithHowLongAndWhereToLook() {
    dispatch.stalledFor = Optional.of(Duration.ofSeconds(75));

    List<String> first = watch.check();
    dispatch.stalledFor = Optional.of(Duration.ofSeconds(80));
    List<String> second = watch.check();

    assertThat(first)
        .singleElement()
        .asString()
        .startsWith("dispatch stage has not finished a poll for 75 s")
        .contains("transaction left open")
        .contains("A stage is stalled");
    assertThat(second).isEmpty();
  }

  @Test
  void aStageThatMovesAgainIsReportedRecoveredAndCanStallAgain() {
    completion.stalledFor = Optional.of(Duration.ofSeconds(61));
    watch.check();

    completion.stalledFor = Optional.empty();
    List<String> recovered = watch.check();
    completion.stalledFor = Optional.of(Duration.ofSeconds(70));
    List<String> again = watch.check();

    assertThat(recovered).containsExactly("completion stage is making progress again");
    assertThat(again).singleElement().asString().startsWith("completion stage has not finished");
  }

  @Test
  void closingAnUnstartedOrClosedWatchIsHarmless() {
    watch.close();
    watch.start().close();
    watch.close();
  }
}
