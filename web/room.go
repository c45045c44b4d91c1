package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"strings"
	"sync"
	"time"

	"skillsim/model"
)

// The classroom's defaults.
const (
	DefaultMaxStudents  = 40 // students per room
	DefaultMaxRooms     = 4  // rooms per server
	DefaultRoundSeconds = 60 // seconds a decision round lasts
	DefaultRounds       = 10 // rounds (years) a game lasts
	// roomIdle is how long a room with no request lives on.
	roomIdle = 3 * time.Hour
)

// codeAlphabet has no 0, O, 1, I or L, which a class misreads from a
// projector. A code of codeLen letters is one of 32^8 ≈ 10^12: with the
// rate limit, a room cannot be found by guessing.
const (
	codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	codeLen      = 8
)

// newCode returns a random room code.
func newCode() string {
	b := make([]byte, codeLen)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// newToken returns a random 128-bit secret as hex.
func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// student is a player: one employer of the room's region.
type student struct {
	token    string
	name     string
	firm     int
	choice   model.Choice // this round's choice, or last year's until they answer
	answered bool
}

// roundRecord is the outcome of one round (a year): what the class chose,
// what the model's own employers did, and the region with the class and
// without it (the same region on the same seed, every firm the model's).
type roundRecord struct {
	Round int    `json:"round"`
	Date  string `json:"date"`
	// Class and Model are the shares of the players' firms and of the
	// other employers that co-produce, have upgraded and train.
	Class shares `json:"class"`
	Model shares `json:"model"`
	// Region and Shadow are the region's indicators of the regime rule
	// (last year's mean) and its regime, with the class and without.
	Region regionState `json:"region"`
	Shadow regionState `json:"shadow"`
}

type shares struct {
	Coproduce float64 `json:"coproduce"`
	Upgrade   float64 `json:"upgrade"`
	Train     float64 `json:"train"`
	N         int     `json:"n"`
}

type regionState struct {
	HighSkill    float64 `json:"high_skill"`
	Coproduction float64 `json:"coproduction"`
	Intermediate float64 `json:"intermediate"`
	Regime       string  `json:"regime"`
}

// Room states.
const (
	roomLobby    = "lobby"    // students join
	roomDeciding = "deciding" // a round is open for decisions
	roomPaused   = "paused"   // the teacher stopped the clock
	roomDone     = "done"     // the game is over: the debrief
)

// room is one classroom game: a region whose employers the students play.
type room struct {
	mu      sync.Mutex
	code    string
	teacher string
	cfg     *model.Config
	seed    uint64
	rounds  int
	secs    int
	// region is the game; shadow the same region on the same seed with
	// every firm the model's, stepped in lockstep for the debrief.
	region, shadow *runner
	state          string
	round          int       // the round open or last played, from 1
	deadline       time.Time // when the open round closes
	left           time.Duration
	timer          *time.Timer
	students       []*student
	firms          []int // the employers students take, in order
	history        []roundRecord
	previous       []roundRecord // the game before a replay
	// notify is closed and replaced at every change, waking the streams.
	notify  chan struct{}
	streams int
	last    time.Time
	closed  bool
}

// newRoom builds a room for cfg on seed.
func newRoom(cfg *model.Config, seed uint64, rounds, secs, sector int) (*room, error) {
	rm := &room{code: newCode(), teacher: newToken(), cfg: cfg, seed: seed, rounds: rounds, secs: secs,
		notify: make(chan struct{}), last: time.Now()}
	if err := rm.reset(); err != nil {
		return nil, err
	}
	// The firms students take: the employers in an order drawn from the
	// room's seed, those of the chosen sector (if any) first, and small
	// and medium employers before large and micro ones (a micro firm has
	// too few jobs to show a change).
	n := rm.region.region.Employers()
	order := mrand.New(mrand.NewPCG(seed, 0x5eed)).Perm(n)
	views := rm.region.region.EmployerViews(order)
	for _, inSector := range []bool{true, false} {
		for _, size := range []string{"small_medium", "large", "micro"} {
			for _, v := range views {
				if v.Size == size && (v.Sector == sector) == inSector {
					rm.firms = append(rm.firms, v.Index)
				}
			}
		}
	}
	return rm, nil
}

// reset starts the region (and its shadow) from step 0.
func (rm *room) reset() error {
	var err error
	if rm.region, err = newRunner(context.Background(), "a", rm.cfg, rm.seed, nil, nil); err != nil {
		return err
	}
	if rm.shadow, err = newRunner(context.Background(), "b", rm.cfg, rm.seed, nil, nil); err != nil {
		return err
	}
	rm.round, rm.history = 0, nil
	rm.state = roomLobby
	return nil
}

// changed wakes every stream of the room. The caller holds rm.mu.
func (rm *room) changed() {
	close(rm.notify)
	rm.notify = make(chan struct{})
}

// stepsPerRound is a year of steps.
func (rm *room) stepsPerRound() int { return max(1, 12/rm.cfg.StepMonths) }

// join adds a student with name and returns them; nil if the room is full.
func (rm *room) join(name string, most int) *student {
	if len(rm.students) >= most || len(rm.students) >= len(rm.firms) {
		return nil
	}
	s := &student{token: newToken(), name: name, firm: rm.firms[len(rm.students)]}
	s.choice = rm.initialChoice(s.firm)
	rm.students = append(rm.students, s)
	rm.changed()
	return s
}

// initialChoice is what a firm does now: the choice a student who has
// not answered yet keeps.
func (rm *room) initialChoice(firm int) model.Choice {
	v := rm.region.region.EmployerViews([]int{firm})[0]
	return model.Choice{Coproduce: v.Tie == "co-production", Upgrade: v.HighSpec, Train: v.Trains}
}

// byToken returns the student with the token, or nil.
func (rm *room) byToken(token string) *student {
	for _, s := range rm.students {
		if s.token == token {
			return s
		}
	}
	return nil
}

// open opens the next round with its clock running.
func (rm *room) open() {
	rm.round++
	rm.state = roomDeciding
	for _, s := range rm.students {
		s.answered = false
	}
	rm.startClock(time.Duration(rm.secs) * time.Second)
}

// startClock closes the round after d unless it closes first.
func (rm *room) startClock(d time.Duration) {
	rm.stopClock()
	rm.deadline = time.Now().Add(d)
	round := rm.round
	rm.timer = time.AfterFunc(d, func() {
		rm.mu.Lock()
		defer rm.mu.Unlock()
		if rm.state == roomDeciding && rm.round == round && !rm.closed {
			rm.play()
		}
	})
}

func (rm *room) stopClock() {
	if rm.timer != nil {
		rm.timer.Stop()
		rm.timer = nil
	}
}

// play closes the open round: every student's choice (last year's for one
// who did not answer) is given to their firm, the region and its shadow
// run a year, and the next round opens, or the game ends.
func (rm *room) play() {
	rm.stopClock()
	for _, s := range rm.students {
		rm.region.region.SetChoice(s.firm, s.choice)
	}
	for range rm.stepsPerRound() {
		rm.region.advance()
		rm.shadow.advance()
	}
	rm.history = append(rm.history, rm.record())
	if rm.round >= rm.rounds || rm.region.region.Done() {
		rm.state = roomDone
	} else {
		rm.open()
	}
	rm.changed()
}

// record describes the round just played.
func (rm *room) record() roundRecord {
	rec := roundRecord{Round: rm.round, Date: rm.region.obs.Date.String()}
	players := map[int]bool{}
	for _, s := range rm.students {
		players[s.firm] = true
	}
	all := make([]int, rm.region.region.Employers())
	for i := range all {
		all[i] = i
	}
	for _, v := range rm.region.region.EmployerViews(all) {
		sh := &rec.Model
		if players[v.Index] {
			sh = &rec.Class
		}
		sh.N++
		if v.Tie == "co-production" {
			sh.Coproduce++
		}
		if v.HighSpec {
			sh.Upgrade++
		}
		if v.Trains {
			sh.Train++
		}
	}
	for _, sh := range []*shares{&rec.Class, &rec.Model} {
		if sh.N > 0 {
			sh.Coproduce /= float64(sh.N)
			sh.Upgrade /= float64(sh.N)
			sh.Train /= float64(sh.N)
		}
	}
	state := func(rn *runner) regionState {
		m := rn.yearMeans()
		return regionState{HighSkill: m[0], Coproduction: m[1], Intermediate: m[2], Regime: rn.yearRegime().String()}
	}
	rec.Region, rec.Shadow = state(rm.region), state(rm.shadow)
	return rec
}

// control carries out a teacher's action.
func (rm *room) control(action string) error {
	switch action {
	case "start":
		if rm.state != roomLobby {
			return fmt.Errorf("the game has already started")
		}
		if len(rm.students) == 0 {
			return fmt.Errorf("nobody has joined yet: students open the join page and type the code")
		}
		rm.open()
	case "advance":
		switch rm.state {
		case roomDeciding, roomPaused:
			rm.play()
		default:
			return fmt.Errorf("there is no round open to close")
		}
	case "pause":
		if rm.state != roomDeciding {
			return fmt.Errorf("there is no round running to pause")
		}
		rm.left = max(0, time.Until(rm.deadline))
		rm.stopClock()
		rm.state = roomPaused
	case "resume":
		if rm.state != roomPaused {
			return fmt.Errorf("the game is not paused")
		}
		rm.state = roomDeciding
		rm.startClock(rm.left)
	case "replay":
		if rm.state == roomLobby {
			return fmt.Errorf("the game has not started")
		}
		rm.stopClock()
		prev := rm.history
		if err := rm.reset(); err != nil {
			return err
		}
		rm.previous = prev
		for _, st := range rm.students {
			st.choice = rm.initialChoice(st.firm)
		}
		rm.open()
	default:
		return fmt.Errorf("unknown action %q: start, advance, pause, resume or replay", action)
	}
	rm.changed()
	return nil
}

// remaining is the time left in the open round, in whole seconds.
func (rm *room) remaining() int {
	switch rm.state {
	case roomDeciding:
		return int(max(0, time.Until(rm.deadline)+time.Second-1) / time.Second)
	case roomPaused:
		return int(rm.left / time.Second)
	}
	return 0
}

// roomStatus opens both views of a room: its code, the name of the
// scenario (the teacher's) or of the student, where the game stands, the
// seconds left of the open round and the region's date.
type roomStatus struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	State     string `json:"state"`
	Round     int    `json:"round"`
	Rounds    int    `json:"rounds"`
	Remaining int    `json:"remaining"`
	Date      string `json:"date"`
}

// status returns the room's status for a view headed by name.
func (rm *room) status(name string) roomStatus {
	return roomStatus{Code: rm.code, Name: name, State: rm.state, Round: rm.round, Rounds: rm.rounds,
		Remaining: rm.remaining(), Date: rm.region.obs.Date.String()}
}

// teacherView is what the teacher's (projector) page shows.
type teacherView struct {
	roomStatus
	Students []studentBrief `json:"students"`
	// Now counts the choices made so far in the open round.
	Now      shares        `json:"now"`
	Answered int           `json:"answered"`
	History  []roundRecord `json:"history"`
	Previous []roundRecord `json:"previous,omitempty"`
	// Escaped reports, when the game is over, whether the room's region
	// left the low-skills regime.
	Escaped *bool `json:"escaped,omitempty"`
}

type studentBrief struct {
	Name     string `json:"name"`
	Sector   string `json:"sector"`
	Answered bool   `json:"answered"`
}

func (rm *room) teacherView() teacherView {
	v := teacherView{roomStatus: rm.status(rm.cfg.Name), History: rm.history, Previous: rm.previous,
		Students: []studentBrief{}}
	if v.History == nil {
		v.History = []roundRecord{}
	}
	for _, s := range rm.students {
		sec := rm.cfg.Sectors[rm.region.region.EmployerViews([]int{s.firm})[0].Sector].Name
		v.Students = append(v.Students, studentBrief{Name: s.name, Sector: sec, Answered: s.answered})
		if s.answered {
			v.Answered++
			v.Now.N++
			v.Now.Coproduce += b2f(s.choice.Coproduce)
			v.Now.Upgrade += b2f(s.choice.Upgrade)
			v.Now.Train += b2f(s.choice.Train)
		}
	}
	if rm.state == roomDone && len(rm.history) > 0 {
		esc := rm.history[len(rm.history)-1].Region.Regime != model.LowSkills.String()
		v.Escaped = &esc
	}
	return v
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// studentView is what a student's page shows: their own firm only, their
// sector's shares and the class's last round.
type studentView struct {
	roomStatus
	Firm    model.EmployerView `json:"firm"`
	Sector  string             `json:"sector"`
	College string             `json:"college"`
	// Peers are the shares of the firm's sector that co-produce (of ties),
	// run a high-skill strategy and train.
	Peers    shares       `json:"peers"`
	Class    *shares      `json:"class,omitempty"`
	Choice   model.Choice `json:"choice"`
	Answered bool         `json:"answered"`
	Regime   string       `json:"regime"`
}

func (rm *room) studentView(s *student) studentView {
	f := rm.region.region.EmployerViews([]int{s.firm})[0]
	v := studentView{roomStatus: rm.status(s.name), Firm: f,
		Sector: rm.cfg.Sectors[f.Sector].Name, Choice: s.choice, Answered: s.answered,
		Regime: rm.region.yearRegime().String()}
	if f.College >= 0 {
		v.College = rm.cfg.Colleges[f.College].Name
	}
	if sec := rm.region.obs.Sectors; f.Sector < len(sec) {
		x := sec[f.Sector]
		v.Peers = shares{Coproduce: x[model.SectorCoproductionShare], Upgrade: x[model.SectorHighSkillStrategyShare], Train: x[model.SectorTrainingShare]}
	}
	if n := len(rm.history); n > 0 {
		c := rm.history[n-1].Class
		v.Class = &c
	}
	return v
}

// rooms holds a server's rooms.
type rooms struct {
	mu    sync.Mutex
	byKey map[string]*room
}

// get returns the room with code (case-insensitive), or nil; it drops
// rooms idle for longer than roomIdle.
func (rs *rooms) get(code string) *room {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.sweep()
	rm := rs.byKey[strings.ToUpper(strings.TrimSpace(code))]
	if rm != nil {
		rm.last = time.Now()
	}
	return rm
}

// sweep drops idle rooms. The caller holds rs.mu.
func (rs *rooms) sweep() {
	for k, rm := range rs.byKey {
		if time.Since(rm.last) > roomIdle {
			rs.drop(k, rm)
		}
	}
}

func (rs *rooms) drop(k string, rm *room) {
	delete(rs.byKey, k)
	rm.mu.Lock()
	rm.closed = true
	rm.stopClock()
	rm.changed()
	rm.mu.Unlock()
}

// add registers rm unless the server has most rooms already.
func (rs *rooms) add(rm *room, most int) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.sweep()
	if len(rs.byKey) >= most {
		return false
	}
	for rs.byKey[rm.code] != nil {
		rm.code = newCode()
	}
	rs.byKey[rm.code] = rm
	return true
}
