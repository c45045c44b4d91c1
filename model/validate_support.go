package model

import (
	"fmt"
	"slices"
	"strings"
)

// Validation of the levers that pay employers for training (support.go).

// maxPayment is the largest payment per apprentice, or training budget per
// person a year, a scenario may give, £: a hundred times the 2021 incentive.
const maxPayment = 300000

// support checks the training subsidy and the incentive payments.
func (v *validator) support(c *Config, r run) {
	p := &c.Policies
	if s := p.TrainingSubsidy; s != nil {
		const at = "policies.training_subsidy."
		v.period(at, s.Period, r)
		v.sizeClasses(at+"share", s.Share, "a share of the employer's cost", true)
		v.share(at+"levels.level2", s.Levels.Level2)
		v.share(at+"levels.level3", s.Levels.Level3)
		v.share(at+"levels.level4", s.Levels.Level4)
		v.bounded(at+"budget_per_person", s.BudgetPerPerson, maxPayment, "an amount in £ per person per year (0: no cap)")
		names := make([]string, len(c.Sectors))
		for i := range c.Sectors {
			names[i] = c.Sectors[i].Name
		}
		seen := make(map[string]int)
		for i, name := range s.Sectors {
			sp := fmt.Sprintf("%ssectors[%d]", at, i)
			j, dup := seen[name]
			switch {
			case !slices.Contains(names, name):
				v.addf(sp, "%q names no sector; the sectors are %s", name, strings.Join(names, ", "))
			case dup:
				v.addf(sp, "%q is named twice (also sectors[%d]); name each sector once", name, j)
			default:
				seen[name] = i
			}
		}
	}
	if ip := p.IncentivePayments; ip != nil {
		const at = "policies.incentive_payments."
		v.period(at, ip.Period, r)
		v.schedule(at+"under_25", ip.Under25, maxPayment, "an amount in £ per apprentice", r)
		v.schedule(at+"aged_25_plus", ip.Aged25Plus, maxPayment, "an amount in £ per apprentice", r)
	}
}
