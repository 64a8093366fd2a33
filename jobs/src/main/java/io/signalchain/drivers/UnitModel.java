package io.signalchain.drivers;

import io.signalchain.drivers.stats.DriverModel;

/** The driver model of one step, with how its drivers were chosen. */
record UnitModel(String unit, String outcome, DriverSelection selection, DriverModel model) {
  long used() {
    return model.regression().n();
  }

  long dropped() {
    return selection.responses() - used();
  }
}
