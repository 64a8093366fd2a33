package io.signalchain.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.signalchain.publish.TableDocs;
import io.signalchain.testing.SampleRun;
import io.signalchain.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** Every column of every output table carries its docs/tables.md meaning as a Delta column comment. */
class ColumnCommentsTest {
  @Test
  void everyColumnHasItsDocumentedComment() {
    for (String table : SampleRun.tables()) {
      var meanings = TableDocs.meanings().get(table);
      for (StructField field : SharedSpark.session().read().format("delta").load(SampleRun.path(table)).schema()
          .fields()) {
        assertEquals(meanings.get(field.name()), field.getComment().getOrElse(() -> null), table + "." + field.name());
      }
    }
  }

  @Test
  void catalogsSeeTheComments() {
    Row row = SharedSpark.session().sql("DESCRIBE TABLE delta.`" + SampleRun.path("step_kpis") + "`")
        .filter("col_name = 'contacts_per_1000'").first();
    assertEquals("contacts per 1,000 passes; null without process volume", row.getString(2));
    assertFalse(TableDocs.meanings().get("driver_importance").get("shapley").isBlank());
  }
}
