package model

// Product-market strategy as an investment, and job design (ODD §7.8).

import (
	"math"
)

// reviseStrategy is the product-market choice, taken as an irreversible
// investment (Dixit & Pindyck 1994). The employer compares the expected
// monthly profit per job of the two strategies' job designs — each post's
// output less the wage it costs (Nash bargaining, so the worker takes a
// share β of any premium: rent sharing cuts both ways, Burdett & Smith
// 2002), with each technical post staffed from the market at the sector's
// tightness or by training its own, whichever is cheaper (Acemoglu 1997;
// Snower 1994) — and weighs the difference against the sunk upgrading
// investment: a low-specification employer upgrades, by logit with
// mistakes, on Δ − h·ρ·I, and a high-specification one stays on
// Δ + (h − 1 − recovery)·ρ·invested, where ρ is the employer's monthly
// discount rate for the investment (strategyDiscount) and h the option
// multiple of waiting (optionMultiple). An upgrading employer's investment
// includes the staffing shift (upgradeTerms): the value the new design's
// technical posts lose while they move from the staffing it has to the
// staffing it would keep.
// The new strategy redesigns its jobs.
func (r *Region) reviseStrategy(e *employer) {
	sc := &r.cfg.Sectors[e.sector]
	sb := &r.cfg.Behaviour.Strategy
	rho := r.strategyDiscount(e)
	h := optionMultiple(rho, sb.ProfitVolatility)
	investment := sc.UpgradeInvestment
	var gain float64
	if e.highSpec {
		high, low := r.strategyProfits(e)
		gain = (high - low) / sc.Productivity
	} else {
		var shift float64
		gain, shift = r.upgradeTerms(e)
		investment += shift
	}
	u := switchingGain(gain, e.highSpec, float64(e.invested), investment, sb.InvestmentRecovery, rho, h)
	r.setStrategy(e, r.choose(u, r.cfg.Behaviour.StrategyTemperature))
}

// strategyDiscount is e's monthly discount rate for the strategy
// investment: behaviour.strategy.large_discount for a large employer,
// behaviour.strategy.discount for the rest.
func (r *Region) strategyDiscount(e *employer) float64 {
	if e.size == sizeLarge {
		return r.cfg.Behaviour.Strategy.LargeDiscount
	}
	return r.cfg.Behaviour.Strategy.Discount
}

// setStrategy puts an employer on a strategy, sinking the upgrading
// investment when it upgrades and writing it off when it downgrades, and
// redesigns its jobs.
func (r *Region) setStrategy(e *employer, high bool) {
	switch {
	case high && !e.highSpec:
		e.invested = float32(r.cfg.Sectors[e.sector].UpgradeInvestment)
	case !high:
		e.invested = 0
	}
	e.highSpec = high
	r.design(e)
}

// strategyProfit is an employer's expected monthly profit per job, £, on
// the high-specification strategy (high) or the low one, and its expected
// output per job, £. Over the strategy's job design each post earns its
// output less its wage (§7.2), each intermediate (technical) post staffed
// from the market or by training its own, whichever pays more (Acemoglu
// 1997; Snower 1994); low posts are filled by anyone and high posts by
// graduates (§11). The high-specification premium is the product's, and it
// needs the technicians (Finegold & Soskice 1988; Redding 1996: a firm
// upgrades "if the expected skilled share makes it pay"; Kremer 1993: in
// production with complementary tasks the weakest link sets the quality):
// it raises the output of the design's skilled posts, intermediate and
// high, in proportion κ, the expected share of the time its technical
// posts are held by qualified workers, and the employer keeps what the
// post earns more at the pay it would post on the high design (the
// worker takes β of the premium and a technician's outside option rises
// with it: Burdett & Smith 2002; Stevens 1994; §7.2).
func (r *Region) strategyProfit(e *employer, high bool) (profit, output float64) {
	profit, output, _ = r.strategyValue(e, high)
	return profit, output
}

// strategyValue is strategyProfit with κ, the expected share of the time
// the design's technical posts are held by qualified workers under the
// staffing the employer would choose.
func (r *Region) strategyValue(e *employer, high bool) (profit, output, kappa float64) {
	t := r.staffingOf(e)
	return r.valueOf(e, high, &t)
}

// strategyProfits is strategyProfit on both strategies, high and low,
// from one reckoning of the terms they share (staffingOf).
func (r *Region) strategyProfits(e *employer) (high, low float64) {
	t := r.staffingOf(e)
	high, _, _ = r.valueOf(e, true, &t)
	low, _, _ = r.valueOf(e, false, &t)
	return high, low
}

// staffing is what an employer's strategy values share whatever the
// strategy: each post's qualified output and posted pay, and its
// technical post staffed from the market and by training its own.
type staffing struct {
	y, w            [NumJobLevels]float64 // qualified output and posted pay of a low and a high post
	techProfit      float64               // monthly profit of a technical post held by a qualified worker, before any premium
	premProfit      float64               // the high design's premium per job per unit of κ that the employer keeps, £/month
	premOutput      float64               // the high design's premium per job per unit of κ in output, £/month
	market, trained post
}

// staffingOf reckons the terms of e's strategy values that do not depend
// on the strategy.
func (r *Region) staffingOf(e *employer) staffing {
	s := e.sector
	var t staffing
	var y, w [2]float64 // intermediate post's output and wage, before any premium: under-qualified, qualified
	for i, q := range [2]bool{false, true} {
		y[i], w[i] = r.output(s, JobIntermediate, q, false), r.postedWage(s, JobIntermediate, q, false, float64(e.premium))
	}
	t.techProfit = y[1] - w[1]
	for _, k := range [...]int{JobLow, JobHigh} {
		t.y[k], t.w[k] = r.output(s, k, true, false), r.postedWage(s, k, true, false, float64(e.premium))
	}
	// The premium is what a qualified worker's post earns more on the high
	// design, at the pay the employer would post there: the bargain gives
	// the worker β of it, and a technician's thick-market outside option
	// rises with the output it reflects (§7.2), so the employer keeps
	// less than 1 − β (Burdett & Smith 2002; Stevens 1994).
	mix := r.jobMix(s, true)
	for _, c := range [...]struct {
		k     int
		share float64
		y, w  float64
	}{{JobIntermediate, mix[JobIntermediate], y[1], w[1]}, {JobHigh, mix[JobHigh], t.y[JobHigh], t.w[JobHigh]}} {
		yh := r.output(s, c.k, true, true)
		wh := r.postedWage(s, c.k, true, true, float64(e.premium))
		t.premProfit += c.share * ((yh - wh) - (c.y - c.w))
		t.premOutput += c.share * (yh - c.y)
	}
	vacant, qualified, turnover := r.expectedStaffing(e)
	t.market = post{
		profit: marketPost(y[1]-w[1], y[0]-w[0], vacant, qualified),
		output: marketPost(y[1], y[0], vacant, qualified),
		kappa:  (1 - vacant) * qualified,
		exit:   turnover,
	}
	t.trained = r.trainedPost(e, post{profit: y[1] - w[1], output: y[1]}, post{profit: y[0] - w[0], output: y[0]})
	return t
}

// valueOf is strategyValue from the shared terms t.
func (r *Region) valueOf(e *employer, high bool, t *staffing) (profit, output, kappa float64) {
	d := r.designValue(e, high, t)
	return d.profit, d.output, d.technical.kappa
}

// designValue is what a strategy's job design is worth to an employer:
// its expected monthly profit and output per job, £, the technical post
// as the employer would staff it, and the premium per job per unit of κ,
// £/month (0 on low specification).
type designValue struct {
	profit, output float64
	technical      post
	premium        float64
}

// designValue is valueOf with the staffing chosen and the premium: the
// technical post staffed the way whose stationary flow pays more.
func (r *Region) designValue(e *employer, high bool, t *staffing) designValue {
	premium := r.premiumPerKappa(e.sector, high, t)
	mix := r.jobMix(e.sector, high)
	technical := t.market
	if mix[JobIntermediate]*t.trained.profit+premium*t.trained.kappa > mix[JobIntermediate]*t.market.profit+premium*t.market.kappa {
		technical = t.trained
	}
	return r.designWith(e.sector, high, t, technical, premium)
}

// premiumPerKappa is the high-specification premium per job per unit of
// κ, £/month, that the employer keeps: on every qualified skilled post of
// the design, its output on the high design less the pay it would post
// there, against the same on the low design (staffingOf); 0 on low
// specification.
func (r *Region) premiumPerKappa(s uint8, high bool, t *staffing) float64 {
	if !high {
		return 0
	}
	return t.premProfit
}

// designWith is the value of a strategy's job design in sector s with its
// technical posts staffed as technical.
func (r *Region) designWith(s uint8, high bool, t *staffing, technical post, premium float64) designValue {
	var profit, output float64
	for k, share := range r.jobMix(s, high) {
		if k == JobIntermediate {
			profit += share * technical.profit
			output += share * technical.output
			continue
		}
		profit += share * (t.y[k] - t.w[k])
		output += share * t.y[k]
	}
	profit += premium * technical.kappa
	if high {
		output += t.premOutput * technical.kappa
	}
	return designValue{profit: profit, output: output, technical: technical, premium: premium}
}

// post is the expected monthly profit and output of a technical post, £,
// the share of the time kappa it is held by a qualified worker, and the
// monthly hazard exit at which a qualified holder leaves it.
type post struct{ profit, output, kappa, exit float64 }

// expectedStaffing is the share of time an employer expects a technical
// post to stand vacant, and the share of its hires that are qualified,
// when it recruits from the market: what the sector's tightness implies
// (postStaffing), mixed with the employer's own record — its technical
// posts left open by the last matching round and the qualified share of
// those filled — with weight behaviour.strategy.own_experience. The
// expected supply is a national framework's and the devolution lever's
// (expectedSupply, §7.15.8, §7.15.2); a
// co-producing college's pipeline adds pipeline_weight·reciprocation·
// currency to the chance of a qualified hire.
func (r *Region) expectedStaffing(e *employer) (vacant, qualified, turnover float64) {
	st := &r.sectors[e.sector]
	pipeline := 0.0
	if e.tie == tieCoproduction {
		col := &r.colleges[e.college]
		pipeline = r.cfg.Behaviour.PipelineWeight * col.reciprocation[e.sector] * col.currency[e.sector]
	}
	supply := r.expectedSupply(int(e.sector))
	turnover = (float64(e.quit[JobIntermediate]) + r.jobLossStep) / float64(r.cfg.StepMonths)
	vacant, qualified = postStaffing(supply, st.tightnessEMA, r.cfg.Labour.Applicants,
		r.cfg.Labour.Matching.UnderQualifiedHire, pipeline, turnover)
	if n := e.slots[JobIntermediate]; n > 0 {
		w := r.cfg.Behaviour.Strategy.OwnExperience
		ownVacant := float64(min(e.open[JobIntermediate], n)) / float64(n)
		ownQualified := ratio(float64(e.qualified[JobIntermediate]), float64(e.filled[JobIntermediate]))
		if e.filled[JobIntermediate] == 0 {
			ownQualified = qualified
		}
		vacant += w * (ownVacant - vacant)
		qualified += w * (ownQualified - qualified)
	}
	return vacant, qualified, turnover
}

// trainedPost is the expected monthly profit and output of a technical
// post the employer staffs by training its own (Acemoglu 1997; Snower
// 1994): it hires an under-qualified worker and trains them at the cost of
// §7.9, the trainee producing as under-qualified for the course's months,
// then a qualified worker holds the post until they leave at the quit,
// job-loss and poaching hazards, when the cycle starts again. A course
// makes the trainee qualified with the chance pass·currency
// (qualifyingChance): the pass, and the recognition of the qualification,
// which follows the curriculum of the college that delivers the
// off-the-job training (§7.13).
func (r *Region) trainedPost(e *employer, qualified, trainee post) post {
	st := &r.sectors[e.sector]
	users := float64(st.highSpec) / float64(max(1, st.employers))
	loss := r.expectedQuits(e, JobIntermediate, true)/12 + r.jobLossStep/float64(r.cfg.StepMonths) + poachingHazard(r.cfg.Labour.PoachingIntensity, users)
	months := float64(r.cfg.Education.InWorkTrainingMonths)
	pass := r.qualifyingChance(e)
	return post{
		profit: trainedPostProfit(qualified.profit, trainee.profit, r.trainingCost(e), months, pass, loss),
		output: trainedPostProfit(qualified.output, trainee.output, 0, months, pass, loss),
		kappa:  trainedPostProfit(1, 0, 0, months, pass, loss),
		exit:   loss,
	}
}

// qualifyingChance is the chance that a course of training at work makes
// the trainee qualified for a technical post of the employer's sector: the
// pass rate (raised by a reciprocating co-production partner, §7.13) times
// the chance the qualification is recognised (recognition).
func (r *Region) qualifyingChance(e *employer) float64 {
	tr := &r.cfg.Behaviour.Training
	pass := tr.Pass
	if e.tie == tieCoproduction {
		pass += tr.PassReciprocation * r.colleges[e.college].reciprocation[e.sector]
	}
	return clamp01(pass) * r.recognition(e)
}

// recognition is the chance that a level-3 qualification gained at e's
// work is recognised as a technical qualification of its sector:
// 1 − ω + ω·currency, with ω = behaviour.training.recognition_by_currency
// and currency the provider's (providerCurrency). ω = 1 is the model's
// assumption that the qualification is worth what the curriculum of the
// college delivering its off-the-job training is worth (Finegold &
// Soskice 1988: the quality of the training institutions decides what
// training is worth); ω = 0 is the ESFA rule, under which any registered
// provider's apprenticeship counts.
func (r *Region) recognition(e *employer) float64 {
	w := r.cfg.Behaviour.Training.RecognitionByCurrency
	if w == 0 {
		return 1
	}
	return 1 - w + w*r.providerCurrency(e)
}

// providerCurrency is the curriculum currency, in the employer's sector,
// of the college that delivers its apprentices' and trainees' off-the-job
// training (apprenticeships in England require it of a training provider:
// ESFA funding rules 2017, 20% of paid hours): its tied college, or
// without a tie the mean of the open colleges.
func (r *Region) providerCurrency(e *employer) float64 {
	if e.tie != tieNone {
		return r.colleges[e.college].currency[e.sector]
	}
	var sum float64
	n := 0
	for c := range r.colleges {
		if !r.colleges[c].merged {
			sum += r.colleges[c].currency[e.sector]
			n++
		}
	}
	return ratio(sum, float64(n))
}

// upgradeTerms is what an employer weighs in deciding to upgrade, in
// months of a low job's output per job: the gain in expected monthly
// profit per job, and the staffing shift, the sunk cost of moving the
// technical posts from the staffing it has now to the staffing the design
// would keep. For each design the technical posts are
// staffed the way — from the market or by training its own — whose value
// from the employer's present staffing is higher: the stationary flow
// less the annuity ρ of the shortfall (staffingCost), so that a thin
// market, slow to staff the new posts, costs an upgrading employer more
// than its stationary flows say (Snower 1994; Acemoglu 1997).
func (r *Region) upgradeTerms(e *employer) (gain, shift float64) {
	t := r.staffingOf(e)
	rho := r.strategyDiscount(e)
	var flow, short [2]float64
	for i, high := range [2]bool{false, true} {
		premium := r.premiumPerKappa(e.sector, high, &t)
		best := math.Inf(-1)
		for _, tech := range [2]post{t.market, t.trained} {
			d := r.designWith(e.sector, high, &t, tech, premium)
			sh := r.staffingCost(e, high, &t, d)
			if v := d.profit - rho*sh; v > best {
				best, flow[i], short[i] = v, d.profit, sh
			}
		}
	}
	p := r.cfg.Sectors[e.sector].Productivity
	return (flow[1] - flow[0]) / p, (short[1] - short[0]) / p
}

// staffingCost is the value, £ per job, that a design's technical posts,
// staffed as d says, lose while they move from the employer's present
// staffing to the staffing the design would keep. Each post is a
// two-state Markov chain, held by a qualified worker (Q) or not (N:
// vacant, under-qualified or in training), with the staffing's κ as its
// stationary share of Q and its exit hazard λ from Q; with ρ the monthly
// discount rate the values of the two states differ by
// V_Q − V_N = (b − a)/(ρ + λ/(1 − κ)), b the flow in Q (qualified profit
// plus the premium a technician carries) and a the flow in N, and the
// chain started with a share h0 of its posts in Q is worth
// (κ − h0)·(V_Q − V_N) less than in its stationary state (Puterman 1994,
// ch. 8: the bias of a Markov reward process). h0 is the share of the
// design's technical posts that the employer's qualified technicians
// already hold.
func (r *Region) staffingCost(e *employer, high bool, t *staffing, d designValue) float64 {
	mix := r.jobMix(e.sector, high)
	posts := mix[JobIntermediate] * float64(e.headcount)
	held := 0.0
	if posts > 0 {
		held = min(1, float64(e.qualified[JobIntermediate])/posts)
	}
	return mix[JobIntermediate] * markovShortfall(d.technical, t.techProfit, d.premium, mix[JobIntermediate], held, r.strategyDiscount(e))
}

// markovShortfall is the value a technical post in its stationary state
// exceeds the post started with chance held of being in Q, £: the
// two-state chain of staffingCost. In Q the post earns qualifiedProfit
// plus its share premium/techShare of the design's premium; its average
// flow is p.profit + premium·κ/techShare, so b − a = (b − flow)/(1 − κ).
func markovShortfall(p post, qualifiedProfit, premium, techShare, held, rho float64) float64 {
	k := p.kappa
	if k >= 1 || techShare <= 0 {
		return 0
	}
	b := qualifiedProfit + premium/techShare
	flow := p.profit + premium*k/techShare
	rate := rho*(1-k) + p.exit
	if rate <= 0 {
		return 0
	}
	// (κ − h0)·(b − a)/(ρ + λ/(1 − κ)), with b − a = (b − flow)/(1 − κ).
	return (k - held) * (b - flow) / rate
}

// jobMix is the job design of a strategy in sector s at the current date,
// after routine-biased technical change.
func (r *Region) jobMix(s uint8, high bool) [NumJobLevels]float64 {
	if d := r.policyDate(); d != r.mixDate || len(r.mixes) != len(r.sectors) {
		// The designs change only with the date (and a reconfiguration,
		// which clears mixes): computed once a step for every sector.
		r.mixes = r.mixes[:0]
		for i := range r.cfg.Sectors {
			sc := &r.cfg.Sectors[i]
			l := &r.cfg.Labour
			r.mixes = append(r.mixes, [2][NumJobLevels]float64{
				routineDrift(sc.LowSpecJobs.Shares(), l.RoutineDecline, d, l.RoutineBaseYear, l.RoutineToHigh),
				routineDrift(sc.HighSpecJobs.Shares(), l.RoutineDecline, d, l.RoutineBaseYear, l.RoutineToHigh),
			})
		}
		r.mixDate = d
	}
	return r.mixes[s][b2i(high)]
}

// postStaffing is what the market offers a technical vacancy, per month.
// With t seekers in the sector's field per vacancy, a vacancy meets
// applicants with chance min(1, t) and then screens n of them, of whom a
// share q is qualified; a co-producing college's pipeline adds to the
// chance of a qualified hire; with no qualified applicant it takes an
// under-qualified one with chance u (labour_market.matching.
// under_qualified_hire, as in §7.14). So a vacancy is filled qualified at
// the monthly rate f = min(1, min(1, t)·(1 − (1 − q)^n) + pipeline), and
// at all at the rate g = f + (1 − f)·min(1, t)·u;
// with posts emptying at the monthly hazard d, the share of time a post
// stands vacant is d/(d + g) and the share of hires that are qualified is
// f/g.
func postStaffing(q, t float64, n int, u, pipeline, d float64) (vacant, qualified float64) {
	meet := clamp01(t)
	f := clamp01(meet*(1-powInt(1-clamp01(q), n)) + pipeline)
	g := f + (1-f)*meet*u
	if g <= 0 {
		return 1, 0
	}
	return d / (d + g), f / g
}

// powInt is x to the whole power n ≥ 0, by repeated multiplication.
func powInt(x float64, n int) float64 {
	p := 1.0
	for range n {
		p *= x
	}
	return p
}

// marketPost is the expected monthly profit of a technical post staffed
// from the market: while filled (1 − vacant of the time), a qualified hire
// earns qualifiedProfit and an under-qualified one underProfit; a vacant
// post earns nothing (lost output).
func marketPost(qualifiedProfit, underProfit, vacant, qualified float64) float64 {
	return (1 - vacant) * (qualified*qualifiedProfit + (1-qualified)*underProfit)
}

// trainedPostProfit is the expected monthly profit of a post staffed by
// training: a cycle of months/pass months with a trainee earning
// traineeProfit and a cost of cost/pass, then 1/loss months with a
// qualified worker earning qualifiedProfit, averaged over the cycle.
func trainedPostProfit(qualifiedProfit, traineeProfit, cost, months, pass, loss float64) float64 {
	if pass <= 0 || loss <= 0 {
		return math.Inf(-1)
	}
	train, stay := months/pass, 1/loss
	return (train*traineeProfit + stay*qualifiedProfit - cost/pass) / (train + stay)
}

// optionMultiple is the factor by which the option to wait raises the
// return an irreversible investment must clear (Dixit & Pindyck 1994,
// ch. 5): β/(β − 1), with β = ½ + √(¼ + 2r/σ²) for a driftless profit
// flow of annual volatility σ discounted at the annual rate r = 12·ρ. It
// is 1 (the Marshallian rule) without uncertainty.
func optionMultiple(rho, sigma float64) float64 {
	if sigma <= 0 || rho <= 0 {
		return 1
	}
	b := 0.5 + math.Sqrt(0.25+2*12*rho/(sigma*sigma))
	return b / (b - 1)
}

// switchingGain is the utility of being on the high-specification
// strategy next year, as a share of a low job's monthly output per job:
// for a low-specification employer the profit gain less the annuity of
// the investment it must sink, raised by the option multiple h,
// gain − h·ρ·investment; for a high-specification one the profit gain
// plus the value of keeping an investment it would have to sink again to
// come back, less what it recovers on leaving,
// gain + (h − 1 − recovery)·ρ·invested. The gap between the two is the
// band of hysteresis in which neither switches.
func switchingGain(gain float64, high bool, invested, investment, recovery, rho, h float64) float64 {
	if !high {
		return gain - h*rho*investment
	}
	return gain + (h-1-recovery)*rho*invested
}

// design sets an employer's job slots from its strategy (job design).
func (r *Region) design(e *employer) {
	mix := r.jobMix(e.sector, e.highSpec)
	// Slots are whole: round with the employer's own dither, so that the
	// expected number equals the share and small employers do not all
	// cross a rounding threshold at once as the mix drifts.
	n := float64(e.headcount)
	d := float64(e.dither)
	e.slots[JobHigh] = int32(math.Floor(n*mix[JobHigh] + d))
	e.slots[JobIntermediate] = int32(math.Floor(n*mix[JobIntermediate] + 1 - d))
	e.slots[JobLow] = max(0, e.headcount-e.slots[JobHigh]-e.slots[JobIntermediate])
}

// routineDrift applies routine-biased technical change (Goos & Manning
// 2007) to a job design stated for January of baseYear: at date m the
// intermediate share is mix·(1−d)^(years since the base), a share toHigh
// of the jobs moved going to high jobs and the rest to low jobs. The drift
// is a function of the calendar, not of the run's start, so the same date
// gives the same design whatever the run's start. Before the base year the
// drift runs backwards (more intermediate jobs), taking from high and low
// jobs no more than they hold.
func routineDrift(mix [NumJobLevels]float64, d float64, m Month, baseYear int, toHigh float64) [NumJobLevels]float64 {
	if d <= 0 {
		return mix
	}
	years := float64(int(m)-int(MonthOf(baseYear, 1))) / 12
	moved := mix[JobIntermediate] * (1 - math.Pow(1-d, years))
	// Backwards, no more may move than high and low jobs hold.
	limit := math.Inf(1)
	if toHigh > 0 {
		limit = mix[JobHigh] / toHigh
	}
	if toHigh < 1 {
		limit = min(limit, mix[JobLow]/(1-toHigh))
	}
	moved = max(moved, -limit)
	mix[JobIntermediate] -= moved
	mix[JobHigh] += moved * toHigh
	mix[JobLow] += moved * (1 - toHigh)
	return mix
}
