package calibrate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestStoredResultsAreOfTheShippedInputs checks that the England results
// stored in results/england were computed from the shipped calibration:
// its priors, method and targets, and the base scenario with every model
// default as it is now, except the calibrated values, whose defaults are
// the posterior medians (inputSum). A change to any other default of the
// region, to a lever of the baseline or to a target leaves the stored
// posterior describing another model; the test then fails until the
// calibration is run again and its results stored (docs/calibration.md).
// A change to the model's code that no default shows is not seen here:
// results/england/model-note.md records which model the results are of.
func TestStoredResultsAreOfTheShippedInputs(t *testing.T) {
	c, err := Load("england")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("results", "england", FileState))
	if err != nil {
		t.Fatal(err)
	}
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	if st.SHA256 != c.sum {
		t.Errorf("results/england was computed from inputs with SHA-256 %s; the shipped calibration and its base are now %s: a default of the region, a lever of the baseline, a target or a prior changed since — run skillsim calibrate england again and store its results (docs/calibration.md)", st.SHA256, c.sum)
	}
}
