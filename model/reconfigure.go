package model

import "fmt"

// derive computes what the region keeps from its configuration: per-step
// probabilities from annual rates, the distribution of learners' sectors
// of interest and the reference wage.
func (r *Region) derive() {
	cfg := r.cfg
	r.mixes = r.mixes[:0] // jobMix recomputes the designs
	perStep := r.perStep
	for s, sc := range cfg.Sectors {
		r.sectors[s].selfEmployStep = perStep(sc.SelfEmployment)
	}
	r.jobLossStep = perStep(cfg.Labour.JobLossRate)
	fl := &cfg.Labour.Flows
	r.selfExitStep = perStep(fl.SelfEmploymentExit)
	r.reentryStep = perStep(fl.Reentry)
	r.inactiveStep = perStep(fl.SeekingToInactive)
	r.dropoutStep = perStep(cfg.Education.Dropout)
	r.adultCourseStep = perStep(cfg.Behaviour.Routes.AdultCourseRate)
	r.obsolescenceStep = perStep(fl.SkillObsolescence)
	r.jobOutput = cfg.Labour.JobOutput.Shares()
	sw := cfg.Behaviour.Partnership.SizeWeight
	r.sizeWeight = [numSizes]float64{sw.Micro, sw.SmallMedium, sw.Large}
	r.apprenticeAge = uint16(cfg.Behaviour.Training.ApprenticeMaxAge * 12)
	r.interestCDF = r.interestCDF[:0]
	cum := 0.0
	for _, sc := range cfg.Sectors {
		cum += sc.Interest
		r.interestCDF = append(r.interestCDF, cum)
	}
	r.referenceWage = 0
	for s, sc := range cfg.Sectors {
		r.referenceWage += sc.Interest / cum * r.wage(uint8(s), JobLow, true, false)
	}
}

// Reconfigure continues the run under a changed configuration, keeping
// every agent's state: the way a hysteresis experiment raises a lever step
// by step and lowers it again. Parameters, policies and the end of the run
// may change; the region's structure may not — the same start and step
// length, the same people, sectors, colleges and employers, and the same
// initial state. Colleges' partnership staff take the new share unless
// they have merged.
func (r *Region) Reconfigure(cfg *Config) error {
	old := r.cfg
	switch {
	case cfg.Start != old.Start || cfg.StepMonths != old.StepMonths:
		return fmt.Errorf("model: reconfigure: start and step_months cannot change (%s, %d)", old.Start, old.StepMonths)
	case cfg.Population.Persons != old.Population.Persons:
		return fmt.Errorf("model: reconfigure: population.persons cannot change (%d)", old.Population.Persons)
	case len(cfg.Sectors) != len(old.Sectors) || len(cfg.Colleges) != len(old.Colleges):
		return fmt.Errorf("model: reconfigure: the sectors and colleges cannot change")
	case cfg.Initial != old.Initial:
		return fmt.Errorf("model: reconfigure: the initial state cannot change once the run has started")
	case cfg.Behaviour.Network != old.Behaviour.Network:
		return fmt.Errorf("model: reconfigure: behaviour.network cannot change once the run has started (employers drew their thresholds at the start)")
	case cfg.Steps() < r.step:
		return fmt.Errorf("model: reconfigure: the run is already at step %d, past the new end %s", r.step, cfg.End)
	}
	for s := range cfg.Sectors {
		a, b := &cfg.Sectors[s], &old.Sectors[s]
		if a.Name != b.Name || a.Employers != b.Employers {
			return fmt.Errorf("model: reconfigure: sectors[%d] (%s): name and employer counts cannot change", s, b.Name)
		}
	}
	for c := range cfg.Colleges {
		a, b := &cfg.Colleges[c], &old.Colleges[c]
		if a.Name != b.Name || a.Places != b.Places || a.AdultShare != b.AdultShare {
			return fmt.Errorf("model: reconfigure: colleges[%d] (%s): name and places cannot change", c, b.Name)
		}
	}
	if cfg.EmployerSize != old.EmployerSize {
		return fmt.Errorf("model: reconfigure: employer_size cannot change")
	}
	r.cfg = cfg
	r.derive()
	for c := range r.colleges {
		col := &r.colleges[c]
		if !col.merged && col.staffPlaces == old.Colleges[c].PartnershipStaff*float64(old.Colleges[c].Places) {
			col.staffPlaces = cfg.Colleges[c].PartnershipStaff * float64(cfg.Colleges[c].Places)
		}
	}
	if cfg.Policies.Network == nil {
		r.networkSeeded = false
	}
	return nil
}
