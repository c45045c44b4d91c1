// Package web is skillsim's seminar dashboard: an HTTP server that serves
// one page, whose assets are embedded in the binary, and streams live
// simulations to it.
//
// # The page
//
// The page (static/index.html, static/app.js, static/app.css; no
// framework, no network access beyond this server) lets a class choose a
// shipped scenario or paste or upload scenario YAML, move the main policy
// levers and a few behavioural parameters, and run, step, pause and reset a
// simulation on a chosen seed. Charts of the headline indicators, the
// regime (model.Classify on the latest observation) and the partnership
// network (model.Region.Ties) update as the server streams the run. Two
// configurations can run side by side in lockstep on the same seed. The
// configuration exports as a scenario file and the results as CSV and PNG.
//
// # The API
//
//	GET  /                        the page
//	GET  /static/{file}           app.js, app.css
//	GET  /api/scenarios           the shipped scenarios: name and question
//	GET  /api/scenarios/{name}    one shipped scenario, fully resolved, as YAML
//	POST /api/validate            a Setup (scenario or YAML, lever overrides,
//	                              seed): the resolved scenario, its size, the
//	                              levers in force, or its located errors
//	POST /api/run                 a RunRequest: the run as server-sent events
//
// Errors are JSON objects {"error": message} with, for a scenario that
// does not validate, "errors": a list of {line, column, field, message}
// exactly as scenarios.Parse reports them (line and column are 0 for a
// problem caused by a lever override rather than by a line of the YAML).
//
// # The stream
//
// POST /api/run answers with Content-Type text/event-stream. Its events are
//
//	meta   the metric names, the seed and, per configuration (a, and b in
//	       compare mode), its name, dates, steps, sectors and colleges
//	step   {"step", "date", "a": {"values": [...], "regime"}, "b": ...}:
//	       every regional indicator in model.Metric order (null for NaN)
//	       and model.Classify of that observation
//	ties   a snapshot of one configuration's partnership network: every
//	       college, a stable sample of the employers with a tie and their
//	       ties
//	done   the run stopped: at its end or after the steps asked for
//	error  the run stopped on a failure or the time limit
//
// The server keeps no state between requests. Every simulation draws from
// one generator, sim.Stream(seed, 0), so the same request always gives the
// same stream, byte for byte. Pause closes the stream; Run and Step resume
// with RunRequest.From, and the server replays that many steps silently
// before streaming: the continuation is exactly the run that would have
// happened without the pause. A compare run gives both configurations the
// same generator seed (common random numbers).
//
// # Limits
//
// Options sets them; the defaults are the package's Default* constants. A
// request body larger than MaxBody is refused with 413; a scenario whose
// region is larger than MaxPersons people, MaxEmployers employers or
// MaxColleges colleges, or longer than MaxSteps steps, with 400 and a
// message naming the limit; more than MaxSims simulations at once (a
// compare run counts two) with 429. A stream stops when the client goes
// away (its request context), after MaxWall, or when the server shuts
// down. Requests reach nothing on the file system: the page and the
// scenarios are embedded.
package web
