package io.signalchain.generate;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Everything the generator plants in the sample data, in one place, so the analysis can be
 * checked against it: per journey step, which drivers matter and how much, how well the step is
 * rated, how many contacts it causes and through which channels, and why customers call.
 *
 * <p><b>Survey model.</b> For a response on step s, every driver d asked in s gets a rating
 * {@code x_d = clip(round(mean_d + 1.1 L + 1.4 e_d), 1, 10)} with one shared latent factor
 * {@code L ~ N(0,1)} per response and independent {@code e_d ~ N(0,1)}: drivers correlate about
 * 0.38 among themselves, as real aspect ratings do. Then
 * {@code satisfaction = clip(round(intercept_s + Σ beta_d x_d + N(0, 0.45)), 1, 10)} — an integer,
 * as survey tools export a 1–10 question. Ratings that a respondent skipped still entered the
 * satisfaction (the opinion exists, the answer is missing). Because all drivers of a step have a
 * similar spread (means are kept within 4–8.1), the planted order of importance is the order of
 * the betas, for coefficients, standardized betas, Shapley values and relative weights alike;
 * {@link #expectedDriverOrder(String)} returns it. Betas are spaced so that the top three are
 * recovered from about 200 complete responses.
 *
 * <p><b>Contacts and volumes.</b> A classified contact falls on step s with probability
 * proportional to {@link StepProfile#contactWeight()}; its channel, type and reason come from
 * the step's mixes. Process volumes are sized from the contacts so that each step causes
 * {@link StepProfile#contactsPer1000()} contacts per 1,000 passes through the step.
 *
 * <p>{@link #EXPENSIVE_POORLY_RATED} steps have low satisfaction, a large share of all contacts,
 * many contacts per pass, a high complaint share and phone-heavy channel mixes; {@link
 * #GOOD_AND_CHEAP} steps are the opposite.
 */
public final class PlantedEffects {
  private PlantedEffects() {}

  /** The channels of conf/signalchain.yaml, in the order every channel mix below uses. */
  public static final List<String> CHANNELS =
      List.of("phone", "email", "chat", "social", "store", "letter", "app_web");

  /** The driver names; the survey column of driver {@code d} is {@code driver_d}. */
  public static final List<String> DRIVERS = List.of(
      "ease", "clarity", "speed", "friendliness", "expertise", "price", "reliability",
      "information", "waiting_time", "accessibility", "follow_up", "resolution", "transparency",
      "convenience");

  /** Contact types in the order of every {@link StepProfile#contactTypeMix()}. */
  public static final List<String> CONTACT_TYPES =
      List.of("question", "complaint", "compliment", "request");

  /** Steps planted as the obvious place to start: low satisfaction, many costly contacts. */
  public static final Set<String> EXPENSIVE_POORLY_RATED =
      Set.of("pay.reminder", "report_fault", "move_house");

  /** Steps planted as well rated, with few contacts that are mostly digital. */
  public static final Set<String> GOOD_AND_CHEAP = Set.of(
      "pay.direct_debit", "become_customer.orient", "become_customer.confirm", "renew_contract");

  /**
   * The planted worsening, for monitoring (kpi_trends, kpi_alerts): from {@link #worseningFrom}
   * on, satisfaction on this step is {@link #WORSENING_POINTS} lower (before rounding and
   * clipping; NPS and effort follow satisfaction). Every other step keeps its level throughout.
   */
  public static final String WORSENING_STEP = "pay.arrangement";
  public static final double WORSENING_POINTS = 1.5;

  /**
   * A step planted not to change (like every step but {@link #WORSENING_STEP}), named so that
   * monitoring can be checked not to alarm on it: pay.arrangement's sibling.
   */
  public static final String STEADY_STEP = "pay.direct_debit";

  /**
   * The first day of the planted worsening: the Monday of the ISO week before the period's last
   * week, so that a run on the last day finds it in its last complete week.
   */
  public static LocalDate worseningFrom(LocalDate periodEnd) {
    return periodEnd.minusDays(7).with(DayOfWeek.MONDAY);
  }

  /**
   * A planted improvement action (the improvement_actions file): on {@code stepId} from {@link
   * #actionsFrom}, with its recorded target metric. It raises the rating of {@code driver} (asked
   * in the step) by {@code driverPoints} before rounding and clipping, and so the step's
   * satisfaction by that driver's beta × {@code driverPoints} ({@link #satisfactionEffect}; NPS
   * and effort follow satisfaction): an action works through what it improves, and the driver
   * model stays true. {@code contactReduction} is the share of the step's contacts that no longer
   * happen — the generator writes a fixed number of rows, so those contacts stay in the file as
   * unclassified ones, and the step's process volumes are unchanged.
   */
  public record PlantedAction(String actionId, String stepId, String team, String title, String targetMetric,
      String driver, double driverPoints, double contactReduction) implements Serializable {

    /** The planted change in satisfaction, before the 1–10 rounding and clipping of ratings and answers. */
    public double satisfactionEffect() {
      return driver == null ? 0 : STEPS.get(stepId).betas().get(driver) * driverPoints;
    }

    /**
     * The change in the mean of the satisfaction answers as written (rounded, clipped to 1–10):
     * smaller than {@link #satisfactionEffect}, as ratings and answers near 10 cannot rise. The
     * survey model of this class drawn 400,000 times with and without the lift, with the same
     * random numbers (so the difference is precise to about ±0.002).
     */
    public double observedSatisfactionEffect() {
      if (driver == null) {
        return 0;
      }
      StepProfile p = STEPS.get(stepId);
      List<String> drivers = p.drivers();
      SplittableRandom r = new SplittableRandom(20261031L);
      int n = 400_000;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double latent = r.nextGaussian();
        double before = p.intercept();
        double after = p.intercept();
        for (String d : drivers) {
          double base = p.driverMeans().get(d) + DRIVER_LATENT_LOADING * latent + DRIVER_OWN_SD * r.nextGaussian();
          before += p.betas().get(d) * RowRandom.clip(Math.round(base), 1, 10);
          after += p.betas().get(d) * RowRandom.clip(Math.round(base + (d.equals(driver) ? driverPoints : 0)), 1, 10);
        }
        double noise = SATISFACTION_NOISE_SD * r.nextGaussian();
        sum += RowRandom.clip(Math.round(after + noise), 1, 10) - RowRandom.clip(Math.round(before + noise), 1, 10);
      }
      return sum / n;
    }
  }

  /**
   * Three actions, all started on {@link #actionsFrom}, on top-level steps apart from each other
   * and from the planted worsening: a clearer invoice (clarity +2 points on receive_invoice: its
   * satisfaction +0.96), one that prevents 30% of a step's contacts (report_fault: 420 → 294 per
   * 1,000 passes), and one that does nothing.
   */
  public static final List<PlantedAction> ACTIONS = List.of(
      new PlantedAction("ACT-001", "receive_invoice", "Billing", "Nieuwe factuuruitleg", "satisfaction", "clarity",
          2.0, 0),
      new PlantedAction("ACT-002", "report_fault", "Service", "Storingsstatus in de app", "contacts_per_1000", null,
          0, 0.30),
      new PlantedAction("ACT-003", "change_details", "Web", "Nieuw wijzigingsformulier", "satisfaction", null, 0,
          0));

  /**
   * The day the planted actions start: 60 days before the period's last day, so that with the
   * default 8-week pre- and post-periods both lie inside a period of 116 days or more and a run
   * on the last day finds the post-period complete.
   */
  public static LocalDate actionsFrom(LocalDate periodEnd) {
    return periodEnd.minusDays(60);
  }

  /** The planted action on a step, if any. */
  public static PlantedAction actionOn(String stepId) {
    return ACTIONS.stream().filter(a -> a.stepId().equals(stepId)).findFirst().orElse(null);
  }

  /**
   * Retention intent ("how likely are you to stay", 1–10) follows satisfaction:
   * {@code clip(round(1.5 + 0.75 · satisfaction + N(0, 1.2)), 1, 10)}, empty for 30%.
   */
  public static final double RETENTION_INTENT_EMPTY_SHARE = 0.30;

  /** Share of contacts left without a step (step_id empty = unclassified). */
  public static final double UNCLASSIFIED_CONTACT_SHARE = 0.08;

  /** Channel mix and reasons of unclassified contacts. */
  public static final double[] UNCLASSIFIED_CHANNEL_MIX = {0.50, 0.18, 0.12, 0.06, 0.05, 0.04, 0.05};
  public static final List<String> UNCLASSIFIED_REASONS =
      List.of("overig", "algemene vraag", "doorverbonden", "vraag niet duidelijk", "onbekend");

  /** Residual standard deviation of satisfaction before rounding. */
  public static final double SATISFACTION_NOISE_SD = 0.45;
  /** Loading of every driver on the shared latent factor, and of its own noise. */
  public static final double DRIVER_LATENT_LOADING = 1.1;
  public static final double DRIVER_OWN_SD = 1.4;

  /**
   * What is planted for one step.
   *
   * @param stepId             journey step id (conf/journey.yaml)
   * @param surveyWeight       relative share of survey responses on this step
   * @param satisfactionMean   the step's planted mean satisfaction (1–10), before clipping
   * @param betas              driver → planted coefficient, ordered from most to least important
   * @param driverMeans        driver → mean rating (the driver's "performance")
   * @param intercept          satisfactionMean − Σ beta · mean
   * @param contactWeight      relative share of classified contacts on this step
   * @param contactsPer1000    contacts per 1,000 passes through the step (sets process volumes)
   * @param contactChannelMix  share per channel of the step's contacts, in {@link #CHANNELS} order
   * @param completionMix      share per channel through which the step is completed (process
   *                           volumes, survey channel), in {@link #CHANNELS} order; 0 = never
   * @param contactTypeMix     share of question, complaint, compliment, request
   * @param reasons            contact reasons from most to least frequent (weights 1/rank)
   * @param handlingFactor     multiplier on the channel's typical handling time
   */
  public record StepProfile(
      String stepId,
      double surveyWeight,
      double satisfactionMean,
      Map<String, Double> betas,
      Map<String, Double> driverMeans,
      double intercept,
      double contactWeight,
      double contactsPer1000,
      double[] contactChannelMix,
      double[] completionMix,
      double[] contactTypeMix,
      List<String> reasons,
      double handlingFactor) implements Serializable {

    /** The drivers asked in this step, most important first. */
    public List<String> drivers() {
      return List.copyOf(betas.keySet());
    }
  }

  /** Steps that receive survey responses, contacts and volumes: the journey's leaf steps. */
  public static final Map<String, StepProfile> STEPS;

  /**
   * Parent steps that get a few survey responses straight on the parent (some survey tools only
   * know the top level); they get no contacts or volumes of their own.
   */
  public static final Map<String, StepProfile> PARENT_STEPS;

  /** The drivers of a step (leaf or parent) from most to least important, as planted. */
  public static List<String> expectedDriverOrder(String stepId) {
    StepProfile p = STEPS.containsKey(stepId) ? STEPS.get(stepId) : PARENT_STEPS.get(stepId);
    if (p == null) {
      throw new IllegalArgumentException("no planted profile for step " + stepId);
    }
    return p.drivers();
  }

  // Channel order: phone, email, chat, social, store, letter, app_web.
  static {
    Map<String, StepProfile> steps = new LinkedHashMap<>();
    add(steps, step("become_customer.orient", 4, 7.9)
        .drivers("information", .50, 7.4, "clarity", .28, 7.0, "ease", .15, 7.8, "speed", .06, 7.6,
            "price", .04, 6.2)
        .contacts(2, 3, 0.7).channels(.20, .15, .30, .08, .10, 0, .17).completion(0, 0, 0, 0, .10, 0, .90)
        .types(.80, .04, .06, .10)
        .reasons("product info niet gevonden", "vraag over tarieven", "beschikbaarheid op adres",
            "website werkt niet", "vergelijking met concurrent"));
    add(steps, step("become_customer.apply", 5, 7.0)
        .drivers("ease", .48, 6.6, "clarity", .29, 6.8, "speed", .15, 6.4, "information", .06, 7.0,
            "accessibility", .04, 7.2, "transparency", .03, 6.9)
        .contacts(4, 40, 1.0).channels(.35, .15, .25, .05, .08, .02, .10).completion(.10, 0, 0, 0, .15, 0, .75)
        .types(.60, .12, .03, .25)
        .reasons("formulier loopt vast", "status aanvraag", "welke gegevens nodig",
            "identificatie mislukt", "aanvraag afgewezen", "dubbele aanvraag"));
    add(steps, step("become_customer.account", 4, 7.2)
        .drivers("ease", .53, 6.8, "reliability", .27, 7.0, "speed", .14, 7.3, "clarity", .06, 7.1,
            "accessibility", .04, 7.4)
        .contacts(4, 35, 0.8).channels(.30, .12, .33, .05, .03, 0, .17).completion(0, 0, 0, 0, 0, 0, 1)
        .types(.55, .15, .02, .28)
        .reasons("activatiemail niet ontvangen", "wachtwoord werkt niet", "inlogcode verlopen",
            "account geblokkeerd", "tweestapsverificatie"));
    add(steps, step("become_customer.confirm", 3.5, 8.1)
        .drivers("speed", .48, 7.9, "clarity", .30, 7.6, "information", .15, 7.7,
            "transparency", .06, 7.5)
        .contacts(1.5, 8, 0.7).channels(.25, .30, .20, .03, .02, .02, .18).completion(0, .85, 0, 0, 0, .15, 0)
        .types(.75, .05, .08, .12)
        .reasons("bevestiging niet ontvangen", "startdatum onduidelijk", "fout in bevestiging",
            "contract niet als bijlage", "ander adres vermeld"));
    add(steps, step("become_customer.product", 5, 7.3)
        .drivers("reliability", .46, 7.0, "speed", .28, 6.5, "information", .14, 7.1,
            "friendliness", .06, 7.8, "ease", .04, 7.2, "follow_up", .03, 6.6)
        .contacts(5, 60, 1.1).channels(.45, .12, .15, .06, .12, .02, .08).completion(0, 0, 0, 0, .40, 0, .60)
        .types(.45, .25, .05, .25)
        .reasons("levering te laat", "installatie lukt niet", "product beschadigd", "verkeerd product",
            "bezorger niet gekomen", "handleiding ontbreekt", "retour aanvragen"));
    add(steps, step("become_customer.invoice", 4.5, 6.6)
        .drivers("transparency", .50, 5.9, "clarity", .29, 6.1, "price", .15, 5.8,
            "information", .06, 6.5, "speed", .04, 7.2, "ease", .03, 7.0)
        .contacts(4, 70, 1.0).channels(.50, .20, .12, .04, .04, .04, .06).completion(0, .70, 0, 0, 0, .20, .10)
        .types(.60, .25, .01, .14)
        .reasons("eerste factuur hoger dan verwacht", "pro rata niet begrepen",
            "eenmalige kosten onduidelijk", "factuur niet ontvangen", "verkeerd adres op factuur"));
    add(steps, step("use_product", 8, 7.5)
        .drivers("reliability", .52, 7.2, "ease", .26, 7.3, "convenience", .14, 7.5, "price", .06, 6.4,
            "information", .04, 7.0, "accessibility", .03, 7.6, "speed", .02, 7.4)
        .contacts(8, 12, 1.0).channels(.30, .15, .25, .08, .07, .01, .14).completion(0, 0, 0, 0, .20, 0, .80)
        .types(.70, .10, .08, .12)
        .reasons("hoe werkt functie", "product werkt niet goed", "app crasht", "upgrade mogelijkheden",
            "gebruik buitenland", "tips en instellingen"));
    add(steps, step("receive_invoice", 7, 6.9)
        .drivers("clarity", .48, 6.3, "price", .30, 5.7, "transparency", .15, 6.2,
            "accessibility", .06, 7.1, "reliability", .04, 7.3, "information", .03, 6.8)
        .contacts(9, 25, 0.9).channels(.45, .22, .12, .03, .03, .05, .10).completion(0, .65, 0, 0, 0, .15, .20)
        .types(.65, .18, .01, .16)
        .reasons("factuur hoger dan verwacht", "specificatie onduidelijk", "factuur niet ontvangen",
            "verkeerd tarief", "kopie factuur", "termijnbedrag aanpassen", "btw vraag"));
    add(steps, step("pay.direct_debit", 5, 8.2)
        .drivers("reliability", .53, 8.0, "ease", .27, 8.1, "convenience", .15, 7.9,
            "transparency", .06, 7.4)
        .contacts(1.5, 4, 0.8).channels(.25, .15, .20, .02, .02, .03, .33).completion(0, 0, 0, 0, 0, .10, .90)
        .types(.55, .08, .02, .35)
        .reasons("incasso wijzigen", "incassodatum", "rekeningnummer wijzigen", "incasso mislukt",
            "dubbele afschrijving"));
    add(steps, step("pay.reminder", 6, 5.2)
        .drivers("clarity", .48, 4.6, "friendliness", .28, 5.2, "resolution", .15, 4.4,
            "transparency", .06, 4.8, "price", .04, 4.2, "information", .03, 5.0, "ease", .02, 5.6)
        .contacts(14, 320, 1.2).channels(.62, .12, .07, .05, .04, .07, .03).completion(0, .45, 0, 0, 0, .45, .10)
        .types(.42, .38, .00, .20)
        .reasons("herinnering niet begrepen", "betaling al gedaan", "aanmaningskosten onterecht",
            "bedrag klopt niet", "uitstel van betaling", "herinnering na incasso",
            "geen factuur ontvangen", "betaling niet verwerkt", "dreigende afsluiting"));
    add(steps, step("pay.arrangement", 4, 6.4)
        .drivers("friendliness", .46, 6.4, "expertise", .29, 6.0, "resolution", .16, 5.7,
            "clarity", .06, 6.2, "ease", .04, 5.9, "follow_up", .03, 5.5)
        .contacts(3, 180, 1.5).channels(.60, .15, .08, .02, .05, .07, .03).completion(.55, 0, 0, 0, 0, .10, .35)
        .types(.40, .15, .03, .42)
        .reasons("regeling aanvragen", "termijnen te hoog", "regeling gemist", "voorwaarden onduidelijk",
            "schuldhulpverlening", "regeling stopzetten"));
    add(steps, step("change_details", 5, 7.4)
        .drivers("ease", .50, 7.0, "speed", .29, 6.9, "reliability", .15, 7.2, "convenience", .06, 7.3,
            "accessibility", .04, 7.6)
        .contacts(4, 20, 0.7).channels(.35, .15, .20, .03, .07, .05, .15).completion(.20, 0, 0, 0, .10, 0, .70)
        .types(.35, .10, .02, .53)
        .reasons("adres wijzigen", "wijziging niet verwerkt", "e-mailadres wijzigen", "naam wijzigen",
            "telefoonnummer wijzigen", "gegevens inzien (AVG)"));
    add(steps, step("move_house", 6, 5.5)
        .drivers("follow_up", .46, 4.5, "speed", .28, 4.8, "resolution", .16, 4.9, "information", .06, 5.3,
            "ease", .04, 5.0, "waiting_time", .03, 4.6, "expertise", .02, 5.8, "friendliness", .01, 6.4)
        .contacts(11, 260, 1.4).channels(.58, .12, .07, .04, .12, .04, .03).completion(.40, 0, 0, 0, .15, 0, .45)
        .types(.45, .30, .01, .24)
        .reasons("verhuizing doorgeven lukt niet", "status verhuizing", "dubbele kosten na verhuizing",
            "monteur afspraak", "verhuisdatum gewijzigd", "eindafrekening oude adres",
            "beschikbaarheid nieuw adres", "apparatuur meenemen", "verhuizing naar buitenland"));
    add(steps, step("call_service", 10, 6.5)
        .drivers("resolution", .48, 6.0, "waiting_time", .28, 5.1, "expertise", .15, 6.8,
            "friendliness", .06, 7.6, "follow_up", .04, 5.8, "accessibility", .03, 6.2, "speed", .02, 6.0,
            "information", .01, 6.9)
        .contacts(6, 100, 1.0).channels(.55, .18, .08, .09, .03, .04, .03).completion(1, 0, 0, 0, 0, 0, 0)
        .types(.30, .45, .10, .15)
        .reasons("lange wachttijd", "doorverbonden zonder oplossing", "terugbelverzoek niet nagekomen",
            "medewerker onvriendelijk", "klantnummer onbekend", "algemene vraag"));
    add(steps, step("report_fault", 8, 5.0)
        .drivers("resolution", .52, 4.3, "speed", .27, 4.5, "follow_up", .15, 4.2, "information", .06, 4.9,
            "waiting_time", .04, 4.4, "expertise", .03, 5.6, "friendliness", .02, 6.3, "reliability", .01, 4.0)
        .contacts(15, 420, 1.3).channels(.60, .08, .10, .08, .06, .02, .06).completion(.55, 0, .10, 0, 0, 0, .35)
        .types(.40, .35, .01, .24)
        .reasons("storing niet opgelost", "monteur niet gekomen", "herhaalde storing", "storing melden",
            "storing status", "compensatie storing", "geen verbinding", "internet traag",
            "storing in de regio", "modem vervangen"));
    add(steps, step("complain", 5, 5.8)
        .drivers("resolution", .48, 5.0, "friendliness", .26, 6.3, "follow_up", .16, 4.9, "speed", .06, 5.1,
            "expertise", .04, 5.8, "transparency", .03, 5.4, "clarity", .02, 5.9)
        .contacts(3, 150, 1.6).channels(.40, .25, .06, .10, .03, .12, .04).completion(.35, .30, 0, .05, 0, .10, .20)
        .types(.10, .80, .02, .08)
        .reasons("klacht niet behandeld", "reactie te laat", "klacht escaleren", "compensatie gevraagd",
            "klacht over medewerker", "ombudsman"));
    add(steps, step("renew_contract", 5, 7.8)
        .drivers("price", .50, 7.0, "ease", .29, 7.9, "transparency", .14, 7.4, "convenience", .06, 7.8,
            "information", .04, 7.6)
        .contacts(1.5, 6, 0.9).channels(.30, .12, .22, .03, .08, .01, .24).completion(.25, 0, 0, 0, .10, 0, .65)
        .types(.60, .05, .10, .25)
        .reasons("aanbieding verlenging", "tarief na verlenging", "looptijd vraag", "verlenging bevestigen",
            "overstappen naar ander abonnement"));
    add(steps, step("end_relationship", 4, 6.8)
        .drivers("ease", .48, 6.2, "speed", .28, 6.4, "clarity", .15, 6.6, "friendliness", .06, 7.0,
            "transparency", .04, 6.0, "price", .03, 5.9)
        .contacts(3.5, 90, 1.1).channels(.52, .18, .08, .04, .05, .08, .05).completion(.50, 0, 0, 0, 0, .20, .30)
        .types(.35, .20, .02, .43)
        .reasons("opzeggen", "opzegtermijn", "eindafrekening", "apparatuur retourneren",
            "opzegbevestiging niet ontvangen", "overstappen naar concurrent", "borg terug"));
    STEPS = Collections.unmodifiableMap(steps);

    Map<String, StepProfile> parents = new LinkedHashMap<>();
    add(parents, step("become_customer", 0.5, 7.3)
        .drivers("ease", .48, 7.0, "information", .27, 7.1, "speed", .15, 7.0, "clarity", .06, 7.0)
        .completion(.30, 0, 0, 0, 0, 0, .70));
    add(parents, step("pay", 0.5, 6.6)
        .drivers("clarity", .48, 6.0, "ease", .27, 6.5, "friendliness", .15, 6.4, "reliability", .06, 6.8)
        .completion(.30, 0, 0, 0, 0, 0, .70));
    PARENT_STEPS = Collections.unmodifiableMap(parents);
  }

  private static void add(Map<String, StepProfile> map, Builder b) {
    StepProfile p = b.build();
    map.put(p.stepId(), p);
  }

  private static Builder step(String id, double surveyWeight, double satisfactionMean) {
    return new Builder(id, surveyWeight, satisfactionMean);
  }

  /** Keeps the table above readable; not part of the API. */
  private static final class Builder {
    private final String id;
    private final double surveyWeight;
    private final double satisfactionMean;
    private final Map<String, Double> betas = new LinkedHashMap<>();
    private final Map<String, Double> means = new LinkedHashMap<>();
    private double contactWeight;
    private double contactsPer1000 = 1;
    private double handlingFactor = 1;
    private double[] channels = new double[CHANNELS.size()];
    private double[] completion = new double[CHANNELS.size()];
    private double[] types = {1, 0, 0, 0};
    private List<String> reasons = List.of();

    Builder(String id, double surveyWeight, double satisfactionMean) {
      this.id = id;
      this.surveyWeight = surveyWeight;
      this.satisfactionMean = satisfactionMean;
    }

    /** Triples of (driver, beta, mean), most important first. */
    Builder drivers(Object... triples) {
      for (int i = 0; i < triples.length; i += 3) {
        String d = (String) triples[i];
        if (!DRIVERS.contains(d)) {
          throw new IllegalStateException("unknown driver " + d);
        }
        betas.put(d, ((Number) triples[i + 1]).doubleValue());
        means.put(d, ((Number) triples[i + 2]).doubleValue());
      }
      return this;
    }

    Builder contacts(double weight, double per1000, double handling) {
      this.contactWeight = weight;
      this.contactsPer1000 = per1000;
      this.handlingFactor = handling;
      return this;
    }

    Builder channels(double... mix) {
      this.channels = mix;
      return this;
    }

    Builder completion(double... mix) {
      this.completion = mix;
      return this;
    }

    Builder types(double... mix) {
      this.types = mix;
      return this;
    }

    Builder reasons(String... labels) {
      this.reasons = List.of(labels);
      return this;
    }

    StepProfile build() {
      double intercept = satisfactionMean;
      for (Map.Entry<String, Double> e : betas.entrySet()) {
        intercept -= e.getValue() * means.get(e.getKey());
      }
      return new StepProfile(id, surveyWeight, satisfactionMean,
          Collections.unmodifiableMap(betas), Collections.unmodifiableMap(means), intercept,
          contactWeight, contactsPer1000, channels, completion, types, reasons, handlingFactor);
    }
  }
}
