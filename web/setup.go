package web

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
)

// Setup is one configuration as the page sends it: a scenario and the
// lever overrides applied on top of it.
type Setup struct {
	// Scenario names a shipped scenario; it is used when YAML is empty.
	Scenario string `json:"scenario"`
	// YAML is a scenario file's text, pasted or uploaded.
	YAML string `json:"yaml"`
	// Levers holds the overrides applied to the scenario.
	Levers Levers `json:"levers"`
}

// Levers holds the page's overrides of a scenario's levers and behavioural
// parameters. A nil field leaves the scenario as it is.
type Levers struct {
	// Levy switches the apprenticeship levy on (with model.DefaultLevy's
	// real rules, unless the scenario gives its own) or off.
	Levy *bool `json:"levy,omitempty"`
	// LevyRate is the levy as a share of the pay bill; it applies when the
	// levy is on.
	LevyRate *float64 `json:"levy_rate,omitempty"`
	// Devolution switches devolution of the adult budget on or off.
	Devolution *bool `json:"devolution,omitempty"`
	// Coordination is the devolved authority's pull on employers'
	// expectations (policies.devolution.coordination), when it is on.
	Coordination *float64 `json:"coordination,omitempty"`
	// Network switches a High Progression and Skills Network on or off.
	Network *bool `json:"network,omitempty"`
	// NetworkBudget is the network's annual budget, £, when it is on.
	NetworkBudget *float64 `json:"network_budget,omitempty"`
	// NetworkYears is how many years the network is funded; 0 means to the
	// end of the run.
	NetworkYears *float64 `json:"network_years,omitempty"`
	// Funding is 16–19 funding per learner and the adult budget as a share
	// of their level before austerity, for the whole run (1: no cuts).
	Funding *float64 `json:"funding,omitempty"`
	// Migration multiplies employers' access to low-skilled labour from
	// abroad (1: as before Brexit).
	Migration *float64 `json:"migration,omitempty"`
	// Careers is the careers information learners have, 0–1, for the whole run.
	Careers *float64 `json:"careers,omitempty"`
	// Noise is behaviour.noise, the chance that a decision is a mistake.
	Noise *float64 `json:"noise,omitempty"`
	// TrustLoss is behaviour.trust_loss.
	TrustLoss *float64 `json:"trust_loss,omitempty"`
	// CoproductionGain is behaviour.coproduction_gain.
	CoproductionGain *float64 `json:"coproduction_gain,omitempty"`
	// CollegeThreshold is behaviour.college_threshold.
	CollegeThreshold *float64 `json:"college_threshold,omitempty"`
}

// Limits caps the region one request may ask for.
type Limits struct {
	// Persons is the most person agents.
	Persons int
	// Employers is the most employers, over all sectors and sizes.
	Employers int
	// Colleges is the most colleges.
	Colleges int
	// Steps is the most steps of a run.
	Steps int
}

// ProblemJSON is one located problem with a scenario, as scenarios.Error
// gives it. Line and Column are 0 when the problem has no line.
type ProblemJSON struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// setupError is a configuration that cannot run: its problems, located
// where they can be, and a one-line summary.
type setupError struct {
	summary  string
	problems []ProblemJSON
}

func (e *setupError) Error() string { return e.summary }

// employerCount is the number of employers model.New builds from cfg.
func employerCount(cfg *model.Config) int {
	n := 0
	for _, s := range cfg.Sectors {
		for _, c := range []float64{s.Employers.Micro, s.Employers.SmallMedium, s.Employers.Large} {
			n += int(math.Round(c))
		}
	}
	return n
}

// resolve parses the setup's scenario, applies its lever overrides and the
// seed (when not nil), validates the result and checks it against the
// limits. A problem is returned as a *setupError.
func resolve(s *Setup, seed *uint64, lim Limits) (*model.Config, error) {
	var cfg *model.Config
	var err error
	if strings.TrimSpace(s.YAML) != "" {
		cfg, err = scenarios.Parse("scenario.yaml", []byte(s.YAML))
	} else {
		name := s.Scenario
		if name == "" {
			name = "baseline"
		}
		if !slices.Contains(scenarios.Names(), name) {
			return nil, &setupError{summary: fmt.Sprintf("there is no shipped scenario %q; the shipped scenarios are %s",
				name, strings.Join(scenarios.Names(), ", "))}
		}
		cfg, err = scenarios.Embedded(name)
	}
	if err != nil {
		var list scenarios.ErrorList
		if !errors.As(err, &list) {
			return nil, &setupError{summary: err.Error()}
		}
		se := &setupError{summary: fmt.Sprintf("the scenario has %d problem%s", len(list), plural(len(list)))}
		for _, e := range list {
			se.problems = append(se.problems, ProblemJSON{Line: e.Line, Column: e.Column, Field: e.Field, Message: e.Message})
		}
		return nil, se
	}
	s.Levers.apply(cfg)
	if seed != nil {
		cfg.Seed = *seed
	}
	if err := cfg.Validate(); err != nil {
		se := &setupError{summary: "the levers set give an invalid scenario"}
		var list model.ValidationErrors
		if errors.As(err, &list) {
			for _, e := range list {
				se.problems = append(se.problems, ProblemJSON{Field: e.Path, Message: e.Message})
			}
		} else {
			se.problems = []ProblemJSON{{Message: err.Error()}}
		}
		return nil, se
	}
	if err := lim.check(cfg); err != nil {
		return nil, err
	}
	return cfg, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// check reports a *setupError naming each limit cfg exceeds.
func (lim Limits) check(cfg *model.Config) error {
	var ps []ProblemJSON
	add := func(field string, got, most int, what string) {
		if got > most {
			ps = append(ps, ProblemJSON{Field: field, Message: fmt.Sprintf(
				"the region has %s %s; this server allows at most %s %s per simulation (its limit)",
				thousands(got), what, thousands(most), what)})
		}
	}
	add("population.persons", cfg.Population.Persons, lim.Persons, "people")
	add("sectors", employerCount(cfg), lim.Employers, "employers")
	add("colleges", len(cfg.Colleges), lim.Colleges, "colleges")
	add("end", cfg.Steps(), lim.Steps, "steps")
	if len(ps) == 0 {
		return nil
	}
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Field + ": " + p.Message
	}
	return &setupError{summary: "too large: " + strings.Join(msgs, "; "), problems: ps}
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fundingFrom returns the austerity the funding lever sets: funding per
// learner and the adult budget both at level (a share of their level
// before austerity) from start on.
func fundingFrom(start model.Month, level float64) *model.Austerity {
	return &model.Austerity{
		Period:            model.Period{Start: start},
		FundingPerLearner: model.Schedule{{From: start, Value: level}},
		AdultBudget:       model.Schedule{{From: start, Value: level}},
	}
}

// leverStart returns the month a lever switched on by the page starts: its
// usual start, or the run's start when that is not before the run's end.
func leverStart(cfg *model.Config, usual model.Month) model.Month {
	if usual >= cfg.End {
		return cfg.Start
	}
	return usual
}

// apply writes the overrides in l into cfg.
func (l *Levers) apply(cfg *model.Config) {
	p := &cfg.Policies
	if l.Levy != nil {
		switch {
		case !*l.Levy:
			p.Levy = nil
		case scenarios.SwitchOn(cfg, "levy"):
			p.Levy.Start = leverStart(cfg, p.Levy.Start)
		}
	}
	if l.LevyRate != nil && p.Levy != nil {
		p.Levy.Rate = *l.LevyRate
	}
	if l.Devolution != nil {
		switch {
		case !*l.Devolution:
			p.Devolution = nil
		case scenarios.SwitchOn(cfg, "devolution"):
			p.Devolution.Start = leverStart(cfg, p.Devolution.Start)
		}
	}
	if l.Coordination != nil && p.Devolution != nil {
		p.Devolution.Coordination = *l.Coordination
	}
	if l.Network != nil {
		switch {
		case !*l.Network:
			p.Network = nil
		case scenarios.SwitchOn(cfg, "network"):
			p.Network.Start = leverStart(cfg, p.Network.Start)
		}
	}
	if n := p.Network; n != nil {
		if l.NetworkBudget != nil {
			n.Budget = *l.NetworkBudget
		}
		if l.NetworkYears != nil {
			n.End = nil
			if months := int(math.Round(*l.NetworkYears * 12)); months > 0 {
				if end := n.Start + model.Month(months); end < cfg.End {
					n.End = &end
				}
			}
		}
	}
	if l.Funding != nil {
		if *l.Funding == 1 {
			p.Austerity = nil
		} else {
			start := model.DefaultAusterity().Start
			if p.Austerity != nil {
				start = p.Austerity.Start
			}
			start = leverStart(cfg, start)
			p.Austerity = fundingFrom(start, *l.Funding)
		}
	}
	if l.Migration != nil {
		if p.Migration == nil && *l.Migration != 1 {
			scenarios.SwitchOn(cfg, "migration")
			p.Migration.Start = leverStart(cfg, p.Migration.Start)
			p.Migration.Intermediate, p.Migration.High = nil, nil
		}
		if p.Migration != nil {
			p.Migration.Low = model.Schedule{{From: p.Migration.Start, Value: *l.Migration}}
		}
	}
	if l.Careers != nil {
		p.Careers = nil
		cfg.Behaviour.CareersInformation = *l.Careers
	}
	b := &cfg.Behaviour
	for _, o := range []struct {
		v   *float64
		dst *float64
	}{{l.Noise, &b.Noise}, {l.TrustLoss, &b.TrustLoss}, {l.CoproductionGain, &b.CoproductionGain}, {l.CollegeThreshold, &b.CollegeThreshold}} {
		if o.v != nil {
			*o.dst = *o.v
		}
	}
}

// last returns the value of the last entry of s, or none when s is empty:
// the level a schedule settles at.
func last(s model.Schedule, none float64) float64 {
	if len(s) == 0 {
		return none
	}
	return s[len(s)-1].Value
}

// effectiveLevers reads the levers in force in cfg, every field set, as
// the page shows them on its sliders. A schedule is shown by the level it
// settles at.
func effectiveLevers(cfg *model.Config) Levers {
	p := cfg.Policies
	on := func(b bool) *bool { return &b }
	num := func(x float64) *float64 { return &x }
	l := Levers{
		Levy:             on(p.Levy != nil),
		LevyRate:         num(model.DefaultLevy().Rate),
		Devolution:       on(p.Devolution != nil),
		Coordination:     num(model.DefaultDevolution().Coordination),
		Network:          on(p.Network != nil),
		NetworkBudget:    num(model.DefaultNetwork().Budget),
		NetworkYears:     num(0),
		Funding:          num(1),
		Migration:        num(1),
		Careers:          num(cfg.Behaviour.CareersInformation),
		Noise:            num(cfg.Behaviour.Noise),
		TrustLoss:        num(cfg.Behaviour.TrustLoss),
		CoproductionGain: num(cfg.Behaviour.CoproductionGain),
		CollegeThreshold: num(cfg.Behaviour.CollegeThreshold),
	}
	if p.Levy != nil {
		*l.LevyRate = p.Levy.Rate
	}
	if p.Devolution != nil {
		*l.Coordination = p.Devolution.Coordination
	}
	if n := p.Network; n != nil {
		*l.NetworkBudget = n.Budget
		if n.End != nil {
			*l.NetworkYears = float64(*n.End-n.Start) / 12
		}
	}
	if p.Austerity != nil {
		*l.Funding = last(p.Austerity.FundingPerLearner, 1)
	}
	if p.Migration != nil {
		*l.Migration = last(p.Migration.Low, 1)
	}
	if p.Careers != nil {
		*l.Careers = last(p.Careers.Information, cfg.Behaviour.CareersInformation)
	}
	return l
}
