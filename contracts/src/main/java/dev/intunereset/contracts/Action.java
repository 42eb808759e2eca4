package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Intune device action a request asks for, written on the wire under its Graph name so that a
 * request, its events and Graph's {@code deviceActionResults} all say the same word.
 */
public enum Action {
  /**
   * {@code POST managedDevices/{id}/resetPasscode}: a new passcode (removed on iOS/iPadOS), which
   * may be delivered sealed.
   */
  RESET_PASSCODE("resetPasscode"),
  /**
   * Beta {@code POST managedDevices/{id}/rotateBitLockerKeys}: new BitLocker recovery keys on a
   * Windows 10 1909+ or Windows 11 device, kept in Entra ID; nothing secret comes back.
   */
  ROTATE_BITLOCKER_KEYS("rotateBitLockerKeys");

  /** What a request without {@code action} asks for, as every request did before actions. */
  public static final Action DEFAULT = RESET_PASSCODE;

  private final String graphName;

  Action(String graphName) {
    this.graphName = graphName;
  }

  /** The action's name in Graph's URL and {@code deviceActionResults}, and on the wire. */
  @JsonValue
  public String graphName() {
    return graphName;
  }

  /** The action with this Graph name, matched case-sensitively as the schema does, or empty. */
  public static Optional<Action> parse(String graphName) {
    return Arrays.stream(values()).filter(a -> a.graphName.equals(graphName)).findFirst();
  }

  /**
   * The action an event names, or {@link #DEFAULT} for {@code null}: an event written before
   * requests could name their action was a passcode reset.
   */
  public static Action orDefault(Action named) {
    return named == null ? DEFAULT : named;
  }

  /** Every Graph name, comma-separated in declaration order, for messages naming the choices. */
  public static String allowed() {
    return Arrays.stream(values()).map(Action::graphName).collect(Collectors.joining(", "));
  }

  @JsonCreator
  static Action fromJson(String graphName) {
    return parse(graphName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown action " + graphName + "; allowed: " + allowed()));
  }
}
