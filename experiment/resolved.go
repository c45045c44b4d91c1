package experiment

import (
	"bytes"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"skillsim/scenarios"
)

// Resolved returns experiment.resolved.yaml: the experiment with every
// default written out and the base scenario in full (scenarios.Marshal)
// under base_scenario:, after the other keys. Parse of it gives an
// experiment equal to e without calling its loader: base_scenario:, when
// given, is the base, and base: is kept only as a record of where the base
// came from. Numbers are written exactly.
func (e *Experiment) Resolved() ([]byte, error) {
	doc := mapNode()
	add := func(m *yaml.Node, key string, v *yaml.Node) {
		m.Content = append(m.Content, strNode(key), v)
	}
	add(doc, "name", strNode(e.Name))
	if e.BaseName != "" {
		add(doc, "base", strNode(e.BaseName))
	}
	add(doc, "seed", intNode(strconv.FormatUint(e.Seed, 10)))
	add(doc, "replications", intNode(strconv.Itoa(e.Replications)))
	if e.CommonRandomNumbers {
		add(doc, "common_random_numbers", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(e.CommonRandomNumbers)})
	}
	design := mapNode()
	add(design, "method", strNode(e.Method))
	if e.Samples > 0 {
		add(design, "points", intNode(strconv.Itoa(e.Samples)))
	}
	if e.Levels > 0 {
		add(design, "levels", intNode(strconv.Itoa(e.Levels)))
	}
	add(design, "seed", intNode(strconv.FormatUint(e.DesignSeed, 10)))
	add(doc, "design", design)
	if e.Method != Hysteresis {
		add(doc, "parameters", paramsNode(e.Params, e.Method))
	}
	outputs := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, o := range e.Outputs {
		outputs.Content = append(outputs.Content, strNode(o))
	}
	add(doc, "outputs", outputs)
	add(doc, "timeseries", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(e.Timeseries)})
	if h := e.Hysteresis; h != nil {
		m := mapNode()
		add(m, "path", strNode(h.Path))
		add(m, "values", numbersNode(h.Values))
		add(m, "years", numberNode(h.Years))
		add(doc, "hysteresis", m)
	}

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Experiment %s, fully resolved: every default is written out and the\n", e.Name)
	fmt.Fprintf(&buf, "# base scenario is given in full under base_scenario:.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("experiment: resolve %s: %w", e.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("experiment: resolve %s: %w", e.Name, err)
	}
	base, err := scenarios.Marshal(e.Base)
	if err != nil {
		return nil, fmt.Errorf("experiment: resolve %s: %w", e.Name, err)
	}
	WriteBlock(&buf, "base_scenario", base)
	return buf.Bytes(), nil
}

// WriteBlock writes the YAML document text as the value of key: in a
// mapping, each non-blank line indented by two spaces.
func WriteBlock(buf *bytes.Buffer, key string, text []byte) {
	buf.WriteString(key + ":\n")
	for _, line := range bytes.SplitAfter(text, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			buf.WriteString("  ")
		}
		buf.Write(line)
	}
}

// ParametersNode returns params as a resolved file's parameters: list
// gives them, each with its path (or, linked, its name and links) and its
// range: an experiment's with a sampling design, or a calibration's
// priors.
func ParametersNode(params []Param) *yaml.Node { return paramsNode(params, "") }

// paramsNode returns the parameters: list of a resolved file for the
// design method (a grid's values or levels; "" or another design: ranges).
func paramsNode(params []Param, method string) *yaml.Node {
	add := func(m *yaml.Node, key string, v *yaml.Node) {
		m.Content = append(m.Content, strNode(key), v)
	}
	out := &yaml.Node{Kind: yaml.SequenceNode}
	for _, p := range params {
		m := mapNode()
		if p.Links == nil {
			add(m, "path", strNode(p.Path))
		} else {
			add(m, "name", strNode(p.Path))
			links := &yaml.Node{Kind: yaml.SequenceNode}
			for _, l := range p.Links {
				lm := mapNode()
				lm.Style = yaml.FlowStyle
				add(lm, "path", strNode(l.Path))
				add(lm, "range", numbersNode([]float64{l.Low, l.High}))
				links.Content = append(links.Content, lm)
			}
			add(m, "link", links)
		}
		switch {
		case method == Grid && p.Levels == 0:
			add(m, "values", numbersNode(p.Values))
		default:
			add(m, "range", numbersNode([]float64{p.Low, p.High}))
			if method == Grid {
				add(m, "levels", intNode(strconv.Itoa(p.Levels)))
			}
		}
		out.Content = append(out.Content, m)
	}
	return out
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func intNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: s}
}

// numberNode writes x exactly (scenarios.NumberNode).
func numberNode(x float64) *yaml.Node { return scenarios.NumberNode(x) }

func numbersNode(xs []float64) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, x := range xs {
		n.Content = append(n.Content, numberNode(x))
	}
	return n
}
