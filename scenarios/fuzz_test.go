package scenarios

import (
	"errors"
	"testing"
)

// hostileSeeds are inputs that use anchors, aliases and merge keys,
// legally and not, for the fuzz targets of every YAML reader.
var hostileSeeds = []string{
	"&a {<<: *a}\n",
	"name: a\nbehaviour: &b {<<: *b}\n",
	"name: a\nsectors: &s [*s]\n",
	"name: a\nx: &x [&y [*x]]\n",
	"name: m\nc: &c {quit_rate: 0.05}\nsectors:\n  - {<<: *c, name: rest, interest: 1}\n",
	"name: m\nb: &b {noise: 0.1}\nbehaviour: {<<: [*b, *b], trust_gain: 0.2}\n",
	"name: m\np: &p {start: 2016-01}\npolicies:\n  levy: {<<: *p}\n  network: *p\n",
	mergeBomb(4, 3),
	aliasBomb(4, 3),
	"name: q\n? long\n: 1\n",
	"name: x\n---\nname: y\n",
}

// FuzzParse checks that no input makes Parse panic, hang or return an
// inconsistent answer: a valid Config with no error, or no Config and a
// list of problems each naming the file; and that a valid scenario,
// written out by Marshal, reads back as valid. go test runs the seeds:
// the shipped scenarios and hostileSeeds; .ci/fuzz fuzzes it for a time.
func FuzzParse(f *testing.F) {
	for _, name := range Names() {
		data, err := shipped.ReadFile(name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err != nil {
			var list ErrorList
			if cfg != nil || !errors.As(err, &list) || len(list) == 0 || len(list) > MaxErrors+1 {
				t.Fatalf("Parse = %v, %v: want nil and 1 to %d problems", cfg, err, MaxErrors+1)
			}
			for _, e := range list {
				if e.File != "f.yaml" || e.Message == "" {
					t.Fatalf("a problem without its file or message: %#v", e)
				}
			}
			return
		}
		if cfg == nil {
			t.Fatal("Parse returned neither a Config nor an error")
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid Config: %v", err)
		}
		out, err := Marshal(cfg)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if _, err := Parse("resolved.yaml", out); err != nil {
			t.Fatalf("the resolved scenario does not read back: %v\n%s", err, out)
		}
	})
}
