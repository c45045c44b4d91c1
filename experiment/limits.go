package experiment

// The bounds on an experiment's size, checked by Parse before anything
// runs, so that no file can ask a sweep for more memory than a workstation
// has: a sweep keeps 8 bytes per run (16 with time series) for the offsets
// of its journal, and the design table holds 8 bytes per point and
// parameter.
const (
	// MaxRuns is the most runs (design points × replications) an
	// experiment may have: 80 MB of offsets.
	MaxRuns = 10_000_000
	// MaxPointValues is the most values the design table may hold
	// (points × parameters): 80 MB.
	MaxPointValues = 10_000_000
)

// checkSize reports, before the design is built, an experiment with more
// than MaxRuns runs or MaxPointValues values in its design table.
func (p *parser) checkSize(top map[string]entry, e *Experiment) bool {
	points := e.numPoints()
	ok := true
	if runs := points * float64(e.Replications); runs > MaxRuns {
		at, field := p.root, "design"
		if en, has := top["replications"]; has {
			at, field = en.val, "replications"
		}
		p.errorf(at, field, "%s points × %d replications make %s runs, more than the %d allowed; use fewer points or replications, or split the experiment",
			countText(points), e.Replications, countText(runs), MaxRuns)
		ok = false
	}
	if cells := points * float64(len(e.Params)); cells > MaxPointValues {
		at := p.root
		if en, has := top["parameters"]; has {
			at = en.key
		}
		p.errorf(at, "parameters", "%s points × %d parameters make a design table of %s values, more than the %d allowed; use fewer points or parameters",
			countText(points), len(e.Params), countText(cells), MaxPointValues)
		ok = false
	}
	return ok
}
