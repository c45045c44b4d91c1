package scenarios

import (
	"errors"
	"strings"
	"testing"

	"skillsim/model"
)

func TestGetPathReadsWhatSetPathWrites(t *testing.T) {
	def := model.DefaultConfig()
	cfg := &def
	for _, c := range []struct {
		path string
		v    float64
	}{
		{"sectors.rest.quit_rate", 0.07},
		{"labour_market.matching.acceptance_exponent", 2.5},
		{"policies.levy.relabelling", 0.2}, // switches the levy on
		{"population.persons", 1234},
	} {
		if err := SetPath(cfg, c.path, c.v); err != nil {
			t.Fatal(err)
		}
		got, err := GetPath(cfg, c.path)
		if err != nil || got != c.v {
			t.Errorf("GetPath(%s) = %v, %v after SetPath %v", c.path, got, err, c.v)
		}
	}
	if on, err := GetPath(cfg, "policies.levy.in_force"); err != nil || on != 1 {
		t.Errorf("the levy's switch reads %v, %v; want 1 once a levy field is set", on, err)
	}
	if off, err := GetPath(cfg, "policies.network.in_force"); err != nil || off != 0 {
		t.Errorf("the network's switch reads %v, %v; want 0 (not in force)", off, err)
	}
	if _, err := GetPath(cfg, "policies.network.budget"); err == nil {
		t.Error("a field of a lever not in force read without an error")
	}
	var pe *PathError
	if _, err := GetPath(cfg, "sectors.rest.quit_rat"); !errors.As(err, &pe) {
		t.Errorf("an unknown path gave %v, want a *PathError", err)
	}
}

func TestScheduleEntryPaths(t *testing.T) {
	base, err := Embedded("baseline")
	if err != nil {
		t.Fatal(err)
	}
	const p = "policies.levy.non_levy_funding.2017-05"
	cfg := Clone(base)
	if err := SetPath(cfg, p, 0.7); err != nil {
		t.Fatal(err)
	}
	if got, err := GetPath(cfg, p); err != nil || got != 0.7 {
		t.Errorf("GetPath(%s) = %v, %v after SetPath 0.7", p, got, err)
	}
	if got := cfg.Policies.Levy.NonLevyFunding.At(model.MonthOf(2018, 1), 1); got != 0.7 {
		t.Errorf("the levy's non-levy funding in January 2018 is %v, want 0.7", got)
	}
	// Clone copies the schedule: the original keeps its entry.
	if got, _ := GetPath(base, p); got == 0.7 {
		t.Error("setting a schedule's entry on a Clone changed the original")
	}
	for _, c := range []struct{ path, want string }{
		{"policies.levy.non_levy_funding.2018-05", "its entries start 2017-05"},
		{"policies.levy.non_levy_funding", "named by its month"},
		{"policies.levy.non_levy_funding.2017-05.value", "named by its month"},
	} {
		err := CheckPath(base, c.path)
		var pe *PathError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CheckPath(%s) = %v, want a *PathError saying %q", c.path, err, c.want)
		}
	}
	// A lever off: its entries are the real rules', and setting one
	// switches the lever on.
	def := model.DefaultConfig()
	off := &def
	if err := CheckPath(off, p); err != nil {
		t.Errorf("CheckPath on a region without a levy: %v", err)
	}
	if err := SetPath(off, p, 0.5); err != nil || off.Policies.Levy == nil || off.Policies.Levy.NonLevyFunding[0].Value != 0.5 {
		t.Errorf("SetPath on a region without a levy: %v", err)
	}
}
