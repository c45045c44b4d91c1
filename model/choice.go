package model

// Decisions with mistakes (ODD §7.1).

// choose draws a binary decision: with probability noise a coin flip (a
// mistake), otherwise true with the logit probability of utility u at
// temperature t.
func (r *Region) choose(u, t float64) bool {
	if r.uniform() < r.cfg.Behaviour.Noise {
		return r.uniform() < 0.5
	}
	return r.uniform() < logistic(u/t)
}
