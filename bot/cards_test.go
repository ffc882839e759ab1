package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/knowledge"
)

func TestRoundSignificant(t *testing.T) {
	tests := []struct {
		v    float64
		n    int
		want string
	}{
		{6, 2, "6"},
		{270000.0 / 45000, 2, "6"},
		{4e12 / 7e9, 2, "570"},
		{0.28409, 2, "0.28"},
		{12.5 / 694, 3, "0.018"},
		{5.94, 2, "5.9"},
		{1234567, 3, "1,230,000"},
		{-0.5, 2, "-0.5"},
	}
	for _, tt := range tests {
		if got := roundSignificant(tt.v, tt.n); got != tt.want {
			t.Errorf("roundSignificant(%g, %d): got %q, want %q", tt.v, tt.n, got, tt.want)
		}
	}
}

func builtinBase(t *testing.T) *knowledge.Base {
	t.Helper()
	idx := testIndex(t)
	return idx.Base()
}

// TestTiles checks how real figures read on a card: the edition, not the data year, names a
// USGS figure's source; a date never breaks; an aside the source line gives goes.
func TestTiles(t *testing.T) {
	base := builtinBase(t)
	tests := []struct {
		figure      string
		wantLabel   string
		wantSource  string
		significant int
		decimals    int
	}{
		{"usgs_mine_2024_china", "China, 2024", "USGS\u00a0MCS\u00a02025", 2, 0},
		{"usgs_reserves_india", "India, 2024", "USGS\u00a0MCS\u00a02025", 2, 1},
		{"beylikova_reo", "Rare earth oxides", "Anadolu Agency, Oct\u00a02025", 3, 1},
		{"beylikova_implied_grade", "Beylikova's implied ore grade", "computed from Anadolu Agency", 3, 2},
		{"beylikova_reserve_rank", "Beylikova's rank among national rare earth reserves", "computed from Anadolu Agency and USGS\u00a0MCS\u00a02025", 1, 0},
		{"china_processing_share_iea", "China's share of refining, 2023", "IEA\u00a0GCMO\u00a02024", 2, 0},
		{"china_output_share_aa", "China's share of world output", "Anadolu Agency, Oct\u00a02025", 2, 0},
		{"china_magnet_share_brink", "China's share of high-strength magnets", "Brink News, Aug\u00a02022", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.figure, func(t *testing.T) {
			g, ok := base.Figure(tt.figure)
			if !ok {
				t.Fatalf("no figure %s", tt.figure)
			}
			if got := cardLabel(english, base, g); got != tt.wantLabel {
				t.Errorf("label: got %q, want %q", got, tt.wantLabel)
			}
			if got := sourceLine(english, base, g); got != tt.wantSource {
				t.Errorf("source: got %q, want %q", got, tt.wantSource)
			}
			if got := significant(g); got != tt.significant {
				t.Errorf("significant digits of %s: got %d, want %d", g.Quantity(), got, tt.significant)
			}
			if got := writtenDecimals(g); got != tt.decimals {
				t.Errorf("decimals of %s: got %d, want %d", g.Quantity(), got, tt.decimals)
			}
		})
	}
}

func TestCardNote(t *testing.T) {
	tests := []struct {
		note, label, want string
	}{
		{"USGS MCS 2025 edition; estimate, rounded.", "World, 2024", "Estimate, rounded"},
		{"Neodymium oxide, 99.5 % purity; USGS MCS 2025 (Argus); estimate.", "Nd oxide, 2024 (estimate)", "Neodymium oxide, 99.5 % purity"},
		{"Announcement No. 57 was suspended until 10 November 2026. More.", "Elements", "Announcement No. 57 was suspended until 10 November 2026"},
		{"USGS MCS 2025 edition.", "India", ""},
	}
	src := &knowledge.Source{Publisher: "U.S. Geological Survey", Title: "Mineral Commodity Summaries 2025: Rare Earths"}
	for _, tt := range tests {
		g := &knowledge.Figure{Note: tt.note, Source: src}
		if got := cardNote(g, tt.label); got != tt.want {
			t.Errorf("cardNote(%q): got %q, want %q", tt.note, got, tt.want)
		}
	}
}

// TestFactsField checks that fact ids are listed whole: rows of a table under their prefix,
// the others packed into lines that fit a phone's embed.
func TestFactsField(t *testing.T) {
	ids := []string{"usgs-mine-world", "beylikova-reo", "usgs-mine-china", "usgs-mine-us", "world-mine-growth-2024", "value-chain-total-multiple", "usgs-mine-2024-rows-total"}
	got := strings.Split(factsField("In full", ids).Value, "\n")
	want := []string{
		"`usgs-mine-…` world, china, us, 2024‑rows‑total",
		"`beylikova-reo` · `world-mine-growth-2024`",
		"`value-chain-total-multiple`",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("lines (-want +got):\n%s", d)
	}
	for _, line := range got[1:] {
		if n := utf8.RuneCountInString(strings.ReplaceAll(line, "`", "")); n > factLineWidth {
			t.Errorf("line %q is %d characters, more than %d", line, n, factLineWidth)
		}
	}
}
