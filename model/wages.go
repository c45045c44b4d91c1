package model

// Output and wage bargaining (ODD §7.2).

// wage is the wage bargained for a job (Nash bargaining with share β over
// output against the outside wage). Output rises with the job's level,
// with the employer's strategy, and falls when the worker is
// under-qualified.
func (r *Region) wage(s uint8, k int, qualified, highSpec bool) float64 {
	return r.cfg.Labour.BargainingShare*r.output(s, k, qualified, highSpec) +
		(1-r.cfg.Labour.BargainingShare)*r.cfg.Labour.OutsideWage
}

// output is the monthly output of a worker in a job, £.
func (r *Region) output(s uint8, k int, qualified, highSpec bool) float64 {
	sc := &r.cfg.Sectors[s]
	y := sc.Productivity * r.jobOutput[k]
	if !qualified {
		// The premium needs qualified staff (§7.8): an under-qualified
		// worker produces a share of the plain post's output.
		return y * r.cfg.Labour.UnderQualifiedOutput
	}
	if highSpec && k > JobLow {
		y *= 1 + sc.HighSpecPremium
	}
	return y
}
