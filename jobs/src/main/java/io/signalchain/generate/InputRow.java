package io.signalchain.generate;

/** One generated input row: a record of typed values, and the CSV text of its broken values. */
interface InputRow {
  CsvText csvText();
}
