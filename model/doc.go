// Package model holds the agents of a regional skills ecosystem — learners,
// colleges and employers in several sectors — their decision rules, and the
// indicators that say whether a region has settled into the low-skills
// equilibrium or onto a co-production trajectory.
//
// A Region is built from a Config with New and advanced one step at a time
// with Step; Observe reads the indicators of the current state and Classify
// turns the final indicators into a Regime. The package does no I/O and draws
// every random number from the *rand.Rand it is given, so a run is a pure
// function of its configuration and seed. docs/ODD.md describes every rule
// with its source.
package model
