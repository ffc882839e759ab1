package answer

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sharedDir is the folder of shared material beside the repository, when it is there.
var sharedDir = filepath.Join("..", "..", "shared")

type evalItem struct {
	Q      string   `yaml:"q"`
	Kind   string   `yaml:"kind"`
	Expect []string `yaml:"expect"`
}

// firstText is what a reader sees first: the direct answer and the primary passage as the bot
// shows it (title, text, figures, formula, who said it, source), and the working of a
// computed answer.
func firstText(a *Answer) string {
	var b strings.Builder
	b.WriteString(a.Direct.String() + "\n")
	if a.Passage != nil {
		f := a.Passage.Fact
		b.WriteString(f.Title + "\n" + f.Text + "\n")
		for _, g := range f.Figures {
			b.WriteString(g.Label + ": " + g.String() + " (" + g.AsOf + ")\n")
		}
		if f.Formula != nil {
			b.WriteString(f.Formula.Equation() + "\n")
		}
		if f.Quote != nil {
			b.WriteString(f.Quote.By + ", " + f.Quote.Role + "\n")
		}
		for _, s := range f.Sources() {
			b.WriteString(s.Cite() + "\n")
		}
	}
	if a.Working != nil {
		b.WriteString(a.Working.Equation + "\n")
	}
	return b.String()
}

// allText adds the rest of the answer: "Also relevant" lines with their latest figures, and
// what a miss offers instead.
func allText(a *Answer) string {
	var b strings.Builder
	b.WriteString(firstText(a))
	for _, r := range a.Related {
		b.WriteString(r.Fact.Title + "\n")
		if r.Figure != nil {
			b.WriteString(r.Figure.String() + " (" + r.Figure.AsOf + ")\n")
		}
	}
	if a.Miss != nil {
		b.WriteString(strings.Join(a.Miss.Topics, "\n") + "\n" + strings.Join(a.Miss.Examples, "\n") + "\n")
	}
	return b.String()
}

func matches(text string, expect []string) bool {
	for _, e := range expect {
		if !regexp.MustCompile("(?i)" + e).MatchString(text) {
			return false
		}
	}
	return true
}

// score is an eval set's result, by kind.
type score struct {
	n, all, first int
}

// runEval answers every question of an eval file and scores it by the rules of dev.yaml: a
// question of kind miss passes only when the answer says plainly that it has no answer (and
// shows no passage as the answer); any other passes when every expected figure is in the
// answer ("all") or in the direct answer and primary passage ("first").
func runEval(t *testing.T, path string) (total score, byKind map[string]*score) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read eval set: %v", err)
	}
	var items []evalItem
	if err := yaml.Unmarshal(data, &items); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	idx := testIndex(t)
	byKind = map[string]*score{}
	for _, it := range items {
		a, err := Ask(context.Background(), idx, it.Q, Options{})
		if err != nil {
			t.Fatalf("Ask(%q): %v", it.Q, err)
		}
		var all, first bool
		if it.Kind == "miss" {
			all = a.Miss != nil && a.Passage == nil && strings.HasPrefix(a.Direct.String(), "No ")
			first = all
		} else {
			all = a.Miss == nil && matches(allText(a), it.Expect)
			first = a.Miss == nil && matches(firstText(a), it.Expect)
		}
		k := byKind[it.Kind]
		if k == nil {
			k = &score{}
			byKind[it.Kind] = k
		}
		k.n++
		total.n++
		if all {
			k.all++
			total.all++
		}
		if first {
			k.first++
			total.first++
		}
		t.Logf("%-5v %-5v %-11s %-11s %q → %s", all, first, it.Kind, a.Kind(), it.Q, a.Direct)
	}
	var kinds []string
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := byKind[k]
		t.Logf("%-12s %2d/%2d answered, %2d/%2d first", k, s.all, s.n, s.first, s.n)
	}
	t.Logf("score: %d/%d answered with every expected figure, %d/%d in the direct answer and first passage", total.all, total.n, total.first, total.n)
	return total, byKind
}

func TestEvalDev(t *testing.T) {
	path := filepath.Join(sharedDir, "eval", "dev.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no eval set beside the repository (%v)", err)
	}
	got, _ := runEval(t, path)
	if got.all < got.n || got.first < got.n {
		t.Errorf("dev: %d/%d answered, %d first; want all %d answered and first", got.all, got.n, got.first, got.n)
	}
}

// The held-out sets were written without looking at the fact files: questions of the first
// kinds (lookup, computed, robust) from ../cmd/bot/testdata, a third set of every kind with
// out-of-scope questions and a fourth like it, and this package's own set of every kind,
// written before its answers were seen. The bars sit a little under the measured scores:
// 60, 50, 60, 60 and 45 answered, all of them first (10 of 10 out-of-scope questions missed
// honestly in the third and fourth sets).
func TestEvalHeldOut(t *testing.T) {
	tests := []struct {
		file             string
		minAll, minFirst int
	}{
		{filepath.Join("..", "cmd", "bot", "testdata", "heldout.yaml"), 59, 58},
		{filepath.Join("..", "cmd", "bot", "testdata", "heldout2.yaml"), 50, 49},
		{filepath.Join("..", "cmd", "bot", "testdata", "heldout3.yaml"), 59, 58},
		{filepath.Join("..", "cmd", "bot", "testdata", "heldout4.yaml"), 59, 58},
		{filepath.Join("testdata", "heldout_answer.yaml"), 44, 44},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, _ := runEval(t, tt.file)
			if got.all < tt.minAll || got.first < tt.minFirst {
				t.Errorf("%d answered, %d first; want at least %d and %d", got.all, got.first, tt.minAll, tt.minFirst)
			}
		})
	}
}
