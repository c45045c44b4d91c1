// Package docs embeds the parts of the documentation the program reads
// at run time, so that each fact has one owner: scenarios.md, the
// reference of the scenario file, whose tables give every field's unit
// (scenarios.Unit reads them for the axes of experiment figures).
package docs

import _ "embed"

// Scenarios is the text of scenarios.md.
//
//go:embed scenarios.md
var Scenarios string
