package model

import (
	"math/rand/v2"
	"testing"
)

// TestSetChoice checks that a player's choice holds through the
// employer's yearly revisions, that the same choices give the same run,
// and that Release hands the employer back.
func TestSetChoice(t *testing.T) {
	t.Parallel()
	run := func(choose bool) (*Region, []EmployerView) {
		cfg := DefaultConfig()
		cfg.Population.Persons = 3000
		r, err := New(&cfg, rand.NewPCG(1, 1))
		if err != nil {
			t.Fatal(err)
		}
		if choose {
			r.SetChoice(3, Choice{Coproduce: true, Upgrade: true, Train: true})
			r.SetChoice(5, Choice{})
		}
		for range 30 {
			r.Step()
		}
		return r, r.EmployerViews([]int{3, 5})
	}
	r, v := run(true)
	if a := v[0]; a.Tie != "co-production" || !a.HighSpec || !a.Trains || !a.Player || a.College < 0 {
		t.Errorf("employer 3 after 30 months of co-produce, upgrade, train: %+v", a)
	}
	if b := v[1]; b.Tie == "co-production" || b.HighSpec || b.Trains || !b.Player {
		t.Errorf("employer 5 after 30 months of no, no, no: %+v", b)
	}
	if v[0].Jobs <= 0 || v[0].Jobs < v[0].Vacancies {
		t.Errorf("employer 3 has %d jobs and %d vacancies", v[0].Jobs, v[0].Vacancies)
	}
	_, again := run(true)
	if again[0] != v[0] || again[1] != v[1] {
		t.Errorf("the same choices gave two runs: %+v, %+v", v, again)
	}
	cv := r.CollegeViews()
	if len(cv) == 0 || cv[0].Name == "" || len(cv[0].Currency) != len(r.cfg.Sectors) || cv[0].Places <= 0 {
		t.Errorf("college views: %+v", cv)
	}
	r.Release(3)
	if r.EmployerViews([]int{3})[0].Player {
		t.Errorf("employer 3 is still a player's after Release")
	}
}
