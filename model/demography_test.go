package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestReplicate(t *testing.T) {
	t.Parallel()
	// Dosi et al.: a share grows by χ times relative competitiveness.
	for _, c := range []struct {
		name            string
		a, c, mean, chi float64
		want            float64
	}{
		{"at the mean: unchanged", 10, 0.4, 0.4, 1, 10},
		{"10% above the mean, χ 1", 10, 0.44, 0.4, 1, 11},
		{"10% below the mean, χ 0.5", 10, 0.36, 0.4, 0.5, 9.5},
		{"no selection", 10, 0.2, 0.4, 0, 10},
		{"far below: never negative", 10, 0, 0.4, 2, 0},
		{"no mean: unchanged", 10, 0.3, 0, 1, 10},
	} {
		if got := replicate(c.a, c.c, c.mean, c.chi); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: replicate = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestResize(t *testing.T) {
	t.Parallel()
	mean := [numSizes]float64{3, 30, 300}
	for _, c := range []struct {
		name   string
		z      uint8
		n      int32
		spread float64
		want   uint8
	}{
		{"micro draw stays micro", sizeMicro, 4, 0.6, sizeMicro},
		{"micro grown past 12 is small/medium", sizeMicro, 12, 0.6, sizeSmallMedium},
		{"micro grown to 11 stays micro", sizeMicro, 11, 0.6, sizeMicro},
		{"small draw of 12 stays small", sizeSmallMedium, 12, 0.6, sizeSmallMedium},
		{"small shrunk to 4 is micro", sizeSmallMedium, 4, 0.6, sizeMicro},
		{"large draw of 120 stays large", sizeLarge, 120, 0.6, sizeLarge},
		{"large shrunk to 48 is small", sizeLarge, 47, 0.6, sizeSmallMedium},
		{"micro grown to 500 is large", sizeMicro, 500, 0.6, sizeLarge},
		{"no spread: a micro of 29 stays micro", sizeMicro, 29, 0, sizeMicro},
		{"no spread: a micro of 30 is small", sizeMicro, 30, 0, sizeSmallMedium},
		{"no spread: a small of 4 stays small", sizeSmallMedium, 4, 0, sizeSmallMedium},
		{"full spread: ranges overlap, geometric mean 9.49", sizeMicro, 10, 1, sizeSmallMedium},
		{"full spread: below the geometric mean 94.9", sizeLarge, 90, 1, sizeSmallMedium},
	} {
		if got := resize(c.z, c.n, mean, c.spread); got != c.want {
			t.Errorf("%s: resize(%d, %d) = %d, want %d", c.name, c.z, c.n, got, c.want)
		}
	}
}

func TestDemographyKeepsTheBooks(t *testing.T) {
	t.Parallel()
	// With forced exits, demand growth and every lever: employers are
	// neither lost nor duplicated, each year's entries equal its exits, no
	// worker stays with an employer that left, the jobs of each sector
	// follow its demand, a closed levy account takes no more levy, and a
	// player's employer never exits.
	cfg := smallConfig(25, 8)
	cfg.Demography.ExitRate = 0.2
	cfg.Demography.DemandGrowth = 0.05
	allLevers(&cfg)
	r, err := New(&cfg, rand.NewPCG(3, 9))
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.employers)
	r.SetChoice(0, Choice{Upgrade: true})
	demand0 := make([]float64, len(r.sectors))
	for s := range r.sectors {
		demand0[s] = r.sectors[s].demandJobs
	}
	years, entries := 0, 0
	for !r.Done() {
		r.Step()
		checkInvariants(t, r, cfg.Population.Persons)
		if len(r.employers) != n {
			t.Fatalf("step %d: %d employers, want %d", r.step, len(r.employers), n)
		}
		if !r.yearTurns() {
			continue
		}
		years++
		for s := range r.sectors {
			st := &r.sectors[s]
			entries += st.entries
			want := demand0[s] * math.Pow(1.05, float64(years))
			if math.Abs(st.demandJobs-want) > 1e-6*want {
				t.Fatalf("year %d sector %d: demand %v, want %v", years, s, st.demandJobs, want)
			}
			var target, heads float64
			for i := range r.employers {
				if e := &r.employers[i]; int(e.sector) == s {
					target += float64(e.target)
					heads += float64(e.headcount)
				}
			}
			if math.Abs(target-st.demandJobs) > 1e-3*st.demandJobs || math.Abs(heads-st.demandJobs) > 0.05*st.demandJobs+5 {
				t.Errorf("year %d sector %d: targets %.1f and headcounts %.0f for a demand of %.1f", years, s, target, heads, st.demandJobs)
			}
		}
		total := 0
		for s := range r.sectors {
			total += r.sectors[s].entries - r.sectors[s].exits
		}
		if total != 0 {
			t.Errorf("year %d: entries and exits differ by %d", years, total)
		}
		for _, a := range r.levyAccounts {
			if a.employer < 0 && a.balance() != 0 {
				t.Errorf("year %d: a closed levy account holds %v", years, a.balance())
			}
		}
	}
	// One in five employers a year exits: expect about 0.2·n·8 entries.
	if want := 0.2 * float64(n) * 8; math.Abs(float64(entries)-want) > 0.25*want {
		t.Errorf("%d entries in 8 years, want about %.0f", entries, want)
	}
	if e := &r.employers[0]; !e.highSpec {
		t.Error("the player's employer was replaced or lost its strategy")
	}
}

func TestSelectionMovesJobsToTheMoreProfitable(t *testing.T) {
	t.Parallel()
	// Seeded, with strategies held fixed (no mistakes, an investment too
	// large to upgrade) and no exit shocks: at each of ten Januaries the
	// employers' expected margins (strategyProfit, ODD §7.16) are read,
	// then the yearly demography runs. With selection on, the jobs of the
	// employers that stay move to those with the higher margins: the
	// job-weighted mean margin of a sector's stayers rises (the replicator
	// raises it by χ·variance/mean) in at least 90% of the sector-years
	// whose margins differ; without selection it does not move. (The test
	// once asked that high-specification employers gain jobs; since their
	// premium is paid only on technical posts held by qualified workers,
	// κ, a high-specification employer short of technicians is not the
	// more profitable, and in this region the two strategies' mean margins
	// cross within the ten years.)
	moves := func(chi float64) (rose, years int, largest float64) {
		cfg := smallConfig(10, 10)
		cfg.SpinUpYears = 0
		cfg.Demography.SelectionSpeed = chi
		cfg.Demography.ExitRate = 0
		cfg.Initial.HighSpecShare = 0.5
		cfg.Behaviour.Noise = 0
		for i := range cfg.Sectors {
			cfg.Sectors[i].UpgradeInvestment = 1000
		}
		for rep := range 3 {
			r, err := New(&cfg, rand.NewPCG(8, uint64(rep)))
			if err != nil {
				t.Fatal(err)
			}
			nS := len(r.sectors)
			margin := make([]float64, len(r.employers))
			target := make([]float64, len(r.employers))
			sector := make([]uint8, len(r.employers))
			for range 10 {
				for range 12 / cfg.StepMonths {
					r.Step()
				}
				for i := range r.employers {
					e := &r.employers[i]
					p, o := r.strategyProfit(e, e.highSpec)
					margin[i], target[i], sector[i] = ratio(p, o), float64(e.target), e.sector
				}
				r.demography()
				// Stayers: a positive profit, in a sector with no exit
				// (an exit's slot goes to an entrant, possibly of the
				// same sector).
				before, after := make([][2]float64, nS), make([][2]float64, nS)
				lo, hi := make([]float64, nS), make([]float64, nS)
				for s := range nS {
					lo[s], hi[s] = math.Inf(1), math.Inf(-1)
				}
				for i := range r.employers {
					s := sector[i]
					if r.sectors[s].exits > 0 || margin[i] <= 0 {
						continue
					}
					lo[s], hi[s] = min(lo[s], margin[i]), max(hi[s], margin[i])
					before[s][0] += target[i] * margin[i]
					before[s][1] += target[i]
					after[s][0] += float64(r.employers[i].target) * margin[i]
					after[s][1] += float64(r.employers[i].target)
				}
				for s := range nS {
					if before[s][1] == 0 || after[s][1] == 0 || hi[s]-lo[s] < 1e-6 {
						continue
					}
					years++
					d := after[s][0]/after[s][1] - before[s][0]/before[s][1]
					largest = max(largest, math.Abs(d))
					if d > 0 {
						rose++
					}
				}
			}
		}
		return rose, years, largest
	}
	if rose, years, _ := moves(1); years < 30 || float64(rose) < 0.9*float64(years) {
		t.Errorf("with selection: the stayers' job-weighted mean margin rose in %d of %d sector-years, want at least 90%% of at least 30", rose, years)
	}
	if _, years, largest := moves(0); years < 30 || largest > 1e-9 {
		t.Errorf("without selection: the stayers' job-weighted mean margin moved by up to %.2g over %d sector-years, want no move", largest, years)
	}
}
