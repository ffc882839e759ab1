// Package chart draws charts of the knowledge base as PNG images: a table's rows for a year
// (with the previous year beside them), a row over the years, a part against the rest of its
// whole, the stages of a value chain and two figures side by side. It knows no Discord: a
// Chart is bytes, a file name, an alt text and the facts it was drawn from.
//
// Drawing works on a neutral Spec; which spec a topic gets is read from the knowledge base
// (pick.go), so a table a curator adds gets a chart without code.
package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/reedesk/reedesk/knowledge"
)

// Kind says how a chart is drawn.
type Kind string

const (
	// KindBars draws one bar per row of a table, largest first; a second series (the previous
	// year) is drawn beside the first in a lighter colour.
	KindBars Kind = "bars"
	// KindLines draws each row of a table over the years, one line per row.
	KindLines Kind = "lines"
	// KindShare draws one part of a whole against the rest of it.
	KindShare Kind = "share"
	// KindChain draws the stages of a value chain in order, with the multiple between stages.
	KindChain Kind = "chain"
	// KindPair draws two figures side by side, the second converted to the first one's unit.
	KindPair Kind = "pair"
)

// Scale is how values map to bar lengths or heights.
type Scale string

const (
	// ScaleAuto picks a log scale for lines and chains whose values span more than ~10×,
	// and a linear scale otherwise.
	ScaleAuto   Scale = ""
	ScaleLinear Scale = "linear"
	ScaleLog    Scale = "log"
)

// Spec is what a chart shows, independent of where the data came from.
type Spec struct {
	Kind Kind
	// File is the attachment's file name, stable for the same chart: "stats-reserves.png".
	File  string
	Title string
	// Unit is the knowledge unit symbol ("t", "USD/kg") of every value in the spec.
	Unit string
	// Year says which years the data is for: "2024", "2020–2024".
	Year string
	// Source names where the data comes from, edition included.
	Source string
	// Note is an optional remark under the title ("2024 figures are estimates").
	Note   string
	Scale  Scale
	Series []Series
	// Facts are the ids of the facts the values come from, for /fact links.
	Facts []string
}

// Series is one set of values: a column of a table (a year), or a row over the years.
type Series struct {
	Name   string
	Points []Point
}

// Point is one value. X is the year for KindLines and unused otherwise.
type Point struct {
	Label string
	X     float64
	Value float64
	// Text is the value as the bot writes it ("about 270,000 t"); empty means formatted from
	// Value and the spec's unit.
	Text string
}

// Chart is a chart whose spec was checked; its image is drawn when first asked for.
type Chart struct {
	Spec Spec
	// Alt describes the chart in one or two sentences, for the attachment's description.
	Alt string

	png func() ([]byte, error)
}

// PNG returns the encoded image, WidthPx × HeightPx, drawn the first time it is asked for: a
// reply that is only read as text (the terminal without --out, the eval) never draws it.
func (c *Chart) PNG() ([]byte, error) { return c.png() }

// File is the attachment's file name.
func (c *Chart) File() string { return c.Spec.File }

// Facts are the ids of the facts the chart was drawn from.
func (c *Chart) Facts() []string { return c.Spec.Facts }

// Data describes what was drawn: kind, title, unit, years, source, scale and every series
// with its labels and values as shown. Golden tests compare it instead of pixels.
func (c *Chart) Data() string {
	s := c.Spec
	var b strings.Builder
	fmt.Fprintf(&b, "kind: %s\nfile: %s\ntitle: %s\nunit: %s\nyear: %s\nsource: %s\n", s.Kind, s.File, s.Title, s.Unit, s.Year, s.Source)
	if s.Note != "" {
		fmt.Fprintf(&b, "note: %s\n", s.Note)
	}
	fmt.Fprintf(&b, "scale: %s\n", s.scale())
	labels := s.valueLabels()
	for j, se := range s.Series {
		fmt.Fprintf(&b, "series %s:\n", se.Name)
		for _, p := range se.Points {
			if s.Kind == KindLines {
				fmt.Fprintf(&b, "  %g: %s\n", p.X, s.text(p))
			} else {
				fmt.Fprintf(&b, "  %s: %s\n", p.Label, s.text(p))
			}
		}
		var drawn []string
		for _, l := range labels[j] {
			if l != "" {
				drawn = append(drawn, l)
			}
		}
		if len(drawn) == 0 {
			drawn = []string{"none"}
		}
		fmt.Fprintf(&b, "  labels: %s\n", strings.Join(drawn, " | "))
	}
	fmt.Fprintf(&b, "facts: %s\nalt: %s\n", strings.Join(s.Facts, ", "), c.Alt)
	return b.String()
}

// prevLabelRows is the most rows a bar chart may have for the previous year's values to be
// written beside its bars; with more rows the labels would overlap, and the first series'
// labels say the change instead.
const prevLabelRows = 6

// aligned returns a series' points in the order of the first series' rows, matched by label;
// a row the series lacks is a zero point with no label.
func (s *Spec) aligned(se Series) []Point {
	if &se.Points[0] == &s.Series[0].Points[0] {
		return se.Points
	}
	by := make(map[string]Point, len(se.Points))
	for _, p := range se.Points {
		by[p.Label] = p
	}
	out := make([]Point, len(s.Series[0].Points))
	for i, r := range s.Series[0].Points {
		if p, ok := by[r.Label]; ok {
			out[i] = p
		}
	}
	return out
}

// valueLabels are the texts written on the chart for each value: per series, per point (for
// bars, per row of the first series; "" where nothing is written).
func (s *Spec) valueLabels() [][]string {
	out := make([][]string, len(s.Series))
	switch s.Kind {
	case KindBars, KindPair:
		rows := s.Series[0].Points
		for j, se := range s.Series {
			pts := s.aligned(se)
			out[j] = make([]string, len(rows))
			for i, p := range pts {
				switch {
				case p.Label == "":
				case j == 0 && len(s.Series) > 1:
					out[j][i] = s.text(p)
					if prev := s.aligned(s.Series[1])[i]; prev.Label != "" && prev.Value != 0 {
						out[j][i] += labelSep + change(p.Value, prev.Value)
					}
				case j == 0 || len(rows) <= prevLabelRows:
					out[j][i] = s.text(p)
				}
			}
		}
	case KindChain:
		pts := s.Series[0].Points
		out[0] = make([]string, len(pts))
		for i, p := range pts {
			out[0][i] = s.text(p)
			if i > 0 && pts[i-1].Value > 0 {
				m := p.Value / pts[i-1].Value
				out[0][i] += labelSep + "×" + knowledge.FormatNumber(m, tenths(m))
			}
		}
	case KindLines:
		for j, se := range s.Series {
			out[j] = []string{se.Name + labelSep + s.text(se.Points[len(se.Points)-1])}
		}
	case KindShare:
		total := 0.0
		for _, p := range s.Series[0].Points {
			total += p.Value
		}
		for _, p := range s.Series[0].Points {
			out[0] = append(out[0], s.text(p)+" · "+percent(p.Value, total))
		}
	}
	return out
}

// tenths is the decimals a change or multiple needs: one below 10, none from 10 on.
func tenths(v float64) int {
	if math.Abs(v) < 10 {
		return 1
	}
	return 0
}

// change is the relative change from prev to v: "+5.9 %", "−28 %".
func change(v, prev float64) string {
	c := 100 * (v/prev - 1)
	if prev < 0 {
		c = -c
	}
	n := knowledge.FormatNumber(math.Abs(c), tenths(c))
	switch {
	case n == "0" || n == "0.0":
		return "±0 %"
	case c < 0:
		return "−" + n + " %"
	}
	return "+" + n + " %"
}

// text is a point's value as shown on the chart.
func (s *Spec) text(p Point) string {
	if p.Text != "" {
		return p.Text
	}
	return knowledge.FormatQuantity(p.Value, s.Unit, decimals(p.Value))
}

// scale resolves ScaleAuto.
func (s *Spec) scale() Scale {
	if s.Scale != ScaleAuto {
		return s.Scale
	}
	if s.Kind != KindLines && s.Kind != KindChain {
		return ScaleLinear
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, se := range s.Series {
		for _, p := range se.Points {
			if p.Value <= 0 {
				return ScaleLinear
			}
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if hi/lo > 10 {
		return ScaleLog
	}
	return ScaleLinear
}

// decimals shows about three significant digits, as the bot does for values it computes,
// without trailing zeros: 0.27, not 0.270.
func decimals(v float64) int {
	a := math.Abs(v)
	if a == 0 || a >= 100 || a == math.Trunc(a) {
		return 0
	}
	d := 2 - int(math.Floor(math.Log10(a)))
	r := func(d int) float64 { p := math.Pow10(d); return math.Round(v*p) / p }
	for d > 0 && r(d-1) == r(d) {
		d--
	}
	return d
}

// maxAlt is the longest alt text: Discord's limit for an attachment's description.
const maxAlt = 1024

// alt writes a short description of the chart for readers who cannot see it.
func (s *Spec) alt() string {
	var b strings.Builder
	b.WriteString(s.Title)
	if s.Year != "" {
		b.WriteString(", " + s.Year)
	}
	b.WriteString(". ")
	switch s.Kind {
	case KindBars, KindChain, KindPair, KindShare:
		if len(s.Series) == 0 {
			break
		}
		var parts []string
		for i, p := range s.Series[0].Points {
			if i == 6 {
				parts = append(parts, fmt.Sprintf("and %d more", len(s.Series[0].Points)-i))
				break
			}
			parts = append(parts, p.Label+" "+s.text(p))
		}
		b.WriteString(strings.Join(parts, ", ") + ".")
	case KindLines:
		var parts []string
		for _, se := range s.Series {
			if n := len(se.Points); n > 0 {
				first, last := se.Points[0], se.Points[n-1]
				parts = append(parts, fmt.Sprintf("%s %s (%g) to %s (%g)", se.Name, s.text(first), first.X, s.text(last), last.X))
			}
		}
		b.WriteString(strings.Join(parts, "; ") + ".")
	}
	if s.Source != "" {
		b.WriteString(" Source: " + s.Source + ".")
	}
	out := b.String()
	if len(out) > maxAlt {
		r := []rune(out[:maxAlt-len("…")])
		out = string(r[:len(r)-1]) + "…" // the cut may have split the last rune
	}
	return out
}
