package model

import (
	"math/rand/v2"
)

// Region is one running simulation of a regional skills ecosystem.
type Region struct {
	cfg  *Config
	rng  *rand.Rand
	step int
}

// New builds a region in its initial state from a validated configuration,
// drawing every random number from rng.
func New(cfg *Config, rng *rand.Rand) (*Region, error) {
	return &Region{cfg: cfg, rng: rng}, nil
}

// Step advances the region by one step.
func (r *Region) Step() { r.step++ }

// Done reports whether the region has reached the end of the run.
func (r *Region) Done() bool { return r.step >= r.cfg.Steps() }

// Date returns the month the region is in now.
func (r *Region) Date() Month { return r.cfg.Start + Month(r.step*r.cfg.StepMonths) }

// Observe writes the current indicators into o, reusing o.Sectors.
func (r *Region) Observe(o *Observation) {
	o.Step = r.step
	o.Date = r.Date()
	if cap(o.Sectors) < len(r.cfg.Sectors) {
		o.Sectors = make([][NumSectorMetrics]float64, len(r.cfg.Sectors))
	}
	o.Sectors = o.Sectors[:len(r.cfg.Sectors)]
}
