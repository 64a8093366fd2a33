package io.signalchain.drivers;

import io.signalchain.drivers.stats.DriverModel;
import io.signalchain.drivers.stats.Estimate;
import io.signalchain.drivers.stats.ImportanceIntervals;
import io.signalchain.drivers.stats.PenaltyReward;

/**
 * The driver model of one step, with how its drivers were chosen.
 *
 * @param robust HC3 estimates of the intercept (first) and of every driver asked (null where the
 *     driver is not in the model); null when the model has none
 * @param intervals the bootstrap of the importance, over the drivers in the model in their order;
 *     null without one
 * @param asymmetry the penalty–reward model on the model's drivers; null when the step has no model
 */
record UnitModel(String unit, String outcome, DriverSelection selection, DriverModel model, Estimate[] robust,
    ImportanceIntervals intervals, PenaltyReward.Result asymmetry) {
  UnitModel withResampling(Estimate[] estimates, ImportanceIntervals bootstrap, PenaltyReward.Result penaltyReward) {
    return new UnitModel(unit, outcome, selection, model, estimates, bootstrap, penaltyReward);
  }

  /** The HC3 estimate of the intercept (i = 0) or of driver i − 1; NA when there is none. */
  Estimate robust(int i) {
    return robust == null || robust[i] == null ? Estimate.NA : robust[i];
  }

  long used() {
    return model.regression().n();
  }

  long dropped() {
    return selection.responses() - used();
  }
}
