package model

// Firm demography: entry, growth, shrinkage and exit (ODD §7.16).

import (
	"math"
)

// Demography holds the coefficients of employers' entry, growth,
// shrinkage and exit (ODD §7.16).
type Demography struct {
	// SelectionSpeed is χ of the replicator dynamics of employers' shares
	// of their sector's jobs, per year: a share grows by χ times the
	// employer's competitiveness relative to the sector's mean.
	SelectionSpeed float64 `yaml:"selection_speed"`
	// DemandGrowth is the annual growth rate of each sector's demand for
	// jobs after the start (not during the spin-up).
	DemandGrowth float64 `yaml:"demand_growth"`
	// ExitRate is the annual probability that an employer is forced out
	// whatever its profit (Melitz's exogenous exit shock).
	ExitRate float64 `yaml:"exit_rate"`
}

// DefaultDemography returns the default coefficients of firm demography.
func DefaultDemography() Demography {
	return Demography{SelectionSpeed: 1, DemandGrowth: 0, ExitRate: 0}
}

// demography checks the coefficients of firm demography.
func (v *validator) demography(d *Demography) {
	const at = "demography."
	v.bounded(at+"selection_speed", d.SelectionSpeed, 10, "a rate per year")
	v.bounded(at+"demand_growth", d.DemandGrowth, 0.5, "a growth rate per year")
	v.probability(at+"exit_rate", d.ExitRate)
}

// resize is the size class of an employer of class z that now has n jobs:
// it moves up a class once n reaches the smallest headcount drawn for the
// class above at initialisation, mean·(1 − spread), and down once n falls
// to the largest drawn for the class below, mean·(1 + spread), so that
// every initial draw keeps its class and a class changes only with real
// growth or shrinkage. Where the ranges of two classes overlap, the
// boundary between them is the geometric mean of their means.
func resize(z uint8, n int32, mean [numSizes]float64, spread float64) uint8 {
	up := func(k uint8) float64 { // smallest headcount of class k+1
		if lo, hi := mean[k+1]*(1-spread), mean[k]*(1+spread); lo > hi {
			return lo
		}
		return math.Sqrt(mean[k] * mean[k+1])
	}
	down := func(k uint8) float64 { // largest headcount of class k
		if lo, hi := mean[k+1]*(1-spread), mean[k]*(1+spread); lo > hi {
			return hi
		}
		return math.Sqrt(mean[k] * mean[k+1])
	}
	for z < sizeLarge && float64(n) >= up(z) {
		z++
	}
	for z > sizeMicro && float64(n) < down(z-1) {
		z--
	}
	return z
}

// replicate is one year of replicator dynamics (Dosi, Fagiolo & Roventini
// 2010): the share a of an employer with competitiveness c in a sector of
// mean competitiveness mean becomes a·(1 + χ·(c/mean − 1)), at least 0.
func replicate(a, c, mean, chi float64) float64 {
	if mean <= 0 {
		return a
	}
	return max(0, a*(1+chi*(c/mean-1)))
}

// demography is the yearly turnover of employers, each January after the
// revisions. Each sector's jobs are set by its demand, which grows at
// demography.demand_growth a year after the start. An employer's
// competitiveness is its expected profit margin (profit per £ of output,
// strategyProfit) on its strategy; its share of the sector's jobs follows
// the replicator dynamics (replicate). It exits when its expected profit
// is not positive (Melitz 2003: the zero-profit cutoff), when its share
// falls below half a job (Dosi et al. 2010) or, with probability
// demography.exit_rate, by an exogenous shock (Melitz 2003); its workers
// are separated into search, its tie and its levy account end. Each exit
// is replaced by an entrant in the same slot (the number of employers is
// constant, as in Dosi et al. 2010), in a sector drawn in proportion to
// its demand times an entrant's expected margin there, of a size class
// drawn from the sector's initial mix. Player-held employers never exit.
func (r *Region) demography() {
	d := &r.cfg.Demography
	nS := len(r.sectors)
	if !r.SpinningUp() {
		for s := range r.sectors {
			r.sectors[s].demandJobs *= 1 + d.DemandGrowth
		}
	}
	margin := make([]float64, len(r.employers))
	meanMargin := make([]float64, nS)
	weight := make([]float64, nS)
	for i := range r.employers {
		e := &r.employers[i]
		profit, output := r.strategyProfit(e, e.highSpec)
		margin[i] = ratio(profit, output)
		if profit <= 0 {
			margin[i] = math.Inf(-1) // below the zero-profit cutoff
			continue
		}
		meanMargin[e.sector] += float64(e.target) * margin[i]
		weight[e.sector] += float64(e.target)
	}
	for s := range meanMargin {
		meanMargin[s] = ratio(meanMargin[s], weight[s])
	}
	// Shares after selection, and exits.
	var exits []int32
	shares := make([]float64, nS)
	for i := range r.employers {
		e := &r.employers[i]
		st := &r.sectors[e.sector]
		_, held := r.players[i]
		shock := d.ExitRate > 0 && r.uniform() < d.ExitRate
		a := replicate(float64(e.target), margin[i], meanMargin[e.sector], d.SelectionSpeed)
		if math.IsInf(margin[i], -1) {
			a = 0
		}
		if !held && (shock || a*st.demandJobs/max(weight[e.sector], 1) < 0.5) {
			exits = append(exits, int32(i))
			continue
		}
		e.target = float32(a)
		shares[e.sector] += a
	}
	for s := range r.sectors {
		r.sectors[s].entries, r.sectors[s].exits = 0, 0
	}
	closing := make([]bool, len(r.employers))
	for _, i := range exits {
		closing[i] = true
	}
	if len(exits) > 0 {
		r.closeEmployers(exits, closing)
	}
	// Entrants take the exits' slots.
	entrantJobs := make([]float64, nS)
	for _, i := range exits {
		s := r.entrantSector()
		leavers := r.employers[i].leavers
		r.enter(i, s, r.sectors[s].demandJobs-entrantJobs[s])
		// The survey counts the leavers of an exit with the employer in
		// its slot, so that leavers still add up to separations (§4.11).
		r.employers[i].leavers = leavers
		entrantJobs[s] += float64(r.employers[i].target)
	}
	// Incumbents share the rest of each sector's demand.
	mean := [numSizes]float64{r.cfg.EmployerSize.Micro, r.cfg.EmployerSize.SmallMedium, r.cfg.EmployerSize.Large}
	for i := range r.employers {
		e := &r.employers[i]
		if closing[i] {
			continue
		}
		st := &r.sectors[e.sector]
		room := max(0, st.demandJobs-entrantJobs[e.sector])
		e.target = float32(float64(e.target) * ratio(room, shares[e.sector]))
		e.headcount = max(1, int32(math.Floor(float64(e.target)+float64(e.dither))))
		e.size = resize(e.size, e.headcount, mean, r.cfg.Initial.HeadcountSpread)
		r.design(e)
	}
}

// closeEmployers takes exiting employers out: their workers are separated
// into search (one pass over persons), their levy accounts close (what is
// left in them expires) and their counts are kept for the indicators.
func (r *Region) closeEmployers(exits []int32, closing []bool) {
	for _, i := range exits {
		e := &r.employers[i]
		r.sectors[e.sector].exits++
		if e.levyAccount >= 0 {
			a := &r.levyAccounts[e.levyAccount]
			r.flows.levyExpired += a.balance()
			clear(a.tranches)
			a.employer = -1
		}
	}
	for i := range r.persons {
		p := &r.persons[i]
		if p.employer >= 0 && closing[p.employer] {
			r.separate(p)
		}
	}
}

// entrantSector draws the sector of an entrant: in proportion to each
// sector's demand for jobs times the expected profit margin of an entrant
// there (no tie, no record of its own, on the strategy it would choose);
// where no sector offers a positive margin, in proportion to demand.
func (r *Region) entrantSector() uint8 {
	var buf [16]float64
	w := buf[:0]
	total := 0.0
	for s := range r.sectors {
		e := employer{sector: uint8(s), levyAccount: -1}
		r.price(&e) // the sector's pay with no premium, and its quits (§7.2)
		r.setQuits(&e)
		profit, output := r.strategyProfit(&e, r.entrantUpgrades(&e, false))
		w = append(w, r.sectors[s].demandJobs*max(0, ratio(profit, output)))
		total += w[s]
	}
	if total <= 0 {
		for s := range w {
			w[s] = r.sectors[s].demandJobs
		}
	}
	return uint8(drawIndex(r.uniform(), w))
}

// entrantUpgrades is an entrant's strategy: the rule of a low-specification
// employer deciding to upgrade (§7.8), staffing shift included (its posts
// all start empty), with the decision drawn by logit
// with mistakes when draw is true and taken as the sign of the utility
// otherwise (for the sector's expected margin).
func (r *Region) entrantUpgrades(e *employer, draw bool) bool {
	sc := &r.cfg.Sectors[e.sector]
	rho := r.strategyDiscount(e)
	gain, shift := r.upgradeTerms(e)
	h := optionMultiple(rho, r.cfg.Behaviour.Strategy.ProfitVolatility)
	u := switchingGain(gain, false, 0, sc.UpgradeInvestment+shift, 0, rho, h)
	if draw {
		return r.choose(u, r.cfg.Behaviour.StrategyTemperature)
	}
	return u > 0
}

// enter puts a new employer of sector s in slot i: a size class drawn from
// the sector's initial mix of employers, a headcount as at initialisation
// but at most half the sector's demand not yet taken by entrants (room),
// no tie, no levy account, its own network threshold, dither and month of
// revision, and its strategy and training by the rules of §7.8–7.9.
func (r *Region) enter(i int32, s uint8, room float64) {
	sc := &r.cfg.Sectors[s]
	counts := [numSizes]float64{sc.Employers.Micro, sc.Employers.SmallMedium, sc.Employers.Large}
	z := uint8(drawIndex(r.uniform(), counts[:]))
	e := r.newEmployer(s, z)
	e.headcount = max(1, min(e.headcount, int32(math.Floor(room/2))))
	e.target = float32(e.headcount)
	mean := [numSizes]float64{r.cfg.EmployerSize.Micro, r.cfg.EmployerSize.SmallMedium, r.cfg.EmployerSize.Large}
	e.size = resize(z, e.headcount, mean, r.cfg.Initial.HeadcountSpread)
	e.trust = float32(clamp01(r.cfg.Initial.Trust + 2*r.cfg.Initial.TrustSpread*(r.uniform()-0.5)))
	r.employers[i] = e
	ep := &r.employers[i]
	r.price(ep) // pay and quits of the sector's market before it chooses (§7.2)
	r.setQuits(ep)
	r.setStrategy(ep, r.entrantUpgrades(ep, true))
	r.price(ep)
	r.reviseTraining(ep)
	r.setQuits(ep)
	r.sectors[s].entries++
}

// drawIndex returns the index k drawn with probability w[k]/Σw for u
// uniform in [0, 1); the last index when all weights are 0.
func drawIndex(u float64, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	u *= total
	for k, x := range w {
		if u < x {
			return k
		}
		u -= x
	}
	return len(w) - 1
}
