package model

// Brokers and the network (ODD §7.15.3): the convener of a High
// Progression and Skills Network as an agent with a budget, and employers'
// decision to join it by weighing its benefit against its cost.

import "math"

// broker is the convener of a High Progression and Skills Network. It is
// paid a public grant while the lever is in force and fees by its members;
// it pays a fixed cost and a cost per member, keeps a reserve, and spends
// what is left on brokering ties between employers and colleges. When its
// income no longer covers its costs it draws on its reserve, and when the
// reserve is gone it closes and the network's benefits stop (Culpepper
// 2003; Leemann & Imdorf 2015).
type broker struct {
	open    bool    // running: the network's benefits flow
	reserve float64 // money held against deficits, £
	grant   float64 // public grant, £ a year
	fees    float64 // members' fees, £ a year
	costs   float64 // running costs (fixed and per member), £ a year
	ties    float64 // ties it pays to broker, small/medium-employer equivalents a year
	members float64 // members, small/medium-employer equivalents
	breadth float64 // breadth of the menu of joint activities, 0–1
}

// menuBreadth is the breadth of the menu of joint activities a network of
// the given membership sustains, 0–1: each member adds to the activities a
// network can fill, with diminishing returns, half the full menu at
// half members (both in small/medium-employer equivalents).
func menuBreadth(members, half float64) float64 {
	if members <= 0 {
		return 0
	}
	return members / (members + half)
}

// settle runs one step of dt years of the broker's accounts: income is the
// grant and members' fees, running costs are the fixed cost and the cost
// per member; a surplus first tops the reserve up to reserve_months of
// running costs and then pays for brokered ties at cost_per_tie; a deficit
// is drawn from the reserve, and a broker whose reserve cannot cover it
// closes. It reports whether the broker is still open.
func (b *broker) settle(n *Network, grant, members, dt float64) bool {
	b.grant = grant
	b.members = members
	b.fees = n.Fee * members
	b.costs = n.FixedCost + n.MemberCost*members
	b.breadth = menuBreadth(members, n.MenuMembers)
	b.ties = 0
	surplus := (b.grant + b.fees - b.costs) * dt
	if surplus < 0 {
		b.reserve += surplus
		if b.reserve < 0 {
			*b = broker{}
			return false
		}
		return true
	}
	keep := min(surplus, max(0, n.ReserveMonths/12*b.costs-b.reserve))
	b.reserve += keep
	if dt > 0 {
		b.ties = (surplus - keep) / dt / n.CostPerTie
	}
	return true
}

// updateNetwork runs the convener each step, from updateLevers: it opens
// when public money first pays at least its fixed cost (recruiting its
// seed members the first time), settles its accounts on the members it
// has, and closes when it cannot pay. The network is in force while the
// broker is open, whether or not the lever still pays a grant.
func (r *Region) updateNetwork(l *leverState, m Month) {
	v := r.cfg.Policies.Network
	b := &r.broker
	if v == nil {
		*b = broker{}
		return
	}
	grant := 0.0
	if v.Active(m) {
		grant = v.Budget
	}
	if !b.open {
		if grant <= 0 || grant < v.FixedCost {
			return
		}
		b.open = true
		if !r.networkSeeded {
			b.reserve = v.Reserve
			r.seedNetwork(v)
		}
	}
	members := 0.0
	for i := range r.employers {
		if e := &r.employers[i]; e.member {
			members += r.sizeWeight[e.size]
		}
	}
	if !b.settle(v, grant, members, float64(r.cfg.StepMonths)/12) {
		for i := range r.employers {
			r.employers[i].member = false
		}
		return
	}
	l.network = true
	l.careers += v.Intelligence * (1 - l.careers)
}

// seedNetwork recruits the network's first members: the convener brings
// a share of employers into co-production with their college, those
// already tied first.
func (r *Region) seedNetwork(v *Network) {
	r.networkSeeded = true
	want := int(math.Round(v.Seed * float64(len(r.employers))))
	for pass := 0; pass < 2 && want > 0; pass++ {
		for _, i := range r.rng.Perm(len(r.employers)) {
			if want == 0 {
				break
			}
			e := &r.employers[i]
			if e.member || (pass == 0 && e.tie == tieNone) {
				continue
			}
			if e.tie == tieNone {
				e.college = uint8(r.pickTieCollege(e.sector))
			}
			e.tie = tieCoproduction
			e.member = true
			e.trust = max(e.trust, float32(v.SeedTrust))
			want--
		}
	}
}

// networkSizeFactor is the share of the network's activities a member of
// size class z gets (micro employers need the menus of joint activities
// most).
func networkSizeFactor(n *Network, z uint8) float64 {
	return [numSizes]float64{n.SizeFactor.Micro, n.SizeFactor.SmallMedium, n.SizeFactor.Large}[z]
}

// networkCostFactor is the share of its partnership cost an employer pays:
// network members pay less, micro employers least, and the less the
// broader the menu of joint activities no single small firm could sustain.
func (r *Region) networkCostFactor(e *employer) float64 {
	if !r.lever.network || !e.member {
		return 1
	}
	n := r.cfg.Policies.Network
	return 1 - n.CostReduction*networkSizeFactor(n, e.size)*r.broker.breadth
}

// membershipGain is an employer's expected monthly gain from membership
// of the network, as a share of its output: the benefit of what the
// network offers it, plus conformity times how far its sector's member
// share is above its own threshold (Granovetter 1978), less the cost of
// membership (fee and time).
func membershipGain(benefit, peers, threshold, conformity, cost float64) float64 {
	return benefit + conformity*(peers-threshold) - cost
}

// membershipTerms returns what network membership offers employer e and
// what it costs, each as a share of its monthly output. The benefit is the
// menu of joint activities (× size factor × breadth), pooled intelligence
// and, for an employer in co-production, what membership saves it in the
// partnership stag hunt (§7.7: the cut in its partnership cost and the
// transfers against being let down), or for one not in co-production a
// brokered contact with a college, in the proportion of members the broker
// can pay to broker. The cost is the fee and the time membership takes.
func (r *Region) membershipTerms(e *employer) (benefit, cost float64) {
	nj := &r.cfg.Behaviour.Network
	n := r.cfg.Policies.Network
	b := &r.broker
	z := networkSizeFactor(n, e.size)
	benefit = nj.ActivityValue*z*b.breadth + nj.IntelligenceValue*n.Intelligence
	if e.tie == tieCoproduction {
		sc := &r.cfg.Sectors[e.sector]
		benefit += sc.PartnershipCost*n.CostReduction*z*b.breadth + (1-float64(e.trust))*r.cfg.Behaviour.LetDownCost*n.Transfers
	} else {
		benefit += nj.BrokerageValue * min(1, ratio(b.ties, b.members))
	}
	staff := float64(max(1, e.headcount))
	output := staff * r.cfg.Sectors[e.sector].Productivity
	cost = n.Fee*r.sizeWeight[e.size]/12/output + nj.TimeShare/staff
	return benefit, cost
}

// joinNetwork is the employer's yearly decision to be a member of the
// network while its broker is open: it joins (or stays) with the logit
// probability of its membership gain at the strategy temperature, with
// mistakes (§7.1), and otherwise leaves; the broker brings an untied
// joiner to a college. With no network in force no one is a member.
func (r *Region) joinNetwork(e *employer) {
	if !r.lever.network {
		e.member = false
		return
	}
	benefit, cost := r.membershipTerms(e)
	st := &r.sectors[e.sector]
	peers := ratio(float64(st.members), float64(st.employers))
	u := membershipGain(benefit, peers, float64(e.threshold), r.cfg.Behaviour.Network.Conformity, cost)
	if !r.choose(u, r.cfg.Behaviour.StrategyTemperature) {
		e.member = false
		return
	}
	if e.tie == tieNone {
		// The convener brings a joining employer to a college.
		e.tie = tieTransactional
		e.college = uint8(r.pickTieCollege(e.sector))
		e.trust = r.newTieTrust(e)
	}
	e.member = true
}
