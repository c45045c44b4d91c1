package sweep

// A stepHook, which only tests set, is called at each point between the
// writes of a sweep, merge or analysis, with the name of the point. The
// output directory then holds what a process killed there would leave
// (its lock file included), so a test can copy it and check that the
// command run again finishes it (kill_test.go in cmd/skillsim does the
// same with real kills, at points it cannot choose).
type stepHook func(step string)

// at calls h, if it is set.
func (h stepHook) at(step string) {
	if h != nil {
		h(step)
	}
}
