package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTrainingGainFallsWithPoachingAndQuits(t *testing.T) {
	t.Parallel()
	// Stevens: more local firms using the skill means a higher poaching
	// hazard and a lower return to training; Acemoglu–Pischke: a larger
	// worker share β leaves the employer less.
	base := trainingGain(0.5, 1000, 0.01+poachingHazard(0.3, 0.1)+0.02, 12000, 2000)
	for _, c := range []struct {
		name string
		got  float64
	}{
		{"more poaching", trainingGain(0.5, 1000, 0.01+poachingHazard(0.3, 0.9)+0.02, 12000, 2000)},
		{"higher quits", trainingGain(0.5, 1000, 0.03+poachingHazard(0.3, 0.1)+0.02, 12000, 2000)},
		{"larger worker share", trainingGain(0.7, 1000, 0.01+poachingHazard(0.3, 0.1)+0.02, 12000, 2000)},
		{"dearer training", trainingGain(0.5, 1000, 0.01+poachingHazard(0.3, 0.1)+0.02, 20000, 2000)},
	} {
		if c.got >= base {
			t.Errorf("%s: training gain %v, want below %v", c.name, c.got, base)
		}
	}
}

func TestCoproductionIsAStagHunt(t *testing.T) {
	t.Parallel()
	// Co-producing pays when trust passes (letDown+cost)/(R+letDown).
	reward, letDown, cost := 0.3, 0.2, 0.05
	threshold := (letDown + cost) / (reward + letDown)
	for _, c := range []struct {
		trust float64
		want  bool
	}{{0, false}, {threshold - 0.01, false}, {threshold + 0.01, true}, {1, true}} {
		if got := coproductionGain(c.trust, reward, letDown, cost) > 0; got != c.want {
			t.Errorf("trust %v: co-produce %v, want %v", c.trust, got, c.want)
		}
	}
}

func TestTrustFallsFasterThanItRises(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		trust float64
		good  bool
		want  float64
	}{
		{0.5, true, 0.5 + 0.15*0.5},
		{0.5, false, 0.5 - 0.45*0.5},
		{0, true, 0.15},
		{1, false, 0.55},
		{1, true, 1},
	} {
		if got := updateTrust(c.trust, c.good, 0.15, 0.45); !near(got, c.want) {
			t.Errorf("updateTrust(%v, %v) = %v, want %v", c.trust, c.good, got, c.want)
		}
	}
}

func TestEffortTarget(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x, threshold, outreach float64
		lo, hi                 float64
	}{
		{0, 0.05, 0, 0, 0.01},
		{0.2, 0.05, 0, 0.99, 1},
		{0.05, 0.05, 0, 0.5, 0.5},
		{0, 0.05, 0.8, 0.8, 0.8},
	} {
		if got := effortTarget(c.x, c.threshold, c.outreach); got < c.lo-1e-9 || got > c.hi+1e-9 {
			t.Errorf("effortTarget(%v, %v, %v) = %v, want in [%v, %v]", c.x, c.threshold, c.outreach, got, c.lo, c.hi)
		}
	}
}

func TestCurrencyDecaysWithoutContact(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		c, contact, want float64
	}{
		{0.5, 0, -0.15 * 0.5},
		{0.5, 1, 0.4*0.5 - 0.15*0.5},
		{0, 1, 0.4},
		{0.5, 3, 0.4*0.5 - 0.15*0.5}, // contact is capped at 1
	} {
		if got := currencyChange(c.c, c.contact, 0.4, 0.15); !near(got, c.want) {
			t.Errorf("currencyChange(%v, %v) = %v, want %v", c.c, c.contact, got, c.want)
		}
	}
}

func TestQualifies(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		p    person
		k    int
		s    uint8
		want bool
	}{
		{"anyone for a low job", person{level: LevelEntry}, JobLow, 0, true},
		{"vocational level 3 in the sector", person{level: Level3, sector: 1, flags: flagVocational}, JobIntermediate, 1, true},
		{"vocational level 3 in another sector", person{level: Level3, sector: 2, flags: flagVocational}, JobIntermediate, 1, false},
		{"academic level 3", person{level: Level3, sector: 1}, JobIntermediate, 1, false},
		{"a degree alone is not technical", person{level: Level4, sector: 1}, JobIntermediate, 1, false},
		{"a degree for a high job", person{level: Level4, sector: 3}, JobHigh, 1, true},
		{"level 3 for a high job", person{level: Level3, sector: 1, flags: flagVocational}, JobHigh, 1, false},
	} {
		if got := c.p.qualifies(c.k, c.s); got != c.want {
			t.Errorf("%s: qualifies = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	// Classify applies DefaultRegimeRule to one observation; the
	// intermediate job share, which routine decline moves on its own, does
	// not enter.
	obs := func(h, c, i float64) *Observation {
		var o Observation
		o.Region[HighSkillStrategyShare] = h
		o.Region[CoproductionShare] = c
		o.Region[IntermediateJobShare] = i
		return &o
	}
	g := DefaultRegimeRule
	up := min(1, g.CoproductionMinHighSkill+0.05) // an upgraded region's high-skill share
	for _, c := range []struct {
		h, c, i float64
		want    Regime
	}{
		{0.05, 0.01, 0.22, LowSkills},
		{g.LowSkillsMaxHighSkill - 0.01, g.LowSkillsMaxTies - 0.01, 0.40, LowSkills},
		{up, 0.60, 0.33, Coproduction},
		{g.CoproductionMinHighSkill, g.CoproductionMinTies, 0.28, Coproduction},
		{up, 0.60, 0.05, Coproduction}, // hollowed-out middle: the drift alone does not change the regime
		{up, 0.05, 0.35, Transitional}, // upgraded but transactional
		{0.10, 0.50, 0.22, Transitional},
		{g.LowSkillsMaxHighSkill, 0.01, 0.25, Transitional},
	} {
		if got := Classify(obs(c.h, c.c, c.i)); got != c.want {
			t.Errorf("Classify(h=%v, c=%v, i=%v) = %v, want %v", c.h, c.c, c.i, got, c.want)
		}
	}
}

func TestNoiseIsACoinFlip(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Behaviour.Noise = 1
	src := rand.NewPCG(3, 4)
	r := &Region{cfg: &cfg, src: src, rng: rand.New(src)}
	n, yes := 20000, 0
	for range n {
		if r.choose(1e6, 0.01) { // overwhelmingly good, but every choice is a mistake
			yes++
		}
	}
	if share := float64(yes) / float64(n); math.Abs(share-0.5) > 0.02 {
		t.Errorf("with noise 1 a sure choice is taken %v of the time, want 0.5", share)
	}
	cfg.Behaviour.Noise = 0
	for range 1000 {
		if !r.choose(1e6, 0.01) {
			t.Fatal("with noise 0 a sure choice was refused")
		}
	}
}

func TestMonthText(t *testing.T) {
	t.Parallel()
	var m Month
	if err := m.UnmarshalText([]byte("2017-04")); err != nil || m != MonthOf(2017, 4) || m.String() != "2017-04" {
		t.Errorf("2017-04 read as %v, %v", m, err)
	}
	for _, bad := range []string{"2017-13", "2017-4", "17-04", "abcd-01", "2017/04"} {
		if err := m.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestStepProbability(t *testing.T) {
	t.Parallel()
	// The per-step probability of a constant hazard: 1 − (1 − p)^dt,
	// against math.Pow, with the edges.
	for _, c := range []struct{ annual, dt float64 }{
		{0, 1.0 / 12}, {0.01, 1.0 / 12}, {0.15, 1.0 / 12}, {0.5, 0.25}, {0.99, 1.0 / 12}, {1, 1.0 / 12}, {0.3, 1},
	} {
		want := 1 - math.Pow(1-c.annual, c.dt)
		if got := stepProbability(c.annual, c.dt); math.Abs(got-want) > 1e-14 {
			t.Errorf("stepProbability(%v, %v) = %v, want %v", c.annual, c.dt, got, want)
		}
	}
	if got := stepProbability(-0.2, 1.0/12); got != 0 {
		t.Errorf("a negative annual probability gives %v, want 0", got)
	}
	for _, n := range []int{0, 1, 3, 7} {
		if got, want := powInt(0.83, n), math.Pow(0.83, float64(n)); math.Abs(got-want) > 1e-15 {
			t.Errorf("powInt(0.83, %d) = %v, want %v", n, got, want)
		}
	}
}
