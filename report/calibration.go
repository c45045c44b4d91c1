package report

import (
	"path/filepath"
	"strconv"

	"skillsim/calibrate"
)

// readCalibrationSection reads the results of a calibration (skillsim
// calibrate): its summary, the posterior, fitted vs predicted with every
// miss named, the conclusions across the posterior and its figures.
func readCalibrationSection(dir string) (*section, error) {
	res, err := calibrate.ReadResults(dir)
	if err != nil {
		return nil, err
	}
	s := &section{Kind: "calibration", Title: "Calibration " + res.Name}
	s.Summary = []string{res.Summary(), res.MissLine()}
	s.Tables = append(s.Tables, tableOf(res.PosteriorTable()), tableOf(res.PredictiveTable()))
	if t, ok := res.ConclusionsTable(); ok {
		s.Tables = append(s.Tables, tableOf(t))
	} else {
		s.Notes = append(s.Notes, "No conclusions across the posterior yet: "+calibrate.ConclusionsCommand(res.Name, dir)+" answers them.")
	}
	if err := s.readFigures(filepath.Join(dir, calibrate.DirFigures),
		"The directory holds no figures (calibrated with -plots=false, or a copy of the small result files only)."); err != nil {
		return nil, err
	}
	s.Provenance = []fact{
		{"calibration", res.Name},
		{"results made by", "skillsim " + res.Version},
		{"simulations", strconv.Itoa(res.Simulations())},
		{"generations", strconv.Itoa(len(res.Generations))},
		{"directory", dir},
	}
	return s, nil
}

// tableOf converts a calibration's table.
func tableOf(t calibrate.Table) table { return table(t) }
