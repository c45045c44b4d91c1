package model

// Regime is the state a region has settled into at the end of a run.
type Regime int

// The three regimes, from the trap to the co-production trajectory.
const (
	LowSkills    Regime = iota // the low-skills equilibrium
	Transitional               // neither: on the way, or stuck between
	Coproduction               // the co-production trajectory
	NumRegimes                 // the number of regimes
)

var regimeNames = [NumRegimes]string{"low-skills", "transitional", "co-production"}

// String returns the regime's name as written in output files.
func (g Regime) String() string {
	if g < 0 || g >= NumRegimes {
		return "unknown"
	}
	return regimeNames[g]
}

// RegimeNames returns the names of the regimes in order.
func RegimeNames() []string { return append([]string(nil), regimeNames[:]...) }

// The thresholds of the regime rule. They are stated in docs/ODD.md.
const (
	// CoproductionMinHighSkill is the least high-skill strategy share of a co-production region.
	CoproductionMinHighSkill = 0.5
	// CoproductionMinTies is the least co-production share of ties of a co-production region.
	CoproductionMinTies = 0.4
	// CoproductionMinIntermediate is the least intermediate job share of a co-production region.
	CoproductionMinIntermediate = 0.22
	// LowSkillsMaxHighSkill is the largest high-skill strategy share of a low-skills region.
	LowSkillsMaxHighSkill = 0.3
	// LowSkillsMaxTies is the largest co-production share of ties of a low-skills region.
	LowSkillsMaxTies = 0.2
)

// Classify assigns a regime to the indicators of a region, normally those
// of its last step. The rule:
//
//	co-production  if high_skill_strategy_share ≥ 0.5, coproduction_share ≥ 0.4
//	               and intermediate_job_share ≥ 0.22;
//	low-skills     if high_skill_strategy_share < 0.3 and coproduction_share < 0.2;
//	transitional   otherwise.
//
// Strategy share and ties are the two sides of the trap (demand for skill
// and the college–employer relationship); the intermediate job share checks
// that the demand shows up in the shape of the labour market.
func Classify(o *Observation) Regime {
	h := o.Region[HighSkillStrategyShare]
	c := o.Region[CoproductionShare]
	i := o.Region[IntermediateJobShare]
	switch {
	case h >= CoproductionMinHighSkill && c >= CoproductionMinTies && i >= CoproductionMinIntermediate:
		return Coproduction
	case h < LowSkillsMaxHighSkill && c < LowSkillsMaxTies:
		return LowSkills
	default:
		return Transitional
	}
}
