package sim

// The files of a run's directory (skillsim run) and of a comparison's
// (skillsim compare), as the writers of this package fill them and its
// readers read them.
const (
	// FileTimeseries holds WriteTimeseries (a run) or
	// WriteCompareTimeseries (a comparison).
	FileTimeseries = "timeseries.csv"
	// FileSectors holds WriteSectors.
	FileSectors = "sectors.csv"
	// FileColleges holds WriteColleges.
	FileColleges = "colleges.csv"
	// FileGroups holds WriteEmployerGroups.
	FileGroups = "employer_groups.csv"
	// FileSummary holds WriteSummary.
	FileSummary = "summary.json"
	// FileResolved holds the scenario of a run as run.
	FileResolved = "scenario.resolved.yaml"
	// FileCompare holds WriteCompareCSV.
	FileCompare = "compare.csv"
	// ResolvedSuffix ends the name of each scenario of a comparison as
	// run: <name>.resolved.yaml.
	ResolvedSuffix = ".resolved.yaml"
)
