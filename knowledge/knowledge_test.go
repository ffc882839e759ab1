package knowledge

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func builtin(t *testing.T) *Base {
	t.Helper()
	b, err := Embedded()
	if err != nil {
		t.Fatalf("Embedded() error = %v", err)
	}
	return b
}

// TestComputedFigures checks the value, shown quantity and equation of every computed figure
// the foundation issue lists.
func TestComputedFigures(t *testing.T) {
	b := builtin(t)
	tests := []struct {
		name     string
		value    float64 // in the figure's unit
		quantity string
		equation string // "" to skip
	}{
		{"beylikova_implied_grade", 1.8012, "1.80 %", "12.5 Mt ÷ 694 Mt = 1.80 %"},
		{"industrial_vs_pilot", 475, "475×", "570,000 t/yr ÷ 1,200 t/yr = 475×"},
		{"industrial_revenue_per_tonne", 385.96, "$386 per t", "$220 million a year ÷ 570,000 t/yr = $386 per t"},
		{"drilling_per_location", 403.23, "403 m", "125,000 m ÷ 310 = 403 m"},
		{"beylikova_drilling_in_feet", 410104.99, "410,105 ft", "125,000 m = 410,105 ft"},
		{"value_chain_magnets_multiple", 5.714, "5.7×", "$40 billion ÷ $7 billion = 5.7×"},
		{"value_chain_motors_multiple", 10, "10×", "$400 billion ÷ $40 billion = 10×"},
		{"value_chain_end_multiple", 10, "10×", "$4 trillion ÷ $400 billion = 10×"},
		{"value_chain_total_multiple", 571.43, "571×", "$4 trillion ÷ $7 billion = 571×"},
		{"china_mine_share_2024", 69.23, "69.2 %", "270,000 t ÷ 390,000 t = 69.2 %"},
		{"industrial_reo_output", 9975, "9,975 t/yr", "570,000 t/yr × 1.75 % = 9,975 t/yr"},
		{"industrial_reo_rank_2024", 7, "7th", ""},
		{"beylikova_reserve_rank", 3, "3rd", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ok := b.Figure(tt.name)
			if !ok {
				t.Fatalf("figure %s does not exist", tt.name)
			}
			if g.Fact.Formula == nil {
				t.Fatalf("figure %s is not computed", tt.name)
			}
			if math.Abs(g.Value-tt.value) > 0.01*math.Max(1, math.Abs(tt.value))/100 {
				t.Errorf("%s = %v, want %v", tt.name, g.Value, tt.value)
			}
			if got := g.Quantity(); got != tt.quantity {
				t.Errorf("%s shows as %q, want %q", tt.name, got, tt.quantity)
			}
			if tt.equation != "" {
				if got := g.Fact.Formula.Equation(); got != tt.equation {
					t.Errorf("%s equation = %q, want %q", tt.name, got, tt.equation)
				}
			}
			if len(g.Fact.Sources()) == 0 {
				t.Errorf("%s has no sources through its inputs", tt.name)
			}
		})
	}
}

// TestRanksNameTheirNeighbours checks the rank figures against the series they rank in, so a
// change to the USGS table cannot leave a stale rank behind.
func TestRanks(t *testing.T) {
	b := builtin(t)
	tests := []struct {
		rank, value, series string
	}{
		{"industrial_reo_rank_2024", "industrial_reo_output", "usgs-mine-2024"},
		{"beylikova_reserve_rank", "beylikova_reo", "usgs-reserves"},
	}
	for _, tt := range tests {
		t.Run(tt.rank, func(t *testing.T) {
			r, _ := b.Figure(tt.rank)
			v, _ := b.Figure(tt.value)
			vu, _ := LookupUnit(v.Unit)
			above := 0
			for _, g := range b.Series(tt.series) {
				gu, _ := LookupUnit(g.Unit)
				if g.Value*gu.Scale > v.Value*vu.Scale {
					above++
				}
			}
			if int(r.Value) != above+1 {
				t.Errorf("%s = %v, want %d (%d entries of %s are larger)", tt.rank, r.Value, above+1, above, tt.series)
			}
		})
	}
}

func TestConflictingSourcesAreKept(t *testing.T) {
	b := builtin(t)
	tests := []struct {
		figure string
		want   []string // quantities that must all be present for the same measure
	}{
		{"china_processing_share_aa", []string{"85 %", "92 %"}},
		{"beylikova_grade_eti_maden", []string{"1.75 %", "1.80 %"}},
		{"china_output_share_aa", []string{"69 %", "69.2 %"}},
	}
	for _, tt := range tests {
		t.Run(tt.figure, func(t *testing.T) {
			g, ok := b.Figure(tt.figure)
			if !ok {
				t.Fatalf("figure %s does not exist", tt.figure)
			}
			got := map[string]bool{}
			sources := map[string]bool{}
			for _, o := range b.SameMeasure(g) {
				got[o.Quantity()] = true
				if o.Source != nil {
					sources[o.Source.ID] = true
				}
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("measure %q has %v, want it to include %s", g.Measure, got, w)
				}
			}
			if len(sources) < 2 && len(b.SameMeasure(g)) > 0 && tt.figure != "beylikova_grade_eti_maden" {
				t.Errorf("measure %q cites %d sources, want at least 2", g.Measure, len(sources))
			}
		})
	}
}

// TestSeedArticleNumbers checks that every number in the seed article is stated by a fact that
// cites the article.
func TestSeedArticleNumbers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "article.txt"))
	if err != nil {
		t.Skipf("no seed article beside the repository (%v)", err)
	}
	b := builtin(t)
	var cited []string
	for _, f := range b.Facts {
		if f.Source == nil || f.Source.ID != "aa-beylikova-2025" {
			continue
		}
		s := f.Title + " " + f.Text
		for _, g := range f.Figures {
			s += " " + strconv.FormatFloat(g.Value, 'f', -1, 64)
		}
		cited = append(cited, strings.ReplaceAll(s, ",", ""))
	}
	if len(cited) == 0 {
		t.Fatal("no fact cites the seed article (source aa-beylikova-2025)")
	}
	numbers := regexp.MustCompile(`\d[\d,]*(\.\d+)?`).FindAllString(string(data), -1)
	words := []string{"five", "seven", "second"}
	for _, w := range words {
		if strings.Contains(string(data), w) {
			numbers = append(numbers, w)
		}
	}
	for _, n := range numbers {
		n = strings.TrimRight(strings.ReplaceAll(n, ",", ""), ".")
		re := regexp.MustCompile(`(?i)(^|[^\d.])` + regexp.QuoteMeta(n) + `($|[^\d])`)
		if _, err := strconv.Atoi(n[:1]); err != nil {
			re = regexp.MustCompile(`(?i)\b` + n + `\b`)
		}
		found := false
		for _, s := range cited {
			if re.MatchString(s) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the article's %q is in no fact that cites it", n)
		}
	}
	t.Logf("checked %d numbers of the seed article", len(numbers))
}
