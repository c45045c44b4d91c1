package model

import (
	"math"
	"slices"
	"strconv"
)

// Choice is a player's decisions for one employer, taken in place of the
// model's own each time the employer revises (once a year): the stag hunt
// of the partnership, the product-market strategy and training.
type Choice struct {
	// Coproduce co-produces with the employer's college (forming a tie
	// with one if it has none); false stays transactional, or without a
	// tie if it has none.
	Coproduce bool `json:"coproduce"`
	// Upgrade takes a high-specification product-market strategy; false
	// stays on (or returns to) low specification.
	Upgrade bool `json:"upgrade"`
	// Train trains the employer's staff.
	Train bool `json:"train"`
}

// SetChoice hands employer i to a player: its tie, strategy and training
// follow c from now and at each of its yearly revisions until Release.
// Its trust, network membership and everything else stay the model's.
// SetChoice draws a random number only when c forms a new tie (to pick
// the college), so a run stays reproducible from its seed and its
// players' choices.
func (r *Region) SetChoice(i int, c Choice) {
	if i < 0 || i >= len(r.employers) {
		panic("model: SetChoice: no employer " + strconv.Itoa(i))
	}
	if r.players == nil {
		r.players = map[int]Choice{}
	}
	r.players[i] = c
	r.impose(&r.employers[i], c)
}

// Release hands employer i back to the model's decisions.
func (r *Region) Release(i int) { delete(r.players, i) }

// impose sets an employer's decisions to a player's choice.
func (r *Region) impose(e *employer, c Choice) {
	switch {
	case c.Coproduce && e.tie == tieNone:
		e.tie = tieCoproduction
		e.college = uint8(r.pickTieCollege(e.sector))
		e.trust = r.newTieTrust(e)
	case c.Coproduce:
		e.tie = tieCoproduction
	case e.tie == tieCoproduction:
		e.tie = tieTransactional
	}
	if e.highSpec != c.Upgrade {
		r.setStrategy(e, c.Upgrade)
	}
	e.trains = c.Train
}

// EmployerView is what can be seen of one employer at a date: what a
// player sees of their own firm, and what the dashboard's agents view
// shows on a click.
type EmployerView struct {
	// Index is the employer's index in the region.
	Index int `json:"i"`
	// Sector is the index of its sector in the configuration.
	Sector int `json:"sector"`
	// Size is its size class: "micro", "small_medium" or "large".
	Size string `json:"size"`
	// HighSpec reports a high-specification strategy.
	HighSpec bool `json:"high_spec"`
	// Trains reports that it trains its staff.
	Trains bool `json:"trains"`
	// Member reports membership of a High Progression and Skills Network.
	Member bool `json:"member"`
	// Tie is "none", "transactional" or "co-production".
	Tie string `json:"tie"`
	// College is the index of the college of its tie, or -1.
	College int `json:"college"`
	// Trust is its trust that the college reciprocates co-production, 0–1.
	Trust float64 `json:"trust"`
	// Jobs is its headcount in jobs; Vacancies the jobs not filled.
	Jobs      int `json:"jobs"`
	Vacancies int `json:"vacancies"`
	// Apprentices is the apprentices it employs.
	Apprentices int `json:"apprentices"`
	// MeanWage is its employees' mean monthly wage, £ (0 with none).
	MeanWage float64 `json:"mean_wage"`
	// Surplus is its local employees' monthly output less their pay,
	// £: what it makes before training and partnership costs (workers
	// recruited from abroad left out).
	Surplus float64 `json:"surplus"`
	// Player reports that a player takes its decisions (SetChoice).
	Player bool `json:"player"`
}

// Employers returns the number of employers in the region.
func (r *Region) Employers() int { return len(r.employers) }

// EmployerViews describes the employers with the given indices, in that
// order, reading the state and changing nothing; it reads every person
// once.
func (r *Region) EmployerViews(idx []int) []EmployerView {
	out := make([]EmployerView, len(idx))
	pos := make(map[int32]int, len(idx))
	output := make([]float64, len(idx))
	staff := make([]int, len(idx))
	for j, i := range idx {
		if i < 0 || i >= len(r.employers) {
			panic("model: EmployerViews: no employer " + strconv.Itoa(i))
		}
		pos[int32(i)] = j
		e := &r.employers[i]
		v := EmployerView{Index: i, Sector: int(e.sector), Size: sizeNames[e.size], HighSpec: e.highSpec,
			Trains: e.trains, Member: e.member, Tie: "none", College: -1, Trust: float64(e.trust),
			Jobs: int(e.headcount), Apprentices: int(e.apprentices)}
		filled := 0
		for k := range NumJobLevels {
			filled += int(e.filled[k])
		}
		v.Vacancies = max(0, int(e.headcount)-filled)
		if e.tie != tieNone {
			v.College = int(e.college)
			v.Tie = "transactional"
			if e.tie == tieCoproduction {
				v.Tie = "co-production"
			}
		}
		_, v.Player = r.players[i]
		out[j] = v
	}
	for p := range r.persons {
		pp := &r.persons[p]
		if !pp.working() {
			continue
		}
		j, ok := pos[pp.employer]
		if !ok {
			continue
		}
		e := &r.employers[pp.employer]
		staff[j]++
		output[j] += r.output(e.sector, int(pp.jobLevel), pp.qualifies(int(pp.jobLevel), e.sector), e.highSpec)
	}
	for j, i := range idx {
		if staff[j] > 0 {
			out[j].MeanWage = math.Round(r.payBill(int32(i))/float64(staff[j])*100) / 100
		}
		out[j].Surplus = math.Round(output[j] - r.payBill(int32(i)))
	}
	return out
}

// CollegeView is what can be seen of one college at a date.
type CollegeView struct {
	// Index is the college's index in the configuration; Name its name.
	Index int    `json:"i"`
	Name  string `json:"name"`
	// Merged reports that it has merged into another college.
	Merged bool `json:"merged"`
	// Places and Enrolled are its 16–19 places and learners; AdultPlaces
	// and AdultEnrolled the same for adults.
	Places        int `json:"places"`
	Enrolled      int `json:"enrolled"`
	AdultPlaces   int `json:"adult_places"`
	AdultEnrolled int `json:"adult_enrolled"`
	// Reputation is learners' view of the college, 0–1.
	Reputation float64 `json:"reputation"`
	// Currency, Effort and Reciprocation are, by sector in configuration
	// order, its curriculum currency, the partnership effort it commits
	// and the chance a co-producing employer finds it reciprocating (0–1).
	Currency      []float64 `json:"currency"`
	Effort        []float64 `json:"effort"`
	Reciprocation []float64 `json:"reciprocation"`
}

// CollegeViews describes every college, reading the state and changing
// nothing.
func (r *Region) CollegeViews() []CollegeView {
	out := make([]CollegeView, len(r.colleges))
	for c := range r.colleges {
		col := &r.colleges[c]
		out[c] = CollegeView{Index: c, Name: r.cfg.Colleges[c].Name, Merged: col.merged,
			Places: col.places, Enrolled: col.enrolled, AdultPlaces: col.adultPlaces, AdultEnrolled: col.adultEnrolled,
			Reputation: col.reputation, Currency: slices.Clone(col.currency), Effort: slices.Clone(col.effort),
			Reciprocation: slices.Clone(col.reciprocation)}
	}
	return out
}
