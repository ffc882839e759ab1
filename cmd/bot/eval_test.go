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
// descriptions, field names and values, footers. With firstOnly, only the first embed counts.
func answerText(p *payload, firstOnly bool) string {
	d := p.Data
	var b strings.Builder
	if !firstOnly {
		b.WriteString(d.Content + "\n")
	}
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
		if err := a.answer(ctx, stdio{getenv: env(nil), stdout: &out, stderr: io.Discard}, i, output{json: true}); err != nil {
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

// TestEvalDev runs the development questions through `bot ask --json` and scores the answers:
// every expected figure in the answer, and in its first embed.
func TestEvalDev(t *testing.T) {
	path := filepath.Join(sharedDir, "eval", "dev.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no eval set beside the repository (%v)", err)
	}
	evaluate(t, path, 15, 13)
}

// TestEvalHeldOut scores questions written without looking at the fact files, so that
// retrieval is measured on phrasings it was not tuned for.
func TestEvalHeldOut(t *testing.T) {
	// The bar sits a little under the measured score (58 and 55 of 60), so that a change that
	// costs several answers fails while rewording one fact does not.
	evaluate(t, filepath.Join("testdata", "heldout.yaml"), 55, 52)
}

// TestEvalHeldOut2 is a second held-out set, written later by someone else who had not seen
// the fact files either.
func TestEvalHeldOut2(t *testing.T) {
	// Measured 44 and 41 of 50 when the set was written; 50 and 49 after the fixes it led to.
	evaluate(t, filepath.Join("testdata", "heldout2.yaml"), 47, 46)
}

// evaluate asks every question of an eval file and fails when fewer than minAll answers
// contain every expected figure, or fewer than minFirst contain them in the first embed.
func evaluate(t *testing.T, path string, minAll, minFirst int) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read eval set: %v", err)
	}
	var items []evalItem
	if err := yaml.Unmarshal(data, &items); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	answered, first := 0, 0
	ask := newAsker(t)
	for _, it := range items {
		resp := ask(it.Q)
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
			t.Errorf("ask %q: response type %d, want a message", it.Q, resp.Type)
			continue
		}
		all := matchesAll(answerText(resp, false), it.Expect)
		inFirst := matchesAll(answerText(resp, true), it.Expect)
		if all {
			answered++
		}
		if inFirst {
			first++
		}
		title := ""
		if len(resp.Data.Embeds) > 0 {
			title = resp.Data.Embeds[0].Title
		}
		t.Logf("%-5v %-5v %-8s %q → %q", all, inFirst, it.Kind, it.Q, title)
	}
	t.Logf("score: %d/%d answered with every expected figure, %d/%d in the first embed", answered, len(items), first, len(items))
	if answered < minAll {
		t.Errorf("answered %d of %d, want at least %d", answered, len(items), minAll)
	}
	if first < minFirst {
		t.Errorf("%d of %d answers have every expected figure in the first embed, want at least %d", first, len(items), minFirst)
	}
}
