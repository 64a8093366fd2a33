package io.signalchain.publish;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** The long key orders strings as Spark orders them, wherever their first eight bytes differ. */
class PrefixOrderTest {
  @Test
  void sortingByTheKeyIsSortingByTheStringWhereTheFirstEightBytesDiffer() {
    List<String> ids = new ArrayList<>(List.of("", "K", "K0", "K0011279", "K0011280", "K1", "k0", "Z", "é", "éa",
        "\u00ff", "\uD83D\uDE00", "0000000", "~~~~~~~~"));
    Random random = new Random(8);
    for (int i = 0; i < 2_000; i++) {
      ids.add(String.format(Locale.ROOT, "%c%07d", 'A' + random.nextInt(26), random.nextInt(10_000_000)));
      ids.add(Long.toHexString(random.nextLong()));
    }
    List<String> distinct = ids.stream().distinct().toList();
    List<String> shuffled = new ArrayList<>(distinct);
    Collections.shuffle(shuffled, random);
    Dataset<String> rows = SharedSpark.session().createDataset(shuffled, Encoders.STRING()).repartition(1);

    List<String> bySpark = rows.sort(col("value")).collectAsList();
    List<String> byKey = rows.sortWithinPartitions(PrefixOrder.of(col("value"))).collectAsList();

    assertEquals(distinct.size(), byKey.size());
    assertEquals(bySpark, byKey);
  }

  @Test
  void shorterStringsComeFirstAndOnlyTheFirstEightBytesCount() {
    assertTrue(key("K") < key("K0"));
    assertTrue(key("K0011279") < key("K1"));
    assertTrue(key("~") < key("é"), "UTF-8 bytes, unsigned");
    assertEquals(key("K00112790"), key("K00112799"), "a tie beyond eight bytes");
    assertNull(PrefixOrder.key(null));
  }

  private static long key(String text) {
    return PrefixOrder.key(text.getBytes(StandardCharsets.UTF_8));
  }
}
