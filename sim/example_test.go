package sim_test

import (
	"fmt"

	"skillsim/model"
	"skillsim/sim"
)

func ExampleMeanCI95() {
	// Final values of one indicator in five replications.
	iv := sim.MeanCI95([]float64{1, 2, 3, 4, 5})
	fmt.Printf("%.4f [%.4f, %.4f]\n", iv.Mean, iv.Low, iv.High)
	// Output: 3.0000 [1.0368, 4.9632]
}

func ExampleRegimeShares() {
	shares := sim.RegimeShares([]model.Regime{model.LowSkills, model.LowSkills, model.Transitional, model.Coproduction})
	for g, s := range shares {
		fmt.Printf("%s %.2f\n", model.Regime(g), s)
	}
	// Output:
	// low-skills 0.50
	// transitional 0.25
	// co-production 0.25
}

func ExampleStream() {
	// Replication 3 of a run with master seed 42 can be replayed on its own.
	a := sim.Stream(42, 3)
	b := sim.Stream(sim.RepSeed(42, 3)[0], int(sim.RepSeed(42, 3)[1]))
	fmt.Println(a.Uint64() == b.Uint64())
	// Output: true
}
