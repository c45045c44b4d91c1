package web

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"skillsim/model"
	"skillsim/scenarios"
)

// MaxChanges is the most lever changes one run may carry.
const MaxChanges = 200

// LeverChange is a lever moved while a region runs. It applies from the
// step after Step: the region is reconfigured (model.Region.Reconfigure)
// once step Step has been computed and before step Step+1 is. A run is
// its setup, its seed and its list of changes: the same three give the
// same run, step for step.
type LeverChange struct {
	// Side is the configuration changed: "a" (the default) or "b".
	Side string `json:"side,omitempty"`
	// Step is the step shown when the lever moved.
	Step int `json:"step"`
	// Levers holds the levers moved; nil fields are left as they are.
	Levers Levers `json:"levers"`
}

// checkChanges validates a run's lever changes against its length and
// returns them sorted by step (stably: two changes at one step apply in
// the order given).
func checkChanges(changes []LeverChange, compare bool, total int) ([]LeverChange, error) {
	if len(changes) > MaxChanges {
		return nil, fmt.Errorf("%d lever changes: a run may carry at most %d", len(changes), MaxChanges)
	}
	out := slices.Clone(changes)
	for i := range out {
		c := &out[i]
		if c.Side == "" {
			c.Side = "a"
		}
		switch {
		case c.Side != "a" && c.Side != "b":
			return nil, fmt.Errorf("lever change %d: side %q: must be a or b", i+1, c.Side)
		case c.Side == "b" && !compare:
			return nil, fmt.Errorf("lever change %d: side b, but there is no configuration b", i+1)
		case c.Step < 0 || c.Step >= total:
			return nil, fmt.Errorf("lever change %d: step %d: must be from 0 to %d (the step before the last)", i+1, c.Step, total-1)
		}
	}
	slices.SortStableFunc(out, func(a, b LeverChange) int { return a.Step - b.Step })
	return out, nil
}

// changesFor returns the changes of one side, in order.
func changesFor(changes []LeverChange, side string) []LeverChange {
	var out []LeverChange
	for _, c := range changes {
		if c.Side == side {
			out = append(out, c)
		}
	}
	return out
}

// stepMonth is the month of step k of a run of cfg.
func stepMonth(cfg *model.Config, k int) model.Month {
	return cfg.Start + model.Month(k*cfg.StepMonths)
}

// switchAt switches the period p (the lever is in force when on) at month
// m: on makes it in force from m (or keeps it, if it already is); off
// ends it at m, or removes it (returns false) if it had not started.
func switchAt(p *model.Period, on bool, m model.Month) (keep bool) {
	inForce := p.Active(m)
	switch {
	case on && inForce:
	case on:
		p.Start, p.End = m, nil
	case p.Start >= m:
		return false
	case p.End == nil || *p.End > m:
		end := m
		p.End = &end
	}
	return true
}

// scheduleAt returns s with its value from month m on set to v: the
// entries before m kept and one at m added.
func scheduleAt(s model.Schedule, m model.Month, v float64) model.Schedule {
	var out model.Schedule
	for _, d := range s {
		if d.From < m {
			out = append(out, d)
		}
	}
	return append(out, model.Dated{From: m, Value: v})
}

// applyAt writes the lever changes l into cfg as of month m, dating what a
// scenario can date: a policy switched on starts at m, one switched off
// ends at m, and funding, migration and careers information take their
// new value from m in their schedules. The other levers (rates, budgets,
// coordination, behaviour) are single numbers in a scenario: they change
// from m in the running region but a scenario file can only hold their
// last value. applyAt returns the names of the levers of that kind it
// changed.
func (l *Levers) applyAt(cfg *model.Config, m model.Month) (undated []string) {
	p := &cfg.Policies
	if l.Levy != nil {
		if p.Levy == nil && *l.Levy {
			scenarios.SwitchOn(cfg, "levy")
			p.Levy.Start = m
		} else if p.Levy != nil && !switchAt(&p.Levy.Period, *l.Levy, m) {
			p.Levy = nil
		}
	}
	if l.LevyRate != nil && p.Levy != nil && p.Levy.Rate != *l.LevyRate {
		p.Levy.Rate = *l.LevyRate
		undated = append(undated, "levy_rate")
	}
	if l.Devolution != nil {
		if p.Devolution == nil && *l.Devolution {
			scenarios.SwitchOn(cfg, "devolution")
			p.Devolution.Start = m
		} else if p.Devolution != nil && !switchAt(&p.Devolution.Period, *l.Devolution, m) {
			p.Devolution = nil
		}
	}
	if l.Coordination != nil && p.Devolution != nil && p.Devolution.Coordination != *l.Coordination {
		p.Devolution.Coordination = *l.Coordination
		undated = append(undated, "coordination")
	}
	if l.Network != nil {
		if p.Network == nil && *l.Network {
			scenarios.SwitchOn(cfg, "network")
			p.Network.Start = m
		} else if p.Network != nil && !switchAt(&p.Network.Period, *l.Network, m) {
			p.Network = nil
		}
	}
	if n := p.Network; n != nil {
		if l.NetworkBudget != nil && n.Budget != *l.NetworkBudget {
			n.Budget = *l.NetworkBudget
			undated = append(undated, "network_budget")
		}
		if l.NetworkYears != nil {
			n.End = nil
			if months := int(math.Round(*l.NetworkYears * 12)); months > 0 {
				end := max(n.Start+model.Month(months), m)
				if end < cfg.End {
					n.End = &end
				}
			}
			if n.End != nil && *n.End <= n.Start {
				p.Network = nil
			}
		}
	}
	if l.Funding != nil {
		if a := p.Austerity; a != nil {
			a.FundingPerLearner = scheduleAt(a.FundingPerLearner, m, *l.Funding)
			a.AdultBudget = scheduleAt(a.AdultBudget, m, *l.Funding)
		} else if *l.Funding != 1 {
			p.Austerity = fundingFrom(m, *l.Funding)
		}
	}
	if l.Migration != nil {
		if mg := p.Migration; mg != nil {
			mg.Low = scheduleAt(mg.Low, m, *l.Migration)
		} else if *l.Migration != 1 {
			p.Migration = &model.Migration{Period: model.Period{Start: m}, Low: model.Schedule{{From: m, Value: *l.Migration}}}
		}
	}
	if l.Careers != nil {
		if c := p.Careers; c != nil {
			c.Information = scheduleAt(c.Information, m, *l.Careers)
		} else {
			p.Careers = &model.Careers{Period: model.Period{Start: m}, Information: model.Schedule{{From: m, Value: *l.Careers}}}
		}
	}
	b := &cfg.Behaviour
	for _, o := range []struct {
		name string
		v    *float64
		dst  *float64
	}{{"noise", l.Noise, &b.Noise}, {"trust_loss", l.TrustLoss, &b.TrustLoss},
		{"coproduction_gain", l.CoproductionGain, &b.CoproductionGain}, {"college_threshold", l.CollegeThreshold, &b.CollegeThreshold}} {
		if o.v != nil && *o.dst != *o.v {
			*o.dst = *o.v
			undated = append(undated, o.name)
		}
	}
	return undated
}

// liveConfigs returns the configurations a run of cfg goes through with
// its changes (one side's, in order): after change j the region runs
// under configs[j]. It validates each and reports, in undated, the levers
// whose changes a scenario file cannot date.
func liveConfigs(cfg *model.Config, changes []LeverChange, lim Limits) (configs []*model.Config, undated []string, err error) {
	cur := cfg
	for i, ch := range changes {
		next := scenarios.Clone(cur)
		for _, u := range ch.Levers.applyAt(next, stepMonth(cfg, ch.Step+1)) {
			if !slices.Contains(undated, u) {
				undated = append(undated, u)
			}
		}
		if err := next.Validate(); err != nil {
			return nil, nil, fmt.Errorf("lever change %d (step %d): %v", i+1, ch.Step, err)
		}
		if err := lim.check(next); err != nil {
			return nil, nil, err
		}
		configs = append(configs, next)
		cur = next
	}
	return configs, undated, nil
}

// changesComment describes a run's lever changes as YAML comments for the
// head of an exported scenario.
func changesComment(cfg *model.Config, changes []LeverChange, undated []string) string {
	if len(changes) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("# Levers moved during the run (each from the date given); the policy\n# periods and schedules below carry their dates.\n")
	for _, ch := range changes {
		fmt.Fprintf(&b, "#   %s (after step %d): %s\n", stepMonth(cfg, ch.Step+1), ch.Step, ch.Levers.describe())
	}
	if len(undated) > 0 {
		fmt.Fprintf(&b, "# A scenario holds one value of %s for the whole run, so this file\n"+
			"# has the last one; replay the page's link for the run exactly as it was.\n", strings.Join(undated, ", "))
	}
	return b.String()
}

// describe lists the levers set in l as key=value.
func (l *Levers) describe() string {
	var parts []string
	add := func(k string, v any) { parts = append(parts, fmt.Sprintf("%s=%v", k, v)) }
	for _, o := range []struct {
		k string
		b *bool
	}{{"levy", l.Levy}, {"devolution", l.Devolution}, {"network", l.Network}} {
		if o.b != nil {
			add(o.k, map[bool]string{true: "on", false: "off"}[*o.b])
		}
	}
	for _, o := range []struct {
		k string
		v *float64
	}{{"levy_rate", l.LevyRate}, {"coordination", l.Coordination}, {"network_budget", l.NetworkBudget},
		{"network_years", l.NetworkYears}, {"funding", l.Funding}, {"migration", l.Migration}, {"careers", l.Careers},
		{"noise", l.Noise}, {"trust_loss", l.TrustLoss}, {"coproduction_gain", l.CoproductionGain}, {"college_threshold", l.CollegeThreshold}} {
		if o.v != nil {
			add(o.k, *o.v)
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// PeriodJSON is a time a policy lever is in force, as the charts shade
// it. End is empty when the lever lasts to the end of the run.
type PeriodJSON struct {
	// Lever is "levy", "devolution" or "network".
	Lever string `json:"lever"`
	// Start is the first month in force, YYYY-MM.
	Start string `json:"start"`
	// End is the month it stops (exclusive), or empty for the run's end.
	End string `json:"end,omitempty"`
}

// policyPeriods returns when the levy, devolution and the network are in
// force over a run of cfg that goes through configs after its changes.
func policyPeriods(cfg *model.Config, changes []LeverChange, configs []*model.Config) []PeriodJSON {
	// segments: [from, to) months under one configuration.
	type segment struct {
		from, to model.Month
		cfg      *model.Config
	}
	segs := []segment{{cfg.Start, cfg.End, cfg}}
	for i, ch := range changes {
		m := stepMonth(cfg, ch.Step+1)
		segs[len(segs)-1].to = m
		segs = append(segs, segment{m, cfg.End, configs[i]})
	}
	var out []PeriodJSON
	for _, lever := range []string{"levy", "devolution", "network"} {
		var on []model.Month // months of [start, end) intervals, flattened
		for _, sg := range segs {
			var p *model.Period
			switch pol := sg.cfg.Policies; lever {
			case "levy":
				if pol.Levy != nil {
					p = &pol.Levy.Period
				}
			case "devolution":
				if pol.Devolution != nil {
					p = &pol.Devolution.Period
				}
			case "network":
				if pol.Network != nil {
					p = &pol.Network.Period
				}
			}
			if p == nil {
				continue
			}
			a, b := max(sg.from, p.Start), sg.to
			if p.End != nil {
				b = min(b, *p.End)
			}
			if a >= b {
				continue
			}
			if n := len(on); n > 0 && on[n-1] == a {
				on[n-1] = b
			} else {
				on = append(on, a, b)
			}
		}
		for i := 0; i < len(on); i += 2 {
			pj := PeriodJSON{Lever: lever, Start: on[i].String()}
			if on[i+1] < cfg.End {
				pj.End = on[i+1].String()
			}
			out = append(out, pj)
		}
	}
	return out
}
