package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"

	"skillsim/model"
)

// MaxRoomPersons caps a room's region: every choice a student makes
// redraws each student's view of their firm, which reads every person.
const MaxRoomPersons = 20_000

// The classroom's rate limit per client: a token bucket of DefaultBurst
// requests refilled at DefaultRate a second.
const (
	DefaultRate  = 5.0 // requests a second after the burst
	DefaultBurst = 20  // requests at once
)

// ClassroomOptions sets the limits of the participatory mode. A zero
// field takes its default.
type ClassroomOptions struct {
	// MaxRooms is the most rooms the server holds at once.
	MaxRooms int
	// MaxStudents is the most students in one room.
	MaxStudents int
	// Rate and Burst limit the requests of one client (by IP address) to
	// the classroom's API: Burst at once, Rate a second after that.
	Rate  float64
	Burst int
}

// classroom is the participatory mode of a Server.
type classroom struct {
	opt   ClassroomOptions
	rooms rooms
	limit limiter
}

func newClassroom(o ClassroomOptions) *classroom {
	if o.MaxRooms <= 0 {
		o.MaxRooms = DefaultMaxRooms
	}
	if o.MaxStudents <= 0 {
		o.MaxStudents = DefaultMaxStudents
	}
	if o.Rate <= 0 {
		o.Rate = DefaultRate
	}
	if o.Burst <= 0 {
		o.Burst = DefaultBurst
	}
	return &classroom{opt: o, rooms: rooms{byKey: map[string]*room{}},
		limit: limiter{rate: o.Rate, burst: float64(o.Burst), clients: map[string]*bucket{}}}
}

// limiter is a token bucket per client address.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// allow takes a token from the client's bucket, if it has one.
func (l *limiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.clients) > 10_000 { // forget full buckets
		for k, b := range l.clients {
			if now.Sub(b.at).Seconds()*l.rate >= l.burst {
				delete(l.clients, k)
			}
		}
	}
	b := l.clients[client]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.clients[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// clientOf is the address a request comes from, without its port.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// routes registers the classroom's pages and API.
func (s *Server) classroomRoutes() {
	if s.class == nil {
		off := func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusNotFound, "the classroom is off: start the server with skillsim serve -classroom")
		}
		s.mux.HandleFunc("GET /room", off)
		s.mux.HandleFunc("GET /join", off)
		s.mux.HandleFunc("/api/rooms", off)
		s.mux.HandleFunc("/api/rooms/", off)
		return
	}
	s.mux.HandleFunc("GET /room", s.asset("room.html"))
	s.mux.HandleFunc("GET /join", s.asset("join.html"))
	s.mux.HandleFunc("POST /api/rooms", s.limited(s.createRoom))
	s.mux.HandleFunc("POST /api/rooms/{code}/join", s.limited(s.joinRoom))
	s.mux.HandleFunc("POST /api/rooms/{code}/choice", s.limited(s.chooseRoom))
	s.mux.HandleFunc("POST /api/rooms/{code}/control", s.limited(s.controlRoom))
	s.mux.HandleFunc("GET /api/rooms/{code}/stream", s.limited(s.streamRoom))
}

// limited applies the per-client rate limit to h.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.class.limit.allow(clientOf(r), time.Now()) {
			w.Header().Set("Retry-After", "2")
			writeError(w, http.StatusTooManyRequests, fmt.Sprintf(
				"too many requests from this device (this server allows %d at once and %g a second); wait a moment and try again",
				s.class.opt.Burst, s.class.opt.Rate))
			return
		}
		h(w, r)
	}
}

// RoomRequest is the body of POST /api/rooms.
type RoomRequest struct {
	Setup
	// Seed replaces the scenario's seed when not nil.
	Seed *uint64 `json:"seed,omitempty"`
	// Rounds is the number of decision rounds (years); 0 means
	// DefaultRounds, at most the years of the run.
	Rounds int `json:"rounds"`
	// RoundSeconds is how long each round stays open; 0 means
	// DefaultRoundSeconds. From 10 to 600.
	RoundSeconds int `json:"round_seconds"`
	// Sector, when not empty, names the sector whose employers students
	// take first: a class that is most of one sector can tip it.
	Sector string `json:"sector,omitempty"`
}

func (s *Server) createRoom(w http.ResponseWriter, r *http.Request) {
	var req RoomRequest
	if !s.decode(w, r, &req) {
		return
	}
	lim := s.opt.Limits
	lim.Persons = min(lim.Persons, MaxRoomPersons)
	cfg, err := resolve(&req.Setup, req.Seed, lim)
	if err != nil {
		writeSetupError(w, "", err)
		return
	}
	years := cfg.Steps() * cfg.StepMonths / 12
	rounds, secs := req.Rounds, req.RoundSeconds
	if rounds == 0 {
		rounds = min(DefaultRounds, years)
	}
	if secs == 0 {
		secs = DefaultRoundSeconds
	}
	switch {
	case years < 1:
		writeError(w, http.StatusBadRequest, "the scenario is shorter than a year: a round is a year")
		return
	case rounds < 1 || rounds > years:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("rounds %d: must be from 1 to %d (the years of the run)", rounds, years))
		return
	case secs < 10 || secs > 600:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("round_seconds %d: must be from 10 to 600", secs))
		return
	}
	sector := -1
	if req.Sector != "" {
		for i, sc := range cfg.Sectors {
			if sc.Name == req.Sector {
				sector = i
			}
		}
		if sector < 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("sector %q: the scenario has no such sector", req.Sector))
			return
		}
	}
	rm, err := newRoom(cfg, cfg.Seed, rounds, secs, sector)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if !s.class.rooms.add(rm, s.class.opt.MaxRooms) {
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf(
			"this server already holds its limit of %d room%s; close a room (or wait: idle rooms close after %s)",
			s.class.opt.MaxRooms, plural(s.class.opt.MaxRooms), roomIdle))
		return
	}
	if s.opt.Log != nil {
		s.opt.Log.Printf("room %s: %s, seed %d, %d rounds of %d s", rm.code, cfg.Name, cfg.Seed, rounds, secs)
	}
	writeJSON(w, http.StatusCreated, struct {
		Code    string `json:"code"`
		Teacher string `json:"teacher"`
		Join    string `json:"join"`
	}{rm.code, rm.teacher, "http://" + r.Host + "/join?code=" + rm.code})
}

// roomOf finds the request's room or writes 404.
func (s *Server) roomOf(w http.ResponseWriter, r *http.Request) *room {
	rm := s.class.rooms.get(r.PathValue("code"))
	if rm == nil {
		writeError(w, http.StatusNotFound, "there is no room with this code: check the code on the projector")
	}
	return rm
}

// roomRequest decodes the body of a request to a room into v and returns
// the request's room, or nil when it has answered with an error (a bad
// body, or no such room).
func (s *Server) roomRequest(w http.ResponseWriter, r *http.Request, v any) *room {
	if !s.decode(w, r, v) {
		return nil
	}
	return s.roomOf(w, r)
}

// bearer is the request's token: the Authorization header's bearer token.
func bearer(r *http.Request) string {
	t, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return strings.TrimSpace(t)
}

// cleanName keeps a student's name printable and short.
func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, strings.TrimSpace(name))
	if r := []rune(name); len(r) > 30 {
		name = string(r[:30])
	}
	return name
}

func (s *Server) joinRoom(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	rm := s.roomRequest(w, r, &req)
	if rm == nil {
		return
	}
	name := cleanName(req.Name)
	if name == "" {
		writeError(w, http.StatusBadRequest, "type a name (a first name or a team name) to join")
		return
	}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	if rm.state == roomDone {
		writeError(w, http.StatusConflict, "this room's game is over")
		return
	}
	st := rm.join(name, s.class.opt.MaxStudents)
	if st == nil {
		writeError(w, http.StatusForbidden, fmt.Sprintf("this room is full: it takes at most %d students; ask your teacher to pair you with someone",
			min(s.class.opt.MaxStudents, len(rm.firms))))
		return
	}
	writeJSON(w, http.StatusCreated, struct {
		Token string `json:"token"`
	}{st.token})
}

func (s *Server) chooseRoom(w http.ResponseWriter, r *http.Request) {
	var c model.Choice
	rm := s.roomRequest(w, r, &c)
	if rm == nil {
		return
	}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	st := rm.byToken(bearer(r))
	if st == nil {
		writeError(w, http.StatusForbidden, "you are not in this room: join it first")
		return
	}
	if rm.state != roomDeciding && rm.state != roomPaused {
		writeError(w, http.StatusConflict, "no round is open: wait for your teacher to start the next one")
		return
	}
	st.choice, st.answered = c, true
	all := true
	for _, x := range rm.students {
		all = all && x.answered
	}
	if all && rm.state == roomDeciding {
		rm.play() // everyone has answered: no need to wait for the clock
	}
	rm.changed()
	writeJSON(w, http.StatusOK, struct {
		Round int `json:"round"`
	}{rm.round})
}

func (s *Server) controlRoom(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Action string `json:"action"`
	}
	rm := s.roomRequest(w, r, &req)
	if rm == nil {
		return
	}
	rm.mu.Lock()
	defer rm.mu.Unlock()
	if bearer(r) != rm.teacher {
		writeError(w, http.StatusForbidden, "only the teacher who opened this room can run it")
		return
	}
	if err := rm.control(req.Action); err != nil {
		writeError(w, http.StatusConflict, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, struct {
		State string `json:"state"`
		Round int    `json:"round"`
	}{rm.state, rm.round})
}

// roomWriteTimeout is how long one event may take to reach a client: a
// client that stops reading loses its stream (and its slot) after it.
const roomWriteTimeout = 10 * time.Second

// roomPing is the interval of the keep-alive comment on a quiet stream.
const roomPing = 15 * time.Second

// streamRoom streams a room to its teacher or to one student: a "room"
// event with their view at every change, until the client goes, the
// stream's time limit (MaxWall; the page reconnects) or the room closes.
func (s *Server) streamRoom(w http.ResponseWriter, r *http.Request) {
	rm := s.roomOf(w, r)
	if rm == nil {
		return
	}
	token := bearer(r) // never in the URL, where logs would keep it
	rm.mu.Lock()
	teacher := token == rm.teacher
	st := rm.byToken(token)
	most := s.class.opt.MaxStudents + 4
	switch {
	case !teacher && st == nil:
		rm.mu.Unlock()
		writeError(w, http.StatusForbidden, "you are not in this room: join it first")
		return
	case rm.streams >= most:
		rm.mu.Unlock()
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("this room already has its limit of %d open pages", most))
		return
	}
	rm.streams++
	rm.mu.Unlock()
	defer func() {
		rm.mu.Lock()
		rm.streams--
		rm.mu.Unlock()
	}()

	ctx, cancel := context.WithTimeout(r.Context(), s.opt.MaxWall)
	defer cancel()
	rc := startEventStream(w)
	ev := &eventWriter{w: w, rc: rc}
	ping := time.NewTicker(roomPing)
	defer ping.Stop()
	for {
		rm.mu.Lock()
		var view any
		if teacher {
			view = rm.teacherView()
		} else {
			view = rm.studentView(st)
		}
		wake, closed := rm.notify, rm.closed
		rm.mu.Unlock()
		rc.SetWriteDeadline(time.Now().Add(roomWriteTimeout))
		ev.send("room", view)
		if ev.err != nil || closed {
			return
		}
		// The page counts the clock down itself: send on a change, or a
		// keep-alive now and then.
		select {
		case <-wake:
		case <-ping.C:
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) && r.Context().Err() == nil {
				ev.send("reconnect", map[string]string{"reason": "time limit"})
			}
			return
		}
	}
}
