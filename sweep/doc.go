// Package sweep runs an experiment (package experiment) into a directory
// on disk, crash-safe and resumable, split into shards for a cluster and
// merged again, and analyses the result.
//
// # The directory
//
// A sweep directory holds (docs/experiments.md):
//
//	experiment.resolved.yaml  the experiment as run, base scenario inline
//	manifest.json             name, seed, runs, design, the SHA-256 of
//	                          experiment.resolved.yaml, shard, version;
//	                          once complete, the SHA-256 of every result
//	                          file (Manifest)
//	runs.journal              while running: one line per finished run,
//	                          CRC-32 and runs.csv row, in the order they
//	                          finish
//	runs.csv                  at the end: one row per run, in run order
//	timeseries.csv.gz         at the end, when the experiment asks for it
//	analysis/                 Analyze's files and figures, with their own
//	                          manifest.json
//
// Sweep locks the directory (package outdir), so a second process is
// refused with a message naming the first; it removes what a killed
// process left (temporary files) before it starts. The journal keeps in
// memory only the byte offset of each run's row, 8 bytes per run (16 with
// time series), and writes runs.csv by reading the rows at those offsets
// in run order, so an experiment's size is bounded by disk, not memory.
// With Options.Resume it checks that the directory holds the same
// experiment and that its experiment.resolved.yaml has not been edited,
// verifies each journal entry's CRC, cuts the journal at the first entry
// that is damaged or half-written and runs only what is missing: the
// result is byte for byte what an uninterrupted sweep writes.
//
// # Shards
//
// A Shard is the part of an experiment one machine runs; ResolveShard
// reads it from a flag or a Slurm or Kubernetes environment
// (docs/cluster.md). Merge joins the shards' directories into what one
// sweep would have written; a merge that was killed is finished by
// running it again.
//
// # Analyses
//
// Analyze reads a complete sweep, after checking its files against the
// manifest, and computes the analyses its method supports (Sobol and
// Morris indices, basins, tipping points, hysteresis loops, PRIM boxes;
// package analysis), writing them with their figures (package plots) into
// analysis/ as one set.
package sweep
