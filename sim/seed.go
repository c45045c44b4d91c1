package sim

import "math/rand/v2"

// Source returns the generator of replication rep of a run with master
// seed master, rand.NewPCG(master, uint64(rep)): what model.New draws
// every random number of the replication from. A generator serves one
// goroutine.
func Source(master uint64, rep int) *rand.PCG {
	if rep < 0 {
		panic("sim: negative replication index")
	}
	return rand.NewPCG(master, uint64(rep))
}

// Stream is Source as a *rand.Rand: rand.New(Source(master, rep)).
func Stream(master uint64, rep int) *rand.Rand {
	return rand.New(Source(master, rep))
}

// RepSeed returns the seed pair {master, rep} of replication rep, as
// recorded in summary.json. Stream(pair[0], int(pair[1])) replays it.
func RepSeed(master uint64, rep int) [2]uint64 {
	if rep < 0 {
		panic("sim: negative replication index")
	}
	return [2]uint64{master, uint64(rep)}
}
