// Package web is skillsim's seminar dashboard: an HTTP server that serves
// one page, whose assets are embedded in the binary, and streams live
// simulations to it; and, with Options.Classroom, a participatory mode in
// which the class plays the region.
//
// # The page
//
// The page (static/index.html, static/app.js, static/app.css; no
// framework, no network access beyond this server) fits one screen: a bar
// with Run, Pause, Step, Reset, the seed, compare and projector mode; on
// the left the panels (the exercise's levers first, then the scenario and
// its YAML editor, the charts, an Info panel with the scenario's question
// and what each lever does, the exports); on the right the regime (of the
// last year's average, with its rule in words), the date and up to four
// charts of any regional, sector or employer-group indicator, each with axis titles and
// units, its legend inside, values under the pointer, the policy periods
// shaded and the levers moved during the run marked. An Agents view shows
// a sample of the employers by sector, strategy and tie, and the colleges,
// with click-to-inspect. Two configurations can run side by side in
// lockstep on the same seed. The whole configuration lives in the page's
// URL (scenario or YAML, lever overrides, seed, B, the levers moved during
// the run, charts, projector), so a link or a reload restores it exactly.
//
// A lever moved while the region runs acts from the next step: the page
// records {side, step, levers} and the server reconfigures the running
// region (model.Region.Reconfigure) after that step. A run is its setup,
// seed and list of changes: the same three replay it exactly, and the
// scenario exported with them carries dated policy periods.
//
// # The API
//
//	GET  /                        the page
//	GET  /static/{file}           its scripts and styles
//	GET  /docs/{file}             seminar.md and ODD.md, as text
//	GET  /api/scenarios           the shipped scenarios (name and question)
//	                              and the indicators' names
//	GET  /api/scenarios/{name}    one shipped scenario, fully resolved, as YAML
//	POST /api/validate            a ValidateRequest (scenario or YAML, lever
//	                              overrides, seed, lever changes): the resolved
//	                              scenario, its size, the levers in force, the
//	                              policy periods, or its located errors
//	POST /api/run                 a RunRequest: the run as server-sent events
//
// and with the classroom on (room.go, classroom.go):
//
//	GET  /room                         the teacher's (projector) page
//	GET  /join                         the students' page
//	POST /api/rooms                    a RoomRequest: a new room's code and
//	                                   the teacher's token
//	POST /api/rooms/{code}/join        {name}: a student's token and firm
//	POST /api/rooms/{code}/choice      a model.Choice for this round (student)
//	POST /api/rooms/{code}/control     {action}: start, pause, resume,
//	                                   advance or replay (teacher)
//	GET  /api/rooms/{code}/stream      the room as server-sent events: the
//	                                   teacher's view, or a student's own
//
// Tokens travel as "Authorization: Bearer TOKEN", never in a URL. Errors are JSON objects
// {"error": message} with, for a scenario that does not validate,
// "errors": a list of {line, column, field, message} exactly as
// scenarios.Parse reports them (line and column are 0 for a problem caused
// by a lever override rather than by a line of the YAML).
//
// # The stream
//
// POST /api/run answers with Content-Type text/event-stream. Its events are
//
//	meta   the metric and sector metric names, the seed and, per
//	       configuration (a, and b in compare mode), its name, dates,
//	       steps, sectors and colleges
//	step   {"step", "a": {"date", "regime", "year_regime", "year",
//	       "values", "sectors"}, "b": ...}: every regional indicator in
//	       model.Metric order and every sector's (null for NaN),
//	       model.Classify of that observation, and of the mean of the last
//	       year's steps ("year": the three indicators the rule reads);
//	       from the first June on, "groups_date" and "groups": the latest
//	       yearly survey of the employer groups, all sectors together
//	       (model.ObserveGroups, taken as sim takes it)
//	ties   a snapshot of one configuration's employers and colleges: every
//	       college, the counts of ties and a stable sample of employers
//	       (model.EmployerView)
//	done   the run stopped: at its end or after the steps asked for
//	error  the run stopped on a failure or the time limit
//
// The server keeps no state between requests. Every simulation draws from
// one generator, sim.Stream(seed, 0), so the same request always gives the
// same stream, byte for byte. RunRequest.Reps runs several replications
// at once, replication r on sim.Stream(seed, r), each counted against
// MaxSims: the step events then carry their mean as "values" and the
// lowest and highest values as "lo" and "hi". Pause closes the stream; Run and Step resume
// with RunRequest.From, and the server replays that many steps silently
// (with the lever changes) before streaming: the continuation is exactly
// the run that would have happened without the pause. A compare run gives
// both configurations the same generator seed (common random numbers).
//
// # The classroom
//
// A room holds a region on the scenario's seed and its shadow, the same
// region with every firm the model's. Each student plays one employer
// (model.Region.SetChoice): each round (a simulated year) they choose to
// co-produce or stay transactional, upgrade or not, train or not, seeing
// only their own firm, their sector's shares and the class's last round.
// A round closes when everyone has answered, when its clock runs out (a
// student who has not answered keeps last year's choice) or when the
// teacher closes it; both regions then run a year. The debrief sets the
// class's firms against the model's and the region against its shadow.
// Room codes are 8 characters from 31 that a projector does not confuse;
// tokens are 128-bit random.
//
// # Limits
//
// Options sets them; the defaults are the package's Default* constants. A
// request body larger than MaxBody is refused with 413; a scenario whose
// region is larger than MaxPersons people, MaxEmployers employers or
// MaxColleges colleges, or longer than MaxSteps steps, with 400 and a
// message naming the limit; more than MaxSims simulations at once (a
// compare run counts two) with 429; more than MaxChanges lever changes
// with 400. A stream stops when the client goes away (its request
// context), after MaxWall, or when the server shuts down. The classroom
// holds at most MaxRooms rooms of MaxStudents students, on regions of at
// most MaxRoomPersons people, refuses a client
// (by IP address) more than Burst requests at once and Rate a second, and
// gives each room event roomWriteTimeout to reach its client: a page that
// stops reading loses its stream and frees its slot. Requests reach
// nothing on the file system: the page, the documents and the scenarios
// are embedded.
package web
