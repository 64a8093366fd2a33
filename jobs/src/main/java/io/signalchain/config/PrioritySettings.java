package io.signalchain.config;

/**
 * How steps are prioritised: the weights of the experience, euro and impact scores (non-negative,
 * not all zero; only their ratios matter), how many steps of each ranked set are marked top, and
 * which survey measure is the experience signal.
 */
public record PrioritySettings(double experienceWeight, double euroWeight, double impactWeight, int topN,
    ExperienceMeasure experienceMeasure) {}
