package knowledge

import "testing"

func TestSourceEdition(t *testing.T) {
	tests := []struct {
		publisher, title, want string
	}{
		{"U.S. Geological Survey", "Mineral Commodity Summaries 2025: Rare Earths", "USGS MCS 2025"},
		{"U.S. Geological Survey, National Minerals Information Center", "Mineral Commodity Summaries 2025 - Rare Earths Data Release", "USGS MCS 2025"},
		{"U.S. Geological Survey, National Minerals Information Center", "Mineral Commodity Summaries 2026 (data release record)", "USGS MCS 2026"},
		{"International Energy Agency (IEA)", "Global Critical Minerals Outlook 2024", "IEA GCMO 2024"},
		{"Argus", "Rare Earths Yearbook 2023", "Argus REY 2023"},
		// not editions of a series
		{"rawmaterials.net", "USGS publishes Mineral Commodity Summaries 2024", ""},
		{"MP Materials", "MP Materials reports fourth quarter and full year 2024 results", ""},
		{"ResearchAndMarkets.com (via GlobeNewswire)", "Rare Earths Mining Industry Review 2025-2026: Production, Reserves by Country", ""},
		{"Anadolu Agency", "Türkiye eyes top 5 rank among rare earth producers via partnerships", ""},
		{"Wikipedia", "Greenland Minerals (snapshot of October 2023)", ""},
		{"Reuters", "China's rare earth exports in 2025 at highest since 2014 despite restrictions", ""},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			s := &Source{Publisher: tt.publisher, Title: tt.title}
			if got := s.Edition(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTablesNameTheirCellsEdition checks that a table's edition, which charts and answers
// cite, is the edition its cells' sources carry in their titles.
func TestTablesNameTheirCellsEdition(t *testing.T) {
	b := builtin(t)
	for _, tb := range b.Tables() {
		for _, r := range tb.Rows {
			for _, y := range tb.Years {
				g := r.Cell(y)
				if g == nil || g.Source == nil {
					continue
				}
				if got := g.Source.Edition(); got != tb.Edition {
					t.Errorf("table %s, %s %d: source %s gives edition %q, want the table's %q", tb.ID, r.Label, y, g.Source.ID, got, tb.Edition)
				}
			}
		}
	}
}
