// Package report gathers the results of skillsim's commands — runs,
// comparisons, experiments and calibrations — into one report: a self-contained HTML
// file (every figure a data: URI) or Markdown with its figures beside it.
//
// Each directory is read by the files it holds, with the readers of the
// packages that write them (sim for a run's and a comparison's files,
// sweep and analysis for an experiment's, calibrate.ReadResults for a
// calibration's), after checking every file
// against the directory's manifest: a directory whose files do not match
// (a run cut short while it was written, a file edited since) is refused
// with a *DirError rather than reported as a mix of two runs. A section
// holds the question each scenario answers, the regime shares, the
// figures the command drew in the order of their figures.json, the final
// indicators with their intervals, and the provenance: the resolved
// scenarios or experiment, the seeds and the skillsim version.
package report
