package io.signalchain.input;

/** The types of the input contract and the Spark types a value of each is parsed into. */
public enum FieldType {
  TEXT("string"),
  TIMESTAMP("timestamp"),
  DATE("date"),
  NUMBER("double"),
  WHOLE_NUMBER("long");

  final String sparkType;

  FieldType(String sparkType) {
    this.sparkType = sparkType;
  }
}
