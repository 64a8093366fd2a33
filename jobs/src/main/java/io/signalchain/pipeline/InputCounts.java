package io.signalchain.pipeline;

/** How many rows of one input were read and how many of them were rejected. */
public record InputCounts(String source, long read, long rejected) {
  public long accepted() {
    return read - rejected;
  }

  public double rejectShare() {
    return read == 0 ? 0 : (double) rejected / read;
  }
}
