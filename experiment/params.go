package experiment

import (
	"gopkg.in/yaml.v3"

	"skillsim/model"
)

// ParseParameters reads the parameters: list of a file of another kind (a
// calibration file, package calibrate) as an lhs experiment reads its
// own: each parameter a path, or a name with link:, and a range, the
// paths checked against base (which may be nil when the base could not be
// read). val is the list's node in a document read by scenarios.Document
// or scenarios.Decode; problems are reported as a scenarios.ErrorList at
// file:line:col with the field's path (parameters[i]...).
func ParseParameters(file string, val *yaml.Node, base *model.Config) ([]Param, error) {
	p := &parser{file: file, root: val}
	e := &Experiment{Method: LHS, Base: base}
	ok := p.params(map[string]entry{"parameters": {key: val, val: val}}, e)
	if !ok || len(p.errs) > 0 {
		if len(p.errs) == 0 {
			p.errorf(val, "parameters", "not a list of parameters")
		}
		return nil, p.errs
	}
	return e.Params, nil
}

// ForPoints returns an experiment that runs the given points of params on
// base with master seed seed, one replication each: its Config(p) builds
// point p's scenario as a sweep's would (scenarios.SetPath, whole numbers
// rounded by the caller, switches last, validated).
func ForPoints(base *model.Config, seed uint64, params []Param, points [][]float64) *Experiment {
	return &Experiment{Name: "points", Method: LHS, Seed: seed, Replications: 1, Base: base, Params: params, Points: points,
		Outputs: model.MetricNames()}
}
