package io.signalchain.config;

/** Where an input lives and how it is stored: csv, parquet or delta. */
public record InputSpec(String path, String format) {}
