// Package sim is the experiment engine of skillsim: it runs replications of
// a scenario in parallel, summarises them across replications and writes the
// results.
//
// # Replications and seeds
//
// A run has a master seed S (model.Config.Seed). Replication r draws every
// random number from its own stream,
//
//	rand.NewPCG(S, uint64(r))
//
// made by Source. Output files record that pair as "seed": [S, r] (RepSeed),
// so any single replication can be replayed by building model.New(cfg,
// Source(S, r)) and stepping it: its result does not depend on how many
// other replications ran, on how many workers ran them, or in what order.
//
// Run builds each replication with model.New, observes it at step 0 and
// after every Step until Done, and stores replication r's observations at
// Result.Reps[r], so the output never depends on scheduling.
//
// # Summaries
//
// Summarize gives, for each regional indicator, the mean over replications
// of its final value and the 95% confidence interval of that mean,
//
//	mean ± t(0.975, n−1) · s / √n,
//
// where s is the sample standard deviation of the n final values and t the
// Student t quantile. With a single replication the interval collapses to
// the mean (no spread can be estimated); it is never NaN for finite data.
// It also gives the share of replications ending in each regime
// (model.Classify of the final observation); all three regimes are always
// listed, with 0 for a regime no replication reached.
//
// # Comparisons
//
// Compare runs two or more scenarios with common random numbers: every
// scenario uses the first one's master seed (and Options.Reps replications,
// by default the first one's), so replication r of each draws from
// Stream(S, r) and the scenarios differ only in their parameters. The
// Comparison holds each scenario's Result and Summary and, for every
// regional indicator, the mean paired difference from the first scenario,
//
//	d_r = final_k,r − final_0,r,
//
// with its 95% Student-t interval (MeanCI95 of the d_r). WriteCompareCSV
// and WriteCompareReport write it; the skillsim compare command is built on
// them, as skillsim run is on Run and skillsim patterns (package patterns)
// is on Run and the observations it returns.
//
// # Output
//
// WriteTimeseries, WriteSectors, WriteColleges, WriteEmployerGroups,
// WriteSummary and WriteReport write a Result to an io.Writer, and
// WriteCompareCSV and WriteCompareTimeseries a Comparison; the package
// reads back what it writes (ReadTimeseries, ReadSectors, ReadColleges,
// ReadEmployerGroups, ReadSummary,
// ReadCompareCSV), so no other package parses these files by hand. The
// files' names are FileTimeseries and the other File constants. The
// employer groups are surveyed once a year at SurveyMonth
// (Options.SurveyEveryStep: after every step), with turnover counted over
// the year to the survey. The package does no I/O of its own: it opens no
// files and reads no environment. Numbers are written as package number
// writes them, with 8 significant digits (an undefined value an empty
// cell, or null in JSON), so that files are byte-identical across worker
// counts and easy to compare across machines. Headline lists the headline
// indicators, for every summary and figure.
package sim

// Version is the skillsim version recorded in summary.json.
const Version = "0.1.0-dev"
