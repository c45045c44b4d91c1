package model

// Reputation and college choice (ODD §7.6).

// pickCollege chooses a college with a free place in sector s (one of
// the places it offers in s, §7.4.2), weighting colleges by reputation
// (competition between providers for learners) and by their size (their
// establishment of places: a merged college has the campuses of both).
// It returns -1 when no college has such a place, and counts the learner
// as turned away.
func (r *Region) pickCollege(young bool, s uint8) int {
	// A network damps competition: reputation counts for less.
	base := r.cfg.Behaviour.Routes.CollegeChoiceBase
	damping, mean := 0.0, 0.0
	if r.lever.network {
		damping = r.cfg.Policies.Network.Damping
		for c := range r.colleges {
			mean += r.colleges[c].reputation / float64(len(r.colleges))
		}
	}
	weight := func(c int) float64 {
		col := &r.colleges[c]
		return (base + (1-damping)*col.reputation + damping*mean) * float64(col.places+col.adultPlaces)
	}
	total := 0.0
	for c := range r.colleges {
		if r.hasPlace(c, young, s) {
			total += weight(c)
		}
	}
	if total == 0 {
		r.turnedAway[s]++
		return -1
	}
	u := r.uniform() * total
	last := -1
	for c := range r.colleges {
		if r.hasPlace(c, young, s) {
			last = c
			u -= weight(c)
			if u < 0 {
				return c
			}
		}
	}
	return last
}

// hasPlace reports whether college c has a free place for a learner in
// sector s: one of its places offered in s, and a 16–19 or funded adult
// place.
func (r *Region) hasPlace(c int, young bool, s uint8) bool {
	col := &r.colleges[c]
	if col.merged || float64(col.enrolledIn[s]) >= col.offered[s] {
		return false
	}
	if young {
		return col.enrolled < col.places
	}
	return float64(col.adultEnrolled) < float64(col.adultPlaces)*r.lever.adultMult
}

func (r *Region) enrol(p *person, c int, months int) {
	p.status = statusCollege
	p.college = uint8(c)
	p.trainLeft = uint8(months)
	col := &r.colleges[c]
	col.enrolledIn[p.sector]++
	col.peak[p.sector] = max(col.peak[p.sector], col.enrolledIn[p.sector])
	if p.ageMonths < adultAge {
		r.colleges[c].enrolled++
		p.flags &^= flagAdultPlace
	} else {
		r.colleges[c].adultEnrolled++
		p.flags |= flagAdultPlace
	}
}

// leaveCollege frees a learner's college place.
func (r *Region) leaveCollege(p *person) {
	col := &r.colleges[p.college]
	col.enrolledIn[p.sector]--
	if p.flags&flagAdultPlace == 0 {
		col.enrolled--
	} else {
		col.adultEnrolled--
	}
	p.flags &^= flagAdultPlace
}
