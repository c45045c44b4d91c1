package scenarios

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"skillsim/model"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// diff returns the YAML paths at which a and b differ, walking them in step.
func diff(a, b reflect.Value, path string) []string {
	switch {
	case a.Kind() == reflect.Pointer && a.Type().Elem().Kind() == reflect.Struct:
		switch {
		case a.IsNil() && b.IsNil():
			return nil
		case a.IsNil() || b.IsNil():
			return []string{fmt.Sprintf("%s (nil here: %v, there: %v)", path, a.IsNil(), b.IsNil())}
		}
		return diff(a.Elem(), b.Elem(), path)
	case a.Kind() == reflect.Struct:
		var out []string
		for i := range a.NumField() {
			tag, opts, _ := strings.Cut(a.Type().Field(i).Tag.Get("yaml"), ",")
			p := join(path, tag)
			if opts == "inline" {
				p = path
			}
			out = append(out, diff(a.Field(i), b.Field(i), p)...)
		}
		return out
	case a.Kind() == reflect.Slice:
		if a.Len() != b.Len() {
			return []string{fmt.Sprintf("%s (%d elements, not %d)", path, a.Len(), b.Len())}
		}
		var out []string
		for i := range a.Len() {
			out = append(out, diff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case !reflect.DeepEqual(a.Interface(), b.Interface()):
		return []string{fmt.Sprintf("%s (%v here, %v there)", path, show(a), show(b))}
	}
	return nil
}

// show formats a value for diff, following a non-nil pointer.
func show(v reflect.Value) any {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return v.Elem().Interface()
	}
	return v.Interface()
}

func diffConfigs(a, b *model.Config) []string {
	return diff(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), "")
}

func TestShippedScenariosParse(t *testing.T) {
	t.Parallel()
	names := Names()
	for _, want := range []string{"bistable", "bistable-high", "coproduction", "region"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("Names() = %v, want it to include %s", names, want)
		}
	}
	for _, name := range names {
		cfg, err := Embedded(name)
		if err != nil {
			t.Errorf("Embedded(%q):\n%v", name, err)
			continue
		}
		if cfg.Name != name {
			t.Errorf("%s.yaml has name %q, want the file's name", name, cfg.Name)
		}
		if cfg.Question == "" {
			t.Errorf("%s.yaml has no question", name)
		}
		data, _ := shipped.ReadFile(name + ".yaml")
		if !strings.HasPrefix(string(data), "# Question: ") {
			t.Errorf("%s.yaml does not open with a # Question: comment", name)
		}
	}
	if _, err := Embedded("nonesuch"); err == nil || !strings.Contains(err.Error(), "baseline") {
		t.Errorf(`Embedded("nonesuch") = %v, want an error listing the shipped scenarios`, err)
	}
}

// TestDefaultMatchesModel keeps region.yaml and model.DefaultConfig in
// step. When the model's defaults change, change region.yaml too.
func TestDefaultMatchesModel(t *testing.T) {
	t.Parallel()
	got, err := Embedded("region")
	if err != nil {
		t.Fatal(err)
	}
	want := model.DefaultConfig()
	want.Name, want.Question = got.Name, got.Question
	data, _ := shipped.ReadFile("region.yaml")
	d := &decoder{file: "region.yaml", places: make(map[string]*yaml.Node), broken: make(map[string]bool)}
	d.parse(data)
	for _, path := range diff(reflect.ValueOf(got).Elem(), reflect.ValueOf(&want).Elem(), "") {
		field, _, _ := strings.Cut(path, " ")
		t.Errorf("region.yaml:%d: %s differs from model.DefaultConfig: change region.yaml to match",
			d.place(field).Line, path)
	}
}

// TestBistablePair checks that bistable-high.yaml differs from
// bistable.yaml only in its name and its initial state.
func TestBistablePair(t *testing.T) {
	t.Parallel()
	low, err := Embedded("bistable")
	if err != nil {
		t.Fatal(err)
	}
	high, err := Embedded("bistable-high")
	if err != nil {
		t.Fatal(err)
	}
	if low.Initial == high.Initial {
		t.Errorf("the two initial states are the same: %+v", low.Initial)
	}
	if low.Initial.HighSpecShare >= high.Initial.HighSpecShare || low.Initial.CoproductionShare >= high.Initial.CoproductionShare {
		t.Errorf("bistable starts higher than bistable-high: %+v vs %+v", low.Initial, high.Initial)
	}
	high.Name, high.Initial = low.Name, low.Initial
	for _, d := range diffConfigs(high, low) {
		t.Errorf("bistable-high.yaml differs from bistable.yaml at %s", d)
	}
}

// everyLever returns the default config with every policy lever on,
// some with ends, and the standards period with none.
func everyLever() model.Config {
	c := model.DefaultConfig()
	c.Name = "every_lever"
	end := func(y, m int) *model.Month { e := model.MonthOf(y, m); return &e }
	levy, dev, net, aus, mig, car := model.DefaultLevy(), model.DefaultDevolution(), model.DefaultNetwork(),
		model.DefaultAusterity(), model.DefaultMigration(), model.DefaultCareers()
	levy.End, levy.Standards.End = end(2030, 1), nil
	levy.Transfers = nil
	net.End = end(2035, 1)
	m1, m2 := model.DefaultMerger(), model.DefaultMerger()
	m1.Colleges, m1.Date = []string{"newham", "hackney"}, model.MonthOf(2017, 8)
	m2.Colleges, m2.Date, m2.StaffTurnover = []string{"newham", "tower_hamlets", "barking_dagenham"}, model.MonthOf(2019, 1), 1.0/3
	c.Policies = model.Policies{
		Levy: &levy, Devolution: &dev, Network: &net, Austerity: &aus,
		AreaReviews: &model.AreaReviews{Mergers: []model.Merger{m1, m2}},
		Migration:   &mig, Careers: &car,
	}
	return c
}

func TestMarshalRoundTrip(t *testing.T) {
	t.Parallel()
	awkward := model.DefaultConfig()
	awkward.Name = "awkward"
	awkward.Question = "What if: the question has a colon, # a hash,\nand a second line?"
	awkward.Seed = math.MaxUint64
	awkward.Population.LowIncomeShare = 1.0 / 3
	awkward.Sectors[0].Productivity = 1e21
	awkward.Sectors = append(awkward.Sectors[:3:3], model.DefaultSector("yes"), model.DefaultSector("n0"))
	awkward.Sectors[3].Interest, awkward.Sectors[4].Interest = 0.32, 0.32
	awkward.Colleges = awkward.Colleges[:1]
	awkward.StepMonths, awkward.End = 12, model.MonthOf(2200, 1)
	if err := awkward.Validate(); err != nil {
		t.Fatalf("the awkward config is invalid:\n%v", err)
	}
	if levers := everyLever(); levers.Validate() != nil {
		t.Fatalf("the config with every lever is invalid:\n%v", levers.Validate())
	}
	levers := everyLever()
	cfgs := map[string]*model.Config{"awkward": &awkward, "every lever": &levers}
	def := model.DefaultConfig()
	cfgs["model.DefaultConfig"] = &def
	for _, name := range Names() {
		cfg, err := Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		cfgs[name+".yaml"] = cfg
	}
	for name, cfg := range cfgs {
		data, err := Marshal(cfg)
		if err != nil {
			t.Errorf("Marshal(%s): %v", name, err)
			continue
		}
		back, err := Parse(name+" marshalled", data)
		if err != nil {
			t.Errorf("Parse(Marshal(%s)):\n%v\n%s", name, err, data)
			continue
		}
		if !reflect.DeepEqual(back, cfg) {
			t.Errorf("Parse(Marshal(%s)) differs at %v", name, diffConfigs(back, cfg))
		}
		// Every field is written, so the file is as long as the default one.
		if !strings.Contains(string(data), "seed: ") || !strings.Contains(string(data), "training_cost: ") {
			t.Errorf("Marshal(%s) leaves fields out:\n%s", name, data)
		}
	}
}

func TestParseDefaults(t *testing.T) {
	t.Parallel()
	const file = `name: partial
seed: 7
population:
  persons: 1000
sectors:
  - name: rest
    interest: 1
    quit_rate: 0.2
  - name: digital_tech
    interest: 0
colleges:
  - name: newham
    places: 100
  - name: extra
base: &base {low: 0.5, intermediate: 0.3, high: 0.2}
`
	// base is not a field: anchors must live inside fields. Build the
	// file without it, then check the merge-key case separately.
	cfg, err := Parse("partial.yaml", []byte(strings.Split(file, "base:")[0]))
	if err != nil {
		t.Fatal(err)
	}
	want := model.DefaultConfig()
	want.Name, want.Seed = "partial", 7
	want.Population.Persons = 1000
	rest := model.DefaultSector("rest")
	rest.Interest, rest.QuitRate = 1, 0.2
	digital := model.DefaultSector("digital_tech")
	digital.Interest = 0
	want.Sectors = []model.Sector{rest, digital}
	newham := model.DefaultCollege("newham")
	newham.Places = 100
	want.Colleges = []model.College{newham, model.DefaultCollege("extra")}
	for _, d := range diffConfigs(cfg, &want) {
		t.Errorf("Parse gave a config that differs at %s", d)
	}

	if _, err := Parse("base.yaml", []byte(file)); err == nil || !strings.Contains(err.Error(), "base.yaml:15:1: base: unknown field") {
		t.Errorf("Parse with an unknown top-level key = %v", err)
	}
}

func TestParseAnchorsAndMerges(t *testing.T) {
	t.Parallel()
	const file = `name: anchors
sectors:
  - &tech
    name: digital_tech
    quit_rate: 0.3
    low_spec_jobs: &mix {low: 0.5, intermediate: 0.3, high: 0.2}
  - <<: *tech
    name: creative
    high_spec_jobs: *mix
  - {name: social_care}
  - {name: rest}
`
	cfg, err := Parse("anchors.yaml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	mix := model.JobMix{Low: 0.5, Intermediate: 0.3, High: 0.2}
	creative := cfg.Sectors[1]
	if creative.Name != "creative" || creative.QuitRate != 0.3 || creative.LowSpecJobs != mix || creative.HighSpecJobs != mix {
		t.Errorf("merged sector = %+v", creative)
	}
	// The merged element starts from the defaults of its own name.
	if creative.Productivity != model.DefaultSector("creative").Productivity {
		t.Errorf("merged sector productivity = %v, want creative's default", creative.Productivity)
	}
}

func TestParsePolicies(t *testing.T) {
	t.Parallel()
	const file = `name: levers
policies:
  levy:
    rate: 0.01
    end: 2030-01
    transfers:
      - {from: 2020-01, value: 0.5}
    standards: {start: 2017-06}
  devolution:
  careers: {}
  network: &net
    start: 2021-01
    end: 2024-01
  area_reviews:
    mergers:
      - colleges: [newham, hackney]
        date: 2017-08
      - colleges: [newham, tower_hamlets]
        date: 2019-01
        staff_turnover: 0.2
`
	cfg, err := Parse("levers.yaml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	month := func(y, m int) *model.Month { e := model.MonthOf(y, m); return &e }
	levy := model.DefaultLevy()
	levy.Rate, levy.End = 0.01, month(2030, 1)
	// A schedule given replaces the default schedule whole.
	levy.Transfers = model.Schedule{{From: model.MonthOf(2020, 1), Value: 0.5}}
	// A period given without an end has none.
	levy.Standards = model.Period{Start: model.MonthOf(2017, 6)}
	dev, car, net := model.DefaultDevolution(), model.DefaultCareers(), model.DefaultNetwork()
	net.Start, net.End = model.MonthOf(2021, 1), month(2024, 1)
	m1, m2 := model.DefaultMerger(), model.DefaultMerger()
	m1.Colleges, m1.Date = []string{"newham", "hackney"}, model.MonthOf(2017, 8)
	m2.Colleges, m2.Date, m2.StaffTurnover = []string{"newham", "tower_hamlets"}, model.MonthOf(2019, 1), 0.2
	want := model.Policies{
		Levy:        &levy,
		Devolution:  &dev, // given as an empty value: on, with the real rules
		Network:     &net,
		AreaReviews: &model.AreaReviews{Mergers: []model.Merger{m1, m2}},
		Careers:     &car,
		// Austerity and Migration are left out: off.
	}
	for _, d := range diff(reflect.ValueOf(cfg.Policies), reflect.ValueOf(want), "policies") {
		t.Errorf("Parse gave policies that differ at %s", d)
	}

	// No policies block: every lever off.
	cfg, err = Parse("none.yaml", []byte("name: none\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Policies != (model.Policies{}) {
		t.Errorf("a file without policies gave %+v, want every lever off", cfg.Policies)
	}

	// end: with an empty value removes the default end; a merged lever
	// keeps its keys.
	cfg, err = Parse("merge.yaml", []byte(`name: merge
policies:
  levy: {standards: {end: ~}}
  network: {<<: &n {start: 2021-01, end: 2024-01}, budget: 1000}
`))
	if err != nil {
		t.Fatal(err)
	}
	if e := cfg.Policies.Levy.Standards.End; e != nil {
		t.Errorf("standards: {end: ~} gave end %v, want none", *e)
	}
	if n := cfg.Policies.Network; n.Start != model.MonthOf(2021, 1) || n.End == nil || *n.End != model.MonthOf(2024, 1) || n.Budget != 1000 {
		t.Errorf("a network with merged keys = %+v", *n)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file  string
		line  int
		col   int // 0: not checked
		field string
		msg   string // a substring of the message
	}{
		{"malformed.yaml", 4, 0, "", "malformed YAML: mapping values are not allowed"},
		{"unknown_key.yaml", 2, 1, "populaton", "unknown field (did you mean population?)"},
		{"unknown_sector_key.yaml", 5, 5, "sectors[1].quit_rat", "unknown field (did you mean quit_rate?)"},
		{"wrong_type.yaml", 3, 12, "population.persons", `"many" is not a whole number; must be a whole number, for example 50000`},
		{"negative_count.yaml", 4, 13, "colleges[0].places", "-5 is negative; must be a whole number ≥ 0"},
		{"share_above_one.yaml", 3, 21, "population.low_income_share", "1.2 is above 1; must be a share in [0, 1]"},
		{"end_before_start.yaml", 3, 6, "end", "2010-01 is not after start 2015-01"},
		{"duplicate_sector.yaml", 5, 11, "sectors[1].name", `"creative" is also the name of sectors[0]`},
		{"attainment_sum.yaml", 4, 3, "population.attainment", "shares sum to 1.1; must sum to 1"},
		{"empty.yaml", 1, 1, "", "the file is empty"},
		{"no_name.yaml", 2, 1, "name", "missing"},
		{"unknown_lever.yaml", 4, 3, "policies.levvy",
			"unknown lever (did you mean levy?); the levers are levy, devolution, network, austerity, area_reviews, migration, careers"},
		{"overlapping_mergers.yaml", 7, 35, "policies.area_reviews.mergers[1].colleges[1]",
			`"hackney" is also in mergers[0] on the same date 2017-08; mergers on one date must not share a college (make them one merger)`},
		{"contradictory_mergers.yaml", 7, 20, "policies.area_reviews.mergers[1].colleges[0]",
			`"hackney" was merged into newham by mergers[0] on 2017-08; a college merged away cannot merge again`},
		{"lever_end_before_start.yaml", 5, 10, "policies.network.end",
			"2021-01 is not after start 2022-01; must be a later month, or left out for no end"},
		{"date_after_run_end.yaml", 6, 12, "policies.devolution.start",
			"2040-01 is after the run's end 2035-01; must be within 2015-01 … 2035-01"},
		{"merger_unknown_college.yaml", 5, 28, "policies.area_reviews.mergers[0].colleges[1]",
			`"hackny" names no college; the colleges are newham, tower_hamlets, hackney, barking_dagenham`},
		{"schedule_out_of_order.yaml", 7, 16, "policies.levy.co_investment[2].from",
			"out of order: 2019-04 comes after 2019-04; dates must increase"},
		{"schedule_share_above_one.yaml", 8, 16, "policies.careers.information[1].value",
			"1.3 is above 1; must be a share in [0, 1]"},
		{"threshold_sd_negative.yaml", 4, 19, "behaviour.network.threshold_sd",
			"-0.12 is negative; must be a standard deviation ≥ 0"},
		{"degree_too_long.yaml", 3, 18, "education.degree_months",
			"300 is above 120; must be a whole number of months from 1 to 120"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := Parse(path, data)
			if cfg != nil {
				t.Errorf("Parse returned a config with its error")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse() = %v, want an ErrorList", err)
			}
			if len(list) != 1 {
				t.Fatalf("Parse() gave %d errors, want 1:\n%v", len(list), err)
			}
			e := list[0]
			if e.File != path || e.Line != tt.line || (tt.col != 0 && e.Column != tt.col) ||
				e.Field != tt.field || !strings.Contains(e.Message, tt.msg) {
				t.Errorf("Parse() =\n%v\nwant %s:%d:%d: %s: ...%s...", e, path, tt.line, tt.col, tt.field, tt.msg)
			}
			var first *Error
			if !errors.As(err, &first) || first != e {
				t.Errorf("errors.As does not find the *Error in the list")
			}
		})
	}
}

func TestParseMoreErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml, want string
	}{
		{"fractional count", "name: x\npopulation: {persons: 1.5}\n",
			"x.yaml:2:23: population.persons: 1.5 is not a whole number; must be a whole number, for example 50000"},
		{"number as a string", "name: x\nbehaviour:\n  noise: \"0.1\"\n",
			`x.yaml:3:10: behaviour.noise: "0.1" is not a number; must be a number, for example 0.02`},
		{"null value", "name: x\nreplications:\n",
			"x.yaml:2:14: replications: an empty value is not a whole number; must be a whole number, for example 20"},
		{"list for a block", "name: x\ninitial: [1, 2]\n",
			"x.yaml:2:10: initial: a list is not a block of fields; must be a mapping with keys such as high_spec_share, college_use_share, coproduction_share"},
		{"bad month", "name: x\nstart: 2015-1\n",
			`x.yaml:2:8: start: month "2015-1" is not of the form YYYY-MM (for example 2015-01)`},
		{"negative seed", "name: x\nseed: -1\n",
			"x.yaml:2:7: seed: -1 is not a whole number ≥ 0; must be a whole number ≥ 0, for example 1"},
		{"number as a name", "name: 2024\n",
			`x.yaml:1:7: name: 2024 is not a string; must be a string, for example "default"`},
		{"duplicate key", "name: x\nseed: 1\nseed: 2\n",
			"x.yaml:3:1: seed: given twice (first at line 2); give each field once"},
		{"two documents", "name: x\n---\nname: y\n",
			"x.yaml:2:1: a second YAML document; a scenario file holds one document (remove the ---)"},
		{"not a mapping", "- name: x\n",
			"x.yaml:1:1: a list is not a scenario; must be a mapping of fields such as name, population and sectors"},
		{"sector without a name", "name: x\nsectors:\n  - interest: 1\n",
			"x.yaml:3:5: sectors[0].name: is empty; every sector needs a name such as digital_tech (lower-case letters, digits and _, starting with a letter)"},
		{"sector as a string", "name: x\nsectors: [rest]\n",
			"x.yaml:2:1: sectors: the sectors' interest shares sum to 0.64 (rest 0.64); must sum to 1\n" +
				`x.yaml:2:11: sectors[0]: "rest" is not a sector; must be a mapping starting name:, for example - name: digital_tech`},
		{"interest of omitted sectors", "name: x\nsectors:\n  - name: rest\n",
			"x.yaml:2:1: sectors: the sectors' interest shares sum to 0.64 (rest 0.64); must sum to 1"},
		{"job design of a listed sector", "name: x\nsectors:\n  - name: rest\n    interest: 1\n    low_spec_jobs:\n      low: 0.5\n",
			"x.yaml:5:5: sectors[0].low_spec_jobs: shares sum to 0.9; must sum to 1 (low + intermediate + high)"},
		{"infinity", "name: x\nbehaviour: {strategy_temperature: .inf}\n",
			"x.yaml:2:35: behaviour.strategy_temperature: +Inf is not finite; must be a temperature > 0"},
		{"lever not a mapping", "name: x\npolicies:\n  migration: 3\n",
			"x.yaml:3:14: policies.migration: 3 is not a block of fields; must be a mapping with keys such as start, end, low"},
		{"unknown lever key", "name: x\npolicies:\n  careers: {informaton: []}\n",
			"x.yaml:3:13: policies.careers.informaton: unknown field (did you mean information?); the fields here are start, end, information"},
		{"removed key", "name: x\npolicies:\n  levy: {anticipation_multiplier: 2.2}\n",
			"x.yaml:3:10: policies.levy.anticipation_multiplier: removed: employers no longer start training a fitted number of times as often " +
				"before the new funding rules, they bring it forward when the coming rules make it dearer (docs/ODD.md §7.15.9); " +
				"delete this key (anticipation still sets how far ahead they know a change)"},
		{"schedule entry without a value", "name: x\npolicies:\n  careers:\n    information: [{from: 2019-01}]\n",
			"x.yaml:4:19: policies.careers.information[0].value: missing; every dated value gives from and value, for example - {from: 2019-04, value: 0.05}"},
		{"schedule not a list", "name: x\npolicies:\n  careers: {information: 0.7}\n",
			"x.yaml:3:26: policies.careers.information: 0.7 is not a list; must be a list of dated values, each written - {from: 2019-04, value: 0.05}"},
		{"bad end", "name: x\npolicies:\n  careers: {end: 2030}\n",
			`x.yaml:3:18: policies.careers.end: month "2030" is not of the form YYYY-MM (for example 2015-01)`},
		{"merger of one college", "name: x\npolicies:\n  area_reviews:\n    mergers: [{colleges: [newham], date: 2017-08}]\n",
			"x.yaml:4:16: policies.area_reviews.mergers[0].colleges: names 1 college(s); a merger joins at least 2 colleges, the first of which survives"},
		{"college twice in a merger", "name: x\npolicies:\n  area_reviews:\n    mergers: [{colleges: [newham, hackney, newham], date: 2017-08}]\n",
			`x.yaml:4:44: policies.area_reviews.mergers[0].colleges[2]: "newham" is named twice in this merger (also colleges[0]); name each college once`},
		{"merger without a date", "name: x\npolicies:\n  area_reviews:\n    mergers: [{colleges: [newham, hackney]}]\n",
			"x.yaml:4:15: policies.area_reviews.mergers[0].date: missing; every merger gives colleges and date, for example - {colleges: [newham, hackney], date: 2017-08}"},
		{"colleges not a list", "name: x\npolicies:\n  area_reviews:\n    mergers: [{colleges: newham, date: 2017-08}]\n",
			`x.yaml:4:26: policies.area_reviews.mergers[0].colleges: "newham" is not a list; must be a list of college names, for example [newham, hackney]`},
		{"default dates after a short run", "name: x\nend: 2019-01\npolicies:\n  levy:\n",
			"x.yaml:4:3: policies.levy.co_investment[1].from: 2019-04 is after the run's end 2019-01; must be within 2015-01 … 2019-01\n" +
				"x.yaml:4:3: policies.levy.transfers[1].from: 2019-04 is after the run's end 2019-01; must be within 2015-01 … 2019-01\n" +
				"x.yaml:4:3: policies.levy.standards.end: 2020-08 is after the run's end 2019-01; must be within 2015-01 … 2019-01\n" +
				"x.yaml:4:3: policies.levy.non_levy_funding[1].from: 2019-04 is after the run's end 2019-01; must be within 2015-01 … 2019-01\n" +
				"x.yaml:4:3: policies.levy.non_levy_funding[2].from: 2023-04 is after the run's end 2019-01; must be within 2015-01 … 2019-01"},
		{"span not whole steps", "name: x\nstep_months: 12\nend: 2035-06\n",
			"x.yaml:3:6: end: the 245 months from start 2015-01 to 2035-06 are not a whole number of 12-month steps; must be a month such as 2035-01 or 2036-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.yaml))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse(%q) =\n%v\nwant\n%s", tt.yaml, err, tt.want)
			}
		})
	}
}

// TestParseReportsEveryProblem checks the whole report for a file with
// many problems against testdata/many_errors.golden (go test -update
// rewrites it).
func TestParseReportsEveryProblem(t *testing.T) {
	t.Parallel()
	path := filepath.Join("testdata", "many_errors.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(path, data)
	if err == nil {
		t.Fatal("Parse() = nil error")
	}
	got := err.Error() + "\n"
	golden := filepath.Join("testdata", "many_errors.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("Parse(%s) =\n%s\nwant\n%s", path, got, want)
	}
}
