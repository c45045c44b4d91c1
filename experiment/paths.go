package experiment

import "strings"

// structural lists the paths (or path prefixes ending in ".") of fields a
// running region cannot change (model.Region.Reconfigure): a hysteresis
// lever may not name them.
var structural = []string{"start", "end", "step_months", "population.persons", "employer_size.", "initial.", "behaviour.network."}

// isStructural reports whether a running region cannot change the field
// path names.
func isStructural(path string) bool {
	for _, s := range structural {
		if path == s || (strings.HasSuffix(s, ".") && strings.HasPrefix(path, s)) {
			return true
		}
	}
	segs := strings.Split(path, ".")
	if len(segs) >= 3 && segs[0] == "sectors" && segs[2] == "employers" {
		return true
	}
	if len(segs) == 3 && segs[0] == "colleges" && (segs[2] == "places" || segs[2] == "adult_share") {
		return true
	}
	return false
}
