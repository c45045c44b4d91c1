package model

// Employer groups (ODD §4.11): the survey indicators split by the kind of
// employer, for employer_groups.csv.

// EmployerGroup names a group of employers. Every employer belongs to
// four groups, one in each dimension: training, strategy, size and tie.
type EmployerGroup int

// The employer groups, in the order they are written to
// employer_groups.csv.
const (
	GroupTrains        EmployerGroup = iota // employers that train their staff
	GroupNoTraining                         // employers that do not train
	GroupHighSpec                           // employers on a high-specification strategy
	GroupLowSpec                            // employers on a low-specification strategy
	GroupMicro                              // micro employers
	GroupSmallMedium                        // small and medium employers
	GroupLarge                              // large employers
	GroupCoproducing                        // employers in a co-production tie with a college
	GroupTransactional                      // employers in a transactional tie with a college
	GroupUntied                             // employers with no tie to a college
	NumGroups                               // the number of employer groups
)

var groupNames = [NumGroups]string{
	"trains",
	"no_training",
	"high_spec",
	"low_spec",
	"micro",
	"small_medium",
	"large",
	"coproducing",
	"transactional",
	"untied",
}

// String returns the snake_case name of g.
func (g EmployerGroup) String() string {
	if g < 0 || g >= NumGroups {
		return "unknown"
	}
	return groupNames[g]
}

// GroupNames returns the names of the employer groups in order.
func GroupNames() []string { return append([]string(nil), groupNames[:]...) }

// GroupMetric names one indicator of an employer group.
type GroupMetric int

// The employer-group indicators, in the order they are written to
// employer_groups.csv. Stocks are read at the survey date; turnover is a
// flow over the survey window (GroupObservation.WindowMonths).
const (
	GroupEmployers                   GroupMetric = iota // employers in the group
	GroupJobs                                           // filled jobs (persons and migrants)
	GroupTurnoverRate                                   // separations over the window, annualised, / filled jobs at the date
	GroupVacancyRate                                    // vacancies / (vacancies + filled jobs)
	GroupHardToFillVacancyShare                         // hard-to-fill vacancies / vacancies
	GroupSkillShortageVacancyDensity                    // skill-shortage vacancies / vacancies
	GroupSkillsGapShare                                 // share of employers with an under-qualified incumbent
	GroupSkillsGapStaffShare                            // under-qualified incumbents / filled jobs
	GroupOverqualifiedShare                             // employees in a job below their level / employees
	GroupMeanWage                                       // mean monthly wage of employees, £
	GroupTrainingShare                                  // share of employers training their staff
	GroupTraineeShare                                   // apprentices and trainees at work / employees
	GroupQualifiedStaffing                              // qualified intermediate posts / Σ max(slots, filled) at the intermediate level
	NumGroupMetrics                                     // the number of employer-group indicators
)

var groupMetricNames = [NumGroupMetrics]string{
	"employers",
	"jobs",
	"turnover_rate",
	"vacancy_rate",
	"hard_to_fill_vacancy_share",
	"skill_shortage_vacancy_density",
	"skills_gap_share",
	"skills_gap_staff_share",
	"overqualified_share",
	"mean_wage",
	"training_share",
	"trainee_share",
	"qualified_staffing",
}

// String returns the snake_case name of m.
func (m GroupMetric) String() string {
	if m < 0 || m >= NumGroupMetrics {
		return "unknown"
	}
	return groupMetricNames[m]
}

// GroupMetricNames returns the names of the employer-group indicators in
// order.
func GroupMetricNames() []string { return append([]string(nil), groupMetricNames[:]...) }

// GroupObservation is a survey of the employer groups at one date.
type GroupObservation struct {
	// Step is the number of steps taken so far.
	Step int
	// Date is the month of the survey.
	Date Month
	// WindowMonths is the length of the window over which separations
	// were counted: the months since RestartGroupFlows was last called.
	WindowMonths int
	// Sectors holds the indicators by sector and group: Sectors[s][g][m]
	// for sector s in configuration order, and one more entry, the last,
	// for all sectors together.
	Sectors [][NumGroups][NumGroupMetrics]float64
}

// groups returns the four groups of e: training, strategy, size and tie.
func (e *employer) groups() [4]EmployerGroup {
	g := [4]EmployerGroup{GroupNoTraining, GroupLowSpec, GroupMicro + EmployerGroup(e.size), GroupUntied}
	if e.trains {
		g[0] = GroupTrains
	}
	if e.highSpec {
		g[1] = GroupHighSpec
	}
	switch e.tie {
	case tieCoproduction:
		g[3] = GroupCoproducing
	case tieTransactional:
		g[3] = GroupTransactional
	}
	return g
}

// groupAcc accumulates the counts of one group in one sector.
type groupAcc struct {
	employers, jobs, vacancies, hard, shortage, leavers float64
	gapEmployers, gap, employees, wages, overqualified  float64
	trainers, trainees, skilledQualified, skilled       float64
}

func (a *groupAcc) add(b *groupAcc) {
	a.employers += b.employers
	a.jobs += b.jobs
	a.vacancies += b.vacancies
	a.hard += b.hard
	a.shortage += b.shortage
	a.leavers += b.leavers
	a.gapEmployers += b.gapEmployers
	a.gap += b.gap
	a.employees += b.employees
	a.wages += b.wages
	a.overqualified += b.overqualified
	a.trainers += b.trainers
	a.trainees += b.trainees
	a.skilledQualified += b.skilledQualified
	a.skilled += b.skilled
}

// ObserveGroups writes the employer-group indicators at the current date
// into g, reusing g.Sectors. Stocks are read now, as in Observe; turnover
// counts the separations since RestartGroupFlows was last called (or since
// the region was built), annualised over that window, and is 0 when the
// window is empty. Each employer is counted in its groups at the date. It
// reads the state and changes nothing.
func (r *Region) ObserveGroups(g *GroupObservation) {
	nS := len(r.sectors)
	g.Step = r.step
	g.Date = r.Date()
	g.WindowMonths = (r.step - r.flowStart) * r.cfg.StepMonths
	if cap(g.Sectors) < nS+1 {
		g.Sectors = make([][NumGroups][NumGroupMetrics]float64, nS+1)
	}
	g.Sectors = g.Sectors[:nS+1]
	acc := make([][NumGroups]groupAcc, nS+1)
	for i := range r.employers {
		e := &r.employers[i]
		c := e.survey()
		var b groupAcc
		b.employers = 1
		for k := range NumJobLevels {
			b.jobs += float64(e.filled[k])
		}
		b.vacancies = float64(c.vacancies)
		b.hard = float64(c.hard)
		b.shortage = float64(c.shortage)
		b.leavers = float64(e.leavers)
		if c.gap > 0 {
			b.gapEmployers = 1
		}
		b.gap = float64(c.gap)
		if e.trains {
			b.trainers = 1
		}
		b.trainees = float64(e.apprentices + e.trainees)
		b.skilledQualified = float64(e.qualified[JobIntermediate])
		b.skilled = float64(max(e.slots[JobIntermediate], e.filled[JobIntermediate]))
		for _, gr := range e.groups() {
			acc[e.sector][gr].add(&b)
		}
	}
	for i := range r.persons {
		p := &r.persons[i]
		if !p.working() {
			continue
		}
		e := &r.employers[p.employer]
		for _, gr := range e.groups() {
			a := &acc[e.sector][gr]
			a.employees++
			a.wages += float64(p.wage)
			if overqualified(p.level, p.jobLevel) {
				a.overqualified++
			}
		}
	}
	for s := range nS {
		for gr := range NumGroups {
			acc[nS][gr].add(&acc[s][gr])
		}
	}
	annual := 0.0
	if g.WindowMonths > 0 {
		annual = 12 / float64(g.WindowMonths)
	}
	for s := range acc {
		for gr := range NumGroups {
			a := &acc[s][gr]
			x := &g.Sectors[s][gr]
			x[GroupEmployers] = a.employers
			x[GroupJobs] = a.jobs
			x[GroupTurnoverRate] = ratio(a.leavers*annual, a.jobs)
			x[GroupVacancyRate] = ratio(a.vacancies, a.vacancies+a.jobs)
			x[GroupHardToFillVacancyShare] = ratio(a.hard, a.vacancies)
			x[GroupSkillShortageVacancyDensity] = ratio(a.shortage, a.vacancies)
			x[GroupSkillsGapShare] = ratio(a.gapEmployers, a.employers)
			x[GroupSkillsGapStaffShare] = ratio(a.gap, a.jobs)
			x[GroupOverqualifiedShare] = ratio(a.overqualified, a.employees)
			x[GroupMeanWage] = ratio(a.wages, a.employees)
			x[GroupTrainingShare] = ratio(a.trainers, a.employers)
			x[GroupTraineeShare] = ratio(a.trainees, a.employees)
			x[GroupQualifiedStaffing] = ratio(a.skilledQualified, a.skilled)
		}
	}
}

// RestartGroupFlows opens a new survey window: it sets every employer's
// count of separations to zero and the window's start to now. No decision
// reads these counts, so restarting them does not change a run.
func (r *Region) RestartGroupFlows() {
	for i := range r.employers {
		r.employers[i].leavers = 0
	}
	r.flowStart = r.step
}
