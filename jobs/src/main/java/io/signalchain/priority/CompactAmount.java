package io.signalchain.priority;

import java.util.Locale;

/** Amounts as a manager reads them: 820, 4.5k, 410k, 1.2M. */
public final class CompactAmount {
  private CompactAmount() {}

  public static String of(Double value) {
    if (value == null) {
      return null;
    }
    double abs = Math.abs(value);
    String sign = value < 0 ? "-" : "";
    if (Math.round(abs) < 1_000) {
      return sign + Math.round(abs);
    }
    double thousands = abs / 1_000;
    if (thousands < 9.95) {
      return sign + String.format(Locale.ROOT, "%.1fk", thousands);
    }
    if (Math.round(thousands) < 1_000) {
      return sign + Math.round(thousands) + "k";
    }
    return sign + String.format(Locale.ROOT, "%.1fM", abs / 1_000_000);
  }

  public static String euros(Double value) {
    String amount = of(value);
    return amount == null ? null : amount.startsWith("-") ? "-€" + amount.substring(1) : "€" + amount;
  }
}
