package model

// The decision rules as pure functions of what an agent senses, so that
// each can be read and table-tested on its own. Region calls them.

// trainingGain is the net value of training one worker, in months of
// low-job output: the employer's share (1−β) of the monthly output gain,
// kept while the worker stays (monthly loss hazard = quits + poaching +
// discounting), less the cost (Acemoglu & Pischke 1999; Stevens 1994).
func trainingGain(beta, outputGain, lossHazard, cost, productivity float64) float64 {
	return ((1-beta)*outputGain/lossHazard - cost) / productivity
}

// poachingHazard is the monthly hazard that a trained worker is poached:
// the intensity times the share of local firms in the sector that use the
// skill (Stevens 1994), per month.
func poachingHazard(intensity, users float64) float64 {
	return intensity * users / 12
}

// coproductionGain is the stag hunt's expected payoff of co-producing
// over staying transactional for an employer who trusts the college to
// reciprocate with probability trust:
//
//	trust·R − (1−trust)·letDown − cost.
//
// Co-production is the better reply when this is positive, that is when
// trust exceeds (letDown+cost)/(R+letDown).
func coproductionGain(trust, reward, letDown, cost float64) float64 {
	return trust*reward - (1-trust)*letDown - cost
}

// updateTrust moves trust after one experience: a good one closes a share
// gain of the gap to 1, a bad one removes a share loss of it (negativity
// bias when loss > gain).
func updateTrust(trust float64, good bool, gain, loss float64) float64 {
	if good {
		return trust + gain*(1-trust)
	}
	return trust - loss*trust
}

// effortTarget is the partnership effort a college wants to commit to a
// sector: full once the share x of employers in its catchment who
// co-produce passes its threshold (a steep logistic, Granovetter 1978),
// and never less than its outreach.
func effortTarget(x, threshold, outreach float64) float64 {
	return max(outreach, logistic((x-threshold)/effortSteepness))
}

// effortSteepness is the scale of the logistic that turns the college
// threshold into a step: a numerical device, not a behavioural parameter
// (effort goes from 0.12 to 0.88 as the co-producing share moves 0.02
// around the threshold).
const effortSteepness = 0.01

// currencyChange is the yearly change of curriculum currency c given the
// employer contact the college has in the sector (0–1):
// gain·contact·(1−c) − decay·c.
func currencyChange(c, contact, gain, decay float64) float64 {
	return gain*min(1, contact)*(1-c) - decay*c
}
