package dev.intunereset.sandbox.graph;

/**
 * The errors Entra (the directory behind {@code /users} and {@code /groups}) answers with: its
 * codes carry the {@code Request_} and {@code Directory_} prefixes, unlike Intune's.
 */
final class DirectoryErrors {
  private DirectoryErrors() {}

  /** 404 for a user or group the caller's tenant does not have, as Entra words it. */
  static SimResponse notFound(GraphErrors errors, GraphRequest rq, String id) {
    return errors.error(
        rq,
        404,
        "Request_ResourceNotFound",
        "Resource '"
            + id
            + "' does not exist or one of its queried reference-property objects are not present.");
  }

  /** 400 for a group id that is not a GUID. */
  static SimResponse invalidId(GraphErrors errors, GraphRequest rq, String id) {
    return errors.error(rq, 400, "Request_BadRequest", "Invalid object identifier '" + id + "'.");
  }

  /**
   * 400 for an OData cast on {@code transitiveMembers} without both advanced query parameters:
   * Graph documents the cast as supported only in advanced queries, and a request missing the
   * {@code ConsistencyLevel: eventual} header or {@code $count=true} as an error.
   */
  static SimResponse advancedQueryRequired(GraphErrors errors, GraphRequest rq) {
    return errors.error(
        rq,
        400,
        "Request_UnsupportedQuery",
        "OData cast on 'transitiveMembers' is supported only in advanced queries: add the"
            + " $count=true query parameter and the ConsistencyLevel: eventual header. See"
            + " https://aka.ms/graph-docs/advanced-queries.");
  }

  /** 400 for a page size outside what the directory serves. */
  static SimResponse invalidPageSize(GraphErrors errors, GraphRequest rq, String top, int max) {
    return errors.error(
        rq,
        400,
        "Request_BadRequest",
        "Invalid page size specified: '" + top + "'. Must be between 1 and " + max + " inclusive.");
  }

  /** 400 for a {@code $skiptoken} that does not continue this query. */
  static SimResponse expiredPageToken(GraphErrors errors, GraphRequest rq) {
    return errors.error(
        rq,
        400,
        "Directory_ExpiredPageToken",
        "The specified page token value has expired and can no longer be included in your"
            + " request.");
  }
}
