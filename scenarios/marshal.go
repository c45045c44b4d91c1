package scenarios

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"

	"skillsim/model"
)

// Marshal writes cfg as a fully resolved scenario file: every field,
// including the seed, is written out, so that Parse of the result gives a
// config equal to cfg. It records exactly what a run used.
func Marshal(cfg *model.Config) ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Scenario %s, fully resolved: every field is written out.\n", cfg.Name)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, fmt.Errorf("scenarios: marshal %s: %w", cfg.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("scenarios: marshal %s: %w", cfg.Name, err)
	}
	return buf.Bytes(), nil
}
