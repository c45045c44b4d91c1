// Package progress shows how a long computation is going, with an
// estimate of the time left, on a terminal or in a log.
//
// On a terminal a Meter redraws one line in place (a carriage return
// before each), at most ten times a second. Elsewhere (a file, a pipe, a
// Slurm log) it writes a whole line every few seconds, so a log shows
// progress without filling up. A nil *Meter shows nothing, which is how
// a quiet command (-q) silences it. A Meter only reads the counts it is
// given: it cannot change what is computed.
package progress
