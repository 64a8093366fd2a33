package io.signalchain.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Broken and duplicate rows, planted in one place for every input: checked on the records, before
 * any Spark row is made.
 */
class InputRowsTest {
  private static final Period PERIOD = new Period(LocalDate.of(2026, 7, 4), 120);
  private static final int ROWS = 30_000;

  @Test
  void aDuplicateContactRepeatsARowUpToFortyRowsEarlierExactlyOrWithAnotherHandlingTime() {
    ContactRows contacts = new ContactRows(7L, PERIOD, 1_500, true);
    int[] exactAndNear = duplicates(contacts, r -> r.contactId() != null,
        (row, id) -> row.contactId().equals(Ids.of('C', id + 1, 8)),
        (row, earlier) -> earlier.handlingSeconds() != null
            && row.equals(earlier.withHandlingSeconds(row.handlingSeconds())));
    assertNearCopyShare(exactAndNear);
  }

  @Test
  void aDuplicateResponseRepeatsARowUpToFortyRowsEarlierExactlyOrAFewMinutesLater() {
    SurveyRows surveys = new SurveyRows(7L, PERIOD, 1_500, true);
    int[] exactAndNear = duplicates(surveys, r -> r.responseId() != null,
        (row, id) -> row.responseId().equals(Ids.of('R', id + 1, 8)),
        (row, earlier) -> earlier.respondedAt() != null && row.respondedAt() != null
            && row.respondedAt() - earlier.respondedAt() >= 60 && row.respondedAt() - earlier.respondedAt() < 660
            && row.equals(earlier.withRespondedAt(row.respondedAt())));
    assertNearCopyShare(exactAndNear);
  }

  @Test
  void aFirstRowPlannedAsDuplicateHasNothingEarlierToCopyAndStaysClean() {
    int planned = 0;
    for (long seed = 0; seed < 20_000 && planned < 3; seed++) {
      ContactRows.Broken[] kinds = ContactRows.Broken.available(true);
      int k = RowRandom.brokenKind(seed, RowRandom.CONTACTS, 0, kinds.length);
      if (k >= 0 && kinds[k] == ContactRows.Broken.DUPLICATE_CONTACT_ID) {
        ContactRows contacts = new ContactRows(seed, PERIOD, 100, true);
        assertEquals(contacts.clean(0), contacts.generate(0), "seed " + seed);
        planned++;
      }
    }
    assertEquals(3, planned, "seeds whose first contact is planned as a duplicate");
  }

  /**
   * Finds every row whose id is not its own (a duplicate) and the earlier row it repeats; returns
   * {exact copies, near copies}.
   */
  private static <R extends InputRow> int[] duplicates(InputRows<R, ?> input, Predicate<R> hasId,
      BiPredicate<R, Long> ownId, BiPredicate<R, R> nearCopyOf) {
    int exact = 0;
    int near = 0;
    for (long id = 0; id < ROWS; id++) {
      R row = input.generate(id);
      if (!hasId.test(row) || ownId.test(row, id)) {
        continue;
      }
      boolean found = false;
      for (long earlier = Math.max(0, id - InputRows.DUPLICATE_REACH); earlier < id && !found; earlier++) {
        R original = input.generate(earlier);
        if (row.equals(original)) {
          exact++;
          found = true;
        } else if (nearCopyOf.test(row, original)) {
          near++;
          found = true;
        }
      }
      if (!found) {
        fail("row " + id + " repeats no row of the 40 before it: " + row);
      }
    }
    return new int[] {exact, near};
  }

  /** About 40% near copies; binomial sd at ~40 duplicates is ≈ 8 points. */
  private static void assertNearCopyShare(int[] exactAndNear) {
    int all = exactAndNear[0] + exactAndNear[1];
    assertTrue(all >= 20, "duplicates " + all);
    double near = exactAndNear[1] / (double) all;
    assertTrue(near > 0.15 && near < 0.65, "near-copy share " + near + " of " + all);
  }
}
