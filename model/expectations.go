package model

// Expectations (ODD §7.3): adaptive beliefs about skill supply and the job structure.

// senseSupply moves each sector's expected supply of technical skill
// towards the share of its labour pool (people of working age in the
// sector's field who are working or looking for work) qualified for
// intermediate posts, with weight w. This is what a firm weighing a
// high-specification strategy needs to know (Snower 1994: where most
// workers are unskilled, good jobs are hard to fill).
func (r *Region) senseSupply(w float64) {
	nS := len(r.sectors)
	var buf [2 * 16]float64
	counts := buf[:0]
	if 2*nS > len(buf) {
		counts = make([]float64, 0, 2*nS)
	}
	counts = counts[:2*nS]
	clear(counts)
	for i := range r.persons {
		p := &r.persons[i]
		if p.inEducation() || p.status == statusInactive {
			continue
		}
		counts[2*int(p.sector)]++
		if p.qualifies(JobIntermediate, p.sector) {
			counts[2*int(p.sector)+1]++
		}
	}
	for s := range r.sectors {
		q := ratio(counts[2*s+1], counts[2*s])
		r.sectors[s].supplyNow = q
		r.sectors[s].supplyEMA += w * (q - r.sectors[s].supplyEMA)
	}
}

// skilledJobShare is the share of a sector's jobs at the intermediate or
// high level.
func (r *Region) skilledJobShare(s int) float64 {
	var sk, n float64
	for i := range r.employers {
		e := &r.employers[i]
		if int(e.sector) != s {
			continue
		}
		sk += float64(e.slots[JobIntermediate] + e.slots[JobHigh])
		n += float64(e.headcount)
	}
	if n == 0 {
		return 0
	}
	return sk / n
}

// updateExpectations moves agents' adaptive expectations of staffing and of
// the job structure towards what they see now, once a year.
func (r *Region) updateExpectations() {
	if !r.yearTurns() {
		return
	}
	w := r.cfg.Behaviour.ExpectationSpeed
	for s := range r.sectors {
		st := &r.sectors[s]
		st.skilledJobsNow = r.skilledJobShare(s)
		st.skilledJobsEMA += w * (st.skilledJobsNow - st.skilledJobsEMA)
		if st.vacanciesSum > 0 {
			st.tightnessEMA += w * (st.seekersSum/st.vacanciesSum - st.tightnessEMA)
		} else if st.seekersSum > 0 {
			st.tightnessEMA += w * (1 - st.tightnessEMA) // no vacancies: a slack market
		}
		st.seekersSum, st.vacanciesSum = 0, 0
	}
	r.senseSupply(w)
	r.senseOutcomes(w)
	r.judgeFramework()
}
