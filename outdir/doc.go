// Package outdir writes skillsim's output directories so that they cannot
// be corrupted: by two processes at once, by a process killed partway, or
// by a file edited afterwards.
//
// # Locks
//
// Lock takes an exclusive lock on a directory (an flock(2) on the file
// .skillsim.lock in it, which the kernel releases when the process dies,
// so a killed process leaves no stale lock). The lock file says who holds
// it; a second process is refused with a *BusyError naming the first by
// process id, host, start time and command.
//
// # Files and sets of files
//
// WriteFile writes one file atomically: a temporary file .NAME.*.tmp in
// the same directory, synced, closed and renamed into place. A Stage
// writes a set of files (a run's data and figures, say) the same way into
// a staging directory .staging-* inside the output directory; Commit then
// moves them into place and writes the set's manifest last. A reader that
// finds the manifest and whose files match the SHA-256 sums in it (Sums,
// Verify) sees one whole set, never a mix of two. A process killed during
// Commit leaves a staging directory sealed with the list of the set's
// names and the manifest; Clean, which every writer calls once it holds
// the lock, finishes that commit, and removes what a killed writer left:
// temporary files, staging directories not sealed (among them a
// subdirectory staged for Replace, whose own manifest does not make it a
// set of dir) and the .trash-* directories of replaced subdirectories.
//
// # Figures
//
// WriteFigures draws figures as PNG and SVG with figures.json listing
// them and their captions; ReadFigures reads them back for a report.
package outdir
