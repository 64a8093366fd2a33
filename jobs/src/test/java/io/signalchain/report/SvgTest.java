package io.signalchain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SvgTest {
  @Test
  void labelsOfNearbyPointsDoNotOverlap() {
    List<Svg.Label> labels = Svg.Label.separated(List.of(
        Svg.Label.beside("transparency", 200, 100, 520),
        Svg.Label.beside("information", 203, 101, 520),
        Svg.Label.beside("accessibility", 230, 102, 520),
        Svg.Label.beside("price", 400, 101, 520)));
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        assertFalse(labels.get(i).overlaps(labels.get(j)), labels.get(i) + " and " + labels.get(j));
      }
    }
    Svg.Label price = labels.stream().filter(l -> l.text().equals("price")).findFirst().orElseThrow();
    assertEquals(105, price.baseline(), "a label with room stays beside its point");
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // guards against a hang, not a speed test
  void manyCoincidentPointsGetOneLineEach() {
    List<Svg.Label> labels = Svg.Label.separated(IntStream.range(0, 30)
        // at y = 111.01, (y + 4 + 13) - (y + 4) is a hair under 13 in floating point
        .mapToObj(i -> Svg.Label.beside("driver" + i, 137.31, 111.01, 520)).toList());
    double[] baselines = labels.stream().mapToDouble(Svg.Label::baseline).sorted().toArray();
    for (int i = 1; i < baselines.length; i++) {
      assertEquals(Svg.Label.LINE, baselines[i] - baselines[i - 1], 0.01, "line " + i);
    }
  }

  @Test
  void aLabelThatWouldLeaveTheChartGoesLeftOfItsPoint() {
    Svg.Label label = Svg.Label.beside("accessibility", 500, 100, 520);
    assertTrue(label.leftOfPoint());
    assertTrue(label.right() <= 500 && label.left() >= 0, label.toString());
  }

  @Test
  void theChartDrawsEveryLabelOnce() {
    String svg = Svg.importancePerformance(List.of(new Svg.Point("ease", 7, 30, true),
        new Svg.Point("speed", 7.01, 30.2, false), new Svg.Point("clarity", 6, 10, true)), 6.5, 20, 5.5, 7.5);
    Matcher m = Pattern.compile(">(ease|speed|clarity)</text>").matcher(svg);
    int count = 0;
    while (m.find()) {
      count++;
    }
    assertEquals(3, count, svg);
  }

  @Test
  void anImportanceIntervalIsAVerticalLineThroughItsPoint() {
    String svg = Svg.importancePerformance(List.of(new Svg.Point("ease", 7, 30, false, 20, 40)), 7, 30, 6, 8);
    Matcher line = Pattern.compile("<line x1=\"([\\d.]+)\" y1=\"([\\d.]+)\" x2=\"([\\d.]+)\" y2=\"([\\d.]+)\" "
        + "class=\"interval\"/>").matcher(svg);
    assertTrue(line.find(), svg);
    Matcher circle = Pattern.compile("<circle cx=\"([\\d.]+)\" cy=\"([\\d.]+)\" r=\"6\" class=\"nonsig\"/>")
        .matcher(svg);
    assertTrue(circle.find(), "a driver that does not beat noise is hollow: " + svg);
    assertEquals(line.group(1), circle.group(1), "same x");
    double cy = Double.parseDouble(circle.group(2));
    double low = Double.parseDouble(line.group(2));
    double high = Double.parseDouble(line.group(4));
    // y grows downwards: the lower end of the interval lies below the point, the upper end above, equally far.
    assertTrue(low > cy && cy > high, svg);
    assertEquals(low - cy, cy - high, 0.15);
  }

  @Test
  void penaltyAndRewardBarsShareOneScale() {
    String svg = Svg.penaltyReward(List.of(new Svg.PenaltyReward("must_have", 2.0, 1.0, "PERFORMANCE"),
        new Svg.PenaltyReward("delighter", Double.NaN, 0.5, "NOT_CLASSIFIED")));
    Matcher penalty = Pattern.compile("width=\"([\\d.]+)\" height=\"14\" class=\"penalty\"").matcher(svg);
    Matcher reward = Pattern.compile("width=\"([\\d.]+)\" height=\"14\" class=\"reward\"").matcher(svg);
    assertTrue(penalty.find() && reward.find(), svg);
    assertEquals(160.0, Double.parseDouble(penalty.group(1)), 1e-9, "the largest effect spans half the chart");
    assertEquals(80.0, Double.parseDouble(reward.group(1)), 1e-9);
    assertTrue(penalty.find() && reward.find(), svg);
    assertEquals(0.0, Double.parseDouble(penalty.group(1)), 1e-9, "no estimate, no bar");
    assertEquals(40.0, Double.parseDouble(reward.group(1)), 1e-9);
    assertTrue(svg.contains(">PERFORMANCE</text>") && svg.contains(">NOT_CLASSIFIED</text>"), svg);
  }
}
