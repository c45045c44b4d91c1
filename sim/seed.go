package sim

import "math/rand/v2"

// Stream returns the random number generator of replication rep of a run
// with master seed master: rand.New(rand.NewPCG(master, uint64(rep))).
// A generator serves one goroutine.
func Stream(master uint64, rep int) *rand.Rand {
	if rep < 0 {
		panic("sim: negative replication index")
	}
	return rand.New(rand.NewPCG(master, uint64(rep)))
}

// RepSeed returns the seed pair {master, rep} of replication rep, as
// recorded in summary.json. Stream(pair[0], int(pair[1])) replays it.
func RepSeed(master uint64, rep int) [2]uint64 {
	if rep < 0 {
		panic("sim: negative replication index")
	}
	return [2]uint64{master, uint64(rep)}
}
