package scenarios

import (
	"strings"
	"sync"

	"skillsim/docs"
)

// units maps the generic path of every field docs/scenarios.md documents
// (sectors[].quit_rate) to its unit, read from the reference's tables: a
// row opens with the field's path (or several, separated by " / ") in
// backquotes, and its third column is the unit.
var units = sync.OnceValue(func() map[string]string {
	out := make(map[string]string)
	for _, line := range strings.Split(docs.Scenarios, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 5 {
			continue
		}
		unit := strings.TrimSpace(cells[3])
		if unit == "—" || unit == "-" {
			unit = ""
		}
		for _, key := range strings.Split(cells[1], "/") {
			key = strings.Trim(strings.TrimSpace(key), "`")
			if key != "" {
				out[key] = unit
			}
		}
	}
	return out
})

// generic returns the path of the schema's reference for path: the name
// of a sector or college replaced by [] (sectors.rest.quit_rate →
// sectors[].quit_rate).
func generic(path string) string {
	if IsSwitch(path) {
		return "policies.<lever>.in_force"
	}
	segs := strings.Split(path, ".")
	if len(segs) >= 3 && (segs[0] == "sectors" || segs[0] == "colleges") {
		return segs[0] + "[]." + strings.Join(segs[2:], ".")
	}
	return path
}

// Unit returns the unit docs/scenarios.md gives the field path names,
// such as "£ per year" for policies.network.budget or "probability per
// year" for sectors.social_care.quit_rate, or "" for a path it does not
// document or documents without a unit.
func Unit(path string) string { return units()[generic(path)] }

// Name returns a parameter's name for a reader: its path with the
// policies., sectors. or colleges. prefix left out and dots and
// underscores read as spaces, a sector or college named as in the file
// ("network budget", "social care quit rate", "initial high spec share").
func Name(path string) string {
	for _, prefix := range []string{"policies.", "sectors.", "colleges."} {
		path = strings.TrimPrefix(path, prefix)
	}
	return strings.NewReplacer(".", " ", "_", " ").Replace(path)
}

// Label returns an axis label for the parameter path: its Name with the
// Unit docs/scenarios.md documents, "network budget (£ per year)", or the
// Name alone when there is no unit (a linked parameter's name, say).
func Label(path string) string {
	if u := Unit(path); u != "" {
		return Name(path) + " (" + u + ")"
	}
	return Name(path)
}
