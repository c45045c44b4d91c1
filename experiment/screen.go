package experiment

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
)

// The Morris screens of the regime (issue 10, item 9; ODD §10): the
// shipped examples regime-screen-low and regime-screen-high are written by
// RegimeScreen from the model's defaults, so that their inline base
// scenario, their ranges and their "# default" comments follow the
// defaults (TestRegimeScreensAreCurrent checks they do; go test
// ./experiment -run TestRegimeScreensAreCurrent -update rewrites them).

// screenStarts maps each start of the bistable pair to the side of the
// bistability its screen's name carries.
var screenStarts = map[string]string{"bistable": "low", "bistable-high": "high"}

// screenScale is the fraction of the start's region the screens run:
// persons, employers of each size (at least one large employer per
// sector) and college places.
const screenScale = 0.2

// screenEnd is the month the screens read their outputs: 50 years after
// the start's 150-year spin-up.
var screenEnd = model.MonthOf(2065, 1)

// screenSectorParam matches the sector parameters of the strategy and
// training decisions; each is one factor, linked across the sectors.
var screenSectorParam = regexp.MustCompile(`^sectors\.([a-z_]+)\.(high_spec_premium|upgrade_investment|training_cost|partnership_cost|quit_rate|graduate_preference)$`)

// screenLabourMarket lists the labour market's behavioural terms, each a
// factor of the screens.
var screenLabourMarket = []string{
	"labour_market.bargaining_share",
	"labour_market.poaching_intensity",
	"labour_market.under_qualified_output",
	"labour_market.applicants",
	"labour_market.matching.under_qualified_hire",
	"labour_market.matching.acceptance_exponent",
	"labour_market.matching.poaching_premium",
	"labour_market.matching.pipeline_applicants",
	"labour_market.flows.skill_obsolescence",
}

// screenInstitutional lists the paths under behaviour.* that are not
// factors: ages set by institutions, not behaviour.
var screenInstitutional = []string{
	"behaviour.training.apprentice_max_age",
	"behaviour.routes.recent_completer_age",
}

// A wholeRange is a factor the screens vary over a stated range rather
// than ±50% of its default, with the reason.
type wholeRange struct {
	path   string
	lo, hi float64
	// note follows the default in the factor's comment.
	note string
	// header is the sentence the file's header gives the exception, a
	// format taking the default; it carries its own line breaks.
	header string
}

// screenWholeRanges are the factors varied over their whole range:
// recognition_by_currency's default, 1, is an assumption, and 0 is the
// ESFA rule (funding recognises no currency), so the screen spans both.
var screenWholeRanges = []wholeRange{{
	path: "behaviour.training.recognition_by_currency",
	lo:   0,
	hi:   1,
	note: " (0: the ESFA rule)",
	header: "recognition_by_currency runs over\n" +
		"# its whole range [0, 1] (%s, the default, is an assumption; 0 the ESFA rule).",
}}

// Screen design constants: trajectories, grid levels, the design seed
// (the same design points for both starts) and the replications.
const (
	screenTrajectories = 5
	screenLevels       = 4
	screenDesignSeed   = 12
	screenReplications = 1
)

// RegimeScreen returns the example experiment that screens the regime the
// shipped scenario start ("bistable" or "bistable-high") settles in, and
// its name (regime-screen-low or regime-screen-high). The screen is a
// Morris design (5 trajectories, 4 levels) over every behavioural
// parameter of the schema — behaviour.* and demography.* but for the
// ages institutions set, the labour market's behavioural terms, and each
// sector parameter of the strategy and training decisions linked across
// the sectors — each over ±50% of its default pulled in to what the
// validator accepts (whole numbers rounded inwards), except the factors
// of screenWholeRanges; a parameter whose default is 0, or whose range
// the validator leaves empty, is not a factor. Its base, inline, is start
// at a fifth of its size ending in 2065.
func RegimeScreen(start string) (name string, file []byte, err error) {
	side, ok := screenStarts[start]
	if !ok {
		return "", nil, fmt.Errorf("no regime screen of %q; the screens start from bistable and bistable-high", start)
	}
	cfg, err := scenarios.Embedded(start)
	if err != nil {
		return "", nil, err
	}
	shrink(cfg, screenScale)
	cfg.End = screenEnd
	cfg.Replications = screenReplications
	cfg.Name = "regime-screen-" + side
	raw, err := scenarios.Marshal(cfg)
	if err != nil {
		return "", nil, err
	}

	var params, notes []string
	linked := map[string][]string{}
	whole := map[string]bool{}
	for _, p := range scenarios.Paths(cfg) {
		m := screenSectorParam.FindStringSubmatch(p)
		own := strings.HasPrefix(p, "behaviour.") || strings.HasPrefix(p, "demography.") || slices.Contains(screenLabourMarket, p)
		if (!own && m == nil) || slices.Contains(screenInstitutional, p) {
			continue
		}
		v, err := scenarios.GetPath(cfg, p)
		if err != nil {
			return "", nil, err
		}
		i := slices.IndexFunc(screenWholeRanges, func(w wholeRange) bool { return w.path == p })
		if i >= 0 {
			w := screenWholeRanges[i]
			if !acceptable(cfg, p, w.lo) || !acceptable(cfg, p, w.hi) {
				return "", nil, fmt.Errorf("%s: the validator rejects the stated range [%s, %s]", p, screenNumber(w.lo), screenNumber(w.hi))
			}
			params = append(params, fmt.Sprintf("  - {path: %s, range: [%s, %s]}   # default %s%s\n", p, screenNumber(w.lo), screenNumber(w.hi), screenNumber(v), w.note))
			notes = append(notes, fmt.Sprintf(w.header, screenNumber(v)))
			whole[p] = true
			continue
		}
		lo, hi, ok := span(cfg, p, v)
		switch {
		case !ok:
		case own:
			params = append(params, fmt.Sprintf("  - {path: %s, range: [%s, %s]}   # default %s\n", p, screenNumber(lo), screenNumber(hi), screenNumber(v)))
		default:
			linked[m[2]] = append(linked[m[2]], fmt.Sprintf("      - {path: %s, range: [%s, %s]}\n", p, screenNumber(lo), screenNumber(hi)))
		}
	}
	for _, w := range screenWholeRanges {
		if !whole[w.path] {
			return "", nil, fmt.Errorf("%s: a stated whole range names no factor of the screen", w.path)
		}
	}
	names := make([]string, 0, len(linked))
	for k := range linked {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		params = append(params, fmt.Sprintf("  - name: %s   # every sector's, each over ±50%% of its default\n    range: [0, 1]\n    link:\n%s", k, strings.Join(linked[k], "")))
	}

	var b bytes.Buffer
	runs := screenTrajectories * (len(params) + 1) * screenReplications
	plural := "s"
	if screenReplications == 1 {
		plural = ""
	}
	fmt.Fprintf(&b, `# Question: which behavioural parameters decide the regime the %s
# start settles in (issue 10, item 9)? Morris elementary effects (μ*, σ)
# of the two indicators of the regime rule (ODD §9), over every behavioural
# parameter of the schema — behaviour.*, demography.*, the labour market's
# behavioural terms, and each sector parameter of the strategy and training
# decisions linked across the sectors — each over ±50%% of its default,
# pulled in to what the validator accepts (generated; ODD §10 reports the
# ranking).
#
# The base is the %s scenario at a fifth of its size (%s
# persons), its 150-year spin-up and 50 years (2015–2065): %d factors, %d
# trajectories, %d replication%s: %d runs.`,
		side, start, thousands(cfg.Population.Persons), len(params), screenTrajectories, screenReplications, plural, runs)
	for _, n := range notes {
		b.WriteString(" " + n)
	}
	fmt.Fprintf(&b, `
name: %s
seed: 1
replications: %d
design:
  method: morris
  points: %d
  levels: %d
  seed: %d
outputs: [high_skill_strategy_share, coproduction_share, high_skill_employment_share, intermediate_job_share, level3_plus_share]
parameters:
%s`, cfg.Name, screenReplications, screenTrajectories, screenLevels, screenDesignSeed, strings.Join(params, ""))
	b.WriteString("base_scenario:\n")
	for _, line := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		b.WriteString("  " + line + "\n")
	}
	return cfg.Name, b.Bytes(), nil
}

// shrink scales cfg's region by f: persons, micro and small or medium
// employers rounded, large employers rounded but at least one per
// sector, college places rounded down.
func shrink(cfg *model.Config, f float64) {
	cfg.Population.Persons = int(float64(cfg.Population.Persons) * f)
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro = math.Round(e.Micro * f)
		e.SmallMedium = math.Round(e.SmallMedium * f)
		e.Large = math.Max(1, math.Round(e.Large*f))
	}
	for i := range cfg.Colleges {
		cfg.Colleges[i].Places = int(float64(cfg.Colleges[i].Places) * f)
	}
}

// acceptable reports whether the validator accepts cfg with path set to
// v.
func acceptable(cfg *model.Config, path string, v float64) bool {
	c := scenarios.Clone(cfg)
	if err := scenarios.SetPath(c, path, v); err != nil {
		return false
	}
	return c.Validate() == nil
}

// span returns the range ±50% of v, each end pulled in towards v (halving
// its distance, at most 20 times) until the validator accepts it, and a
// whole-number field's ends rounded inwards. It is not ok for v = 0, for
// an end the validator still rejects, or for a range that is empty or
// narrower than 1e-9·|v|.
func span(cfg *model.Config, path string, v float64) (lo, hi float64, ok bool) {
	if v == 0 {
		return 0, 0, false
	}
	lo, hi = 0.5*v, 1.5*v
	if lo > hi {
		lo, hi = hi, lo
	}
	for i := 0; i < 20 && !acceptable(cfg, path, hi); i++ {
		hi = v + (hi-v)/2
	}
	for i := 0; i < 20 && !acceptable(cfg, path, lo); i++ {
		lo = v - (v-lo)/2
	}
	if !acceptable(cfg, path, lo) || !acceptable(cfg, path, hi) || hi-lo < 1e-9*math.Abs(v) {
		return 0, 0, false
	}
	if scenarios.IsWhole(cfg, path) {
		lo, hi = math.Ceil(lo), math.Floor(hi)
		if hi <= lo {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// screenNumber formats x for a screen file: six significant digits.
func screenNumber(x float64) string { return fmt.Sprintf("%.6g", x) }

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
