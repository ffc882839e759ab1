package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/knowledge"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"Türkiye'nin nadir toprak elementleri", 20, "Türkiye'nin n… (cut)"},
		{"şşşşşşşşşşşşşşş", 9, "şş… (cut)"},
		{"abcdef", 3, "abc"},
	}
	for _, tt := range tests {
		got := truncate(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.max || !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) has %d runes (valid %v)", tt.in, tt.max, n, utf8.ValidString(got))
		}
	}
}

// TestFitRespectsEveryLimit overfills every part of a message and checks that fit brings each
// back within Discord's limits, saying that something was cut.
func TestFitRespectsEveryLimit(t *testing.T) {
	long := strings.Repeat("ğ", 7000)
	var embeds []*discordgo.MessageEmbed
	for range 12 {
		e := &discordgo.MessageEmbed{Title: long, Description: long, Footer: &discordgo.MessageEmbedFooter{Text: long}, Author: &discordgo.MessageEmbedAuthor{Name: long}}
		for range 30 {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: long, Value: long})
		}
		embeds = append(embeds, e)
	}
	d := &discordgo.InteractionResponseData{Content: long, Embeds: embeds}
	fit(d)
	if n := utf8.RuneCountInString(d.Content); n > MaxContent || !strings.HasSuffix(d.Content, cutMark) {
		t.Errorf("content has %d runes, want at most %d ending with %q", n, MaxContent, cutMark)
	}
	if len(d.Embeds) > MaxEmbeds {
		t.Errorf("%d embeds, want at most %d", len(d.Embeds), MaxEmbeds)
	}
	if n := embedsLength(d.Embeds); n > MaxEmbedsTotal {
		t.Errorf("embeds total %d characters, want at most %d", n, MaxEmbedsTotal)
	}
	for _, e := range d.Embeds {
		if utf8.RuneCountInString(e.Title) > MaxEmbedTitle || utf8.RuneCountInString(e.Description) > MaxEmbedDescription || len(e.Fields) > MaxEmbedFields {
			t.Errorf("embed over a limit: title %d, description %d, fields %d", utf8.RuneCountInString(e.Title), utf8.RuneCountInString(e.Description), len(e.Fields))
		}
		for _, f := range e.Fields {
			if utf8.RuneCountInString(f.Name) > MaxFieldName || utf8.RuneCountInString(f.Value) > MaxFieldValue {
				t.Errorf("field over a limit: name %d, value %d", utf8.RuneCountInString(f.Name), utf8.RuneCountInString(f.Value))
			}
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**bold** _it_ `code` ~s~ |sp|", `\*\*bold\*\* \_it\_ \` + "`" + `code\` + "`" + ` \~s\~ \|sp\|`},
		{"@everyone", "@\u200beveryone"},
		{"<@123> <#4> <@&5>", "<\u200b@\u200b123> <\u200b#4> <\u200b@\u200b&5>"},
		{"line\nbreak", "line break"},
	}
	for _, tt := range tests {
		if got := escapeInput(tt.in); got != tt.want {
			t.Errorf("escapeInput(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConversionsInTheUnitAsked(t *testing.T) {
	idx := testIndex(t)
	base := idx.Base()
	tests := []struct{ q, fact, want string }{
		{"How many feet per site?", "beylikova-drilling-per-location", "403 m = 1,323 ft"},
		{"how many tons of oxide", "beylikova-reo", "12.5 Mt = 12,500,000 t"},
		{"in kilometres?", "beylikova-drilling", "125,000 m = 125 km"},
		{"How many locations were drilled?", "beylikova-drilling", ""},
		{"How many tonnes of ore a year at the pilot?", "pilot-plant-capacity", ""},
	}
	for _, tt := range tests {
		f, ok := base.Fact(tt.fact)
		if !ok {
			t.Fatalf("no fact %s", tt.fact)
		}
		got := conversions(english, knowledge.AskedUnits(tt.q), f)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("conversions(%q, %s) = %q, want %q", tt.q, tt.fact, got, tt.want)
		}
	}
}
