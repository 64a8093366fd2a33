package io.signalchain.journey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A customer id replaced by the HMAC-SHA256 of its UTF-8 bytes under the configured key, in lower
 * case hex (64 characters): the same id gives the same pseudonym every night with the same key, and
 * without the key it can be neither reversed nor recomputed from a guessed id. The key travels to
 * the executors inside the function, never in the query plan (which Spark shows in its UI and logs).
 */
public final class CustomerPseudonym implements UDF1<String, String> {
  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";
  private final byte[] key;
  private transient Mac mac;

  CustomerPseudonym(String key) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** The pseudonym of {@code customerId} (null stays null). */
  public static Column of(Column customerId, String key) {
    UserDefinedFunction pseudonym = functions.udf(new CustomerPseudonym(key), DataTypes.StringType);
    return pseudonym.apply(customerId);
  }

  @Override
  public String call(String customerId) throws GeneralSecurityException {
    if (customerId == null) {
      return null;
    }
    if (mac == null) {
      // one per deserialised copy, i.e. per task: a Mac is not thread-safe
      mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
    }
    return HexFormat.of().formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
  }
}
