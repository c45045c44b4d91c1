package model

// Observation of each college's state (ODD §4.11), for colleges.csv.

// CollegeMetric indexes a college's own indicators.
type CollegeMetric int

// The college indicators, in the order they are written to colleges.csv.
const (
	// CollegeIncome is funding at the step's enrolment, £ per year.
	CollegeIncome CollegeMetric = iota
	// CollegeCosts is the step's costs, £ per year.
	CollegeCosts
	// CollegePartnershipSpending is the step's spending on partnership
	// staff (part of its costs), £ per year.
	CollegePartnershipSpending
	// CollegeBalance is the college's reserves, £.
	CollegeBalance
	// CollegeReserveMonths is its reserves in months of its costs.
	CollegeReserveMonths
	// CollegeEnrolment is its learners on courses (16–19 and adult).
	CollegeEnrolment
	// CollegePlaces is the places it offers, over all sectors.
	CollegePlaces
	// CollegeCapacity is the co-production ties (SME-equivalents) its
	// partnership staff can sustain.
	CollegeCapacity
	// CollegeReputation is learners' view of the college, 0–1.
	CollegeReputation
	// CollegeMergerCandidate is 1 while the college is a merger
	// candidate (in financial difficulty long enough), else 0.
	CollegeMergerCandidate
	// CollegeActive is 1 while the college exists, 0 once merged into
	// another (its other indicators are then 0).
	CollegeActive
	// NumCollegeMetrics is the number of college indicators.
	NumCollegeMetrics
)

// CollegeSectorMetric indexes a college's indicators in one sector.
type CollegeSectorMetric int

// The college indicators by sector, in the order they are written to
// colleges.csv.
const (
	// CollegePlacesIn is the places offered in the sector.
	CollegePlacesIn CollegeSectorMetric = iota
	// CollegeEnrolmentIn is the learners on courses in the sector.
	CollegeEnrolmentIn
	// CollegeEffort is the partnership effort committed to the sector, 0–1.
	CollegeEffort
	// CollegeCurrency is the curriculum currency in the sector, 0–1.
	CollegeCurrency
	// NumCollegeSectorMetrics is the number of college indicators by sector.
	NumCollegeSectorMetrics
)

var collegeMetricNames = [NumCollegeMetrics]string{
	"income", "costs", "partnership_spending", "balance", "reserve_months", "enrolment",
	"places", "partnership_capacity", "reputation", "merger_candidate", "active",
}

var collegeSectorMetricNames = [NumCollegeSectorMetrics]string{"places", "enrolment", "effort", "currency"}

// CollegeMetricNames returns the names of the college indicators, in
// CollegeMetric order.
func CollegeMetricNames() []string { return collegeMetricNames[:] }

// CollegeSectorMetricNames returns the names of the college indicators by
// sector, in CollegeSectorMetric order; colleges.csv writes each as
// name:sector.
func CollegeSectorMetricNames() []string { return collegeSectorMetricNames[:] }

// CollegeObservation is one college's state at one step.
type CollegeObservation struct {
	// Values holds the college's indicators, indexed by CollegeMetric.
	Values [NumCollegeMetrics]float64
	// Sectors holds its indicators in each sector, in configuration
	// order, indexed by CollegeSectorMetric.
	Sectors [][NumCollegeSectorMetrics]float64
}

// observeColleges fills o.Colleges with every college's state, in
// configuration order, reusing its storage.
func (r *Region) observeColleges(o *Observation) {
	nC, nS := len(r.colleges), len(r.sectors)
	if cap(o.Colleges) < nC {
		o.Colleges = make([]CollegeObservation, nC)
	}
	o.Colleges = o.Colleges[:nC]
	for c := range r.colleges {
		col := &r.colleges[c]
		co := &o.Colleges[c]
		if cap(co.Sectors) < nS {
			co.Sectors = make([][NumCollegeSectorMetrics]float64, nS)
		}
		co.Sectors = co.Sectors[:nS]
		clear(co.Sectors)
		co.Values = [NumCollegeMetrics]float64{}
		if col.merged {
			continue
		}
		offered := 0.0
		for s := range nS {
			offered += col.offered[s]
			co.Sectors[s] = [NumCollegeSectorMetrics]float64{
				CollegePlacesIn:    col.offered[s],
				CollegeEnrolmentIn: float64(col.enrolledIn[s]),
				CollegeEffort:      col.effort[s],
				CollegeCurrency:    col.currency[s],
			}
		}
		v := &co.Values
		v[CollegeIncome] = col.income
		v[CollegeCosts] = col.costs
		v[CollegePartnershipSpending] = col.partnership
		v[CollegeBalance] = col.balance
		v[CollegeReserveMonths] = col.reserveMonths()
		v[CollegeEnrolment] = float64(col.enrolled + col.adultEnrolled)
		v[CollegePlaces] = offered
		v[CollegeCapacity] = col.capacity
		v[CollegeReputation] = col.reputation
		if r.candidate(c) {
			v[CollegeMergerCandidate] = 1
		}
		v[CollegeActive] = 1
	}
}
