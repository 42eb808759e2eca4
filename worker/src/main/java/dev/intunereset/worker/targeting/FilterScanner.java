package dev.intunereset.worker.targeting;

/**
 * Splits a filter into words, quoted strings, unquoted date-times and punctuation; a character that
 * belongs to none of them is refused where it stands. Spaces separate tokens and are otherwise
 * ignored (control characters were refused before scanning).
 */
final class FilterScanner {

  enum Type {
    WORD,
    STRING,
    DATE_TIME,
    OPEN,
    CLOSE,
    COMMA,
    END
  }

  /**
   * One token.
   *
   * @param text as written
   * @param value a string literal's content with {@code ''} read as {@code '}; else {@code text}
   * @param index where it starts, 0-based
   */
  record Token(Type type, String text, String value, int index) {
    boolean isWord(String word) {
      return type == Type.WORD && text.equals(word);
    }

    boolean isWordIgnoringCase(String word) {
      return type == Type.WORD && text.equalsIgnoreCase(word);
    }
  }

  private final String text;
  private int at;
  private Token peeked;

  FilterScanner(String text) {
    this.text = text;
  }

  Token peek() {
    if (peeked == null) {
      peeked = scan();
    }
    return peeked;
  }

  Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  private Token scan() {
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
    int start = at;
    if (at == text.length()) {
      return new Token(Type.END, "", "", start);
    }
    char c = text.charAt(at);
    if (isWordStart(c)) {
      while (at < text.length() && isWordPart(text.charAt(at))) {
        at++;
      }
      return token(Type.WORD, start);
    }
    if (c >= '0' && c <= '9') {
      while (at < text.length() && isDateTimePart(text.charAt(at))) {
        at++;
      }
      return token(Type.DATE_TIME, start);
    }
    at++;
    return switch (c) {
      case '(' -> token(Type.OPEN, start);
      case ')' -> token(Type.CLOSE, start);
      case ',' -> token(Type.COMMA, start);
      case '\'' -> string(start);
      case '"' ->
          throw Refusal.at(start, "\"", "OData strings are written in single quotes: 'like this'");
      default ->
          throw Refusal.at(
              start,
              text.substring(start, text.offsetByCodePoints(start, 1)),
              "not part of the filter grammar: clauses are property op literal or"
                  + " contains(deviceName,'…'), joined by 'and'");
    };
  }

  private Token string(int start) {
    StringBuilder value = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c != '\'') {
        value.append(c);
      } else if (at < text.length() && text.charAt(at) == '\'') {
        value.append('\'');
        at++;
      } else {
        return new Token(Type.STRING, text.substring(start, at), value.toString(), start);
      }
    }
    throw Refusal.at(
        start,
        text.substring(start),
        "the string is never closed: end it with ' and write a quote inside it as ''");
  }

  private Token token(Type type, int start) {
    String t = text.substring(start, at);
    return new Token(type, t, t, start);
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isDateTimePart(char c) {
    return isWordPart(c) || c == '-' || c == ':' || c == '.' || c == '+';
  }
}
