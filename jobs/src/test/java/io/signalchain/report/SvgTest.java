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
}
