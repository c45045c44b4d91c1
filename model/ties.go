package model

// TieKind is the kind of a tie between an employer and a college.
type TieKind int

// The kinds of tie: the one-way street and the two-way street.
const (
	Transactional TieKind = iota // placements and courses on request
	CoProduction                 // co-designed curriculum, staff exchange, live projects
)

// String names the kind of tie.
func (k TieKind) String() string {
	if k == CoProduction {
		return "co-production"
	}
	return "transactional"
}

// Tie is one employer–college tie.
type Tie struct {
	// Employer is the employer's index in the region.
	Employer int
	// College is the college's index in the configuration.
	College int
	// Kind is transactional or co-production.
	Kind TieKind
	// Trust is the employer's trust in the college, 0–1.
	Trust float64
}

// TieEmployer describes an employer that has a tie.
type TieEmployer struct {
	// Index is the employer's index in the region.
	Index int
	// Sector is the index of its sector in the configuration.
	Sector int
	// Size is its size class: "micro", "small_medium" or "large".
	Size string
	// HighSpec reports a high-specification strategy.
	HighSpec bool
	// Member reports membership of a High Progression and Skills Network.
	Member bool
}

// TieCollege describes a college in the partnership network.
type TieCollege struct {
	// Index is the college's index in the configuration.
	Index int
	// Name is the college's name.
	Name string
	// Merged reports that it has merged into another college.
	Merged bool
}

// Ties is the partnership network at one date: the colleges, the employers
// with a tie, and the ties, in index order.
type Ties struct {
	// Date is the month of the snapshot.
	Date Month
	// Network reports whether a High Progression and Skills Network (a
	// convener) is in force.
	Network bool
	// Colleges lists every college.
	Colleges []TieCollege
	// Employers lists the employers with a tie.
	Employers []TieEmployer
	// Ties lists the ties.
	Ties []Tie
}

var sizeNames = [numSizes]string{"micro", "small_medium", "large"}

// Ties returns the partnership network now. It reads the state and
// changes nothing.
func (r *Region) Ties() Ties {
	t := Ties{Date: r.Date(), Network: r.lever.network}
	for c := range r.colleges {
		t.Colleges = append(t.Colleges, TieCollege{Index: c, Name: r.cfg.Colleges[c].Name, Merged: r.colleges[c].merged})
	}
	for i := range r.employers {
		e := &r.employers[i]
		if e.tie == tieNone {
			continue
		}
		t.Employers = append(t.Employers, TieEmployer{Index: i, Sector: int(e.sector), Size: sizeNames[e.size], HighSpec: e.highSpec, Member: e.member})
		kind := Transactional
		if e.tie == tieCoproduction {
			kind = CoProduction
		}
		t.Ties = append(t.Ties, Tie{Employer: i, College: int(e.college), Kind: kind, Trust: float64(e.trust)})
	}
	return t
}
