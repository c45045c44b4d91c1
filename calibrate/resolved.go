package calibrate

import (
	"bytes"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"skillsim/experiment"
	"skillsim/scenarios"
)

// Resolved returns the calibration as skillsim validate prints it: name,
// base, targets, seed, the parameters with their priors and the method
// with every default written out, then the targets' statistics, resolved
// (patterns.Targets.Resolved), under targets_resolved: and the base
// scenario in full (scenarios.Marshal) under base_scenario:. It is a
// record of what a run would use, not a calibration file to run.
func (c *Calibration) Resolved() ([]byte, error) {
	doc, m := &yaml.Node{Kind: yaml.MappingNode}, &yaml.Node{Kind: yaml.MappingNode}
	add := func(to *yaml.Node, key string, v *yaml.Node) {
		to.Content = append(to.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
	}
	text := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	whole := func(n uint64) *yaml.Node { return scenarios.NumberNode(float64(n)) }
	add(doc, "name", text(c.Name))
	add(doc, "base", text(c.BaseName))
	add(doc, "targets", text(c.TargetsName))
	add(doc, "seed", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatUint(c.Seed, 10)})
	add(doc, "parameters", experiment.ParametersNode(c.Params))
	add(m, "particles", whole(uint64(c.Method.Particles)))
	add(m, "generations", whole(uint64(c.Method.Generations)))
	add(m, "quantile", scenarios.NumberNode(c.Method.Quantile))
	add(m, "min_acceptance", scenarios.NumberNode(c.Method.MinAcceptance))
	add(m, "replications", whole(uint64(c.Method.Replications)))
	add(m, "kernel_scale", scenarios.NumberNode(c.Method.KernelScale))
	add(doc, "method", m)

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Calibration %s, fully resolved: every default is written out, the\n", c.Name)
	fmt.Fprintf(&buf, "# targets' %d statistics (%d fit, %d predict) are given under\n", len(c.Targets.Statistics), len(c.Targets.Fit()), len(c.Targets.Statistics)-len(c.Targets.Fit()))
	fmt.Fprintf(&buf, "# targets_resolved: and the base scenario in full under base_scenario:.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("calibrate: resolve %s: %w", c.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("calibrate: resolve %s: %w", c.Name, err)
	}
	targets, err := c.Targets.Resolved()
	if err != nil {
		return nil, err
	}
	experiment.WriteBlock(&buf, "targets_resolved", targets)
	base, err := scenarios.Marshal(c.Base)
	if err != nil {
		return nil, fmt.Errorf("calibrate: resolve %s: %w", c.Name, err)
	}
	experiment.WriteBlock(&buf, "base_scenario", base)
	return buf.Bytes(), nil
}
