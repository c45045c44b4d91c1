package model

// The parameters of posted wages and on-the-job search (ODD §7.2, §7.13),
// their defaults and their validation.

// Wages holds the coefficients of posted wages, of the pay premium that
// unfilled posts draw up, and of on-the-job search and quits.
type Wages struct {
	// ThickMarket is the share of the gap between a technician's output and
	// the outside wage that the technician's outside option closes when
	// every local employer in the sector uses the skill (Stevens 1994).
	ThickMarket float64 `yaml:"thick_market"`
	// ToleratedVacancies is the share of its posts an employer leaves
	// vacant without raising pay: frictional vacancies.
	ToleratedVacancies float64 `yaml:"tolerated_vacancies"`
	// SupplyElasticity is the elasticity of labour supply to the employer
	// (Manning 2003): the pay premium rises each year by the employer's
	// vacancy rate above ToleratedVacancies divided by it.
	SupplyElasticity float64 `yaml:"supply_elasticity"`
	// OfferRate is the number of job offers an employed worker receives a
	// year from on-the-job search (Burdett & Mortensen 1998).
	OfferRate float64 `yaml:"offer_rate"`
	// OfferSpread is the standard deviation of the log of a job's
	// non-wage value to a worker (a match-specific taste): an offer paying
	// w′ beats pay w with probability Φ(ln(w′/w)/OfferSpread).
	OfferSpread float64 `yaml:"offer_spread"`
	// TrainingRetention is what working for an employer that trains adds
	// to a worker's value of staying, as a share of pay.
	TrainingRetention float64 `yaml:"training_retention"`
}

// DefaultWages returns the default coefficients of wages and quits.
func DefaultWages() Wages {
	return Wages{
		ThickMarket:        0.5,
		ToleratedVacancies: 0.03,
		SupplyElasticity:   0.75,
		OfferRate:          0.1,
		OfferSpread:        0.7,
		TrainingRetention:  0.1,
	}
}

// wageRules checks the coefficients of wages and quits.
func (v *validator) wageRules(w *Wages) {
	const at = "labour_market.wages."
	v.share(at+"thick_market", w.ThickMarket)
	v.share(at+"tolerated_vacancies", w.ToleratedVacancies)
	v.positive(at+"supply_elasticity", w.SupplyElasticity, "an elasticity")
	v.nonNegative(at+"offer_rate", w.OfferRate, "offers per year")
	v.positive(at+"offer_spread", w.OfferSpread, "a standard deviation of log pay")
	v.nonNegative(at+"training_retention", w.TrainingRetention, "a share of pay")
}
