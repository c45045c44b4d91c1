package model

// The employer–college tie: a stag hunt with trust (ODD §7.7).

// reviseTie is the partnership stag hunt. An employer with a tie updates
// its trust in the college from the past year's experience (good if the
// college reciprocated; trust falls faster than it rises), then
// co-produces if the expected payoff of co-production,
//
//	trust·R − (1−trust)·LetDownCost − PartnershipCost,
//
// beats staying transactional (normalised to 0). R rises with the
// college's curriculum currency, with the employer's strategy (a
// high-specification firm gains more from a current curriculum) and with
// the share of sector peers already co-producing (menus of joint
// activities). Employers without a tie form one when they have a reason to
// use a college: training, a high-specification strategy, or peers in
// co-production.
func (r *Region) reviseTie(e *employer) {
	b := &r.cfg.Behaviour
	pt := &b.Partnership
	sc := &r.cfg.Sectors[e.sector]
	st := &r.sectors[e.sector]
	peers := float64(st.coproducing) / float64(max(1, st.employers))
	if e.tie == tieNone {
		p := pt.TieFormation
		if e.trains {
			p += pt.TieFormationTraining
		}
		if e.highSpec {
			p += pt.TieFormationHighSpec
		}
		p += pt.TieFormationPeers * peers
		if r.uniform() < p {
			// A new tie starts with trust between the employer's own and
			// what peers report of the college (its reciprocation).
			e.tie = tieTransactional
			e.college = uint8(r.pickTieCollege(e.sector))
			e.trust = r.newTieTrust(e)
		}
		return
	}
	col := &r.colleges[e.college]
	good := r.uniform() < col.reciprocation[e.sector]
	e.trust = float32(updateTrust(float64(e.trust), good, b.TrustGain, b.TrustLoss))
	weight := pt.CurrencyValueLowSpec
	if e.highSpec {
		weight = pt.CurrencyValueHighSpec
	}
	gain := b.CoproductionGain*col.currency[e.sector]*weight + b.NetworkGain*peers
	trust := float64(e.trust)
	letDown := b.LetDownCost
	if r.lever.network && e.member {
		letDown *= 1 - r.cfg.Policies.Network.Transfers
	}
	u := coproductionGain(trust, gain, letDown, sc.PartnershipCost*r.networkCostFactor(e))
	if r.choose(u, r.cfg.Behaviour.StrategyTemperature) {
		e.tie = tieCoproduction
		return
	}
	e.tie = tieTransactional
	// Transactional ties lapse when there is little use for them.
	lapse := pt.TieLapse
	if e.trains {
		lapse = pt.TieLapseTraining
	}
	if r.uniform() < lapse*(1-trust) {
		e.tie = tieNone
	}
}

// newTieTrust is the trust an employer starts a new tie with: between its
// own trust and what peers report of the college (its reciprocation in the
// sector), weighted by behaviour.partnership.new_tie_reciprocation.
func (r *Region) newTieTrust(e *employer) float32 {
	w := float32(r.cfg.Behaviour.Partnership.NewTieReciprocation)
	return (1-w)*e.trust + w*float32(r.colleges[e.college].reciprocation[e.sector])
}

// pickTieCollege chooses a college for a new tie: the one with the most
// effort in the sector, ties broken by reputation, with some randomness.
func (r *Region) pickTieCollege(s uint8) int {
	pt := &r.cfg.Behaviour.Partnership
	best, bestScore := 0, -1.0
	for c := range r.colleges {
		col := &r.colleges[c]
		if col.merged {
			continue
		}
		score := col.effort[s] + pt.TieChoiceReputation*col.reputation + pt.TieChoiceNoise*r.uniform()
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}
