package io.signalchain.actions;

import io.signalchain.config.ActionMetric;
import io.signalchain.config.ActionSettings;
import io.signalchain.config.Journey;
import io.signalchain.config.JourneyStep;
import io.signalchain.config.SignalchainConfig;
import io.signalchain.measures.stats.Change;
import io.signalchain.measures.stats.DifferenceInDifferences;
import io.signalchain.measures.stats.WeightedSums;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What did our actions contribute (docs/actions.md)? Per improvement action and metric: the
 * step's figures in the pre- and post-period, its own change, and the difference-in-differences
 * against the comparison steps — the top-level steps other than the action's own (and its
 * parent's or sub-steps') on which no action ran during the action's periods. One aggregation
 * per input ({@link StepDays}); every estimate follows on the driver from those day sums.
 */
public final class ActionEffects {
  /** Days per month for the euro effect: 365.25 / 12. */
  static final double DAYS_PER_MONTH = 365.25 / 12;

  private final SignalchainConfig config;
  private final LocalDate runDate;

  private ActionEffects(SignalchainConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
  }

  /** One action with its periods, the actions measured together with it, and its effect per metric. */
  record ActionEffect(ImprovementAction action, ActionPeriods periods, List<String> overlapping,
      List<MetricEffect> metrics) {}

  /**
   * The action_effects table of one run.
   *
   * @param actions accepted improvement actions
   * @param surveys accepted survey responses (all history)
   * @param contactDays contacts summed per step and day (all history)
   * @param volumes accepted process volumes (all history)
   */
  public static Dataset<Row> compute(Dataset<Row> actions, Dataset<Row> surveys, Dataset<Row> contactDays,
      Dataset<Row> volumes, LocalDate runDate, SignalchainConfig config) {
    List<ActionEffect> effects = estimate(ImprovementAction.of(actions), surveys, contactDays, volumes, runDate,
        config);
    return ActionEffectsTable.of(surveys.sparkSession(), effects, config);
  }

  /** The table without actions: the input is not configured. */
  public static Dataset<Row> empty(SparkSession spark) {
    return spark.createDataFrame(List.of(), ActionEffectsTable.SCHEMA);
  }

  static List<ActionEffect> estimate(List<ImprovementAction> actions, Dataset<Row> surveys,
      Dataset<Row> contactDays, Dataset<Row> volumes, LocalDate runDate, SignalchainConfig config) {
    if (actions.isEmpty()) {
      return List.of();
    }
    ActionEffects a = new ActionEffects(config, runDate);
    Set<String> units = new LinkedHashSet<>();
    LocalDate first = null;
    LocalDate last = null;
    for (ImprovementAction action : actions) {
      ActionPeriods p = a.periods(action);
      units.add(action.stepId());
      first = first == null || p.preFirst().isBefore(first) ? p.preFirst() : first;
      last = last == null || p.observedPostLast().isAfter(last) ? p.observedPostLast() : last;
    }
    config.journey().steps().stream().filter(JourneyStep::isTopLevel).forEach(s -> units.add(s.id()));
    StepDays days = StepDays.of(surveys, contactDays, volumes, units, first, last, config.journey());
    List<ActionEffect> out = new ArrayList<>();
    for (ImprovementAction action : actions) {
      out.add(a.effect(action, actions, days));
    }
    return out;
  }

  ActionPeriods periods(ImprovementAction action) {
    return ActionPeriods.of(action.startedOn(), config.actions(), runDate);
  }

  private ActionEffect effect(ImprovementAction action, List<ImprovementAction> all, StepDays days) {
    ActionPeriods p = periods(action);
    Journey journey = config.journey();
    String top = topLevel(journey, action.stepId());
    List<String> overlapping = all.stream().filter(o -> o != action && related(journey, o.stepId(), action.stepId())
        && o.activeDuring(p.preFirst(), p.postLast())).map(ImprovementAction::actionId).toList();
    // Top-level steps without a running action during this action's periods (the action's own is one of them).
    List<String> comparison = journey.steps().stream().filter(JourneyStep::isTopLevel).map(JourneyStep::id)
        .filter(id -> !id.equals(top))
        .filter(id -> all.stream().noneMatch(o -> topLevel(journey, o.stepId()).equals(id)
            && o.activeDuring(p.preFirst(), p.postLast())))
        .toList();
    PeriodFigures pre = days.over(action.stepId(), p.preFirst(), p.preLast());
    PeriodFigures post = days.over(action.stepId(), p.postFirst(), p.observedPostLast());
    Map<String, PeriodFigures[]> comparisonFigures = new LinkedHashMap<>();
    for (String id : comparison) {
      comparisonFigures.put(id, new PeriodFigures[] {days.over(id, p.preFirst(), p.preLast()),
          days.over(id, p.postFirst(), p.observedPostLast())});
    }
    List<MetricEffect> metrics = new ArrayList<>();
    for (ActionMetric metric : ActionMetric.values()) {
      metrics.add(metricEffect(action, p, metric, pre, post, comparisonFigures));
    }
    return new ActionEffect(action, p, overlapping, metrics);
  }

  private MetricEffect metricEffect(ImprovementAction action, ActionPeriods p, ActionMetric metric,
      PeriodFigures pre, PeriodFigures post, Map<String, PeriodFigures[]> comparisonFigures) {
    if (action.endedOn() != null && action.endedOn().isBefore(action.startedOn())) {
      return insufficient(metric, pre, post, "ended_on " + action.endedOn() + " is before started_on "
          + action.startedOn() + "; correct the action's dates");
    }
    if (p.observedPostDays() == 0) {
      return new MetricEffect(metric, pre, post, null, List.of(), Double.NaN, null, null, EffectStatus.MEASURING,
          "the post-period starts on " + p.postFirst() + ", after the run date");
    }
    String missing = lacking(metric, pre, "pre-period");
    if (missing == null) {
      missing = lacking(metric, post, "post-period");
    }
    String measuring = p.postComplete() ? null : String.format(Locale.ROOT,
        "the post-period runs until %s; %d of its %d days observed", p.postLast(), p.observedPostDays(),
        config.actions().postWeeks() * 7);
    if (missing != null) {
      // While the post-period runs, too little data so far is no verdict yet.
      return measuring == null ? insufficient(metric, pre, post, missing)
          : new MetricEffect(metric, pre, post, null, List.of(), Double.NaN, null, null, EffectStatus.MEASURING,
              measuring + "; so far " + missing);
    }
    Change change = change(metric, pre, post);
    List<String> used = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (var e : comparisonFigures.entrySet()) {
      PeriodFigures cPre = e.getValue()[0];
      PeriodFigures cPost = e.getValue()[1];
      if (lacking(metric, cPre, "") == null && lacking(metric, cPost, "") == null) {
        used.add(e.getKey());
        changes.add(change(metric, cPre, cPost));
      }
    }
    Change did = DifferenceInDifferences.of(change, changes);
    double comparisonChange = changes.stream().mapToDouble(Change::difference).average().orElse(Double.NaN);
    Change euro = metric == ActionMetric.CONTACT_COST && did != null ? perMonth(did, post, p) : null;
    EffectStatus status;
    String reason = null;
    if (measuring != null) {
      status = EffectStatus.MEASURING;
      reason = measuring;
    } else if (did == null) {
      status = EffectStatus.INSUFFICIENT_DATA;
      reason = comparisonFigures.isEmpty()
          ? "no comparison step: every other top-level step had an action during these periods"
          : "no comparison step has enough data on this metric in both periods";
    } else {
      status = EffectStatus.OK;
    }
    return new MetricEffect(metric, pre, post, change, used, comparisonChange, did, euro, status, reason);
  }

  private static MetricEffect insufficient(ActionMetric metric, PeriodFigures pre, PeriodFigures post, String reason) {
    return new MetricEffect(metric, pre, post, null, List.of(), Double.NaN, null, null,
        EffectStatus.INSUFFICIENT_DATA, reason);
  }

  /** Why a period's figures cannot carry the metric, or null if they can. */
  private String lacking(ActionMetric metric, PeriodFigures f, String period) {
    ActionSettings s = config.actions();
    if (metric.survey()) {
      WeightedSums sums = f.survey(metric);
      if (sums.n() < s.minResponses()) {
        return String.format(Locale.ROOT, "%d responses in the %s; at least %d (actions.min_responses) needed",
            sums.n(), period, s.minResponses());
      }
      if (sums.populationVariance() == 0) {
        return "every response in the " + period + " is the same: no variation to test";
      }
      return null;
    }
    if (f.passes() == 0) {
      return "no process volumes (passes) in the " + period;
    }
    if (f.contacts() == 0) {
      return "no contacts in the " + period;
    }
    return null;
  }

  private static Change change(ActionMetric metric, PeriodFigures pre, PeriodFigures post) {
    return switch (metric) {
      case CONTACTS_PER_1000 -> DifferenceInDifferences.rateChange(post.contacts(), post.passes(), pre.contacts(),
          pre.passes());
      case CONTACT_COST -> DifferenceInDifferences.costRateChange(post.costEur(), post.contacts(), post.passes(),
          pre.costEur(), pre.contacts(), pre.passes());
      case NPS -> DifferenceInDifferences.meanChange(post.survey(metric), pre.survey(metric), true);
      default -> DifferenceInDifferences.meanChange(post.survey(metric), pre.survey(metric), false);
    };
  }

  /** A change per 1,000 passes as euros per month at the step's post-period passes. */
  private static Change perMonth(Change per1000, PeriodFigures post, ActionPeriods p) {
    double factor = post.passes() / (double) p.observedPostDays() * DAYS_PER_MONTH / 1000;
    return new Change(per1000.difference() * factor, per1000.standardError() * factor, per1000.ciLow() * factor,
        per1000.ciHigh() * factor, per1000.statistic(), per1000.df(), per1000.pValue());
  }

  static String topLevel(Journey journey, String stepId) {
    return journey.step(stepId).map(s -> s.isTopLevel() ? s.id() : s.parentId()).orElse(stepId);
  }

  /** The same step, or one the parent of the other. */
  private static boolean related(Journey journey, String a, String b) {
    return a.equals(b) || topLevel(journey, a).equals(b) || topLevel(journey, b).equals(a);
  }
}
