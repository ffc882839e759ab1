package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/internal/golden"
	"github.com/reedesk/reedesk/knowledge"
	"gonum.org/v1/plot/vg"
)

// maxPNG is the largest image Discord users should have to load for a chart.
const maxPNG = 300 << 10

var (
	baseOnce sync.Once
	embedded *knowledge.Base
	baseErr  error
)

func builtin(tb testing.TB) *knowledge.Base {
	tb.Helper()
	baseOnce.Do(func() { embedded, baseErr = knowledge.Embedded() })
	if baseErr != nil {
		tb.Fatalf("load the built-in knowledge base: %v", baseErr)
	}
	return embedded
}

func figure(tb testing.TB, base *knowledge.Base, name string) *knowledge.Figure {
	tb.Helper()
	g, ok := base.Figure(name)
	if !ok {
		tb.Fatalf("no figure %s", name)
	}
	return g
}

// specOf returns the topic's one spec of the given kind.
func specOf(tb testing.TB, base *knowledge.Base, topic string, kind Kind) Spec {
	tb.Helper()
	for _, s := range Specs(base, topic) {
		if s.Kind == kind {
			return s
		}
	}
	tb.Fatalf("topic %s has no %s chart", topic, kind)
	return Spec{}
}

// kindCases are one chart of each kind drawn from the real fact files.
func kindCases(tb testing.TB) []struct {
	name string
	spec Spec
} {
	base := builtin(tb)
	compare := func(a, b string) Spec {
		s, err := CompareSpec(base, figure(tb, base, a), figure(tb, base, b))
		if err != nil {
			tb.Fatal(err)
		}
		return s
	}
	return []struct {
		name string
		spec Spec
	}{
		{"bars-with-previous-year", specOf(tb, base, "world-production", KindBars)},
		{"bars-one-column", specOf(tb, base, "reserves", KindBars)},
		{"lines-over-years", specOf(tb, base, "prices", KindLines)},
		{"share", specOf(tb, base, "china", KindShare)},
		{"chain", specOf(tb, base, "value-chain", KindChain)},
		{"pair-one-table", compare("usgs_reserves_brazil", "usgs_reserves_vietnam")},
		{"pair-units-converted", compare("usgs_reserves_world", "usgs_mine_2024_china")},
	}
}

// TestGolden draws one chart of each kind and compares what was drawn (series, labels,
// units, title, source) with testdata/NAME.golden; the image must decode at the chart size.
// The kinds are drawn in parallel, as replicas of the bot do, sharing the font cache.
func TestGolden(t *testing.T) {
	for _, tc := range kindCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Draw(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".golden"), c.Data())
			checkPNG(t, c)
		})
	}
}

func checkPNG(t *testing.T, c *Chart) {
	t.Helper()
	data, err := c.PNG()
	if err != nil {
		t.Fatalf("PNG() error = %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() != WidthPx || b.Dy() != HeightPx {
		t.Errorf("image is %d×%d, want %d×%d", b.Dx(), b.Dy(), WidthPx, HeightPx)
	}
	if len(data) > maxPNG {
		t.Errorf("PNG is %d bytes, want at most %d", len(data), maxPNG)
	}
	if c.Alt == "" || len(c.Alt) > maxAlt {
		t.Errorf("alt text has %d bytes, want 1 to %d", len(c.Alt), maxAlt)
	}
}

// TestSpecs checks which charts each topic's data picks, without drawing them (TestGolden
// draws each kind).
func TestSpecs(t *testing.T) {
	base := builtin(t)
	tests := []struct {
		topic string
		want  []string // kind and file
	}{
		{"world-production", []string{"bars stats-usgs-mine-production.png"}},
		{"reserves", []string{"bars stats-usgs-reserves.png"}},
		{"prices", []string{"lines stats-usgs-oxide-prices.png"}},
		{"china", []string{"share stats-china-mine-share-2024.png"}},
		{"value-chain", []string{"chain stats-value-chain-uysal.png"}},
		{"beylikova", nil},
		{"no-such-topic", nil},
	}
	for _, tc := range tests {
		t.Run(tc.topic, func(t *testing.T) {
			var got []string
			for _, s := range Specs(base, tc.topic) {
				got = append(got, string(s.Kind)+" "+s.File)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("charts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEveryTopic checks the charts of every topic of the built-in knowledge base: whatever
// the curators add must give specs that draw, name real facts and have distinct file names.
func TestEveryTopic(t *testing.T) {
	base := builtin(t)
	files := map[string]string{}
	for _, tp := range base.Topics {
		for _, s := range Specs(base, tp.ID) {
			if err := s.check(); err != nil {
				t.Errorf("topic %s: %v", tp.ID, err)
			}
			if prev, dup := files[s.File]; dup {
				t.Errorf("file name %s is used by topics %s and %s", s.File, prev, tp.ID)
			}
			files[s.File] = tp.ID
			if len(s.Facts) == 0 {
				t.Errorf("%s lists no facts", s.File)
			}
			for _, id := range s.Facts {
				if _, ok := base.Fact(id); !ok {
					t.Errorf("%s lists fact %q, which does not exist", s.File, id)
				}
			}
		}
	}
	if len(files) < 5 {
		t.Errorf("the built-in topics give %d charts, want at least 5", len(files))
	}
}

type madeUpRow struct {
	id, label string
	v23, v24  float64
}

// curated loads a copy of the built-in fact files with a new topic, magnet-output, whose
// table a curator declared: rows by country for 2023 and 2024, in kt.
func curated(t *testing.T, rows []madeUpRow) *knowledge.Base {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../knowledge/data")); err != nil {
		t.Fatal(err)
	}
	topic := `topic: magnet-output
title: Magnet output by country
summary: Sintered NdFeB magnet output by country, made up for this test.
card: []
tables:
  - id: test-magnet-output
    title: Sintered magnet output by country (Test Survey 2025)
    words: [magnet output]
    rows: country
    unit: kt
    edition: Test Survey 2025
    columns:
      - {year: 2023, series: test-magnets-2023}
      - {year: 2024, series: test-magnets-2024}
facts:
`
	for _, c := range rows {
		topic += `  - id: test-magnets-` + c.id + `
    kind: production
    title: Magnet output of ` + c.label + `
    text: >
      ` + c.label + ` made magnets in 2023 and 2024, figures made up for a test.
    figures:
      - {name: test_magnets_2023_` + c.id + `, label: "` + c.label + `", value: ` + fmtF(c.v23) + `, unit: kt, year: 2023, series: test-magnets-2023}
      - {name: test_magnets_2024_` + c.id + `, label: "` + c.label + `", value: ` + fmtF(c.v24) + `, unit: kt, year: 2024, series: test-magnets-2024}
    source: usgs-mcs-2025
`
	}
	if err := os.WriteFile(filepath.Join(dir, "magnet-output.yaml"), []byte(topic), 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatalf("load the curated copy: %v", err)
	}
	return base
}

func rowTexts(s Spec, series int) []string {
	var rows []string
	for _, p := range s.Series[series].Points {
		rows = append(rows, p.Label+" "+s.text(p))
	}
	return rows
}

// TestCuratorTable: a table a curator declares in a new topic file gets a chart, with no code.
func TestCuratorTable(t *testing.T) {
	base := curated(t, []madeUpRow{{"alpha", "Alphaland", 200, 240}, {"beta", "Republic of Betania", 20, 15}, {"gamma", "Gamma", 5, 9}})
	charts, err := ForTopic(base, "magnet-output")
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 1 {
		t.Fatalf("got %d charts, want 1", len(charts))
	}
	c := charts[0]
	checkPNG(t, c)
	s := c.Spec
	want := []string{"Alphaland 240 kt", "Republic of Betania 15 kt", "Gamma 9 kt"}
	if diff := cmp.Diff(want, rowTexts(s, 0)); diff != "" {
		t.Errorf("rows of 2024 (-want +got):\n%s", diff)
	}
	if s.Kind != KindBars || s.Title != "Sintered magnet output by country" || len(s.Series) != 2 || s.Series[1].Name != "2023" {
		t.Errorf("got %s %q with %d series, want bars titled without the edition, 2023 beside 2024", s.Kind, s.Title, len(s.Series))
	}
}

// TestManyRows: a table with more rows than bars fit sums the smallest into one bar.
func TestManyRows(t *testing.T) {
	var rows []madeUpRow
	for i := range 20 {
		rows = append(rows, madeUpRow{fmt.Sprintf("c%d", i), fmt.Sprintf("Country %d", i), float64(100 - i), float64(200 - i)})
	}
	s := specOf(t, curated(t, rows), "magnet-output", KindBars)
	got := rowTexts(s, 0)
	if len(got) != maxBars {
		t.Fatalf("got %d bars, want %d: %q", len(got), maxBars, got)
	}
	// rows 13 to 19 of 2024: 187 + 186 + … + 181 = 1,288 kt
	if want := "7 more countries 1,288 kt"; got[len(got)-1] != want {
		t.Errorf("last bar %q, want %q", got[len(got)-1], want)
	}
	if want := "7 more countries 588 kt"; rowTexts(s, 1)[maxBars-1] != want {
		t.Errorf("last bar of 2023 %q, want %q", rowTexts(s, 1)[maxBars-1], want)
	}
}

func fmtF(v float64) string { return knowledge.FormatNumber(v, -1) }

// TestCompare checks the pair a comparison draws and the comparisons it refuses.
func TestCompare(t *testing.T) {
	base := builtin(t)
	tests := []struct {
		a, b    string
		labels  []string
		note    string
		wantErr string
	}{
		{a: "usgs_mine_2024_china", b: "usgs_mine_2024_us", labels: []string{"China 270,000 t", "United States 45,000 t"}, note: "China = 6× United States"},
		{a: "usgs_mine_2024_us", b: "usgs_mine_2023_us", labels: []string{"United States, 2024 45,000 t", "United States, 2023 41,600 t"}, note: "United States, 2024 = 1.1× United States, 2023"},
		{a: "usgs_reserves_world", b: "usgs_reserves_china", labels: []string{"World · World rare earth reserves (USGS 2025) more than 90 Mt", "China · China's rare earth reserves (USGS MCS 2025) 44 Mt"}, note: "World = 2× China (from a bound)"},
		{a: "value_chain_raw", b: "value_chain_magnets", labels: []string{"Raw materials · Value chain worth (Uysal) about $7 billion", "Magnets · Value chain worth (Uysal) $40 billion"}, note: "Magnets = 5.7× Raw materials (approximate)"},
		{a: "price_eu_oxide_2024", b: "price_tb_oxide_2022", labels: []string{"Europium oxide, 2024 $27 per kg", "Terbium oxide, 2022 $2,051 per kg"}, note: "Terbium oxide, 2022 = 76× Europium oxide, 2024"},
		{a: "price_tb_oxide_2024", b: "usgs_mine_2024_china", wantErr: "cannot convert"},
		{a: "price_tb_oxide_2024", b: "price_tb_oxide_2024", wantErr: "itself"},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			s, err := CompareSpec(base, figure(t, base, tc.a), figure(t, base, tc.b))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got error %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range s.Series[0].Points {
				got = append(got, p.Label+" "+s.text(p))
			}
			if diff := cmp.Diff(tc.labels, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if s.Note != tc.note {
				t.Errorf("note %q, want %q", s.Note, tc.note)
			}
		})
	}
}

// TestDrawRejects checks that specs that cannot be drawn honestly are refused.
func TestDrawRejects(t *testing.T) {
	ok := Spec{Kind: KindBars, File: "x.png", Title: "t", Unit: "t", Series: []Series{{Name: "a", Points: []Point{{Label: "A", Value: 1}}}}}
	tests := []struct {
		name string
		edit func(*Spec)
		want string
	}{
		{"unknown kind", func(s *Spec) { s.Kind = "pie" }, "unknown kind"},
		{"file name", func(s *Spec) { s.File = "x.jpg" }, ".png"},
		{"no points", func(s *Spec) { s.Series[0].Points = nil }, "nothing to draw"},
		{"an empty series", func(s *Spec) { s.Series = append(s.Series, Series{Name: "2023"}) }, "2023 has no values"},
		{"NaN", func(s *Spec) { s.Series[0].Points[0].Value = math.NaN() }, "NaN"},
		{"zero on a log scale", func(s *Spec) { s.Scale = ScaleLog; s.Series[0].Points[0].Value = 0 }, "log scale"},
		{"negative share", func(s *Spec) { s.Kind = KindShare; s.Series[0].Points[0].Value = -1 }, "negative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			s.Series = []Series{{Name: "a", Points: append([]Point(nil), ok.Series[0].Points...)}}
			tc.edit(&s)
			if _, err := Draw(s); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one saying %q", err, tc.want)
			}
		})
	}
	if _, err := Draw(ok); err != nil {
		t.Errorf("the unedited spec: %v", err)
	}
}

// TestScale checks when a chart goes to a log scale: lines and chains spanning more than 10×.
func TestScale(t *testing.T) {
	pts := func(vs ...float64) []Series {
		var p []Point
		for i, v := range vs {
			p = append(p, Point{Label: string(rune('A' + i)), X: float64(2020 + i), Value: v})
		}
		return []Series{{Name: "s", Points: p}}
	}
	tests := []struct {
		kind   Kind
		series []Series
		scale  Scale
		want   Scale
	}{
		{KindLines, pts(1, 2051), ScaleAuto, ScaleLog},
		{KindLines, pts(27, 31), ScaleAuto, ScaleLinear},
		{KindLines, pts(0, 31), ScaleAuto, ScaleLinear},
		{KindChain, pts(7, 4000), ScaleAuto, ScaleLog},
		{KindBars, pts(20, 270000), ScaleAuto, ScaleLinear},
		{KindBars, pts(20, 270000), ScaleLog, ScaleLog},
	}
	for _, tc := range tests {
		s := Spec{Kind: tc.kind, Scale: tc.scale, Series: tc.series}
		if got := s.scale(); got != tc.want {
			t.Errorf("%s %v: got %s, want %s", tc.kind, tc.series[0].Points, got, tc.want)
		}
	}
}

func TestLabels(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{change(270000, 255000), "+5.9 %"},
		{change(31000, 43000), "−28 %"},
		{change(300, 300), "±0 %"},
		{change(13000, 3600), "+261 %"},
		{knowledge.FormatNumber(0.27, decimals(0.27)), "0.27"},
		{knowledge.FormatNumber(0.0045, decimals(0.0045)), "0.0045"},
		{knowledge.FormatNumber(5.714, decimals(5.714)), "5.71"},
		{knowledge.FormatNumber(12.5, decimals(12.5)), "12.5"},
		{tickLabel(1000, "USD billion"), "$1 trillion"},
		{tickLabel(1, "USD billion"), "$1 billion"},
		{tickLabel(1000, "USD/kg"), "$1,000"},
		{tickLabel(200000, "t"), "200,000"},
		{fileName("compare", "usgs_mine_2024_china-Beylikova REO"), "compare-usgs-mine-2024-china-beylikova-reo.png"},
		{shortTitle("What the value chain is worth: raw materials $7 bn"), "What the value chain is worth"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	title, source := trimEdition("Rare earth oxide prices (USGS MCS 2025, Argus data)", "USGS MCS 2025", "USGS")
	if title != "Rare earth oxide prices" || source != "USGS; Argus data" {
		t.Errorf("trimEdition: got %q, %q; want the title without the edition and Argus in the source", title, source)
	}
}

func TestWrap(t *testing.T) {
	long := "Rare earth mine production by country and by year from the USGS Mineral Commodity Summaries edition of 2025"
	tests := []struct {
		w    vg.Length
		max  int
		want int
		cut  bool
	}{{1000, 2, 1, false}, {200, 2, 2, true}, {200, 9, 5, false}}
	for _, tc := range tests {
		lines := wrap(titleStyle, long, tc.w, tc.max)
		if len(lines) != tc.want {
			t.Errorf("wrap at %v, max %d: got %d lines %q, want %d", tc.w, tc.max, len(lines), lines, tc.want)
		}
		for _, l := range lines {
			if titleStyle.Width(l) > tc.w {
				t.Errorf("line %q is %v wide, want at most %v", l, titleStyle.Width(l), tc.w)
			}
		}
		if cut := strings.HasSuffix(lines[len(lines)-1], "…"); cut != tc.cut {
			t.Errorf("last line %q: cut is %v, want %v", lines[len(lines)-1], cut, tc.cut)
		}
	}
}

// TestEncodePNG: the chart's PNG writer is lossless, across several IDAT chunks.
func TestEncodePNG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 301, 203))
	rnd := rand.New(rand.NewPCG(1, 2))
	for y := range 203 {
		for x := range 301 {
			// noise does not compress, so the data spans several 64 KB chunks
			v := rnd.Uint32()
			img.SetRGBA(x, y, color.RGBA{uint8(v), uint8(v >> 8), uint8(v >> 16), 255})
		}
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 2<<16 {
		t.Fatalf("PNG is %d bytes, want the test to span several chunks", buf.Len())
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	for y := range 203 {
		for x := range 301 {
			if g, w := color.RGBAModel.Convert(got.At(x, y)), img.At(x, y); g != w {
				t.Fatalf("pixel %d,%d: got %v, want %v", x, y, g, w)
			}
		}
	}
}
