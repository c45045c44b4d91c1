package model

// DefaultMerger returns the restructuring a merger brings when a scenario
// does not say: partnership work disrupted for 18 months and half of the
// merging colleges' partnership effort and of employers' trust lost with
// the staff who leave. The area-based reviews of 2015–17 (brief section 4)
// record restructuring disruption and staff turnover but give no figures;
// these two are the model's assumptions. The merger names no colleges and
// has no date: a scenario must give both.
func DefaultMerger() Merger {
	return Merger{DisruptionMonths: 18, StaffTurnover: 0.5}
}
