package sim

import (
	"context"
	"errors"
	"strings"
	"testing"

	"skillsim/model"
)

// TestPanicIsAnError checks that a replication that panics (here a
// Config no one validated, with a negative population) is returned as a
// PanicError with its stack rather than ending the process.
func TestPanicIsAnError(t *testing.T) {
	cfg := model.DefaultConfig()
	cfg.Population.Persons = -1
	other := cfg
	other.Name = "other"
	for _, run := range []func() error{
		func() error { _, err := Run(context.Background(), &cfg, Options{Reps: 2, Workers: 2}); return err },
		func() error {
			_, err := Compare(context.Background(), []*model.Config{&cfg, &other}, Options{Reps: 1, Workers: 1})
			return err
		},
	} {
		err := run()
		var pe *PanicError
		if !errors.As(err, &pe) || !strings.Contains(string(pe.Stack), "goroutine ") || !strings.Contains(err.Error(), "internal error: panic") {
			t.Errorf("error %v (%T), want a PanicError with a stack", err, err)
		}
	}
}
