package dev.intunereset.worker.guard;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.BrakeEngaged;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.BrakeReleased;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.ResultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The brake keeper's decisions about one action, free of Kafka: it is fed the committed outcomes of
 * the whole deployment, counts those that issued its action, and says when the brake engages and
 * whether a release applies. Changes are staged and take effect only once the caller's transaction
 * commits, so an aborted write leaves no trace.
 */
public final class FleetBrake {
  /** A state change of {@code action}'s brake and the event announcing it, in one transaction. */
  public record Change(Action action, BrakeState state, ResultEvent event) {}

  private final Action action;
  private final int maxResets;
  private final Duration window;
  private final Supplier<UUID> ids;
  private final ResetWindow resets;
  private BrakeState state;
  private BrakeState staged;

  public FleetBrake(
      Action action, int maxResets, Duration window, BrakeState initial, Supplier<UUID> ids) {
    if (maxResets < 1) {
      throw new IllegalArgumentException("maxResets must be >= 1: " + maxResets);
    }
    this.action = action;
    this.maxResets = maxResets;
    this.window = window;
    this.ids = ids;
    this.resets = new ResetWindow(window);
    this.state = initial;
    resets.countFrom(initial.countFrom());
  }

  /** Where counting must start reading at {@code now}: the window, or the last release if later. */
  public Instant countStart(Instant now) {
    Instant start = now.minus(window);
    return start.isAfter(state.countFrom()) ? start : state.countFrom();
  }

  /** Counts an outcome if Graph accepted this brake's action for it. */
  public void observe(DeviceOutcome outcome) {
    if (outcome.reasonCode() == ReasonCode.RESET_ISSUED && outcome.action() == action) {
      resets.add(outcome.completedAt());
    }
  }

  public int resetsInWindow(Instant now) {
    return count(now);
  }

  /** Counts from a staged release too, so a release and a check in one transaction agree. */
  private int count(Instant now) {
    return resets.count(now, current().countFrom());
  }

  /** Whether {@link #check} would engage the brake now; changes nothing. */
  public boolean due(Instant now) {
    return !current().engaged() && count(now) > maxResets;
  }

  /** The engagement due at {@code now}, if the brake is released and the count is over. */
  public Optional<Change> check(Instant now) {
    BrakeState current = current();
    int count = count(now);
    if (current.engaged() || count <= maxResets) {
      return Optional.empty();
    }
    UUID id = ids.get();
    BrakeState next = current.engage(id, now);
    staged = next;
    return Optional.of(
        new Change(
            action,
            next,
            new BrakeEngaged(id, count, maxResets, (int) window.toSeconds(), now, action)));
  }

  /** The release, if {@code release} names the engaged brake; empty (refused) otherwise. */
  public Optional<Change> release(BrakeRelease release, Instant now) {
    BrakeState current = current();
    if (!current.engaged() || !current.brakeId().equals(release.brakeId())) {
      return Optional.empty();
    }
    BrakeState next = current.release(release.releasedBy(), now);
    staged = next;
    return Optional.of(
        new Change(
            action,
            next,
            new BrakeReleased(
                current.brakeId(),
                release.releasedBy(),
                release.reason(),
                current.engagedAt(),
                now,
                action)));
  }

  /** What a refused release is told about this brake. */
  public String describe() {
    BrakeState current = current();
    String name = "the " + action.graphName() + " brake";
    if (current.engaged()) {
      return name + " is engaged as " + current.brakeId();
    }
    return current.brakeId() == null
        ? name + " is not engaged"
        : name + " is not engaged (last engagement " + current.brakeId() + " was released)";
  }

  public Action action() {
    return action;
  }

  /** The staged changes took effect. */
  public void committed() {
    if (staged != null) {
      if (!staged.countFrom().equals(state.countFrom())) {
        resets.countFrom(staged.countFrom());
      }
      state = staged;
      staged = null;
    }
  }

  /** The staged changes were aborted. */
  public void rolledBack() {
    staged = null;
  }

  public BrakeState state() {
    return state;
  }

  private BrakeState current() {
    return staged != null ? staged : state;
  }
}
