package experiment_test

import (
	"context"
	"fmt"
	"strings"

	"skillsim/experiment"
	"skillsim/model"
	"skillsim/scenarios"
)

// small is a base scenario small enough to run in milliseconds.
func small(string) (*model.Config, error) {
	cfg := model.DefaultConfig()
	cfg.Name = "small"
	cfg.Population.Persons = 1500
	for i := range cfg.Sectors {
		e := &cfg.Sectors[i].Employers
		e.Micro, e.SmallMedium, e.Large = 10, 2, 1
	}
	for i := range cfg.Colleges {
		cfg.Colleges[i].Places = 25
	}
	cfg.End = cfg.Start + 12
	return &cfg, nil
}

func ExampleParse() {
	file := `
name: outreach
base: small
seed: 3
replications: 2
parameters:
  - path: colleges.newham.outreach
    range: [0, 1]
    levels: 3
  - path: policies.network.budget
    values: [0, 1000000]
`
	e, err := experiment.Parse("outreach.yaml", []byte(file), small)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Method, len(e.Points), "points,", e.Runs(), "runs")
	for p, pt := range e.Points {
		fmt.Println(p, pt)
	}
	fmt.Println(strings.Join(e.Header()[:7], ","))
	// Output:
	// grid 6 points, 12 runs
	// 0 [0 0]
	// 1 [0 1e+06]
	// 2 [0.5 0]
	// 3 [0.5 1e+06]
	// 4 [1 0]
	// 5 [1 1e+06]
	// run,point,rep,seed,colleges.newham.outreach,policies.network.budget,regime
}

func ExampleParse_errors() {
	file := `
base: small
design: {method: sobol, points: 1}
parameters:
  - {path: colleges.newham.outrech, range: [0, 1]}
  - {path: behaviour.noise, range: [0.1, 0.1]}
`
	_, err := experiment.Parse("bad.yaml", []byte(file), small)
	fmt.Println(err)
	// Output:
	// bad.yaml:3:33: design.points: 1 is too few; a Saltelli design needs a base sample of N ≥ 2 (it runs N·(k+2) points)
	// bad.yaml:5:12: parameters[0].path: unknown parameter path "colleges.newham.outrech"; the nearest valid paths are colleges.newham.outreach, colleges.newham.places, colleges.hackney.outreach, colleges.newham.adult_share, colleges.tower_hamlets.outreach
	// bad.yaml:6:36: parameters[1].range: [0.1, 0.1] is empty or inverted; a range is [low, high] with low < high
}

func ExampleExecute() {
	file := `
base: small
seed: 3
replications: 2
parameters:
  - {path: behaviour.noise, values: [0.02, 2]}
`
	e, err := experiment.Parse("noise.yaml", []byte(file), small)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Results arrive in completion order; a sweep journals them and sorts
	// by run at the end. Here, collect the failures by run.
	failed := make([]string, e.Runs())
	err = experiment.Execute(context.Background(), e, experiment.ExecOptions{Workers: 2}, func(r *experiment.Result) error {
		if r.Err != nil {
			failed[r.Run] = r.Err.Error()
		}
		return nil
	})
	fmt.Println(err)
	for run, f := range failed {
		fmt.Printf("run %d %q\n", run, f)
	}
	// Output:
	// <nil>
	// run 0 ""
	// run 1 ""
	// run 2 "behaviour.noise: 2 is above 1; must be a probability in [0, 1]"
	// run 3 "behaviour.noise: 2 is above 1; must be a probability in [0, 1]"
}

// The first points of the Sobol' sequence in three dimensions: each block
// of 2^m points from the start puts one point in each 1/2^m of every axis.
func ExampleSobolSequence() {
	for _, p := range experiment.SobolSequence(4, 3) {
		fmt.Println(p)
	}
	// Output:
	// [0 0 0]
	// [0.5 0.5 0.5]
	// [0.75 0.25 0.25]
	// [0.25 0.75 0.75]
}

// A linked parameter moves several fields together; its switch link
// makes its low end "no network at all" rather than a network with
// nothing to spend.
func ExampleExperiment_Config_linked() {
	file := `
base: bistable
parameters:
  - name: network_budget
    values: [0, 1000000]
    link:
      - {path: policies.network.budget, range: [0, 1000000]}
      - {path: policies.network.in_force, range: [0, 1]}
`
	e, err := experiment.Parse("linked.yaml", []byte(file), scenarios.Embedded)
	if err != nil {
		fmt.Println(err)
		return
	}
	for p := range e.Points {
		cfg, err := e.Config(p)
		if err != nil {
			fmt.Println(err)
			return
		}
		if n := cfg.Policies.Network; n == nil {
			fmt.Printf("%s %.0f: no network\n", e.Params[0].Path, e.Points[p][0])
		} else {
			fmt.Printf("%s %.0f: a network with £%.0f a year\n", e.Params[0].Path, e.Points[p][0], n.Budget)
		}
	}
	// Output:
	// network_budget 0: no network
	// network_budget 1000000: a network with £1000000 a year
}
