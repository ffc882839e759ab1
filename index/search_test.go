package index

import (
	"context"
	"github.com/google/go-cmp/cmp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/reedesk/reedesk/knowledge"
)

// builtin is one in-memory index of the built-in knowledge base, shared by the tests that only
// search it.
var builtin = sync.OnceValues(func() (*Index, error) {
	b, err := knowledge.Embedded()
	if err != nil {
		return nil, err
	}
	return New(context.Background(), b)
})

func testIndex(t testing.TB) *Index {
	t.Helper()
	idx, err := builtin()
	if err != nil {
		t.Fatalf("build index: %v", err)
	}
	return idx
}

func topID(t *testing.T, idx *Index, q string) string {
	t.Helper()
	res, err := idx.Search(context.Background(), q, 5)
	if err != nil {
		t.Fatalf("Search(%q) error = %v", q, err)
	}
	if len(res.Hits) == 0 {
		return ""
	}
	return res.Hits[0].Fact.ID
}

// TestSearchRanksTheRightFactFirst covers the ways people type: diacritics or not, symbols and
// abbreviations, multi-word synonyms, typos, and questions that ask for a derived figure.
func TestSearchRanksTheRightFactFirst(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct {
		name, q, want string
	}{
		{"plain question", "How many locations were drilled at Beylikova?", "beylikova-drilling"},
		{"folded ş", "Eskisehir drilling metres", "beylikova-drilling"},
		{"with ş", "Eskişehir drilling metres", "beylikova-drilling"},
		{"folded ı and ö", "Kizilcaoren deposit name", "beylikova-kizilcaoren-name"},
		{"dotted capital İ", "KIZILCAÖREN NAME İN ESKİŞEHİR", "beylikova-kizilcaoren-name"},
		{"Turkey for Türkiye", "Turkey top five producers goal", "policy-top-five-goal"},
		{"Turkiye ASCII", "Turkiye top 5 goal", "policy-top-five-goal"},
		{"apostrophe suffix", "Türkiye'nin top five goal", "policy-top-five-goal"},
		{"Erdogan ASCII", "what did Erdogan say about giving Beylikova to another country", "policy-erdogan-not-giving-away"},
		{"element symbol", "Nd", "element-neodymium"},
		{"element symbol lowercase", "dy uses", "element-dysprosium"},
		{"element name", "gadolinium", "element-gadolinium"},
		{"REO abbreviation", "REO at Beylikova", "beylikova-reo"},
		{"multi-word synonym", "rare earth oxides Beylikova how many tonnes", "beylikova-reo"},
		{"tons for tonnes", "how many tons of ore does the pilot plant process", "pilot-plant-capacity"},
		{"thousands separator typed without comma", "1200 tonnes of ore", "pilot-plant-capacity"},
		{"typo neodymum", "neodymum", "element-neodymium"},
		{"typo beylikva", "beylikva total resources", "beylikova-total-resource"},
		{"typo gadolinum", "gadolinum", "element-gadolinium"},
		{"ratio asks for the computed figure", "ratio of industrial to pilot capacity", "industrial-vs-pilot"},
		{"grade asks for the computed figure", "beylikova ore grade", "beylikova-implied-grade"},
		{"share asks for the computed figure", "China share of world mine production 2024", "china-mine-share-2024"},
		{"per tonne", "revenue per tonne of ore at the industrial plant", "industrial-revenue-per-tonne"},
		{"multiply", "how much does the value multiply from magnets to electric motors", "value-chain-motors-multiple"},
		{"stated before derived", "How much rare earth oxide is at Beylikova?", "beylikova-reo"},
		{"entity decides", "Mount Weld resource", "mount-weld-resource-2024"},
		{"quote", "What did Uysal say about exporting rare earth technology from China?", "export-controls-uysal-forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := topID(t, idx, tt.q); got != tt.want {
				t.Errorf("Search(%q) first = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

// TestSearchDefinitions: a question that asks what something is ranks the background passage
// that says first, and "counts as" frames the subject rather than being searched.
func TestSearchDefinitions(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct{ q, want string }{
		{"What exactly counts as a rare earth element?", "elements-group"},
		{"Define rare earth elements", "elements-group"},
		{"What is a lanthanide?", "elements-group"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := topID(t, idx, tt.q); got != tt.want {
				t.Errorf("top passage = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSearchCorrectsTypos(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	res, err := idx.Search(context.Background(), "neodymum magnets", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Corrections) != 1 || res.Corrections[0].From != "neodymum" || res.Corrections[0].To != "neodymium" {
		t.Errorf("Corrections = %+v, want neodymum → neodymium", res.Corrections)
	}
}

func TestSearchHighlightsMatchedWords(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	res, err := idx.Search(context.Background(), "Eskisehir drilling", 1)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("Search error = %v, hits = %d", err, len(res.Hits))
	}
	h := res.Hits[0]
	var got []string
	for _, s := range h.TextSpans {
		got = append(got, h.Fact.Text[s.Start:s.End])
	}
	joined := strings.Join(got, "|")
	if !strings.Contains(joined, "Eskişehir") || !strings.Contains(strings.ToLower(joined), "drilling") {
		t.Errorf("highlighted %q in %q, want Eskişehir and drilling", joined, h.Fact.Text)
	}
}

// TestSearchMisses checks that a question the knowledge base cannot answer gets a miss with
// suggestions, not an error or an unrelated passage.
func TestSearchMisses(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	for _, q := range []string{"What is the weather in Paris tomorrow?", "qwertyuiop", "🙂🙂🙂", ""} {
		t.Run(q, func(t *testing.T) {
			res, err := idx.Search(context.Background(), q, 5)
			if err != nil {
				t.Fatalf("Search(%q) error = %v", q, err)
			}
			if !res.Miss || len(res.Hits) != 0 {
				t.Errorf("Search(%q) = miss %v with %d hits, want a miss", q, res.Miss, len(res.Hits))
			}
		})
	}
}

// TestSearchHostileInput feeds text that would break a query-string parser; every input gets a
// result, never an error or a panic.
func TestSearchHostileInput(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	inputs := []string{
		`+-:(`, `title:`, `"unterminated`, `*`, `body:/.*/`, `foo~99`, `/[/`, `^`, `\`, `year:>abc`,
		`(a OR b`, `NOT`, `""`, strings.Repeat("rare earth ", 200), strings.Repeat("x", 2048),
		"neodymium \x00\x01\x1b[31m red", "ثوريوم نادر", "נאודימיום", "🧲 magnets 🧲", "\xff\xfe invalid utf8",
		"<@123456789> @everyone", "Beylikova\u202eevorp", strings.Repeat("ş", 3000),
	}
	for _, q := range inputs {
		name := q
		if utf8.RuneCountInString(name) > 20 {
			name = string([]rune(name)[:20])
		}
		t.Run(name, func(t *testing.T) {
			res, err := idx.Search(context.Background(), q, 5)
			if err != nil {
				t.Fatalf("Search(%q) error = %v", q, err)
			}
			if !res.Miss && len(res.Hits) == 0 {
				t.Errorf("Search(%q): no hits and no miss", q)
			}
			if utf8.RuneCountInString(res.Query) > maxQueryRunes || !utf8.ValidString(res.Query) {
				t.Errorf("Search(%q) kept a query of %d runes (valid %v)", q, utf8.RuneCountInString(res.Query), utf8.ValidString(res.Query))
			}
		})
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Türkiye", "turkiye"},
		{"ESKİŞEHİR", "eskisehir"},
		{"İstanbul", "istanbul"},
		{"Kızılcaören", "kizilcaoren"},
		{"1,200", "1200"},
		{"570,000", "570000"},
		{"12.5", "12.5"},
		// a comma not followed by three digits is a decimal comma, as Turkish writes it
		{"12,5", "12.5"},
		{"3,14", "3.14"},
		{"1.234,5", "1234.5"},
		{"1,200,000", "1200000"},
		{"Erdoğan", "erdogan"},
	}
	for _, tt := range tests {
		if got := string(fold([]byte(tt.in))); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTyposReadAsNames: a typo that a Turkish case ending would make a name ("prce" as PRC
// with -e) is corrected in an English question; an oxide's formula typed in lowercase is the
// oxide; a letter changed in a word whose stem is short ("oxyde") is corrected.
func TestTyposReadAsNames(t *testing.T) {
	idx := testIndex(t)
	tests := []struct{ q, from, to string }{
		{"prce of dysprosium oxide 2021", "prce", "prices"},
		{"dy2o3 price 2021", "dy2o3", "dysprosium oxide"},
		{"ceo2 price 2024", "ceo2", "cerium oxide"},
		{"terbium oxyde price", "oxyde", "oxide"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := idx.Search(context.Background(), tt.q, 3)
			if err != nil {
				t.Fatal(err)
			}
			want := []Correction{{From: tt.from, To: tt.to}}
			if diff := cmp.Diff(res.Corrections, want); diff != "" {
				t.Errorf("corrections (-got +want):\n%s", diff)
			}
		})
	}
}
