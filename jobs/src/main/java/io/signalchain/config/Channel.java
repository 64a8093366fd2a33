package io.signalchain.config;

/**
 * A contact channel. {@code costPerContactEur} prices a contact whose row has no cost of its own;
 * {@code selfService} marks digital channels whose completed process volumes count in the mix.
 */
public record Channel(String id, double costPerContactEur, String nameNl, boolean selfService) {}
