package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Emitted when a parseable request fails validation; no device is touched.
 *
 * @param requestId the rejected request
 * @param problems every validation problem found, at least one
 * @param rejectedAt when the request was rejected
 * @param requestedBy copied from the request when it was itself valid, otherwise {@code null}
 * @param source copied from the request when it was itself valid, otherwise {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestRejected(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("problems") List<Problem> problems,
    @JsonProperty("rejectedAt") Instant rejectedAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("source") String source)
    implements ResultEvent {

  public RequestRejected {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(rejectedAt, "rejectedAt");
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_REJECTED;
  }

  /**
   * One validation problem in a rejected request.
   *
   * @param field JSON-pointer-like path of the offending value, such as {@code deviceIds[3]} or
   *     {@code requestId}, or {@code $} for the whole message
   * @param problem human-readable description of what is wrong
   */
  public record Problem(
      @JsonProperty("field") String field, @JsonProperty("problem") String problem) {

    public Problem {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(problem, "problem");
    }
  }
}
