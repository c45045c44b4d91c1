// Package analysis turns the runs of an experiment into the analyses of
// docs/experiments.md: variance-based (Sobol) and elementary-effects
// (Morris) sensitivity indices, basins of attraction over two parameters,
// the tipping point of one parameter, the two branches of a hysteresis
// loop, and PRIM boxes for scenario discovery. The experiment package owns
// runs.csv: experiment.ReadRuns parses it.
//
// Every function is pure: inputs are plain slices, there is no file or OS
// access, and randomness (the bootstrap) comes only from the *rand.Rand the
// caller passes in, so an analysis is reproducible from its seed. Failed
// runs are the caller's to drop (experiment.Runs.Valid); functions that take model
// outputs also skip non-finite values, as documented on each.
//
// # Output
//
// Every result type has a Write…CSV function and is its own JSON form
// (exported fields with json tags, for encoding/json). In CSV every number
// is written with strconv 'g' and 8 significant digits, and a value that is
// undefined (NaN) is an empty cell; in JSON it is null. Result types are
// NaN-free wherever the estimate is always defined (a zero variance gives
// zero indices and a flag, not 0/0).
//
// # Sources
//
//   - Sobol indices: I. M. Sobol' (1993), Sensitivity estimates for
//     nonlinear mathematical models, Math. Modeling Comput. Experiment 1,
//     407–414; the sampling scheme and first-order estimator of A. Saltelli,
//     P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola (2010),
//     Variance based sensitivity analysis of model output. Design and
//     estimator for the total sensitivity index, Comput. Phys. Commun. 181,
//     259–270 (table 2, estimators (b) and (f)); the total-order estimator
//     of M. J. W. Jansen (1999), Analysis of variance designs for model
//     output, Comput. Phys. Commun. 117, 35–43. The Ishigami test function:
//     T. Ishigami and T. Homma (1990), An importance quantification
//     technique in uncertainty analysis for computer models, Proc. ISUMA '90,
//     398–403.
//   - Elementary effects: M. D. Morris (1991), Factorial sampling plans for
//     preliminary computational experiments, Technometrics 33, 161–174; μ*
//     from F. Campolongo, J. Cariboni and A. Saltelli (2007), An effective
//     screening design for sensitivity analysis of large models, Environ.
//     Model. Softw. 22, 1509–1518.
//   - Proportions: E. B. Wilson (1927), Probable inference, the law of
//     succession, and statistical inference, J. Am. Stat. Assoc. 22,
//     209–212.
//   - Bootstrap percentile intervals: B. Efron and R. J. Tibshirani (1993),
//     An Introduction to the Bootstrap, Chapman & Hall, ch. 13.
//   - PRIM: J. H. Friedman and N. I. Fisher (1999), Bump hunting in
//     high-dimensional data, Stat. Comput. 9, 123–143; as used for scenario
//     discovery by B. P. Bryant and R. J. Lempert (2010), Thinking inside the
//     box, Technol. Forecast. Soc. Change 77, 34–49, and implemented in the
//     EMA Workbench (J. H. Kwakkel (2017), The Exploratory Modeling
//     Workbench, Environ. Model. Softw. 96, 239–250), whose peeling rule,
//     quantiles and default objective this package follows.
package analysis
