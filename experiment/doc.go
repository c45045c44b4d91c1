// Package experiment reads experiment files and runs their designs: it
// varies parameters of a base scenario over the points of a design, runs
// every point with replications and reports each run as it finishes. It
// is the engine under skillsim sweep; docs/experiments.md is the user's
// manual and the contract this package implements.
//
// Parse does no I/O: it takes the file's bytes and a loader for the base
// scenario; Execute hands each finished run to a callback, and AppendRow
// formats a runs.csv line. Load reads a file, or one of the example
// experiments shipped in examples/ by name (Shipped lists them), and
// Check validates a scenario or experiment file, told apart by content
// (IsExperiment), without running it.
//
// # The experiment file
//
//	name: network-basin       # names out/<name>/ (default: the file name without .yaml)
//	base: baseline            # a shipped scenario's name, or a file relative to this one
//	seed: 1                   # master seed (default: the base scenario's)
//	replications: 10          # per design point (default: the base scenario's)
//	common_random_numbers: false  # true: replication r of every point draws from stream r
//	design:
//	  method: grid            # grid (default) | lhs | sobol | morris | hysteresis
//	  points: 64              # lhs: sample size (100); sobol: base sample N (64); morris: trajectories (10)
//	  levels: 5               # grid: levels of each range (5); morris: grid levels, even (4)
//	  seed: 7                 # the design's random numbers (default: the master seed)
//	parameters:
//	  - path: policies.network.budget
//	    range: [0, 2000000]   # low < high; on a grid spread over levels (its own levels: overrides)
//	  - path: initial.high_spec_share
//	    values: [0.1, 0.3, 0.5]   # grid only
//	  - name: package_size    # a linked parameter: one factor moving several fields
//	    range: [0, 1]
//	    link:                 # each field's value at the factor's low and high end
//	      - {path: policies.network.budget, range: [0, 2000000]}
//	      - {path: policies.devolution.coordination, range: [0, 0.4]}
//	outputs: [coproduction_share] # metrics analysed (default: all, in model.MetricNames order)
//	timeseries: false
//	hysteresis:               # method hysteresis only, which takes no parameters:
//	  path: policies.network.budget
//	  values: [0, 250000, 500000, 1000000]
//	  years: 10               # a whole number of steps
//	base_scenario: {...}      # the base scenario inline (experiment.resolved.yaml)
//
// Unknown keys, keys given twice and keys the method does not use are
// errors. Parse reports every problem as a scenarios.ErrorList located at
// file:line:col with the field's path. Resolved writes the experiment back
// with every default filled in and the base scenario in full under
// base_scenario:; Parse of that gives an equal Experiment without loading
// anything.
//
// # Parameter paths
//
// A path names one numeric field of the scenario schema (docs/scenarios.md)
// by its YAML keys joined with dots, with the elements of sectors and
// colleges by name: sectors.social_care.quit_rate, colleges.newham.outreach,
// labour_market.migrant_access.low, behaviour.noise, policies.levy.rate,
// population.persons. The scenarios package owns the walk of the schema:
// scenarios.Paths lists them all for a scenario and scenarios.SetPath sets
// one. Months, names, schedules, mergers, seed and replications are not
// parameters. A lever the base scenario leaves off is switched on with its
// real rules (scenarios.SwitchOn) before its field is set. A lever's
// switch, policies.<lever>.in_force (scenarios.InForce), switches it off
// at 0 and on otherwise; Config sets switches after every other field, so
// that a point with a lever switched off has none. Whole-number
// fields (population.persons, colleges.X.places, policies.levy.expiry_months,
// ...) take values rounded to the nearest whole number, halves away from
// zero, and the design points hold the rounded values. An unknown path is
// an error listing the five nearest valid paths by edit distance.
//
// # Designs and point layouts
//
// Points[p][j] is the value of Params[j] at design point p. With k
// parameters:
//
//   - grid: the full factorial of the parameters' values (values given,
//     or levels evenly spaced from low to high, ends included), the first
//     parameter varying slowest: point p has parameter j at index
//     (p / ∏_{l>j} n_l) mod n_j of its values.
//   - lhs: points points, one in each of the points equal strata of every
//     parameter's range (LatinHypercube), scaled to the ranges.
//   - sobol: N·(k+2) points for N = design.points, in blocks of N rows:
//     point p = block·N + row (SobolPoint), with block 0 = A, 1 = B and
//     2+i = A_B^i, A with column i from B. A and B are the two halves of
//     a 2k-dimensional Sobol' low-discrepancy sequence with Joe and Kuo's
//     direction numbers (Saltelli; SobolSequence), so f(A)[row] is point
//     row, f(B)[row] is point N+row and f(A_B^i)[row] is point
//     (2+i)·N+row. N a power of two keeps A and B balanced; k is at most
//     MaxSobolDims/2 = 20.
//   - morris: points trajectories of k+1 points each on a levels-level
//     grid, step Δ = levels/(2(levels−1)) of the range (MorrisTrajectories),
//     trajectory t holding points t·(k+1) … t·(k+1)+k. Consecutive points of
//     a trajectory differ in exactly one parameter; MorrisStep(p) says
//     which, and by how much.
//   - hysteresis: 2n−1 points for the n lever values: the values in order
//     (phase "up", the top value included) then back down without the top
//     (phase "down"). Params holds the one lever.
//
// The random designs (lhs, morris) draw from DesignRand(DesignSeed), the
// PCG stream (DesignSeed, 1<<63), which no run uses; a sobol design is
// deterministic and ignores design.seed.
//
// # Runs and seeds
//
// Runs are numbered run = point·Replications + rep, so that a point's
// replications are consecutive. Run i draws every random number from
// rand.NewPCG(S, i) for the master seed S (sim.Source(S, i)), so its result depends on nothing but the experiment
// and i: not on the number of workers or shards, nor on which other runs
// ran. Any run can be replayed alone from Config(point) and (S, i). With
// common_random_numbers: true run i draws from (S, rep) instead, so that
// replication rep of every point shares its random numbers (Stream).
//
// Hysteresis numbers its runs run = rep·(2n−1) + step, one per replication
// and lever step, so a replication's steps are consecutive. A replication
// is one continuing run: the region is built from the first step's
// scenario and, at each later step, reconfigured (model.Region.Reconfigure)
// to that step's scenario and stepped on for years more. It draws from the
// stream of its first run, (S, rep·(2n−1)), which every one of its rows
// records as its seed (Stream). The lever's policy block, when the path
// lies under one, is in force for the whole run.
//
// # Output
//
// Header and AppendRow give runs.csv (docs/experiments.md): run, point,
// rep, seed as S:stream, the point's values (hysteresis: the lever's value
// and its phase), the regime, every final metric in model.MetricNames()
// order with 8 significant digits, and the error. This package owns the
// format: HeaderLine gives the header line, ReadRuns reads a whole file
// back, ParseRunIndex reads the run index back from a line, rejecting a
// half-written one, for resuming from a journal, and RowRun, RowFailed and
// RowRegime read one column of a line without parsing it all, for
// merging and counting.
package experiment
