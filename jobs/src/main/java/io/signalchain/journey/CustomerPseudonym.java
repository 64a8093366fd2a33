package io.signalchain.journey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
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
  private static final String CUSTOMER_ID = "customer_id";
  /** What stands for a malformed line in a rejected record, before the line's SHA-256. */
  public static final String WITHHELD = "malformed line withheld (privacy.pseudonymise_customer_id); its SHA-256: ";
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

  /**
   * A rejected row's record (rejected_records.record) without its customer id: in a record of
   * fields (JSON) the customer_id value is replaced by its pseudonym; a malformed line, which
   * cannot be taken apart into fields, is withheld, and its SHA-256 shown instead (the source
   * system can still find the line by hashing its export's lines).
   */
  public static Column inRecord(Column record, String key) {
    Column fields = functions.from_json(record, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        Map.of());
    Column pseudonymised = functions.to_json(functions.transform_values(fields, (name, value) ->
        functions.when(name.equalTo(CUSTOMER_ID), of(functions.trim(value), key)).otherwise(value)));
    return functions.when(record.isNull(), record).when(fields.isNotNull(), pseudonymised)
        .otherwise(functions.concat(functions.lit(WITHHELD), functions.sha2(record, 256)));
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
