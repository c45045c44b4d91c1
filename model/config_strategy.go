package model

// The coefficients of the product-market strategy as an investment (ODD
// §7.8, §8.7.5) and their validation.

// StrategyChoice holds the coefficients of the product-market strategy
// taken as an irreversible investment (ODD §7.8). The investment itself is
// per sector (sectors[].upgrade_investment) and the discount rate is the
// employers' (behaviour.training.discount).
type StrategyChoice struct {
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
		InvestmentRecovery: 0,
		ProfitVolatility:   0.2,
		OwnExperience:      0.5,
	}
}

// strategyChoice checks the coefficients of the strategy choice.
func (v *validator) strategyChoice(s *StrategyChoice) {
	const at = "behaviour.strategy."
	v.share(at+"investment_recovery", s.InvestmentRecovery)
	v.bounded(at+"profit_volatility", s.ProfitVolatility, 5, "an annual volatility")
	v.share(at+"own_experience", s.OwnExperience)
}
