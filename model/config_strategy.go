package model

// The coefficients of the product-market strategy as an investment (ODD
// §7.8, §8.7.5) and their validation.

// StrategyChoice holds the coefficients of the product-market strategy
// taken as an irreversible investment (ODD §7.8). The investment itself is
// per sector (sectors[].upgrade_investment).
type StrategyChoice struct {
	// Discount is micro and small or medium employers' monthly discount
	// rate for the strategy investment: small firms screen investments by
	// their payback period (Graham & Harvey 2001), and a payback of about
	// four years on a lasting flow is an annual hurdle of about 24%.
	Discount float64 `yaml:"discount"`
	// LargeDiscount is large employers' monthly discount rate for the
	// strategy investment: their hurdle rate for capital projects
	// (Poterba & Summers 1995: a mean real hurdle rate of 12.2% a year).
	LargeDiscount float64 `yaml:"large_discount"`
	// InvestmentRecovery is the share of the upgrading investment an
	// employer recovers when it returns to low specification.
	InvestmentRecovery float64 `yaml:"investment_recovery"`
	// ProfitVolatility is the annual volatility of the profit of a
	// strategy, which sets the option value of waiting (Dixit & Pindyck
	// 1994); 0 gives the Marshallian rule.
	ProfitVolatility float64 `yaml:"profit_volatility"`
	// OwnExperience is the weight of an employer's own record of filling
	// its technical posts against what the sector's tightness implies.
	OwnExperience float64 `yaml:"own_experience"`
}

// DefaultStrategyChoice returns the default coefficients of the strategy
// choice.
func DefaultStrategyChoice() StrategyChoice {
	return StrategyChoice{
		Discount:           0.02,
		LargeDiscount:      0.01,
		InvestmentRecovery: 0,
		ProfitVolatility:   0.2,
		OwnExperience:      0.5,
	}
}

// strategyChoice checks the coefficients of the strategy choice.
func (v *validator) strategyChoice(s *StrategyChoice) {
	const at = "behaviour.strategy."
	v.bounded(at+"discount", s.Discount, 1, "a rate per month")
	v.bounded(at+"large_discount", s.LargeDiscount, 1, "a rate per month")
	v.share(at+"investment_recovery", s.InvestmentRecovery)
	v.bounded(at+"profit_volatility", s.ProfitVolatility, 5, "an annual volatility")
	v.share(at+"own_experience", s.OwnExperience)
}
