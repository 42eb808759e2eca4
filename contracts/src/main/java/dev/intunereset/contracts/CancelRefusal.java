package dev.intunereset.contracts;

/** Why a {@link Cancel} changed nothing; carried by {@link CancelRefused}. */
public enum CancelRefusal {
  /** No request with this id was received. */
  UNKNOWN_REQUEST,
  /**
   * The request had already ended: every device had its outcome, or it was held and then denied,
   * expired or canceled.
   */
  ALREADY_FINISHED,
  /** An earlier cancel of the same running request was already taken. */
  ALREADY_CANCELED
}
