package model

import (
	"math/rand/v2"
	"testing"
)

func TestReconfigureWithTheSameConfigChangesNothing(t *testing.T) {
	t.Parallel()
	run := func(reconfigure bool) [NumMetrics]float64 {
		cfg := smallConfig(25, 4)
		r, err := New(&cfg, rand.NewPCG(9, 9))
		if err != nil {
			t.Fatal(err)
		}
		for !r.Done() {
			if reconfigure && r.step == 20 {
				same := cfg
				if err := r.Reconfigure(&same); err != nil {
					t.Fatal(err)
				}
			}
			r.Step()
		}
		var o Observation
		r.Observe(&o)
		return o.Region
	}
	if run(true) != run(false) {
		t.Error("reconfiguring with an identical configuration changed the run")
	}
}

func TestReconfigureRejectsStructuralChanges(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		change func(*Config)
	}{
		{"persons", func(c *Config) { c.Population.Persons++ }},
		{"start", func(c *Config) { c.Start++ }},
		{"sector employers", func(c *Config) { c.Sectors[0].Employers.Micro++ }},
		{"college places", func(c *Config) { c.Colleges[1].Places++ }},
		{"initial state", func(c *Config) { c.Initial.HighSpecShare = 0.9 }},
		{"network thresholds", func(c *Config) { c.Behaviour.Network.ThresholdMean = 0.35 }},
		{"sectors", func(c *Config) { c.Sectors = c.Sectors[:2] }},
		{"end before now", func(c *Config) { c.End = c.Start + 1 }},
	} {
		cfg := smallConfig(25, 2)
		r, err := New(&cfg, rand.NewPCG(1, 1))
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			r.Step()
		}
		next := cfg
		next.Sectors = append([]Sector(nil), cfg.Sectors...)
		next.Colleges = append([]College(nil), cfg.Colleges...)
		c.change(&next)
		if err := r.Reconfigure(&next); err == nil {
			t.Errorf("%s: a structural change was accepted", c.name)
		}
	}
}

func TestReconfigureChangesALever(t *testing.T) {
	t.Parallel()
	// Raising college outreach in a running low-skills region brings
	// co-production that the unchanged region does not have.
	run := func(outreach float64) float64 {
		cfg := smallConfig(10, 20)
		r, _ := New(&cfg, rand.NewPCG(3, 0))
		for !r.Done() {
			if r.step == 24 {
				next := cfg
				next.Colleges = append([]College(nil), cfg.Colleges...)
				for i := range next.Colleges {
					next.Colleges[i].Outreach = outreach
					next.Colleges[i].PartnershipStaff = 0.2
				}
				if err := r.Reconfigure(&next); err != nil {
					t.Fatal(err)
				}
			}
			r.Step()
		}
		var o Observation
		r.Observe(&o)
		return o.Region[CoproductionShare]
	}
	if without, with := run(0), run(0.9); with < without+0.2 {
		t.Errorf("co-production share %v with outreach, %v without: the lever did not act", with, without)
	}
}
