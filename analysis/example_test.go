package analysis_test

import (
	"fmt"
	"math/rand/v2"
	"os"

	"skillsim/analysis"
)

// The tipping point of a lever swept over four values with four
// replications each: the share in co-production rises from 1/4 at 1 to 3/4
// at 2, so half the runs tip at 1.5.
func ExampleTippingPoint() {
	x := []float64{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}
	regimes := []string{
		"low-skills", "low-skills", "low-skills", "low-skills",
		"co-production", "transitional", "low-skills", "low-skills",
		"co-production", "co-production", "co-production", "transitional",
		"co-production", "co-production", "co-production", "co-production",
	}
	success := make([]bool, len(regimes))
	for j, r := range regimes {
		success[j] = analysis.Success(r)
	}
	r, err := analysis.TippingPoint(x, success, 1000, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		panic(err)
	}
	for _, l := range r.Levels {
		fmt.Printf("x = %g: %d of %d\n", l.X, l.Successes, l.N)
	}
	fmt.Printf("tipping at %g, 95%% interval [%.2f, %.2f]\n", r.Value, r.Low, r.High)
	// Output:
	// x = 0: 0 of 4
	// x = 1: 1 of 4
	// x = 2: 3 of 4
	// x = 3: 4 of 4
	// tipping at 1.5, 95% interval [0.67, 2.33]
}

// Elementary effects of f(x) = 3·x1 − 2·x2 from one trajectory that
// raises x1 by 2/3 and then lowers x2 by 2/3.
func ExampleMorris() {
	traj := []analysis.Trajectory{{
		Y:     []float64{0, 2, 2 + 4.0/3},
		Param: []int{0, 1},
		Delta: []float64{2.0 / 3, -2.0 / 3},
	}}
	for i, m := range analysis.Morris(traj) {
		fmt.Printf("x%d: μ = %.3g, μ* = %.3g\n", i+1, m.Mu, m.MuStar)
	}
	// Output:
	// x1: μ = 3, μ* = 3
	// x2: μ = -2, μ* = 2
}

func ExampleWriteBasinCSV() {
	x := []float64{0, 0, 1, 1}
	y := []float64{0.1, 0.1, 0.1, 0.1}
	success := []bool{false, false, true, false}
	cells := analysis.Basin(x, y, success)
	if err := analysis.WriteBasinCSV(os.Stdout, "policies.network.budget", "initial.high_spec_share", cells); err != nil {
		panic(err)
	}
	// Output:
	// policies.network.budget,initial.high_spec_share,n,successes,share,share_low,share_high
	// 0,0.1,2,0,0,0,0.65761977
	// 1,0.1,2,1,0.5,0.094531206,0.90546879
}
