// Package calibrate fits a scenario's parameters to pattern statistics
// (package patterns) by Approximate Bayesian Computation with sequential
// Monte Carlo, and reports the posterior, the posterior predictive of
// every statistic, fitted and held out, and figures. docs/calibration.md
// is the user's manual: the calibration file, the method and its
// settings, the output directory and how to run it on a cluster.
//
// # The method
//
// The sampler is the adaptive ABC-SMC of Del Moral, Doucet & Jasra
// (2012) with the random-walk kernel of Beaumont et al. (2009). With N
// particles, each of parameters θ, simulated statistics s and distance
// d(s) (Distance):
//
//   - generation 0 draws N particles from the uniform prior and
//     simulates each;
//   - generation g ≥ 1 sets the tolerance ε_g to the α-quantile of the
//     current distances; the particles within ε_g keep weight 1, the
//     others get 0, and N particles are resampled from those within;
//     each is moved by one Metropolis–Hastings step: a proposal θ' =
//     θ + L·z, z ~ N(0, I), L·Lᵀ = KernelScale (by default 2.38²/d for
//     d parameters) × the covariance of the particles within ε_g,
//     simulated and accepted when d(s') ≤ ε_g (the
//     prior is uniform and the kernel symmetric, so that is the whole
//     acceptance ratio; a proposal outside the prior is rejected without
//     being simulated);
//   - the sampler stops after the generation cap or after a generation
//     whose acceptance rate fell below MinAcceptance.
//
// Each generation is so one batch of at most N simulations, fixed before
// it starts. Simulation (g, i, r) — replication r of particle i in
// generation g — draws from rand.NewPCG(S, (g·N + i)·R + r) for the
// master seed S (Calibration.Stream); the sampler's own draws (prior,
// resampling, moves) for generation g from rand.NewPCG(S, 2⁶³ + g).
// Nothing depends on the order in which simulations finish, so the
// result is the same for any number of workers.
//
// # Crash safety
//
// The directory is locked while Run works. Each generation's simulations
// are journalled as they finish (gen-NNN.journal, one CRC-checked line
// each, every number written exactly), and when the batch is complete the
// population is written as gen-NNN.csv (atomically) and the journal
// removed. Run with Options.Resume reads the complete generations,
// recomputes the next plan from them and runs only the simulations its
// journal lacks: a calibration killed at any point and resumed gives the
// same bytes as one never interrupted. The results are written last, as
// one set with manifest.json (package outdir).
package calibrate
