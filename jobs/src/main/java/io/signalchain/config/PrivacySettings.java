package io.signalchain.config;

/**
 * How customer ids are published. With {@code pseudonymiseCustomerId}, every customer_id written
 * is the HMAC-SHA256 (hex) of the input's id under {@code key}, read on load from the environment
 * variable {@code keyEnv}; without it {@code key} is null and ids are written as read.
 */
public record PrivacySettings(boolean pseudonymiseCustomerId, String keyEnv, String key) {
  public static final String DEFAULT_KEY_ENV = "SIGNALCHAIN_PSEUDONYM_KEY";
  public static final PrivacySettings DEFAULT = new PrivacySettings(false, DEFAULT_KEY_ENV, null);

  /** Never the key itself: configurations are logged and shown in messages. */
  @Override
  public String toString() {
    return "PrivacySettings[pseudonymiseCustomerId=" + pseudonymiseCustomerId + ", keyEnv=" + keyEnv
        + (key == null ? "" : ", key=(set)") + "]";
  }
}
