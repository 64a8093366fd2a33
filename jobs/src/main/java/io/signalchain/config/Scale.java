package io.signalchain.config;

/** An answer scale, both ends inclusive. */
public record Scale(double min, double max) {
  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
