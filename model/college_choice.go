package model

// Reputation and college choice (ODD §7.6).

// pickCollege chooses a college with a free place, weighting colleges by
// reputation (competition between providers for learners). It returns -1
// when every college is full.
func (r *Region) pickCollege(young bool) int {
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
		return base + (1-damping)*r.colleges[c].reputation + damping*mean
	}
	total := 0.0
	for c := range r.colleges {
		if r.hasPlace(c, young) {
			total += weight(c)
		}
	}
	if total == 0 {
		return -1
	}
	u := r.rng.Float64() * total
	last := -1
	for c := range r.colleges {
		if r.hasPlace(c, young) {
			last = c
			u -= weight(c)
			if u < 0 {
				return c
			}
		}
	}
	return last
}

func (r *Region) hasPlace(c int, young bool) bool {
	col := &r.colleges[c]
	if young {
		return col.enrolled < col.places
	}
	return float64(col.adultEnrolled) < float64(col.adultPlaces)*r.lever.adultMult
}

func (r *Region) enrol(p *person, c int, months int) {
	p.status = statusCollege
	p.college = uint8(c)
	p.trainLeft = uint8(months)
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
	if p.flags&flagAdultPlace == 0 {
		col.enrolled--
	} else {
		col.adultEnrolled--
	}
	p.flags &^= flagAdultPlace
}
