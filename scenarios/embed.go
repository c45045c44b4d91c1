package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"skillsim/model"
)

// shipped holds the scenario files shipped with the program.
//
//go:embed *.yaml
var shipped embed.FS

// Names returns the names of the shipped scenarios, sorted. A shipped
// scenario's name is its file name without .yaml.
func Names() []string {
	files, err := fs.Glob(shipped, "*.yaml")
	if err != nil {
		panic("scenarios: " + err.Error())
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(f, ".yaml")
	}
	slices.Sort(names)
	return names
}

// Embedded parses the shipped scenario with a name from Names. The name may
// also be given with its .yaml suffix.
func Embedded(name string) (*model.Config, error) {
	file := strings.TrimSuffix(name, ".yaml") + ".yaml"
	data, err := shipped.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("scenarios: no shipped scenario %q; the shipped scenarios are %s",
			name, strings.Join(Names(), ", "))
	}
	return Parse(file, data)
}

// Default returns the shipped default scenario, baseline.yaml: the region
// of model.DefaultConfig with the policies England had from 2010. It panics
// only if the embedded file is broken, which the package's tests rule out.
func Default() *model.Config {
	cfg, err := Embedded("baseline")
	if err != nil {
		panic("scenarios: the shipped baseline.yaml is broken:\n" + err.Error())
	}
	return cfg
}
