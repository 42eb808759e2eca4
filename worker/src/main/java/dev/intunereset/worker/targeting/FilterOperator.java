package dev.intunereset.worker.targeting;

/** The operators a device filter may use, spelled as OData spells them (lower case). */
public enum FilterOperator {
  EQ("eq"),
  LT("lt"),
  GT("gt"),
  CONTAINS("contains");

  private final String odata;

  FilterOperator(String odata) {
    this.odata = odata;
  }

  /** The operator as it stands in a {@code $filter}. */
  public String odata() {
    return odata;
  }
}
