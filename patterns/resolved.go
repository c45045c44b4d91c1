package patterns

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"

	"skillsim/scenarios"
)

// Resolved returns the targets as a targets file with every default
// written out (each statistic's name, transform and aggregate) and every
// number exact: ParseTargets of it gives the same statistics. An
// observation given only as a range keeps no value:, as in its file.
func (t *Targets) Resolved() ([]byte, error) {
	stats := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range t.Statistics {
		m := &yaml.Node{Kind: yaml.MappingNode}
		add := func(key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }
		opt := func(key, v string) {
			if v != "" {
				add(key, str(v))
			}
		}
		add("id", str(s.ID))
		add("name", str(s.Name))
		opt("observed", s.Observed)
		if !s.RangeOnly {
			add("value", scenarios.NumberNode(s.Value))
		}
		add("tolerance", flow(scenarios.NumberNode(s.Low), scenarios.NumberNode(s.High)))
		opt("source", s.Source)
		add("use", str(s.Use.String()))
		opt("note", s.Note)
		add("indicator", str(s.Indicator.Metric))
		opt("sector", s.Indicator.Sector)
		opt("group", s.Indicator.Group)
		if s.Denominator != nil {
			add("denominator", str(s.Denominator.Metric))
		}
		opt("weight", s.Weight)
		add("transform", str(s.Transform))
		add("aggregate", str(s.Aggregate))
		add("window", months(s.Window))
		if s.Then != (Span{}) {
			add("then", months(s.Then))
		}
		stats.Content = append(stats.Content, m)
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	if t.Name != "" {
		doc.Content = append(doc.Content, str("name"), str(t.Name))
	}
	doc.Content = append(doc.Content, str("statistics"), stats)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("patterns: resolve %s: %w", t.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("patterns: resolve %s: %w", t.Name, err)
	}
	return buf.Bytes(), nil
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func flow(ns ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: ns}
}

// months writes the span [From, To) as its first and last months.
func months(s Span) *yaml.Node {
	return flow(str(s.From.String()), str((s.To - 1).String()))
}
