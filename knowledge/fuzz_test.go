package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

const fuzzSources = "sources:\n  - id: s\n    publisher: P\n    title: T\n    date: 2025-10\n"

// FuzzLoad feeds arbitrary bytes to the loader as a topic file: the result is a valid knowledge
// base or a *ValidationError, never a panic or another error.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("data", "*.yaml"))
	planted, _ := filepath.Glob(filepath.Join("testdata", "planted", "*.yaml"))
	for _, p := range append(seeds, planted...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("topic: t\ntitle: T\nfacts:\n  - id: a\n    kind: resource\n    title: A\n    text: x\n    source: s\n    figures: [{name: a, value: 1e308, unit: Mt, year: 2024}]\ncomputed:\n  - {id: c, name: c, title: C, text: c, formula: 'a * a * a', unit: Mt}\n"))
	f.Add([]byte("a: &x [*x, *x]\n"))
	f.Add([]byte("\xff\xfe\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"sources.yaml": {Data: []byte(fuzzSources)}, "topic.yaml": {Data: data}}
		b, err := Load(fsys, "")
		var ve *ValidationError
		switch {
		case err == nil:
			if b == nil || b.Version == "" {
				t.Fatal("Load returned no error and no knowledge base")
			}
		case !errors.As(err, &ve):
			t.Fatalf("Load error %v is not a *ValidationError", err)
		default:
			for _, p := range ve.Problems {
				if p.File == "" || p.Msg == "" {
					t.Fatalf("problem without file or message: %+v", p)
				}
			}
		}
	})
}

// FuzzFormula evaluates arbitrary formulas over a few figures: an error or a finite value,
// never a panic.
func FuzzFormula(f *testing.F) {
	for _, s := range []string{"a / b", "1 + count(s, # > a)", "(a - b) * 2", "a / (b - b)", "max(s)", "a +", "a.b", "a[0]", "len('x')", "a ** 2", "let x = a; x", "a ? b : c", "a | b", "now()"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, formula string) {
		topic := "topic: t\ntitle: T\nfacts:\n  - id: f\n    kind: resource\n    title: F\n    text: x\n    source: s\n    figures:\n" +
			"      - {name: a, value: 12.5, unit: Mt, year: 2024}\n      - {name: b, value: 694, unit: Mt, year: 2024}\n" +
			"      - {name: c1, value: 3, unit: t, year: 2024, series: s}\n      - {name: c2, value: 5, unit: t, year: 2024, series: s}\n" +
			"computed:\n  - id: c\n    name: c\n    title: C\n    text: c\n    formula: " + quoteYAML(formula) + "\n    unit: \"%\"\n"
		_, err := Load(fstest.MapFS{"sources.yaml": {Data: []byte(fuzzSources)}, "topic.yaml": {Data: []byte(topic)}}, "")
		var ve *ValidationError
		if err != nil && !errors.As(err, &ve) {
			t.Fatalf("formula %q: error %v is not a *ValidationError", formula, err)
		}
	})
}

// quoteYAML writes s as a double-quoted YAML scalar.
func quoteYAML(s string) string {
	out := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			out = append(out, '\\', byte(r))
		case r < 0x20 || r == 0x7f:
			out = append(out, []byte("\\x")...)
			out = append(out, "0123456789abcdef"[r>>4], "0123456789abcdef"[r&15])
		default:
			out = append(out, string(r)...)
		}
	}
	return string(append(out, '"'))
}
