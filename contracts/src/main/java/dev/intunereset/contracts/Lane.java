package dev.intunereset.contracts;

/** Scheduling lane: small requests jump ahead of bulk work so helpdesk calls stay fast. */
public enum Lane {
  /** Small request, typically a helpdesk agent waiting on the phone. */
  INTERACTIVE,
  /** Large request, processed at a rate that leaves Graph quota for interactive work. */
  BULK
}
