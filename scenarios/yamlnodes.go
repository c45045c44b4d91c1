package scenarios

import (
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// TopKeys returns the keys of data's top-level mapping, in file order:
// what tells a scenario, an experiment, a calibration and a targets file
// apart. It returns nil for data that is not YAML or not a mapping.
func TopKeys(data []byte) []string {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	top := Resolve(root.Content[0])
	if top.Kind != yaml.MappingNode {
		return nil
	}
	var keys []string
	for i := 0; i+1 < len(top.Content); i += 2 {
		keys = append(keys, top.Content[i].Value)
	}
	return keys
}

// NumberNode returns x as a YAML scalar written exactly: a whole number
// in full (2000000), any other in the shortest form that reads back as x.
func NumberNode(x float64) *yaml.Node {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatFloat(x, 'f', -1, 64)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(x, 'g', -1, 64)}
}
