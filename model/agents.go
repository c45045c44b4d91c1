package model

// status is what a person is doing this step.
type status uint8

const (
	statusInactive     status = iota // out of work and not looking
	statusSeeking                    // out of work and looking (unemployed, or a new entrant)
	statusEmployed                   // in a job with an employer
	statusApprentice                 // in a job with an employer, training towards level 3
	statusSelfEmployed               // working for themselves in their sector
	statusCollege                    // on a college classroom course
	statusSixthForm                  // on an academic course (A levels) at school
	statusHigherEd                   // at university
)

// person flags.
const (
	flagLowIncome  = 1 << iota // from a low-income background
	flagVocational             // their highest qualification is vocational, in their sector
	flagTraining               // in training at work, paid by the employer
	flagAdultPlace             // their college place is funded from the adult budget
	flagFunded                 // their training at work is a funded apprenticeship
)

// person is a learner or worker of working age (16–65). It is kept small
// (24 bytes) because a region holds tens of thousands to millions of them.
type person struct {
	employer  int32   // index of the employer, or -1
	wage      float32 // monthly wage in the current job, £
	ageMonths uint16  // age in months
	level     uint8   // attainment level, LevelEntry to Level4
	sector    uint8   // sector of interest and of their vocational field
	status    status  // what they are doing
	jobLevel  uint8   // level of the job they hold
	trainLeft uint8   // months left of the current course or training
	college   uint8   // the college of their latest course
	flags     uint8   // flagLowIncome, flagVocational, flagTraining
	target    uint8   // the level an apprenticeship or training at work leads to
}

// qualifies reports whether p is qualified for a job at level k in sector s:
// intermediate (technical) jobs need a vocational qualification at level 3
// or above in the sector's field — a degree alone does not make a
// technician — and high jobs need a degree in any field.
func (p *person) qualifies(k int, s uint8) bool {
	switch k {
	case JobLow:
		return true
	case JobIntermediate:
		return p.sector == s && p.level >= Level3 && p.flags&flagVocational != 0
	default:
		return p.level >= Level4
	}
}

func (p *person) working() bool {
	return p.status == statusEmployed || p.status == statusApprentice
}

func (p *person) inEducation() bool {
	return p.status == statusCollege || p.status == statusSixthForm || p.status == statusHigherEd
}

// Size classes of employers.
const (
	sizeMicro = iota
	sizeSmallMedium
	sizeLarge
	numSizes
)

// Tie kinds between an employer and a college.
const (
	tieNone          = iota // no contact
	tieTransactional        // placements and courses on request: the one-way street
	tieCoproduction         // co-designed curriculum, staff exchange, live projects
)

// employer is a firm or public-sector employer in one sector.
type employer struct {
	slots       [NumJobLevels]int32 // jobs by level, from the job design
	filled      [NumJobLevels]int32 // jobs held, by persons or migrants
	qualified   [NumJobLevels]int32 // jobs held by qualified workers
	migrants    [NumJobLevels]int32 // jobs held by workers recruited from abroad
	headcount   int32               // the employer's size in jobs
	target      float32             // the jobs its share of the sector's demand commands (headcount is its rounding)
	apprentices int32               // apprentices employed
	trainees    int32               // employees in training at work
	funded      int32               // of the trainees, those on funded apprenticeships
	levyAccount int32               // index of its levy account, or -1
	threshold   float32             // share of sector peers in a network before it joins
	dither      float32             // the employer's fixed offset for rounding job slots, in [0, 1)
	trust       float32             // belief that the college reciprocates co-production
	invested    float32             // upgrading investment sunk in its high-specification strategy, months of a low job's output per job
	sector      uint8
	size        uint8
	college     uint8 // the college of the tie, if any
	tie         uint8 // tieNone, tieTransactional or tieCoproduction
	reviseMonth uint8 // month of the year (0–11) in which it revises its decisions
	highSpec    bool  // on a high-specification product-market strategy
	trains      bool  // trains its staff
	member      bool  // a member of a High Progression and Skills Network
	// Pay (§7.2). The per-step quit hazard by level and the repriced flag
	// are read for every worker every step, so they sit next to the
	// fields work reads; the rest is read at revisions and in matching:
	// the premium over the bargained wage, the posted pay by level for
	// under-qualified [0] and qualified [1] workers, the chance an
	// applicant from another field accepts each post, and the vacancy
	// history since the last pay review.
	repriced   bool // the pay table changed this step: workers' pay follows it
	quit       [NumJobLevels]float32
	premium    float32
	pay        [NumJobLevels][2]float32
	accept     [NumJobLevels]float32
	openMonths int32 // Σ over steps of posts left open by a matching round
	postMonths int32 // Σ over steps of posts
	// Survey state (§4.11), read only by Observe and ObserveGroups; no
	// decision uses it.
	leavers  int32               // separations since the survey window opened (RestartGroupFlows)
	open     [NumJobLevels]int32 // vacancies left open by the previous matching round, by level
	shortage uint8               // bit k: this round's failed fill at level k screened only unqualified applicants
}

// college is the state of a further-education college.
type college struct {
	currency       []float64 // curriculum currency by sector, 0–1
	effort         []float64 // partnership effort committed by sector, 0–1
	reciprocation  []float64 // chance a co-producing employer finds the college reciprocating, by sector
	reputation     float64   // learners' view of the college, 0–1
	places         int       // 16–19 places
	adultPlaces    int       // adult places
	enrolled       int       // 16–19 learners on courses
	adultEnrolled  int       // adults on courses
	capacity       float64   // partnership relationships its staff can sustain
	staffPlaces    float64   // partnership staff share times places (summed in mergers)
	disruptedUntil Month     // restructuring after a merger disrupts partnership work until then
	turnover       float64   // share of partnership capacity lost while disrupted
	merged         bool      // merged into another college
	// Budget and provision (ODD §7.4.1, §7.4.2).
	offered        []float64 // places offered by sector
	enrolledIn     []int32   // learners on courses by sector
	peak           []int32   // most learners on courses at once by sector since the last review
	income         float64   // funding at this step's enrolment, £/year
	costs          float64   // costs this step, £/year
	partnership    float64   // spending on partnership staff this step, £/year
	spending       float64   // the college's cost base, £/year
	balance        float64   // reserves, £
	overheadPlaces float64   // places of establishment whose overhead the college carries
	weakMonths     int       // months in financial difficulty without a break
	budgetSet      bool      // the budget has been planned (at the first step)
}
