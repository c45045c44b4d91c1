// Package scenarios reads, writes and ships scenario files: YAML
// descriptions of a region for the model to simulate.
//
// # Schema
//
// A scenario file is one YAML mapping whose keys are the yaml tags of
// model.Config, nested the same way:
//
//	name: my_region            # required; names output directories
//	question: ...              # the question the scenario answers
//	seed: 1                    # master seed of the replications
//	replications: 20
//	start: 2015-01             # months are written YYYY-MM
//	end: 2035-01               # exclusive; a whole number of steps after start
//	step_months: 1             # 1, 2, 3, 4, 6 or 12
//	population: {persons: ..., low_income_share: ..., attainment: {entry: ..., level1: ..., ...}, ...}
//	sectors:                   # replaces the default list
//	  - name: digital_tech     # starts from model.DefaultSector("digital_tech")
//	    quit_rate: 0.2         # and overrides what it gives
//	colleges:                  # replaces the default list
//	  - name: newham           # starts from model.DefaultCollege("newham")
//	employer_size: {micro: ..., small_medium: ..., large: ...}
//	labour_market: {...}
//	behaviour: {...}
//	initial: {...}
//	policies:                  # levers left out are off
//	  levy: {}                 # on, with the real rules of model.DefaultLevy
//	  austerity:
//	    start: 2010-04         # a lever's period: start and an optional end
//	    adult_budget:          # a schedule: replaces the default whole
//	      - {from: 2010-04, value: 0.7}
//	  area_reviews:
//	    mergers: [{colleges: [newham, hackney], date: 2017-08}]
//
// Every field but name may be left out and takes its value from
// model.DefaultConfig. A sectors: or colleges: list replaces the default
// list whole; each element starts from the default for its name and the
// keys it gives override that default, so an element may give only its
// name and the fields it changes. A policy lever given starts from its
// real rules (model.DefaultLevy and the like; a merger from
// model.DefaultMerger) and the keys it gives override them; a schedule
// given replaces the default schedule whole. Anchors, aliases and <<: merge keys work
// as in any YAML, within MaxNodes nodes once expanded and with no alias
// inside its own anchor; a file holds at most MaxFileBytes. region.yaml, shipped in this directory, writes out
// every field with a comment on its meaning; model.Config documents each
// field and model.Config.Validate states the valid values.
//
// # Loading
//
// Parse decodes a file into a model.Config and validates it. It reports
// every problem it finds, not just the first, as an ErrorList of *Error,
// each located at a line and column and naming the field by its YAML path:
//
//	my.yaml:12:15: population.persons: -3 is negative; must be a whole number ≥ 1
//	my.yaml:20:5: sectors[1].quit_rat: unknown field (did you mean quit_rate?); the fields here are name, employers, ...
//
// Unknown keys, keys given twice, values of the wrong type, malformed YAML
// and files that give no name are errors. A problem with a field the file
// leaves out is reported at the block that would hold it.
//
// Marshal writes a config back out in full, seed included, so that a run's
// resolved scenario can be saved beside its results and read again.
//
// # Parameter paths
//
// A parameter path names one numeric field of the schema by its YAML keys
// joined with dots, with the elements of sectors and colleges by name:
// sectors.social_care.quit_rate, colleges.newham.outreach,
// policies.levy.rate. Paths lists every path of a scenario, SetPath sets
// the field one names (switching a lever that is off on with its real
// rules), CheckPath and IsWhole inspect one, Clone copies a scenario so
// that setting the copy leaves the original alone, and SwitchOn switches a
// lever on with its real rules. Experiments and the seminar dashboard use
// them; this package is the one place that walks the schema and knows the
// levers' defaults.
//
// # Shipped scenarios
//
// The *.yaml files in this directory are embedded in the program: Names
// lists them, Embedded parses one by name and Default returns baseline.yaml.
// Each opens with a comment saying which question it answers.
package scenarios
