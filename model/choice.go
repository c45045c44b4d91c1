package model

// Decisions with mistakes (ODD §7.1).

// choose draws a binary decision: with probability noise a coin flip (a
// mistake), otherwise true with the logit probability of utility u at
// temperature t.
func (r *Region) choose(u, t float64) bool {
	if r.rng.Float64() < r.cfg.Behaviour.Noise {
		return r.rng.Float64() < 0.5
	}
	return r.rng.Float64() < logistic(u/t)
}
