package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot"
	"go.yaml.in/yaml/v3"
)

// sharedDir is the folder of shared material beside the repository, when it is there.
var sharedDir = filepath.Join("..", "..", "..", "shared")

type evalItem struct {
	Q      string   `yaml:"q"`
	Kind   string   `yaml:"kind"`
	Expect []string `yaml:"expect"`
}

// payload is the part of an interaction response that the eval reads; discordgo's own type
// cannot decode components.
type payload struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content string                    `json:"content"`
		Embeds  []*discordgo.MessageEmbed `json:"embeds"`
	} `json:"data"`
}

// answerText is the text of a response that a reader sees: content, embed titles,
// descriptions, field names and values, footers. With firstOnly, only the content and the
// first embed count.
func answerText(p *payload, firstOnly bool) string {
	d := p.Data
	var b strings.Builder
	b.WriteString(d.Content + "\n")
	for i, e := range d.Embeds {
		if firstOnly && i > 0 {
			break
		}
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n")
		}
	}
	return b.String()
}

// newAsker returns a function that answers a question as `reedesk ask --json` does, on one
// app opened for the whole eval set.
func newAsker(t *testing.T) func(question string) *payload {
	t.Helper()
	ctx := context.Background()
	c, err := loadConfig(env(nil), needNothing)
	if err != nil {
		t.Fatal(err)
	}
	a, err := openApp(ctx, c, slog.New(slog.DiscardHandler), appOptions{terminal: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return func(question string) *payload {
		t.Helper()
		var out bytes.Buffer
		i := bot.Interaction("ask", map[string]any{"question": question})
		if err := a.runInteraction(ctx, stdio{getenv: env(nil), stdout: &out, stderr: io.Discard}, i, output{json: true}); err != nil {
			t.Fatalf("ask --json %q: %v", question, err)
		}
		var resp payload
		if err := json.Unmarshal(out.Bytes(), &resp); err != nil {
			t.Fatalf("ask --json %q printed %q, not an interaction response: %v", question, out.String(), err)
		}
		return &resp
	}
}

func matchesAll(text string, expect []string) bool {
	for _, e := range expect {
		if !regexp.MustCompile("(?i)" + e).MatchString(text) {
			return false
		}
	}
	return true
}

// TestEvalDev runs the development questions through `reedesk ask --json` and scores the
// answers by the file's rules.
func TestEvalDev(t *testing.T) {
	t.Parallel()
	path := filepath.Join(sharedDir, "eval", "dev.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no eval set beside the repository (%v)", err)
	}
	// Measured 45 and 45 of 45.
	evaluate(t, path, 45, 44)
}

// TestEvalHeldOut scores questions written without looking at the fact files, so that
// retrieval is measured on phrasings it was not tuned for.
func TestEvalHeldOut(t *testing.T) {
	t.Parallel()
	// The bar sits a little under the measured score (60 and 60), so that a change that costs
	// several answers fails while rewording one fact does not.
	evaluate(t, filepath.Join("testdata", "heldout.yaml"), 58, 58)
}

// TestEvalHeldOut2 is a second held-out set, written later by someone else who had not seen
// the fact files either.
func TestEvalHeldOut2(t *testing.T) {
	t.Parallel()
	// Measured 50 and 50.
	evaluate(t, filepath.Join("testdata", "heldout2.yaml"), 49, 49)
}

// isMiss reports whether an answer says plainly that the knowledge base has no answer.
func isMiss(p *payload) bool {
	if len(p.Data.Embeds) == 0 {
		return false
	}
	switch p.Data.Embeds[0].Title {
	case "No match", "No forecast", "No figure", "No figure for that year":
		return true
	}
	return false
}

// evaluate asks every question of an eval file and scores it by the rules of dev.yaml: an
// answer counts when its text has every expected figure, and counts as first when the message
// content and the first embed have them; a question of kind miss counts only when the answer
// says plainly that the knowledge base has no answer. It prints the scores by kind, and fails
// below minAll answered or minFirst first.
func evaluate(t *testing.T, path string, minAll, minFirst int) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read eval set: %v", err)
	}
	var items []evalItem
	if err := yaml.Unmarshal(data, &items); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	type score struct{ n, all, first int }
	byKind := map[string]*score{}
	var total score
	ask := newAsker(t)
	for _, it := range items {
		resp := ask(it.Q)
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
			t.Errorf("ask %q: response type %d, want a message", it.Q, resp.Type)
			continue
		}
		var all, inFirst bool
		if it.Kind == "miss" {
			all = isMiss(resp)
			inFirst = all
		} else {
			all = !isMiss(resp) && matchesAll(answerText(resp, false), it.Expect)
			inFirst = all && matchesAll(answerText(resp, true), it.Expect)
		}
		k := byKind[it.Kind]
		if k == nil {
			k = &score{}
			byKind[it.Kind] = k
		}
		for _, s := range []*score{k, &total} {
			s.n++
			if all {
				s.all++
			}
			if inFirst {
				s.first++
			}
		}
		title := ""
		if len(resp.Data.Embeds) > 0 {
			title = resp.Data.Embeds[0].Title
		}
		t.Logf("%-5v %-5v %-11s %q → %q", all, inFirst, it.Kind, it.Q, title)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := byKind[k]
		t.Logf("score %-11s %2d/%-2d answered, %2d/%-2d first", k, s.all, s.n, s.first, s.n)
	}
	t.Logf("score: %d/%d answered with every expected figure, %d/%d in the content and first embed", total.all, total.n, total.first, total.n)
	if total.all < minAll {
		t.Errorf("answered %d of %d, want at least %d", total.all, total.n, minAll)
	}
	if total.first < minFirst {
		t.Errorf("%d of %d answers have every expected figure in the content and first embed, want at least %d", total.first, total.n, minFirst)
	}
}

// TestEvalHeldOut3 is a third held-out set, by kind, with ten out-of-scope questions, written
// from the seed article and the reference notes only.
func TestEvalHeldOut3(t *testing.T) {
	t.Parallel()
	// Measured 52 and 47 of 60 (8 of 10 honest misses) when the set was written, before any
	// change made for it; 60, 60 and 10 after the work it led to, which makes it a development
	// set since (heldout4 measures that work).
	evaluate(t, filepath.Join("testdata", "heldout3.yaml"), 59, 59)
}

// TestEvalHeldOut4 is a fourth held-out set, written like the third, after the work the
// third set led to: it measures questions no change was made for.
func TestEvalHeldOut4(t *testing.T) {
	t.Parallel()
	// Measured 51 and 49 of 60 (8 of 10 honest misses) before the work the third set led to,
	// 53 and 52 (10 of 10) after it; 60 and 60 after the work this set led to, which makes it a
	// development set since (heldout5 measures that work).
	evaluate(t, filepath.Join("testdata", "heldout4.yaml"), 59, 59)
}

// TestEvalHeldOut5 is a fifth held-out set, written like the fourth, after the work the fourth
// set led to: it measures questions no change was made for.
func TestEvalHeldOut5(t *testing.T) {
	t.Parallel()
	evaluate(t, filepath.Join("testdata", "heldout5.yaml"), 59, 59)
}

func TestEvalHeldOut6(t *testing.T) {
	t.Parallel()
	evaluate(t, filepath.Join("testdata", "heldout6.yaml"), 60, 60)
}
