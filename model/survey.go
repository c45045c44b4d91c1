package model

// Survey measures of employers' skill problems (ODD §4.11): hard-to-fill
// and skill-shortage vacancies and skills gaps as the Employer Skills
// Survey defines them, and over-qualification as the ONS does. They are
// read from a small survey state each employer keeps (employer.open,
// employer.shortage, employer.leavers) that no decision uses.

// openRound starts the survey state of a matching round, at the start of
// a step: each employer's vacancies left open by the previous round (its
// vacancies now, before anyone quits or is hired), and no reason yet for a
// failed fill.
func openRound(e *employer) {
	for k := range NumJobLevels {
		e.open[k] = max(0, e.slots[k]-e.filled[k])
		e.openMonths += e.open[k]
		e.postMonths += e.slots[k]
	}
	e.shortage = 0
}

// surveyCounts are an employer's answers to the survey at a date.
type surveyCounts struct {
	vacancies int32 // all vacancies: Σ max(0, slots − filled)
	hard      int32 // hard-to-fill vacancies
	shortage  int32 // skill-shortage vacancies (a subset of hard)
	gap       int32 // under-qualified incumbents (skills gaps)
}

// survey returns the employer's vacancies and skills gaps at the date, as
// observed after a matching round. At each job level k:
//
//   - vacancies: max(0, slots − filled);
//   - hard to fill: min(vacancies, open[k]), the posts vacant after both
//     the previous and this round — the vacancies that stayed open through
//     a full round of screening, which is what an employer calls hard to
//     fill;
//   - skill-shortage: the hard-to-fill vacancies at k when this round's
//     failed fill at k screened applicants who all lacked the
//     qualification (rather than finding none who would apply);
//   - skills gaps: filled − qualified at the intermediate and high levels
//     (every worker is qualified for a low job).
func (e *employer) survey() surveyCounts {
	var c surveyCounts
	for k := range NumJobLevels {
		v := max(0, e.slots[k]-e.filled[k])
		h := min(v, e.open[k])
		c.vacancies += v
		c.hard += h
		if e.shortage&(1<<k) != 0 {
			c.shortage += h
		}
		if k > JobLow {
			c.gap += max(0, e.filled[k]-e.qualified[k])
		}
	}
	return c
}

// overqualified reports whether a worker at attainment level holds a job
// at job level below their level: they hold at least the level the next
// job level up requires (level 3 or above in a low job, level 4 or above
// in an intermediate job), whatever their field.
func overqualified(level uint8, job uint8) bool {
	return int(job) < JobHigh && level >= requiredLevel[job+1]
}

// heldJobs counts employees by the level of the job they hold and their
// attainment level, from which the over-qualification shares follow
// (counting into a small table is cheaper than testing each worker).
type heldJobs [NumJobLevels][NumLevels]float64

func (h *heldJobs) add(o *heldJobs) {
	for k := range NumJobLevels {
		for l := range NumLevels {
			h[k][l] += o[k][l]
		}
	}
}

// overqualification returns the over-qualified employees, the employees
// at level 4 or above, and those of them over-qualified.
func (h *heldJobs) overqualification() (over, graduates, graduatesOver float64) {
	for k := range NumJobLevels {
		for l := range NumLevels {
			n := h[k][l]
			if overqualified(uint8(l), uint8(k)) {
				over += n
				if l >= Level4 {
					graduatesOver += n
				}
			}
			if l >= Level4 {
				graduates += n
			}
		}
	}
	return over, graduates, graduatesOver
}
