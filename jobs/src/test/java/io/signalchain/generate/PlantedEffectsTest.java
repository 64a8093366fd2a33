package io.signalchain.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalchain.generate.PlantedEffects.StepProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planted effects are consistent with the journey and with what the generator promises. */
class PlantedEffectsTest {

  @Test
  void profilesCoverExactlyTheJourneysLeafAndParentSteps() {
    Map<String, String> journey = GeneratorFixtures.journey();
    assertEquals(Set.copyOf(GeneratorFixtures.leafSteps()), PlantedEffects.STEPS.keySet());
    for (String parent : PlantedEffects.PARENT_STEPS.keySet()) {
      assertTrue(journey.containsValue(parent), parent + " has sub-steps in the journey");
    }
  }

  @Test
  void everyStepAsksFourToEightDriversInPlantedOrder() {
    assertTrue(PlantedEffects.DRIVERS.size() >= 10 && PlantedEffects.DRIVERS.size() <= 14);
    List<StepProfile> all = new ArrayList<>(PlantedEffects.STEPS.values());
    all.addAll(PlantedEffects.PARENT_STEPS.values());
    for (StepProfile p : all) {
      List<String> order = PlantedEffects.expectedDriverOrder(p.stepId());
      assertTrue(order.size() >= 4 && order.size() <= 8, p.stepId());
      assertTrue(PlantedEffects.DRIVERS.containsAll(order), p.stepId());
      for (int i = 1; i < order.size(); i++) {
        assertTrue(p.betas().get(order.get(i - 1)) > p.betas().get(order.get(i)), p.stepId() + " betas descend");
      }
      // Clear gaps at the top: the order must be recoverable from a few hundred responses.
      assertTrue(p.betas().get(order.get(0)) - p.betas().get(order.get(1)) >= 0.1, p.stepId());
      assertTrue(p.betas().get(order.get(1)) - p.betas().get(order.get(2)) >= 0.1, p.stepId());
      assertTrue(p.betas().get(order.get(2)) - p.betas().get(order.get(3)) >= 0.07, p.stepId());
    }
  }

  @Test
  void contactMixesAreDistributionsAndReasonsAreStepSpecific() {
    for (StepProfile p : PlantedEffects.STEPS.values()) {
      assertEquals(1.0, sum(p.contactChannelMix()), 1e-9, p.stepId() + " channel mix");
      assertEquals(1.0, sum(p.completionMix()), 1e-9, p.stepId() + " completion mix");
      assertEquals(1.0, sum(p.contactTypeMix()), 1e-9, p.stepId() + " type mix");
      assertEquals(PlantedEffects.CHANNELS.size(), p.contactChannelMix().length);
      assertTrue(p.reasons().size() >= 5 && p.reasons().size() <= 12, p.stepId() + " reasons");
    }
  }

  @Test
  void expensiveStepsAreWorseAndCostlierThanGoodOnes() {
    for (String bad : PlantedEffects.EXPENSIVE_POORLY_RATED) {
      StepProfile b = PlantedEffects.STEPS.get(bad);
      for (String good : PlantedEffects.GOOD_AND_CHEAP) {
        StepProfile g = PlantedEffects.STEPS.get(good);
        assertTrue(b.satisfactionMean() < g.satisfactionMean() - 2, bad + " vs " + good);
        assertTrue(b.contactWeight() > 3 * g.contactWeight(), bad + " vs " + good);
        assertTrue(b.contactsPer1000() > 20 * g.contactsPer1000(), bad + " vs " + good);
        assertTrue(b.contactTypeMix()[1] > 3 * g.contactTypeMix()[1], bad + " complaints vs " + good);
      }
    }
    // The three expensive, poorly rated steps are the three lowest rated.
    List<String> bySatisfaction = PlantedEffects.STEPS.values().stream()
        .sorted(Comparator.comparingDouble(StepProfile::satisfactionMean)).map(StepProfile::stepId).toList();
    assertEquals(PlantedEffects.EXPENSIVE_POORLY_RATED, Set.copyOf(bySatisfaction.subList(0, 3)));
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
