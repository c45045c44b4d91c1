package model

// Dated is one entry of a schedule: from the month From on, the value is Value.
type Dated struct {
	// From is the first month the value applies.
	From Month `yaml:"from"`
	// Value is the value from that month on.
	Value float64 `yaml:"value"`
}

// Schedule is a value that changes at dates: a step function given by
// entries in strictly increasing order of From.
type Schedule []Dated

// At returns the value of the schedule in month m: the value of the last
// entry starting at or before m, or before when m precedes every entry.
func (s Schedule) At(m Month, before float64) float64 {
	v := before
	for _, d := range s {
		if d.From > m {
			break
		}
		v = d.Value
	}
	return v
}

// Period is the time a lever is in force: from Start until End
// (exclusive). A nil End means to the end of the run.
type Period struct {
	// Start is the first month the lever is in force.
	Start Month `yaml:"start"`
	// End is the month the lever stops (exclusive); omit it for no end.
	End *Month `yaml:"end,omitempty"`
}

// Active reports whether the period covers month m.
func (p *Period) Active(m Month) bool {
	return m >= p.Start && (p.End == nil || m < *p.End)
}

// Policies holds the policy levers of a scenario. A lever left out (nil)
// is not in force; a lever given takes the real rules of brief section 4
// for every field it leaves out.
type Policies struct {
	// Levy is the apprenticeship levy and the reform of apprenticeship funding.
	Levy *Levy `yaml:"levy,omitempty"`
	// Devolution is the devolution of the adult education budget.
	Devolution *Devolution `yaml:"devolution,omitempty"`
	// Network is a High Progression and Skills Network with a convening body.
	Network *Network `yaml:"network,omitempty"`
	// Austerity cuts funding per learner and the adult budget by date.
	Austerity *Austerity `yaml:"austerity,omitempty"`
	// AreaReviews merges named colleges at dates.
	AreaReviews *AreaReviews `yaml:"area_reviews,omitempty"`
	// Migration sets employers' access to labour from abroad by date.
	Migration *Migration `yaml:"migration,omitempty"`
	// Careers sets how much learners know about routes and prospects by date.
	Careers *Careers `yaml:"careers,omitempty"`
	// NationalFramework is a national actor's announced long-run
	// commitments to skills, believed by their credibility.
	NationalFramework *NationalFramework `yaml:"national_framework,omitempty"`
	// TrainingSubsidy pays a share of employers' training costs, by sector,
	// level and size, within a yearly budget.
	TrainingSubsidy *TrainingSubsidy `yaml:"training_subsidy,omitempty"`
	// IncentivePayments pays employers a sum per new apprentice, by age band.
	IncentivePayments *IncentivePayments `yaml:"incentive_payments,omitempty"`
}

// Levy is the apprenticeship levy (from April 2017): employers pay a share
// of their pay bill above an allowance into an account, topped up by the
// state, from which apprenticeship training is paid; funds expire unspent.
type Levy struct {
	Period `yaml:",inline"`
	// Rate is the levy as a share of the annual pay bill.
	Rate float64 `yaml:"rate"`
	// Allowance is the annual allowance set against the levy, £.
	Allowance float64 `yaml:"allowance"`
	// TopUp is the state's top-up of funds paid in, as a share.
	TopUp float64 `yaml:"top_up"`
	// ExpiryMonths is how long funds stay in the account unspent.
	ExpiryMonths int `yaml:"expiry_months"`
	// CoInvestment is the share of apprenticeship training cost that
	// employers who do not pay the levy pay, by date.
	CoInvestment Schedule `yaml:"co_investment"`
	// Transfers is the share of a levy payer's funds it may transfer to
	// other employers, by date.
	Transfers Schedule `yaml:"transfers"`
	// TransferTakeUp is the share of the funds a payer may transfer that it
	// does transfer: finding a recipient was hard and few did.
	TransferTakeUp float64 `yaml:"transfer_take_up"`
	// Standards is the period in which frameworks were replaced by
	// employer-designed standards.
	Standards Period `yaml:"standards"`
	// StandardsDisruption is the mean share of apprenticeship offers that
	// do not go ahead during the move to standards: twice this at the start
	// of the period, fading to nothing at its end.
	StandardsDisruption float64 `yaml:"standards_disruption"`
	// Level2Standards is the share of level 2 apprenticeship offers that
	// still have a programme to train to once frameworks are withdrawn at
	// the end of the standards period (many level 2 frameworks had no
	// standard).
	Level2Standards float64 `yaml:"level2_standards"`
	// NonLevyFunding is the share of apprenticeship offers by employers who
	// do not pay the levy that find funding once it is in force (providers'
	// allocations for non-levy employers ran short).
	NonLevyFunding Schedule `yaml:"non_levy_funding"`
	// Relabelling is the share of a levy payer's training at work it puts
	// through apprenticeships paid from its account once it has learnt the
	// system (relabelling training it would have given anyway).
	Relabelling float64 `yaml:"relabelling"`
	// Ramp is how many years levy payers take to learn to route their
	// training through apprenticeships.
	Ramp float64 `yaml:"ramp"`
	// PriorContribution is the share of apprenticeship training cost
	// employers paid before the levy (frameworks, co-funded for adults).
	PriorContribution float64 `yaml:"prior_contribution"`
	// Anticipation is how many months ahead employers know a dated change
	// of the funding rules (the notice); 0 means they learn of a change
	// only when it comes. Knowing it, an employer compares the cost of
	// training now with its cost under the coming rules and brings
	// training forward when that pays (ODD §7.15.9).
	Anticipation int `yaml:"anticipation"`
}

// DefaultLevy returns the levy's real rules (brief section 4).
func DefaultLevy() Levy {
	return Levy{
		Period:              Period{Start: MonthOf(2017, 4)},
		Rate:                0.005,
		Allowance:           15000,
		TopUp:               0.10,
		ExpiryMonths:        24,
		CoInvestment:        Schedule{{MonthOf(2017, 5), 0.10}, {MonthOf(2019, 4), 0.05}},
		Transfers:           Schedule{{MonthOf(2018, 4), 0.10}, {MonthOf(2019, 4), 0.25}},
		Standards:           Period{Start: MonthOf(2017, 4), End: monthPtr(MonthOf(2020, 8))},
		StandardsDisruption: 0.27,
		Level2Standards:     0.6,
		NonLevyFunding:      Schedule{{MonthOf(2017, 5), 0.9}, {MonthOf(2019, 4), 0.79}, {MonthOf(2023, 4), 1}},
		Relabelling:         0.23,
		TransferTakeUp:      0.03,
		Ramp:                5,
		PriorContribution:   0.10,
		Anticipation:        3,
	}
}

// Devolution is the devolution of the adult education budget to a local
// authority (to the Greater London Authority from 2019/20).
type Devolution struct {
	Period `yaml:",inline"`
	// LocalShare is the share of adult funding allocated locally.
	LocalShare float64 `yaml:"local_share"`
	// Responsiveness is how closely the local allocation of adult places
	// follows local demand signals (0 not at all, 1 fully).
	Responsiveness float64 `yaml:"responsiveness"`
	// Coordination is the local actor's ability to co-ordinate employers'
	// expectations of the supply of skill (Redding 1996).
	Coordination float64 `yaml:"coordination"`
	// AnnouncedSupply is the share of the labour pool qualified for
	// technical posts that the devolved authority announces as the
	// region's aim; employers' expectations move towards it by
	// Coordination.
	AnnouncedSupply float64 `yaml:"announced_supply"`
}

// DefaultDevolution returns devolution as in London from August 2019.
func DefaultDevolution() Devolution {
	return Devolution{
		Period:          Period{Start: MonthOf(2019, 8)},
		LocalShare:      1,
		Responsiveness:  0.5,
		Coordination:    0.05,
		AnnouncedSupply: 0.4,
	}
}

// Network is a High Progression and Skills Network: a convening body (the
// broker) that lowers the cost of partnership, pools labour-market
// intelligence, seeds early members, pays transfers and damps competition
// between colleges. The lever's period is the period of public funding;
// the broker lives on after it while members' fees cover its costs
// (network.go).
type Network struct {
	Period `yaml:",inline"`
	// Budget is the convening body's annual public grant, paid while the
	// lever is in force, £.
	Budget float64 `yaml:"budget"`
	// CostPerTie is what the convener spends a year to broker one
	// co-production relationship of a small or medium employer, £.
	CostPerTie float64 `yaml:"cost_per_tie"`
	// CostReduction is the share of employers' partnership cost the
	// network's menus of joint activities remove for a micro employer
	// (less for larger ones, which need them less).
	CostReduction float64 `yaml:"cost_reduction"`
	// Intelligence is how much pooled labour-market intelligence improves
	// what learners and colleges know (0–1).
	Intelligence float64 `yaml:"intelligence"`
	// Seed is the share of employers the convener recruits into
	// co-production when the network starts.
	Seed float64 `yaml:"seed"`
	// Transfers is the share of the cost of being let down that the
	// network compensates.
	Transfers float64 `yaml:"transfers"`
	// Damping is how much the network damps competition between colleges
	// for learners (0 none, 1 none left).
	Damping float64 `yaml:"damping"`
	// SizeFactor is the share of CostReduction a member of each size class
	// gets (micro employers need the menus of joint activities most).
	SizeFactor SizeClasses `yaml:"size_factor"`
	// SeedTrust is the least trust an employer the convener seeds into
	// co-production has in its college.
	SeedTrust float64 `yaml:"seed_trust"`
	// IntelligenceContact is the employer contact, per unit of
	// Intelligence, the network's pooled intelligence adds to colleges'
	// curricula.
	IntelligenceContact float64 `yaml:"intelligence_contact"`
	// Fee is the annual member fee per small/medium-employer equivalent
	// (behaviour.partnership.size_weight), £.
	Fee float64 `yaml:"fee"`
	// FixedCost is the convener's fixed running cost, £ a year.
	FixedCost float64 `yaml:"fixed_cost"`
	// MemberCost is the convener's running cost per small/medium-employer
	// equivalent member (staff time and joint activities), £ a year.
	MemberCost float64 `yaml:"member_cost"`
	// Reserve is the convener's reserve when it opens, £.
	Reserve float64 `yaml:"reserve"`
	// ReserveMonths is the reserve the convener keeps, in months of its
	// running costs, before it spends a surplus on brokerage.
	ReserveMonths float64 `yaml:"reserve_months"`
	// MenuMembers is the membership, in small/medium-employer equivalents,
	// at which the menu of joint activities reaches half its breadth.
	MenuMembers float64 `yaml:"menu_members"`
}

// DefaultNetwork returns a network on the scale the paper proposes for an
// area of this size.
func DefaultNetwork() Network {
	return Network{
		Period:              Period{Start: MonthOf(2020, 1)},
		Budget:              500000,
		CostPerTie:          2500,
		CostReduction:       0.6,
		Intelligence:        0.5,
		Seed:                0.05,
		Transfers:           0.5,
		Damping:             0.5,
		SizeFactor:          SizeClasses{Micro: 1, SmallMedium: 0.6, Large: 0.3},
		SeedTrust:           0.6,
		IntelligenceContact: 0.2,
		Fee:                 400,
		FixedCost:           80000,
		MemberCost:          300,
		ReserveMonths:       3,
		MenuMembers:         200,
	}
}

// Austerity cuts public funding of further education by date.
type Austerity struct {
	Period `yaml:",inline"`
	// FundingPerLearner is the 16–19 funding per learner as a share of its
	// level before the cuts, by date.
	FundingPerLearner Schedule `yaml:"funding_per_learner"`
	// AdultBudget is the adult education budget as a share of its level
	// before the cuts, by date.
	AdultBudget Schedule `yaml:"adult_budget"`
}

// DefaultAusterity returns the cuts from 2010 (IFS 2018, 2022): 16–18
// funding per student down about 8%, adult education about 45%.
func DefaultAusterity() Austerity {
	return Austerity{
		Period: Period{Start: MonthOf(2010, 4)},
		FundingPerLearner: Schedule{
			{MonthOf(2010, 4), 0.98}, {MonthOf(2012, 4), 0.95}, {MonthOf(2015, 4), 0.92},
		},
		AdultBudget: Schedule{
			{MonthOf(2010, 4), 0.90}, {MonthOf(2012, 4), 0.75}, {MonthOf(2014, 4), 0.65}, {MonthOf(2016, 4), 0.55},
		},
	}
}

// AreaReviews holds the area-based reviews of 2015–17, which merged
// colleges in financial difficulty.
type AreaReviews struct {
	// Mergers lists the reviews, each of which may merge colleges.
	Mergers []Merger `yaml:"mergers"`
}

// Merger is an area review of named colleges at a date: those of them in
// financial difficulty long enough to be merger candidates merge into the
// strongest college reviewed, with a period of restructuring disruption
// (ODD §7.15.5).
type Merger struct {
	// Colleges names the colleges the review covers.
	Colleges []string `yaml:"colleges"`
	// Date is the month of the review.
	Date Month `yaml:"date"`
	// DisruptionMonths is how long restructuring disrupts partnership work.
	DisruptionMonths int `yaml:"disruption_months"`
	// StaffTurnover is the share of partnership effort and of employers'
	// trust lost when the colleges merge.
	StaffTurnover float64 `yaml:"staff_turnover"`
}

// Migration sets employers' access to labour from abroad, as multipliers
// of labour_market.migrant_access by date.
type Migration struct {
	Period `yaml:",inline"`
	// Low is the multiplier for low jobs.
	Low Schedule `yaml:"low"`
	// Intermediate is the multiplier for intermediate jobs.
	Intermediate Schedule `yaml:"intermediate"`
	// High is the multiplier for high jobs.
	High Schedule `yaml:"high"`
}

// DefaultMigration returns access after the Brexit vote (June 2016):
// falling for low and intermediate jobs from 2017 and after free movement
// ended in 2021, held for high jobs.
func DefaultMigration() Migration {
	return Migration{
		Period:       Period{Start: MonthOf(2016, 7)},
		Low:          Schedule{{MonthOf(2017, 1), 0.8}, {MonthOf(2021, 1), 0.4}},
		Intermediate: Schedule{{MonthOf(2017, 1), 0.9}, {MonthOf(2021, 1), 0.6}},
		High:         Schedule{{MonthOf(2017, 1), 1.0}, {MonthOf(2021, 1), 0.9}},
	}
}

// Careers sets the careers information learners have, by date, replacing
// behaviour.careers_information while in force.
type Careers struct {
	Period `yaml:",inline"`
	// Information is how much learners know about routes and prospects (0–1), by date.
	Information Schedule `yaml:"information"`
}

// DefaultCareers returns careers information improving with the Gatsby
// benchmarks from 2018.
func DefaultCareers() Careers {
	return Careers{
		Period:      Period{Start: MonthOf(2018, 1)},
		Information: Schedule{{MonthOf(2018, 1), 0.6}, {MonthOf(2021, 1), 0.7}},
	}
}

func monthPtr(m Month) *Month { return &m }
