package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reedesk/reedesk/knowledge"
)

const goodSources = "sources:\n  - id: s\n    publisher: Anadolu Agency\n    title: T\n    date: 2025-10\n"

// goodTopic is a valid fact file; the cases below add one broken file beside it.
const goodTopic = `topic: good
title: Good
facts:
  - id: good-fact
    kind: resource
    title: A good fact
    text: Beylikova holds about 12.5 Mt of rare earth oxides.
    figures:
      - {name: reo, value: 12.5, unit: Mt, as_of: 2025-10}
      - {name: ore, value: 694, unit: Mt, as_of: 2025-10}
    source: s
  - id: nd
    kind: element
    title: Neodymium (Nd)
    text: Neodymium makes magnets.
    source: s
    element: {symbol: Nd, number: 60, class: light}
`

// fact returns a topic file with one fact whose body lines are given.
func fact(body string) string {
	return "topic: bad\ntitle: Bad\nfacts:\n  - id: bad-fact\n    kind: resource\n    title: Bad\n    text: Some text.\n    source: s\n" + body
}

func computedFact(formula string) string {
	return "topic: bad\ntitle: Bad\nfacts: []\ncomputed:\n  - id: c\n    name: c\n    title: C\n    text: C.\n    unit: \"%\"\n    formula: " + formula + "\n"
}

// TestMalformedFactFiles plants one mistake per case: each is reported with its file (and line,
// where a line means something), and a reindex from the broken folder leaves the serving index
// as it was.
func TestMalformedFactFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		data  string
		want  string // in the problem's message or field
		line  bool   // the problem has a line
		setup func(dir string) error
	}{
		{name: "unclosed bracket", data: "topic: bad\ntitle: [Bad\n", want: "YAML syntax", line: true},
		{name: "tab indentation", data: "topic: bad\ntitle: Bad\nfacts:\n\t- id: x\n", want: "YAML syntax", line: true},
		{name: "title is a list", data: "topic: bad\ntitle: [a, b]\nfacts: []\n", want: "want string", line: true},
		{name: "value with a comma", data: fact("    figures:\n      - {name: v, value: \"12,5\", unit: Mt, year: 2024}\n"), want: "want number", line: true},
		{name: "facts is a map", data: "topic: bad\ntitle: Bad\nfacts: {a: 1}\n", want: "want array", line: true},
		{name: "id used in another file", data: strings.Replace(fact(""), "bad-fact", "good-fact", 1), want: `id "good-fact" is already used`, line: true},
		{name: "figure name used twice", data: fact("    figures:\n      - {name: reo, value: 1, unit: t, year: 2024}\n"), want: `figure name "reo" is already used`, line: true},
		{name: "unknown unit", data: fact("    figures:\n      - {name: v, value: 1, unit: tonnes, year: 2024}\n"), want: `"tonnes" is not allowed`, line: true},
		{name: "unknown kind", data: strings.Replace(fact(""), "kind: resource", "kind: rumour", 1), want: `"rumour" is not allowed`, line: true},
		{name: "misspelt field", data: fact("    tgas: [x]\n"), want: "not a known field", line: true},
		{name: "missing source", data: strings.Replace(fact(""), "    source: s\n", "", 1), want: "source: is required", line: true},
		{name: "source not listed", data: strings.Replace(fact(""), "source: s", "source: nowhere", 1), want: `source "nowhere" is not in sources.yaml`, line: true},
		{name: "impossible date", data: fact("    figures:\n      - {name: v, value: 1, unit: t, as_of: 2025-02-30}\n"), want: "not a real date", line: true},
		{name: "date in words", data: fact("    figures:\n      - {name: v, value: 1, unit: t, as_of: October 2025}\n"), want: "not a date", line: true},
		{name: "empty text", data: strings.Replace(fact(""), "text: Some text.", `text: "  "`, 1), want: "must not be empty", line: true},
		{name: "formula names an unknown figure", data: computedFact("reo / nothing"), want: `"nothing"`, line: true},
		{name: "formula uses itself", data: computedFact("c * 2"), want: "cycle", line: true},
		{name: "three formulas in a cycle", data: "topic: bad\ntitle: Bad\nfacts: []\ncomputed:\n" +
			"  - {id: a, name: a, title: A, text: A., unit: Mt, formula: b}\n  - {id: b, name: b, title: B, text: B., unit: Mt, formula: d}\n  - {id: d, name: d, title: D, text: D., unit: Mt, formula: a}\n", want: "cycle", line: true},
		{name: "formula of the wrong dimension", data: computedFact("reo"), want: "gives mass", line: true},
		{name: "formula that does not parse", data: computedFact("reo / (ore"), want: "cannot be read", line: true},
		{name: "division by zero", data: computedFact("reo / (ore - ore)"), want: "not a finite number", line: true},
		{name: "unbounded range", data: computedFact(`"count(1..1000000000, # > 0)"`), want: "not allowed", line: true},
		{name: "huge value", data: fact("    figures:\n      - {name: v, value: 1e300, unit: t, year: 2024}\n"), want: "maximum", line: true},
		{name: "not a number", data: fact("    figures:\n      - {name: v, value: .nan, unit: t, year: 2024}\n"), want: "not a finite number", line: true},
		{name: "invalid UTF-8", data: "topic: bad\ntitle: \xff\xfe\n", want: "not valid UTF-8", line: true},
		{name: "empty file", data: "", want: "empty"},
		{name: "two documents", data: "topic: bad\n---\ntopic: worse\n", want: "more than one YAML document", line: true},
		{name: "anchors and aliases", data: "topic: bad\ntitle: &t Bad\nsummary: *t\nfacts: []\n", want: "aliases", line: true},
		{name: "billion laughs", data: "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", want: "aliases", line: true},
		{name: "key twice", data: "topic: bad\ntitle: Bad\ntitle: Again\nfacts: []\n", want: "appears twice", line: true},
		{name: "element without its block", data: strings.Replace(fact(""), "kind: resource", "kind: element", 1), want: "element: is required", line: true},
		{name: "quote without its speaker", data: strings.Replace(fact(""), "kind: resource", "kind: quote", 1), want: "quote: is required", line: true},
		{name: "unknown element symbol", data: fact("    elements: [Xy]\n"), want: `"Xy" is not the symbol of an element fact`, line: true},
		{name: "card names a missing figure", data: "topic: bad\ntitle: Bad\ncard: [missing]\nfacts: []\n", want: `figure "missing" does not exist`, line: true},
		{name: "id with spaces", data: strings.Replace(fact(""), "id: bad-fact", "id: Bad Fact", 1), want: "not an id", line: true},
		{name: "year and as_of", data: fact("    figures:\n      - {name: v, value: 1, unit: t, year: 2024, as_of: 2024-05}\n"), want: "not both", line: true},
		{name: "broken sources file", file: "sources.yaml", data: "sources:\n  - id: s\n    publisher: [\n", want: "YAML syntax", line: true},
		{name: "a directory named like a fact file", want: "is a directory", setup: func(dir string) error {
			return os.Mkdir(filepath.Join(dir, "bad.yaml"), 0o755)
		}},
		{name: "symlink loop", want: "cannot", setup: func(dir string) error {
			return os.Symlink("bad.yaml", filepath.Join(dir, "bad.yaml"))
		}},
		{name: "50 MB file", want: "larger than", setup: func(dir string) error {
			f, err := os.Create(filepath.Join(dir, "bad.yaml"))
			if err != nil {
				return err
			}
			defer f.Close()
			// A megabyte of comment lines at a time: a write per line costs more than the test.
			mb := []byte(strings.Repeat("# "+strings.Repeat("x", 1021)+"\n", 1024))
			for range 50 {
				if _, err := f.Write(mb); err != nil {
					return err
				}
			}
			return nil
		}},
	}

	ctx := context.Background()
	good := t.TempDir()
	writeFiles(t, good, map[string]string{"sources.yaml": goodSources, "good.yaml": goodTopic})
	base, err := knowledge.LoadDir(good)
	if err != nil {
		t.Fatalf("the good files do not load: %v", err)
	}
	var broken source
	idx := mustOpen(t, base, Options{Load: broken.load})
	defer idx.Close()

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"sources.yaml": goodSources, "good.yaml": goodTopic})
			file := tt.file
			if file == "" {
				file = "bad.yaml"
			}
			if tt.setup != nil {
				if err := tt.setup(dir); err != nil {
					t.Fatal(err)
				}
			} else {
				writeFiles(t, dir, map[string]string{file: tt.data})
			}
			_, err := knowledge.LoadDir(dir)
			var ve *knowledge.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("LoadDir error = %v, want a *knowledge.ValidationError", err)
			}
			found := false
			for _, p := range ve.Problems {
				// A duplicate is reported where it is found second, naming the first place.
				inFile := filepath.Base(p.File) == file || strings.Contains(p.Msg, string(filepath.Separator)+file+":")
				if inFile && strings.Contains(p.Field+": "+p.Msg, tt.want) && (!tt.line || p.Line > 0) {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem in %s mentions %q (with a line: %v); got:\n%v", file, tt.want, tt.line, err)
			}

			broken.set(os.DirFS(dir))
			run, _ := idx.Reindex("test")
			if _, err := run.Wait(ctx); err == nil {
				t.Error("reindex from the broken folder succeeded")
			}
			if idx.Base().Version != base.Version {
				t.Fatal("a failed reindex changed the serving index")
			}
			if got := topID(t, idx, "rare earth oxides at Beylikova"); got != "good-fact" {
				t.Errorf("after the failed reindex the index answers %q", got)
			}
		})
	}
	if len(tests) < 30 {
		t.Errorf("only %d malformed files tried, want at least 30", len(tests))
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(fmt.Errorf("write %s: %w", name, err))
		}
	}
}
