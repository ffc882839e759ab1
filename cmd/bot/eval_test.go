package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot"
	"github.com/reedesk/reedesk/internal/evalset"
)

// sharedDir is the folder of shared material beside the repository, when it is there.
var sharedDir = filepath.Join("..", "..", "..", "shared")

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

// askJSON answers a question as `reedesk ask --json` does.
func askJSON(t *testing.T, question string) *payload {
	t.Helper()
	a, err := sharedApp()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	i := bot.Interaction("ask", map[string]any{"question": question})
	if err := a.runInteraction(context.Background(), stdio{getenv: env(nil), stdout: &out, stderr: io.Discard}, i, output{json: true}); err != nil {
		t.Fatalf("ask --json %q: %v", question, err)
	}
	var resp payload
	if err := json.Unmarshal(out.Bytes(), &resp); err != nil {
		t.Fatalf("ask --json %q printed %q, not an interaction response: %v", question, out.String(), err)
	}
	return &resp
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
	tests := []struct {
		file             string
		minAll, minFirst int
	}{
		// The bar sits a little under the measured score (60 and 60), so that a change that
		// costs several answers fails while rewording one fact does not.
		{"heldout.yaml", 58, 58},
		// A second set, written later by someone else who had not seen the fact files either.
		// Measured 50 and 50.
		{"heldout2.yaml", 49, 49},
		// A third set, by kind, with ten out-of-scope questions, written from the seed article
		// and the reference notes only. Measured 52 and 47 of 60 (8 of 10 honest misses) when
		// the set was written, before any change made for it; 60, 60 and 10 after the work it
		// led to, which makes it a development set since (heldout4 measures that work).
		{"heldout3.yaml", 59, 59},
		// A fourth set, written like the third, after the work the third set led to: it
		// measures questions no change was made for. Measured 51 and 49 of 60 (8 of 10 honest
		// misses) before the work the third set led to, 53 and 52 (10 of 10) after it; 60 and
		// 60 after the work this set led to, which makes it a development set since (heldout5
		// measures that work).
		{"heldout4.yaml", 59, 59},
		// A fifth set, written like the fourth, after the work the fourth set led to. Measured
		// blind 53 and 50 of 60 (8 of 8 honest misses); 60 and 60 after the work it led to.
		{"heldout5.yaml", 59, 59},
		// A sixth, written like the fifth, after the work the fifth set led to. Measured blind
		// 54 and 53 of 60 (5 of 7 honest misses); 60 and 60 (7 of 7) after the work it led to.
		{"heldout6.yaml", 59, 59},
		// A seventh and an eighth, written like the sixth. Measured blind 51 and 47, and 50 and
		// 49 of 60 (5 of 7 honest misses each); 60 and 60 (7 of 7) each after the work they and
		// the later sets led to.
		{"heldout7.yaml", 59, 59},
		{"heldout8.yaml", 59, 59},
		// A ninth and a tenth, by new kinds of users, after the work the seventh and eighth led
		// to. Measured blind 50 and 49, and 54 and 51 of 60 (6 of 7 and 7 of 7 honest misses);
		// 58 and 58, and 60 and 59 (7 of 7 each) after.
		{"heldout9.yaml", 57, 57},
		{"heldout10.yaml", 59, 58},
		// An eleventh and a twelfth, after the work the ninth and tenth led to. Measured blind 50
		// and 49, and 49 and 47 of 60 (6 of 7 honest misses each); 59 and 58, and 58 and 58 (7
		// of 7 each) after.
		{"heldout11.yaml", 58, 57},
		{"heldout12.yaml", 57, 57},
		// A thirteenth (a project team's week) and a fourteenth (people outside the team), after
		// the work the eleventh and twelfth led to. Measured blind 54 and 53, and 46 and 44 of 60
		// (5 of 7 honest misses each); 58 and 58, and 59 and 59 (5 of 7 and 7 of 7) after.
		{"heldout13.yaml", 57, 57},
		{"heldout14.yaml", 58, 58},
		// A fifteenth and a sixteenth, after the work the thirteenth and fourteenth led to,
		// measured only then, blind: 57 and 55, and 48 and 48 of 60 (7 of 7 and 3 of 7 honest
		// misses; two of the four "misses" answered are in the knowledge base after all).
		{"heldout15.yaml", 56, 54},
		{"heldout16.yaml", 47, 47},
		// A seventeenth (a magnet buyer in non-native English) and an eighteenth (a geology
		// intern mixing Turkish), after the work the fifteenth and sixteenth led to. Measured
		// blind 53 and 51, and 56 and 53 of 60 (6 of 7 and 7 of 7 honest misses); 59 and 58, and
		// 59 and 59 (7 of 7 each) after.
		{"heldout17.yaml", 58, 57},
		{"heldout18.yaml", 58, 58},
		// Sets 19 to 22 (a podcast producer, an EU policy adviser, a sales engineer on the phone,
		// a fact-checker), sealed until the work sets 17, 18, 23 and 24 led to. Measured blind
		// 45, 53, 57 and 52 of 60 in the first embed (6, 6, 6 and 7 of 7 honest misses); 55,
		// 60, 58 and 56 (7 of 7 each) after the work they led to.
		{"heldout19.yaml", 54, 53},
		{"heldout20.yaml", 59, 59},
		{"heldout21.yaml", 59, 57},
		{"heldout22.yaml", 57, 55},
		// Sets 23 (a brokerage analyst, half Turkish) and 24 (an EV engineer), after the work
		// sets 17 and 18 led to. Measured blind 47 and 52 of 60 (4 and 6 of 7 honest misses);
		// 57 and 58 (7 of 7 each) after.
		{"heldout23.yaml", 57, 56},
		{"heldout24.yaml", 57, 57},
		// Sets 25 to 28 (a teacher in Izmir, a trading-house risk consultant, a wind-turbine
		// product manager, a government-relations officer in Ankara), sealed until the end of
		// the work on sets 17 to 24 and measured only then: 52, 53, 52 and 54 of 60 in the
		// first embed (87.9 %), 54, 56, 55 and 54 with every figure anywhere, 7, 6, 7 and 7 of 7
		// honest misses; 54, 54, 56 and 57 in the first embed after a last round of work on
		// their most basic failures.
		{"heldout25.yaml", 55, 53},
		{"heldout26.yaml", 56, 53},
		{"heldout27.yaml", 58, 55},
		{"heldout28.yaml", 56, 56},
		// Sets 29 to 32 (a retired metallurgist, a keyword searcher, a pension fund's ESG
		// analyst, a minor-metals trader), measured blind on the code that sets 25 to 28 led to:
		// 51, 54, 56 and 49 of 60 in the first embed (87.5 %), 53, 55, 58 and 52 with every
		// figure anywhere, 6, 7, 6 and 6 of 7 honest misses; 58, 59, 60 and 60 in the first
		// embed after the work they led to (7 of 7 honest misses each).
		{"heldout29.yaml", 57, 57},
		{"heldout30.yaml", 58, 58},
		{"heldout31.yaml", 59, 59},
		{"heldout32.yaml", 59, 59},
		// Sets 37 and 38 (a magnet-recycling founder in Istanbul, a US graduate student on
		// critical-minerals geopolitics), measured blind: 55 and 55 of 60 in the first embed,
		// 56 and 56 with every figure anywhere, 6 and 6 of 7 honest misses; 60 and 59 in the
		// first embed after the work they led to (7 of 7 honest misses each).
		{"heldout37.yaml", 59, 59},
		{"heldout38.yaml", 58, 58},
		// Sets 39 and 40 (a business reporter in Istanbul fact-checking, a Turkish mining
		// engineer writing half in Turkish with abbreviations), measured blind: 54 and 43 of 60
		// in the first embed, 54 and 46 with every figure anywhere, 6 and 6 of 7 honest misses;
		// 59 and 54 in the first embed after the work they and set 40's Turkish led to (7 of
		// 7 honest misses each).
		{"heldout39.yaml", 58, 58},
		{"heldout40.yaml", 55, 53},
		// Sets 33 to 36 (a student typing Turkish without Turkish letters, a Brazilian mining
		// junior's business developer, a Turkish news agency's editor, the chief executive of
		// a Turkish industrial group), written at the start of the work on sets 29 to 40 and
		// sealed until its end, measured only then: 55, 57, 55 and 56 of 60 in the first
		// embed (92.9 %), 56, 57, 57 and 57 with every figure anywhere (94.6 %), 6, 7, 6 and
		// 7 of 7 honest misses.
		{"heldout33.yaml", 55, 54},
		{"heldout34.yaml", 56, 56},
		{"heldout35.yaml", 56, 54},
		{"heldout36.yaml", 56, 55},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			evaluate(t, filepath.Join("testdata", tt.file), tt.minAll, tt.minFirst)
		})
	}
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

// evaluate asks every question of an eval file and scores it by the rules of dev.yaml
// (package evalset): "first" looks at the message content and the first embed. It fails below
// minAll answered or minFirst first.
func evaluate(t *testing.T, path string, minAll, minFirst int) {
	t.Helper()
	total := evalset.Run(t, path, "the content and first embed", func(q string) evalset.Answer {
		resp := askJSON(t, q)
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
			t.Errorf("ask %q: response type %d, want a message", q, resp.Type)
			return evalset.Answer{Shown: `""`}
		}
		title := ""
		if len(resp.Data.Embeds) > 0 {
			title = resp.Data.Embeds[0].Title
		}
		return evalset.Answer{
			Miss:  isMiss(resp),
			All:   answerText(resp, false),
			First: answerText(resp, true),
			Shown: strconv.Quote(title),
		}
	})
	if total.All < minAll {
		t.Errorf("answered %d of %d, want at least %d", total.All, total.N, minAll)
	}
	if total.First < minFirst {
		t.Errorf("%d of %d answers have every expected figure in the content and first embed, want at least %d", total.First, total.N, minFirst)
	}
}
