package io.signalchain.generate;

/** Identifiers as source systems print them: a letter and a zero-padded number. */
final class Ids {
  private Ids() {}

  static String of(char prefix, long number, int width) {
    String digits = Long.toString(number);
    StringBuilder sb = new StringBuilder(width + 1).append(prefix);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  /** Customers are shared by surveys and contacts, so signals of one customer can be joined. */
  static String customer(long index) {
    return of('K', index + 1, 7);
  }
}
