package scenarios

import (
	"errors"
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
