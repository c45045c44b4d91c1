package model

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkStepWithLevers steps the default-size region (50,000 people,
// about 4,900 employers) with every policy lever in force, and reports
// agent-steps per second (a person or an employer advanced one step).
// sim.BenchmarkStep measures the same region without levers.
func BenchmarkStepWithLevers(b *testing.B) {
	cfg := DefaultConfig()
	cfg.End = cfg.Start + 120
	allLevers(&cfg)
	var r *Region
	rep := 0
	agents := 0.0
	for range b.N {
		if r == nil || r.Done() {
			b.StopTimer()
			var err error
			r, err = New(&cfg, rand.NewPCG(1, uint64(rep)))
			if err != nil {
				b.Fatal(err)
			}
			rep++
			agents = float64(len(r.persons) + len(r.employers))
			b.StartTimer()
		}
		r.Step()
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(agents*float64(b.N)/s, "agent-steps/s")
	}
}
