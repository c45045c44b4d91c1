package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"skillsim/model"
	"skillsim/sim"
)

// RunRequest is the body of POST /api/run.
type RunRequest struct {
	// A is the configuration to run.
	A Setup `json:"a"`
	// B, when not nil, is a second configuration run in lockstep with A on
	// the same seed (compare mode).
	B *Setup `json:"b,omitempty"`
	// Seed is the seed of every simulation's generator,
	// sim.Stream(Seed, 0); nil means A's scenario seed.
	Seed *uint64 `json:"seed,omitempty"`
	// From is the number of steps replayed silently before streaming, to
	// resume a paused run.
	From int `json:"from"`
	// Steps is the number of steps to stream after From; 0 means to the end.
	Steps int `json:"steps"`
	// Every sends a step event every Every steps (and always the last); 0
	// means 1.
	Every int `json:"every"`
	// TiesEvery sends a network snapshot every TiesEvery steps, and at the
	// first and last step sent; 0 means 12.
	TiesEvery int `json:"ties_every"`
	// DelayMS is a pause between step events, in milliseconds, so that a
	// class can watch: 0 to 1000.
	DelayMS int `json:"delay_ms"`
	// Changes are the levers moved during the run, each applied from the
	// step after its Step, replayed as well when the run resumes.
	Changes []LeverChange `json:"changes,omitempty"`
	// Reps is the number of replications of each configuration, 1 (or
	// 0) to MaxReps: replication r draws from sim.Stream(Seed, r), and
	// each counts as a simulation against MaxSims. With more than one the
	// step events carry the mean over replications with the lowest and
	// highest values.
	Reps int `json:"reps,omitempty"`
}

// MaxReps is the most replications a run may ask for.
const MaxReps = 8

// tieSample is about how many employers a network snapshot considers:
// each employer is a candidate with probability tieSample / employers,
// decided by a hash of its index so that the sample is the same at every
// date. maxTieSample caps the tied candidates sent.
const (
	tieSample    = 400
	maxTieSample = 500
)

// runner is one simulation of a stream.
type runner struct {
	side   string
	cfg    *model.Config
	region *model.Region
	obs    model.Observation
	// keep is the hash threshold of the network sample.
	keep uint32
	// changes are the side's lever changes and configs the configuration
	// in force after each; next is the first change not yet applied.
	changes []LeverChange
	configs []*model.Config
	next    int
	// year holds the three indicators of model.Classify over the last
	// year of steps, a ring of yearLen entries; seen counts the steps
	// observed.
	year    [][3]float64
	seen    int
	yearLen int
	// reps are the further replications of a run of several, stepped
	// with this one.
	reps []*runner
	// groups is the latest yearly survey of the employer groups (all
	// sectors together), taken as sim takes it (sim.SurveyMonth).
	groups     model.GroupObservation
	groupsSeen bool
}

func newRunner(ctx context.Context, side string, cfg *model.Config, seed uint64, changes []LeverChange, configs []*model.Config) (*runner, error) {
	return newRep(ctx, side, cfg, seed, 0, changes, configs)
}

// newRep returns the runner of replication rep, drawing from
// sim.Stream(seed, rep). Building the region includes its spin-up, which
// stops with ctx.Err() when ctx ends.
func newRep(ctx context.Context, side string, cfg *model.Config, seed uint64, rep int, changes []LeverChange, configs []*model.Config) (*runner, error) {
	reg, err := model.NewContext(ctx, cfg, sim.Source(seed, rep))
	if err != nil {
		return nil, err
	}
	keep := uint32(math.MaxUint32)
	if n := employerCount(cfg); n > tieSample {
		keep = uint32(float64(math.MaxUint32) * tieSample / float64(n))
	}
	n := max(1, 12/max(1, cfg.StepMonths))
	rn := &runner{side: side, cfg: cfg, region: reg, keep: keep, changes: changes, configs: configs,
		year: make([][3]float64, n), yearLen: n}
	rn.observe()
	reg.RestartGroupFlows()
	return rn, nil
}

// observe reads the region's indicators into rn.obs and the year's window.
func (rn *runner) observe() {
	rn.region.Observe(&rn.obs)
	o := &rn.obs.Region
	rn.year[rn.seen%rn.yearLen] = [3]float64{o[model.HighSkillStrategyShare], o[model.CoproductionShare], o[model.IntermediateJobShare]}
	rn.seen++
}

// advance applies the lever changes due after the current step, takes
// one step and observes it. It does nothing once the region is done.
func (rn *runner) advance() error {
	if rn.region.Done() {
		return nil
	}
	step := rn.obs.Step
	for rn.next < len(rn.changes) && rn.changes[rn.next].Step <= step {
		if err := rn.region.Reconfigure(rn.configs[rn.next]); err != nil {
			return fmt.Errorf("lever change at step %d: %v", rn.changes[rn.next].Step, err)
		}
		rn.next++
	}
	rn.region.Step()
	rn.observe()
	if d := rn.region.Date(); (d.MonthOfYear()-sim.SurveyMonth+12)%12 < rn.cfg.StepMonths {
		rn.region.ObserveGroups(&rn.groups)
		rn.region.RestartGroupFlows() // no decision reads the flows
		rn.groupsSeen = true
	}
	for _, x := range rn.reps {
		if err := x.advance(); err != nil {
			return err
		}
	}
	return nil
}

// yearRegime classifies the mean of the regime rule's indicators over the
// last year of steps (fewer at the start of a run): the regime without the
// flicker of single months near a threshold. It is the dashboard's own
// window rather than Observation.Regime because, with several
// replications, it classifies the mean over replications.
func (rn *runner) yearRegime() model.Regime { return classify3(rn.yearMeans()) }

// classify3 classifies year means of the high-skill strategy share, the
// co-production share of ties and the intermediate job share by the rule
// in force, which reads the first two (the third is shown, not ruled on).
func classify3(m [3]float64) model.Regime {
	return model.DefaultRegimeRule.Classify(m[0], m[1])
}

// summary returns the runner's observation and last year's means; with
// several replications, their means with the lowest and highest regional
// values (lo and hi are nil for one).
func (rn *runner) summary() (obs *model.Observation, lo, hi *[model.NumMetrics]float64, year [3]float64) {
	if len(rn.reps) == 0 {
		return &rn.obs, nil, nil, rn.yearMeans()
	}
	all := append([]*runner{rn}, rn.reps...)
	n := float64(len(all))
	mean := &model.Observation{Step: rn.obs.Step, Date: rn.obs.Date, Sectors: make([][model.NumSectorMetrics]float64, len(rn.obs.Sectors))}
	lo, hi = new([model.NumMetrics]float64), new([model.NumMetrics]float64)
	*lo, *hi = rn.obs.Region, rn.obs.Region
	for _, x := range all {
		for k, v := range x.obs.Region {
			mean.Region[k] += v / n
			lo[k], hi[k] = min(lo[k], v), max(hi[k], v)
		}
		for s, row := range x.obs.Sectors {
			for k, v := range row {
				mean.Sectors[s][k] += v / n
			}
		}
		for k, v := range x.yearMeans() {
			year[k] += v / n
		}
	}
	return mean, lo, hi, year
}

// yearMeans returns the means over the last year of steps of the high-skill
// strategy share, the co-production share of ties and the intermediate
// job share.
func (rn *runner) yearMeans() [3]float64 {
	n := min(rn.seen, rn.yearLen)
	var m [3]float64
	for _, v := range rn.year[:n] {
		for k := range m {
			m[k] += v[k] / float64(n)
		}
	}
	return m
}

// sampled reports whether employer i is in the network sample.
func (r *runner) sampled(i int) bool { return uint32(i)*2654435761 <= r.keep }

func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	var req RunRequest
	if !s.decode(w, r, &req) {
		return
	}
	switch {
	case req.From < 0 || req.Steps < 0 || req.Every < 0 || req.TiesEvery < 0:
		writeError(w, http.StatusBadRequest, "from, steps, every and ties_every must not be negative")
		return
	case req.DelayMS < 0 || time.Duration(req.DelayMS)*time.Millisecond > DefaultMaxDelay:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("delay_ms %d: must be from 0 to %d", req.DelayMS, DefaultMaxDelay.Milliseconds()))
		return
	}
	every, tiesEvery := max(req.Every, 1), req.TiesEvery
	if tiesEvery == 0 {
		tiesEvery = 12
	}
	// The slots are taken before the configurations are checked, so that
	// checking counts against MaxSims too.
	if req.Reps < 0 || req.Reps > MaxReps {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("reps %d: must be from 1 to %d", req.Reps, MaxReps))
		return
	}
	reps := max(1, req.Reps)
	weight := int64(reps)
	if req.B != nil {
		weight *= 2
	}
	if weight > int64(s.opt.MaxSims) {
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf(
			"%d replications%s are %d simulations; this server runs at most %d at once: ask for fewer replications",
			reps, map[bool]string{true: " of two configurations", false: ""}[req.B != nil], weight, s.opt.MaxSims))
		return
	}
	if !s.sims.TryAcquire(weight) {
		s.busy(w)
		return
	}
	defer s.sims.Release(weight)
	cfgA, err := resolve(&req.A, req.Seed, s.opt.Limits)
	if err != nil {
		writeSetupError(w, "a", err)
		return
	}
	seed := cfgA.Seed
	configs := []*model.Config{cfgA}
	if req.B != nil {
		cfgB, err := resolve(req.B, &seed, s.opt.Limits)
		if err != nil {
			writeSetupError(w, "b", err)
			return
		}
		configs = append(configs, cfgB)
	}
	total := 0
	for _, c := range configs {
		total = max(total, c.Steps())
	}
	changes, err := checkChanges(req.Changes, req.B != nil, total)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	live := make([][]*model.Config, len(configs))
	for i, c := range configs {
		side := string(rune('a' + i))
		if live[i], _, err = liveConfigs(c, changesFor(changes, side), s.opt.Limits); err != nil {
			writeSetupError(w, side, err)
			return
		}
	}
	if req.From > total {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("from %d is past the end of the run (%d steps)", req.From, total))
		return
	}
	end := time.Now().Add(s.opt.MaxWall)
	ctx, cancel := context.WithDeadline(r.Context(), end)
	defer cancel()
	runners := make([]*runner, len(configs))
	for i, c := range configs {
		side := string(rune('a' + i))
		if runners[i], err = newRunner(ctx, side, c, seed, changesFor(changes, side), live[i]); err != nil {
			writeRegionError(ctx, w, side, err, s.opt.MaxWall)
			return
		}
		for rep := 1; rep < reps; rep++ {
			x, err := newRep(ctx, side, c, seed, rep, changesFor(changes, side), live[i])
			if err != nil {
				writeRegionError(ctx, w, side, err, s.opt.MaxWall)
				return
			}
			runners[i].reps = append(runners[i].reps, x)
		}
	}
	// Replay silently up to From.
	for step := 0; step < req.From; step++ {
		if ctx.Err() != nil {
			return
		}
		for _, rn := range runners {
			if err := rn.advance(); err != nil {
				writeJSON(w, http.StatusBadRequest, errorJSON{Error: err.Error(), Side: rn.side})
				return
			}
		}
	}

	// The stream lives longer than the server's read and write timeouts:
	// startEventStream lifts the read deadline for this response; each
	// event has its own write deadline (eventWriter.end), so that a
	// client that stops reading is dropped, and its slot freed, a second
	// after MaxWall at the latest.
	rc := startEventStream(w)
	if s.opt.Log != nil {
		s.opt.Log.Printf("stream: %s seed %d from step %d", names(configs), seed, req.From)
	}

	ev := &eventWriter{w: w, rc: rc, end: end}
	ev.send("meta", metaEvent(runners, seed, req.From, total))
	last := total
	if req.Steps > 0 {
		last = min(total, req.From+req.Steps)
	}
	var delay *time.Timer
	if req.DelayMS > 0 {
		delay = time.NewTimer(0)
		<-delay.C
	}
	for step := req.From; ; step++ {
		if step > req.From {
			for _, rn := range runners {
				if err := rn.advance(); err != nil {
					ev.send("error", map[string]any{"error": err.Error(), "step": step})
					return
				}
			}
		}
		final := step == last
		if final || step == req.From || step%every == 0 {
			ev.send("step", stepEvent(runners, step))
			if final || step == req.From || step%tiesEvery == 0 {
				for _, rn := range runners {
					ev.send("ties", tiesEvent(rn, step))
				}
			}
			if ev.err != nil {
				return // the client has gone
			}
			if delay != nil && !final {
				delay.Reset(time.Duration(req.DelayMS) * time.Millisecond)
				select {
				case <-delay.C:
				case <-ctx.Done():
				}
			}
		}
		if final {
			reason := "end"
			if last < total {
				reason = "steps"
			}
			ev.send("done", doneEvent(runners, step, reason))
			if s.opt.Log != nil {
				s.opt.Log.Printf("stream: %s done at step %d", names(configs), step)
			}
			return
		}
		if err := ctx.Err(); err != nil {
			if errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil {
				ev.send("error", map[string]any{"error": fmt.Sprintf(
					"this run reached the server's time limit of %s at step %d; press Run to carry on from here", s.opt.MaxWall, step), "step": step})
			}
			return
		}
	}
}

func names(configs []*model.Config) string {
	s := configs[0].Name
	for _, c := range configs[1:] {
		s += " vs " + c.Name
	}
	return s
}

// startEventStream answers a request with a stream of server-sent
// events: it lifts the read deadline of the response (a stream outlives
// the server's timeouts), writes the headers of an event stream that no
// cache or proxy holds back, and returns the response's controller.
func startEventStream(w http.ResponseWriter) *http.ResponseController {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	return rc
}

// eventWriter writes server-sent events and flushes each. After a write
// fails it writes nothing more and keeps the error.
type eventWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
	// end, when not zero, is when the stream must end: each event is
	// written with the deadline writeDeadline(end).
	end time.Time
	err error
}

// send writes one event whose data is v as JSON (or raw JSON bytes).
func (e *eventWriter) send(event string, v any) {
	if e.err != nil {
		return
	}
	data, ok := v.([]byte)
	if !ok {
		var err error
		if data, err = json.Marshal(v); err != nil {
			e.err = err
			return
		}
	}
	buf := make([]byte, 0, len(data)+len(event)+16)
	buf = append(buf, "event: "...)
	buf = append(buf, event...)
	buf = append(buf, "\ndata: "...)
	buf = append(buf, data...)
	buf = append(buf, "\n\n"...)
	if !e.end.IsZero() {
		e.rc.SetWriteDeadline(writeDeadline(e.end))
	}
	if _, err := e.w.Write(buf); err != nil {
		e.err = err
		return
	}
	e.err = e.rc.Flush()
}

type sideMeta struct {
	Name       string   `json:"name"`
	Question   string   `json:"question"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	StepMonths int      `json:"step_months"`
	Steps      int      `json:"steps"`
	Employers  int      `json:"employers"`
	Sectors    []string `json:"sectors"`
	Colleges   []string `json:"colleges"`
}

func metaEvent(runners []*runner, seed uint64, from, total int) any {
	m := struct {
		Metrics       []string             `json:"metrics"`
		SectorMetrics []string             `json:"sector_metrics"`
		Groups        []string             `json:"groups"`
		GroupMetrics  []string             `json:"group_metrics"`
		Regimes       []string             `json:"regimes"`
		RegimeRule    model.RegimeRule     `json:"regime_rule"`
		Seed          uint64               `json:"seed"`
		From          int                  `json:"from"`
		Steps         int                  `json:"steps"`
		Sides         map[string]*sideMeta `json:"sides"`
	}{model.MetricNames(), model.SectorMetricNames(), model.GroupNames(), model.GroupMetricNames(), model.RegimeNames(), model.DefaultRegimeRule, seed, from, total, map[string]*sideMeta{}}
	for _, rn := range runners {
		c := rn.cfg
		m.Sides[rn.side] = &sideMeta{
			Name: c.Name, Question: c.Question, Start: c.Start.String(), End: c.End.String(),
			StepMonths: c.StepMonths, Steps: c.Steps(), Employers: employerCount(c),
			Sectors: sectorNames(c), Colleges: collegeNames(c),
		}
	}
	return m
}

// appendNum appends x as a JSON number, or null for NaN and ±Inf.
// appendRow appends row as a JSON array of numbers.
func appendRow(b []byte, row []float64) []byte {
	b = append(b, '[')
	for k, x := range row {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendNum(b, x)
	}
	return append(b, ']')
}

func appendNum(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// stepEvent encodes every runner's indicators at step as JSON. A runner
// that has reached its end before step is left out.
func stepEvent(runners []*runner, step int) []byte {
	b := []byte(`{"step":`)
	b = strconv.AppendInt(b, int64(step), 10)
	for _, rn := range runners {
		if rn.cfg.Steps() < step {
			continue // ended earlier
		}
		obs, lo, hi, year := rn.summary()
		b = append(b, `,"`...)
		b = append(b, rn.side...)
		b = append(b, `":{"date":"`...)
		b = append(b, obs.Date.String()...)
		b = append(b, `","regime":"`...)
		b = append(b, model.Classify(obs).String()...)
		b = append(b, `","year_regime":"`...)
		b = append(b, classify3(year).String()...)
		b = append(b, `","year":[`...)
		for k, x := range year {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendNum(b, x)
		}
		b = append(b, ']')
		for _, arr := range []struct {
			key string
			v   *[model.NumMetrics]float64
		}{{"values", &obs.Region}, {"lo", lo}, {"hi", hi}} {
			if arr.v == nil {
				continue
			}
			b = append(b, `,"`...)
			b = append(b, arr.key...)
			b = append(b, `":[`...)
			for k, x := range arr.v {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendNum(b, x)
			}
			b = append(b, ']')
		}
		if rn.groupsSeen {
			g := rn.groups.Sectors[len(rn.groups.Sectors)-1] // all sectors
			b = append(b, `,"groups_date":"`...)
			b = append(b, rn.groups.Date.String()...)
			b = append(b, `","groups":[`...)
			for gi, row := range g {
				if gi > 0 {
					b = append(b, ',')
				}
				b = appendRow(b, row[:])
			}
			b = append(b, ']')
		}
		b = append(b, `,"sectors":[`...)
		for s, row := range obs.Sectors {
			if s > 0 {
				b = append(b, ',')
			}
			b = appendRow(b, row[:])
		}
		b = append(b, "]}"...)
	}
	return append(b, '}')
}

// tiesEvent snapshots a runner's employers and colleges: every college,
// the counts of ties, and a stable sample of the employers (tied or not),
// each as model.EmployerViews describes it.
func tiesEvent(rn *runner, step int) any {
	t := rn.region.Ties()
	ev := struct {
		Side        string               `json:"side"`
		Step        int                  `json:"step"`
		Date        string               `json:"date"`
		Network     bool                 `json:"network"`
		Employers   int                  `json:"employers"`
		Tied        int                  `json:"tied"`
		Coproducing int                  `json:"coproducing"`
		Colleges    []model.CollegeView  `json:"colleges"`
		Sample      []model.EmployerView `json:"sample"`
	}{Side: rn.side, Step: min(step, rn.cfg.Steps()), Date: t.Date.String(), Network: t.Network,
		Employers: rn.region.Employers(), Tied: len(t.Ties)}
	ev.Colleges = rn.region.CollegeViews()
	for i := range ev.Colleges {
		c := &ev.Colleges[i]
		c.Reputation = math.Round(c.Reputation*1000) / 1000
		for _, v := range [][]float64{c.Currency, c.Effort, c.Reciprocation} {
			for k := range v {
				v[k] = math.Round(v[k]*1000) / 1000
			}
		}
	}
	for _, tie := range t.Ties {
		if tie.Kind == model.CoProduction {
			ev.Coproducing++
		}
	}
	var idx []int
	for i := range rn.region.Employers() {
		if rn.sampled(i) && len(idx) < maxTieSample {
			idx = append(idx, i)
		}
	}
	ev.Sample = rn.region.EmployerViews(idx)
	for i := range ev.Sample {
		ev.Sample[i].Trust = math.Round(ev.Sample[i].Trust*1000) / 1000
	}
	return ev
}

func doneEvent(runners []*runner, step int, reason string) any {
	d := struct {
		Step    int               `json:"step"`
		Reason  string            `json:"reason"`
		Regimes map[string]string `json:"regimes"`
	}{step, reason, map[string]string{}}
	for _, rn := range runners {
		obs, _, _, _ := rn.summary()
		d.Regimes[rn.side] = model.Classify(obs).String()
	}
	return d
}

// writeRegionError answers a run whose side could not make its region:
// as a spin-up that ran out of time (writeSpinUpTimeout) when ctx, the
// stream's, has ended, and otherwise as a bad request with err.
func writeRegionError(ctx context.Context, w http.ResponseWriter, side string, err error, limit time.Duration) {
	if ctx.Err() != nil {
		writeSpinUpTimeout(w, side, limit)
		return
	}
	writeJSON(w, http.StatusBadRequest, errorJSON{Error: err.Error(), Side: side})
}

// writeSpinUpTimeout answers a run whose regions did not finish their
// spin-up (docs/ODD.md §5) within the stream's time limit.
func writeSpinUpTimeout(w http.ResponseWriter, side string, limit time.Duration) {
	writeJSON(w, http.StatusServiceUnavailable, errorJSON{Side: side, Error: fmt.Sprintf(
		"the region's spin-up before its first step did not finish within the server's time limit of %s; try a smaller region, a shorter spin_up_years,", limit)})
}
