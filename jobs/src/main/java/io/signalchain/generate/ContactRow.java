package io.signalchain.generate;

import static io.signalchain.generate.RowLayout.column;

import io.signalchain.generate.RowLayout.Type;
import java.util.List;

/**
 * One generated contacts row (DESIGN.md section 4); {@code contactedAt} in epoch seconds (UTC wall
 * clock). The {@code with…} copies are how a row gets broken.
 */
record ContactRow(
    String contactId, String customerId, Long contactedAt, String channel, String stepId,
    String contactType, String reason, Double handlingSeconds, Double costEur, CsvText csvText)
    implements InputRow {

  static final RowLayout<ContactRow> LAYOUT = new RowLayout<>(List.of(
      column("contact_id", Type.STRING, ContactRow::contactId),
      column("customer_id", Type.STRING, ContactRow::customerId),
      column("contacted_at", Type.TIMESTAMP, ContactRow::contactedAt),
      column("channel", Type.STRING, ContactRow::channel),
      column("step_id", Type.STRING, ContactRow::stepId),
      column("contact_type", Type.STRING, ContactRow::contactType),
      column("reason", Type.STRING, ContactRow::reason),
      column("handling_seconds", Type.DOUBLE, ContactRow::handlingSeconds),
      column("cost_eur", Type.DOUBLE, ContactRow::costEur)));

  ContactRow withContactId(String id) {
    return new ContactRow(id, customerId, contactedAt, channel, stepId, contactType, reason, handlingSeconds,
        costEur, csvText);
  }

  ContactRow withContactedAt(Long epochSecond) {
    return new ContactRow(contactId, customerId, epochSecond, channel, stepId, contactType, reason,
        handlingSeconds, costEur, csvText);
  }

  ContactRow withChannel(String name) {
    return new ContactRow(contactId, customerId, contactedAt, name, stepId, contactType, reason, handlingSeconds,
        costEur, csvText);
  }

  ContactRow withStepId(String id) {
    return new ContactRow(contactId, customerId, contactedAt, channel, id, contactType, reason, handlingSeconds,
        costEur, csvText);
  }

  ContactRow withContactType(String type) {
    return new ContactRow(contactId, customerId, contactedAt, channel, stepId, type, reason, handlingSeconds,
        costEur, csvText);
  }

  ContactRow withHandlingSeconds(Double seconds) {
    return new ContactRow(contactId, customerId, contactedAt, channel, stepId, contactType, reason, seconds,
        costEur, csvText);
  }

  ContactRow withCostEur(Double eur) {
    return new ContactRow(contactId, customerId, contactedAt, channel, stepId, contactType, reason,
        handlingSeconds, eur, csvText);
  }

  /** The row with {@code text} written to CSV in {@code column} instead of its value. */
  ContactRow withCsvText(String column, String text) {
    return new ContactRow(contactId, customerId, contactedAt, channel, stepId, contactType, reason,
        handlingSeconds, costEur, csvText.with(column, text));
  }
}
