package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTablesOfTheBuiltInKnowledge(t *testing.T) {
	b := builtin(t)
	tests := []struct {
		id, row string
		year    int
		want    string // the cell in the table's unit
		rank    int    // 1 = largest in the year's column
		rows    int
		total   string
	}{
		{"usgs-mine-production", "China", 2024, "270,000 t", 1, 12, "390,000 t"},
		{"usgs-mine-production", "Myanmar", 2024, "31,000 t", 3, 12, "390,000 t"},
		{"usgs-mine-production", "Russia", 2024, "2,500 t", 8, 12, "390,000 t"},
		{"usgs-mine-production", "Burma", 2023, "43,000 t", 2, 12, "376,000 t"},
		{"usgs-reserves", "China", 2024, "44 Mt", 1, 12, "more than 90 Mt"},
		{"usgs-reserves", "Thailand", 2024, "4,500 t", 12, 12, "more than 90 Mt"},
		{"usgs-reserves", "India", 2024, "6.9 Mt", 3, 12, "more than 90 Mt"},
		{"usgs-oxide-prices", "Tb", 2024, "$810 per kg", 1, 5, ""},
		{"usgs-oxide-prices", "Neodymium oxide", 2020, "$49 per kg", 3, 5, ""},
		{"usgs-oxide-prices", "La", 2022, "$1 per kg", 5, 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.row, func(t *testing.T) {
			tb, ok := b.Table(tt.id)
			if !ok {
				t.Fatalf("no table %s", tt.id)
			}
			r, ok := tb.Row(tt.row)
			if !ok {
				t.Fatalf("table %s has no row named %q", tt.id, tt.row)
			}
			g := r.Cell(tt.year)
			if g == nil {
				t.Fatalf("row %s has no %d figure", r.Label, tt.year)
			}
			if got := tb.Quantity(g); got != tt.want {
				t.Errorf("cell = %q, want %q", got, tt.want)
			}
			rank := 0
			for i, o := range tb.Ranked(tt.year) {
				if o == r {
					rank = i + 1
				}
			}
			if rank != tt.rank {
				t.Errorf("rank = %d, want %d", rank, tt.rank)
			}
			if got := len(tb.Rows); got != tt.rows {
				t.Errorf("%d rows, want %d", got, tt.rows)
			}
			total := ""
			if g := tb.Total(tt.year); g != nil {
				total = tb.Quantity(g)
			}
			if total != tt.total {
				t.Errorf("total = %q, want %q", total, tt.total)
			}
		})
	}
}

func TestTableRowsAreNotTotals(t *testing.T) {
	b := builtin(t)
	tb, _ := b.Table("usgs-mine-production")
	for _, r := range tb.Rows {
		if strings.Contains(strings.ToLower(r.Label), "world") || strings.Contains(strings.ToLower(r.Label), "other") {
			t.Errorf("row %q is a total or a rest, not a country", r.Label)
		}
	}
	if got, want := tb.Rest(2024).Value, 1100.0; got != want {
		t.Errorf("rest 2024 = %v, want %v", got, want)
	}
	if diff := cmp.Diff([]int{2023, 2024}, tb.Years); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if tb.Latest() != 2024 || !tb.HasYear(2023) || tb.HasYear(2022) {
		t.Errorf("Latest() = %d, HasYear(2023) = %v, HasYear(2022) = %v", tb.Latest(), tb.HasYear(2023), tb.HasYear(2022))
	}
}

// writeKB copies the built-in fact files to a temporary folder and applies edits to it.
func writeKB(t *testing.T, edits map[string]func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if f, ok := edits[e.Name()]; ok {
			s = f(s)
			delete(edits, e.Name())
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, f := range edits {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(f("")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTableProblemsAreReportedWithLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, table string
		want        string // a problem's text, file and line included
	}{
		{"unknown series", "  - {id: t1, title: T, words: [x], rows: country, unit: t, edition: E, columns: [{year: 2024, series: no-such-series}]}",
			"extra.yaml:4: tables[0].columns[0].series: series \"no-such-series\" has no figures"},
		{"wrong unit", "  - {id: t1, title: T, words: [x], rows: oxide, unit: USD/kg, edition: E, columns: [{year: 2024, series: usgs-mine-2024}]}",
			"which cannot be shown in the table's unit USD/kg"},
		{"total that is a row", "  - {id: t1, title: T, words: [x], rows: country, unit: t, edition: E, columns: [{year: 2024, series: usgs-mine-2024, total: usgs_mine_2024_china}]}",
			"a total is not a row"},
		{"missing total", "  - {id: t1, title: T, words: [x], rows: country, unit: t, edition: E, columns: [{year: 2024, series: usgs-mine-2024, total: nope}]}",
			"figure \"nope\" does not exist"},
		{"neither columns nor by_row", "  - {id: t1, title: T, words: [x], rows: country, unit: t, edition: E}",
			"extra.yaml:4: tables[0]: give columns (a series per year) or by_row (a series per row)"},
		{"same id twice", "  - {id: usgs-reserves, title: T, words: [x], rows: country, unit: t, edition: E, columns: [{year: 2024, series: usgs-reserves}]}",
			"table id \"usgs-reserves\" is already used"},
		{"unknown field", "  - {id: t1, title: T, word: [x], rows: country, unit: t, edition: E, columns: [{year: 2024, series: usgs-reserves}]}",
			"extra.yaml:4: tables[0].word: is not a known field"},
		{"two columns for a year", "  - {id: t1, title: T, words: [x], rows: country, unit: t, edition: E, columns: [{year: 2024, series: usgs-mine-2024}, {year: 2024, series: usgs-mine-2023}]}",
			"year 2024 has two columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeKB(t, map[string]func(string) string{"extra.yaml": func(string) string {
				return "topic: extra\ntitle: Extra\ntables:\n" + tt.table + "\nfacts: []\n"
			}})
			_, err := LoadDir(dir)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("LoadDir error = %v, want a *ValidationError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant a problem containing %q", err, tt.want)
			}
		})
	}
}

// A curator declares a new table in a topic file; it loads with no code change.
func TestCuratorTable(t *testing.T) {
	dir := writeKB(t, map[string]func(string) string{"magnets.yaml": func(string) string {
		return `topic: magnets
title: Magnet production
tables:
  - id: magnet-output
    title: NdFeB magnet output by country
    words: [magnet output, magnets made]
    rows: country
    unit: kt
    edition: Example survey 2025
    columns:
      - {year: 2024, series: magnets-2024, total: magnets_2024_world}
facts:
  - id: magnets-world
    kind: production
    title: World magnet output
    text: The world made 300,000 t of magnets in 2024.
    figures:
      - {name: magnets_2024_world, label: World, value: 300000, unit: t, year: 2024}
    source: usgs-mcs-2025
  - id: magnets-china
    kind: production
    title: China's magnet output
    text: China made 270,000 t of magnets in 2024.
    figures:
      - {name: magnets_2024_china, label: China, value: 270000, unit: t, year: 2024, series: magnets-2024}
    source: usgs-mcs-2025
  - id: magnets-japan
    kind: production
    title: Japan's magnet output
    text: Japan made 20,000 t of magnets in 2024.
    figures:
      - {name: magnets_2024_japan, label: Japan, value: 20000, unit: t, year: 2024, series: magnets-2024}
    source: usgs-mcs-2025
`
	}})
	b, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	tb, ok := b.Table("magnet-output")
	if !ok {
		t.Fatal("the new table is not loaded")
	}
	var got []string
	for _, r := range tb.Ranked(2024) {
		got = append(got, r.Label+" "+tb.Quantity(r.Cell(2024)))
	}
	if diff := cmp.Diff([]string{"China 270 kt", "Japan 20 kt"}, got); diff != "" {
		t.Errorf("ranked rows (-want +got):\n%s", diff)
	}
	if got := tb.Quantity(tb.Total(2024)); got != "300 kt" {
		t.Errorf("total = %q, want %q", got, "300 kt")
	}
}

func TestTurkishGlossaryLoads(t *testing.T) {
	b := builtin(t)
	found := false
	for _, e := range b.Turkish {
		if e[0] == "China" {
			found = true
		}
	}
	if !found {
		t.Errorf("the Turkish glossary has no entry for China: %v", b.Turkish)
	}
}
