package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"golang.org/x/sync/semaphore"

	"skillsim/docs"
	"skillsim/model"
	"skillsim/scenarios"
)

// The default limits of a Server.
const (
	DefaultMaxBody      = 256 << 10 // bytes of a request body
	DefaultMaxSims      = 4         // simulations at once; a compare run counts two
	DefaultMaxPersons   = 100_000
	DefaultMaxEmployers = 10_000
	DefaultMaxColleges  = 20
	DefaultMaxSteps     = 1200 // 100 years of monthly steps
	DefaultMaxWall      = 10 * time.Minute
	DefaultMaxDelay     = time.Second // the longest pause between two events
)

// Options sets a Server's limits. A zero field takes its default.
type Options struct {
	// MaxBody is the largest request body, in bytes.
	MaxBody int64
	// MaxSims is the most simulations running at once; a compare run
	// counts two.
	MaxSims int
	// Limits caps the region a request may ask for.
	Limits Limits
	// MaxWall is the longest a stream may run.
	MaxWall time.Duration
	// Log, if not nil, receives a line per stream started and stopped.
	Log *log.Logger
	// Classroom, when not nil, switches the participatory mode on with
	// its limits (room.go, classroom.go).
	Classroom *ClassroomOptions
}

// Server serves the dashboard. It keeps no state between requests but the
// count of simulations running.
type Server struct {
	opt  Options
	sims *semaphore.Weighted
	// checks is the reserve of validations beyond MaxSims (limits.go).
	checks *semaphore.Weighted
	mux    *http.ServeMux
	class  *classroom // nil unless the classroom is on
}

//go:embed static
var static embed.FS

// contentTypes are the media types of the embedded assets, set here rather
// than read from the system's MIME tables so that they never vary.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// New returns a Server with the limits of opt; nil means the defaults.
func New(opt *Options) *Server {
	var o Options
	if opt != nil {
		o = *opt
	}
	def := func(p *int, d int) {
		if *p <= 0 {
			*p = d
		}
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	def(&o.MaxSims, DefaultMaxSims)
	def(&o.Limits.Persons, DefaultMaxPersons)
	def(&o.Limits.Employers, DefaultMaxEmployers)
	def(&o.Limits.Colleges, DefaultMaxColleges)
	def(&o.Limits.Steps, DefaultMaxSteps)
	if o.MaxWall <= 0 {
		o.MaxWall = DefaultMaxWall
	}
	s := &Server{opt: o, sims: semaphore.NewWeighted(int64(o.MaxSims)), checks: semaphore.NewWeighted(validateReserve), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.asset("index.html"))
	s.mux.HandleFunc("GET /static/{file}", s.staticFile)
	s.mux.HandleFunc("GET /api/scenarios", s.listScenarios)
	s.mux.HandleFunc("GET /api/scenarios/{name}", s.getScenario)
	s.mux.HandleFunc("POST /api/validate", s.budgeted(s.validate))
	s.mux.HandleFunc("POST /api/run", s.run)
	s.mux.HandleFunc("GET /docs/{file}", serveDoc)
	if o.Classroom != nil {
		s.class = newClassroom(*o.Classroom)
	}
	s.classroomRoutes()
	return s
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		s.mux.ServeHTTP(w, r)
	})
}

// The server's timeouts. The stream lifts the read and write deadlines
// for itself and is bounded by Options.MaxWall instead.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

// HTTPServer returns an http.Server for s's handler with the timeouts
// set. ctx, when not nil, becomes the base context of every request, so
// that cancelling it stops every stream.
func (s *Server) HTTPServer(ctx context.Context) *http.Server {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	if ctx != nil {
		hs.BaseContext = func(net.Listener) context.Context { return ctx }
	}
	if s.opt.Log != nil {
		hs.ErrorLog = s.opt.Log
	}
	return hs
}

// Serve serves s on ln until ctx is cancelled, then stops every stream and
// shuts down, waiting up to five seconds for requests to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer(ctx)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// IsLoopback reports whether the listen address addr (host:port) can be
// reached only from this machine: a loopback IP or "localhost". An empty
// host (all interfaces) is not loopback.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errorJSON is the body of every error response.
type errorJSON struct {
	Error  string        `json:"error"`
	Side   string        `json:"side,omitempty"`
	Errors []ProblemJSON `json:"errors,omitempty"`
}

// writeJSON writes v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "web: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// writeError writes an error response.
func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorJSON{Error: msg})
}

// writeSetupError writes the response for a configuration that cannot
// run: 400 with its problems.
func writeSetupError(w http.ResponseWriter, side string, err error) {
	var se *setupError
	if errors.As(err, &se) {
		writeJSON(w, http.StatusBadRequest, errorJSON{Error: se.summary, Side: side, Errors: se.problems})
		return
	}
	writeJSON(w, http.StatusBadRequest, errorJSON{Error: err.Error(), Side: side})
}

// decode reads the JSON request body into v, at most MaxBody bytes. On
// failure it writes the response (413 for a body too large, 400 for bad
// JSON) and returns false.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err2 := io.Copy(io.Discard, r.Body); err2 != nil {
			err = err2
		}
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf(
			"the request is larger than this server's limit of %d KiB; a scenario file is far smaller", s.opt.MaxBody>>10))
		return false
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad request: "+err.Error())
		return false
	}
	return true
}

// asset returns a handler serving one embedded file.
func (s *Server) asset(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		serveAsset(w, r, name)
	}
}

func (s *Server) staticFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name == "index.html" {
		http.Redirect(w, r, "/", http.StatusMovedPermanently)
		return
	}
	serveAsset(w, r, name)
}

// serveAsset serves static/name from the embedded files, or 404.
func serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	ct, ok := contentTypes[path.Ext(name)]
	if !ok || strings.ContainsAny(name, "/\\") {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(static, "static/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

// serveDoc serves one of the embedded documents (docs.Files) as plain
// text, or 404.
func serveDoc(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name != "seminar.md" && name != "ODD.md" {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(docs.Files, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

// scenarioJSON describes a shipped scenario in the list.
type scenarioJSON struct {
	Name     string `json:"name"`
	Question string `json:"question"`
}

func (s *Server) listScenarios(w http.ResponseWriter, r *http.Request) {
	var list []scenarioJSON
	for _, name := range scenarios.Names() {
		cfg, err := scenarios.Embedded(name)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		list = append(list, scenarioJSON{Name: name, Question: cfg.Question})
	}
	writeJSON(w, http.StatusOK, struct {
		Default       string         `json:"default"`
		Scenarios     []scenarioJSON `json:"scenarios"`
		Metrics       []string       `json:"metrics"`
		SectorMetrics []string       `json:"sector_metrics"`
		Groups        []string       `json:"groups"`
		GroupMetrics  []string       `json:"group_metrics"`
	}{"baseline", list, model.MetricNames(), model.SectorMetricNames(), model.GroupNames(), model.GroupMetricNames()})
}

func (s *Server) getScenario(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	cfg, err := resolve(&Setup{Scenario: name}, nil, s.opt.Limits)
	if err != nil {
		writeJSON(w, http.StatusNotFound, errorJSON{Error: err.Error()})
		return
	}
	b, err := scenarios.Marshal(cfg)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Name string `json:"name"`
		YAML string `json:"yaml"`
	}{name, string(b)})
}

// ValidateRequest is the body of POST /api/validate.
type ValidateRequest struct {
	Setup
	// Seed, when not nil, replaces the scenario's seed.
	Seed *uint64 `json:"seed,omitempty"`
	// Changes are the levers moved during the run (Side is ignored): the
	// answer's YAML and Periods include them.
	Changes []LeverChange `json:"changes,omitempty"`
}

// ValidateResponse describes a configuration that can run.
type ValidateResponse struct {
	Name       string   `json:"name"`
	Question   string   `json:"question"`
	Seed       uint64   `json:"seed"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	StepMonths int      `json:"step_months"`
	Steps      int      `json:"steps"`
	Persons    int      `json:"persons"`
	Employers  int      `json:"employers"`
	Colleges   []string `json:"colleges"`
	Sectors    []string `json:"sectors"`
	// Levers are the levers in force after the overrides.
	Levers Levers `json:"levers"`
	// YAML is the resolved scenario (scenarios.Marshal), for export: with
	// lever changes, the configuration after the last of them, its policy
	// periods and schedules dated, headed by comments listing the changes.
	YAML string `json:"yaml"`
	// Periods are the times the levy, devolution and the network are in
	// force, with the lever changes.
	Periods []PeriodJSON `json:"periods"`
	// Undated names the levers whose changes during the run a scenario
	// file cannot date (it holds their last value).
	Undated []string `json:"undated,omitempty"`
}

func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	var req ValidateRequest
	if !s.decode(w, r, &req) {
		return
	}
	cfg, err := resolve(&req.Setup, req.Seed, s.opt.Limits)
	if err != nil {
		writeSetupError(w, "", err)
		return
	}
	for i := range req.Changes {
		req.Changes[i].Side = ""
	}
	changes, err := checkChanges(req.Changes, false, cfg.Steps())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	configs, undated, err := liveConfigs(cfg, changes, s.opt.Limits)
	if err != nil {
		writeSetupError(w, "", err)
		return
	}
	final := cfg
	if len(configs) > 0 {
		final = configs[len(configs)-1]
	}
	b, err := scenarios.Marshal(final)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	b = append([]byte(changesComment(cfg, changes, undated)), b...)
	writeJSON(w, http.StatusOK, ValidateResponse{
		Periods:    policyPeriods(cfg, changes, configs),
		Undated:    undated,
		Name:       cfg.Name,
		Question:   cfg.Question,
		Seed:       cfg.Seed,
		Start:      cfg.Start.String(),
		End:        cfg.End.String(),
		StepMonths: cfg.StepMonths,
		Steps:      cfg.Steps(),
		Persons:    cfg.Population.Persons,
		Employers:  employerCount(cfg),
		Colleges:   collegeNames(cfg),
		Sectors:    sectorNames(cfg),
		Levers:     effectiveLevers(cfg),
		YAML:       string(b),
	})
}

func collegeNames(cfg *model.Config) []string {
	names := make([]string, len(cfg.Colleges))
	for i, c := range cfg.Colleges {
		names[i] = c.Name
	}
	return names
}

func sectorNames(cfg *model.Config) []string {
	names := make([]string, len(cfg.Sectors))
	for i, c := range cfg.Sectors {
		names[i] = c.Name
	}
	return names
}
