package model

import (
	"math/rand/v2"
	"testing"
)

// complementRegion is a small seeded region, not spun up, for the tests of
// the strategy's complementarities.
func complementRegion(t *testing.T) *Region {
	t.Helper()
	cfg := smallConfig(10, 1)
	cfg.SpinUpYears = 0
	r, err := New(&cfg, rand.NewPCG(3, 1))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPremiumNeedsQualifiedStaff(t *testing.T) {
	t.Parallel()
	r := complementRegion(t)
	for s := range r.cfg.Sectors {
		sc := &r.cfg.Sectors[s]
		for k := JobIntermediate; k <= JobHigh; k++ {
			plain, high := r.output(uint8(s), k, false, false), r.output(uint8(s), k, false, true)
			if plain != high {
				t.Errorf("sector %d level %d: an under-qualified worker produces %v on high specification, %v on low; want no premium", s, k, high, plain)
			}
			q, qh := r.output(uint8(s), k, true, false), r.output(uint8(s), k, true, true)
			if want := q * (1 + sc.HighSpecPremium); !close9(qh, want) {
				t.Errorf("sector %d level %d: a qualified worker produces %v on high specification, want %v", s, k, qh, want)
			}
		}
	}
}

func TestStrategyGainRisesWithRecognisedSkill(t *testing.T) {
	t.Parallel()
	// The same employer, the same region: the expected gain of upgrading
	// rises with the currency of the curriculum that recognises the
	// technicians it would train (§7.8, §7.13), and the staffing
	// investment falls as the supply of technical skill it expects rises
	// (Snower 1994).
	r := complementRegion(t)
	for _, s := range []int{0, 3} {
		var e *employer
		for i := range r.employers {
			if int(r.employers[i].sector) == s && r.employers[i].tie == tieTransactional {
				e = &r.employers[i]
				break
			}
		}
		if e == nil {
			t.Fatalf("sector %d: no employer with a transactional tie", s)
		}
		st := &r.sectors[s]
		st.tightnessEMA = 1
		st.supplyEMA = 0.1
		var gains []float64
		for _, cur := range []float64{0.1, 0.3, 0.6, 0.9} {
			r.colleges[e.college].currency[s] = cur
			hi, _, _ := r.strategyValue(e, true)
			lo, _, _ := r.strategyValue(e, false)
			gains = append(gains, (hi-lo)/r.cfg.Sectors[s].Productivity)
		}
		for i := 1; i < len(gains); i++ {
			if gains[i] < gains[i-1] {
				t.Errorf("sector %d: gain %v falls as currency rises (0.1, 0.3, 0.6, 0.9)", s, gains)
				break
			}
		}
		if gains[3]-gains[0] < 0.05 {
			t.Errorf("sector %d: gain moves only %.3f of a month's output between currencies 0.1 and 0.9", s, gains[3]-gains[0])
		}
		var invest []float64
		for _, q := range []float64{0.05, 0.2, 0.4, 0.8} {
			st.supplyEMA = q
			invest = append(invest, r.staffingInvestment(e))
		}
		for i := 1; i < len(invest); i++ {
			if invest[i] >= invest[i-1] {
				t.Errorf("sector %d: staffing investment %v does not fall with supply (0.05, 0.2, 0.4, 0.8)", s, invest)
				break
			}
		}
	}
}

func TestProviderCurrency(t *testing.T) {
	t.Parallel()
	r := complementRegion(t)
	for c := range r.colleges {
		r.colleges[c].currency[1] = 0.2 * float64(c+1)
	}
	e := &employer{sector: 1, tie: tieTransactional, college: 1}
	if got := r.providerCurrency(e); !close9(got, 0.4) {
		t.Errorf("tied to college 1: currency %v, want 0.4", got)
	}
	e.tie = tieNone
	var sum float64
	n := 0
	for c := range r.colleges {
		sum += r.colleges[c].currency[1]
		n++
	}
	if got := r.providerCurrency(e); !close9(got, sum/float64(n)) {
		t.Errorf("untied: currency %v, want the mean %v", got, sum/float64(n))
	}
	if len(r.colleges) > 1 {
		r.colleges[0].merged = true
		want := (sum - r.colleges[0].currency[1]) / float64(n-1)
		if got := r.providerCurrency(e); !close9(got, want) {
			t.Errorf("untied, college 0 merged: currency %v, want %v", got, want)
		}
	}
	// The qualifying chance is the pass times the recognition.
	e.tie = tieTransactional
	if got, want := r.qualifyingChance(e), r.cfg.Behaviour.Training.Pass*0.4; !close9(got, want) {
		t.Errorf("qualifying chance %v, want pass·currency %v", got, want)
	}
}

func TestTrainingAtWorkIsRecognisedByCurrency(t *testing.T) {
	t.Parallel()
	// Seeded: a trainee who passes gets a recognised technical
	// qualification with the provider's currency as chance.
	r := complementRegion(t)
	r.cfg.Behaviour.Training.Pass = 1
	var e *employer
	for i := range r.employers {
		if r.employers[i].tie != tieNone {
			e = &r.employers[i]
			break
		}
	}
	if e == nil {
		t.Fatal("no tied employer")
	}
	for _, cur := range []float64{0, 0.3, 1} {
		r.colleges[e.college].currency[e.sector] = cur
		rec := 0
		const n = 4000
		for range n {
			p := person{employer: -1, level: Level2, target: Level3, jobLevel: JobLow}
			p.flags |= flagTraining
			e.trainees++
			r.finishTraining(&p, e)
			if p.flags&flagVocational != 0 {
				rec++
			}
		}
		got := float64(rec) / n
		if d := got - cur; d > 0.03 || d < -0.03 {
			t.Errorf("currency %v: %.3f of passes recognised", cur, got)
		}
	}
}

func close9(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
