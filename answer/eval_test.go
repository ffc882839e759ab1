package answer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reedesk/reedesk/internal/evalset"
)

// sharedDir is the folder of shared material beside the repository, when it is there.
var sharedDir = filepath.Join("..", "..", "shared")

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

// runEval answers every question of an eval file and scores it by the rules of dev.yaml
// (package evalset): a miss must say "No …" and show no passage as the answer; "first" looks
// at the direct answer and primary passage.
func runEval(t *testing.T, path string) evalset.Score {
	t.Helper()
	idx := testIndex(t)
	return evalset.Run(t, path, "the direct answer and first passage", func(q string) evalset.Answer {
		a, err := Ask(context.Background(), idx, q, Options{})
		if err != nil {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		return evalset.Answer{
			Miss:  a.Miss != nil && a.Passage == nil && strings.HasPrefix(a.Direct.String(), "No "),
			All:   allText(a),
			First: firstText(a),
			Class: string(a.Kind()),
			Shown: a.Direct.String(),
		}
	})
}

func TestEvalDev(t *testing.T) {
	path := filepath.Join(sharedDir, "eval", "dev.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no eval set beside the repository (%v)", err)
	}
	got := runEval(t, path)
	if got.All < got.N || got.First < got.N {
		t.Errorf("dev: %d/%d answered, %d first; want all %d answered and first", got.All, got.N, got.First, got.N)
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
			got := runEval(t, tt.file)
			if got.All < tt.minAll || got.First < tt.minFirst {
				t.Errorf("%d answered, %d first; want at least %d and %d", got.All, got.First, tt.minAll, tt.minFirst)
			}
		})
	}
}
