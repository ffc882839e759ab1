package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/reedesk/reedesk/knowledge"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The image is 800 × 600 pixels: Discord shows an embed's image at up to 400 × 300, so a 4:3
// chart fills that box, and every size below is in points at 144 dpi, which is also the
// size in pixels as Discord shows it (half the image's pixels).
const (
	dpi    = 144
	width  = 400 * vg.Length(1)
	height = 300 * vg.Length(1)
	margin = 14 * vg.Length(1)

	// WidthPx and HeightPx are the size of every chart's PNG.
	WidthPx  = int(width * dpi / 72)
	HeightPx = int(height * dpi / 72)
)

// The card is opaque and light with dark text, so it reads the same on Discord's dark and light
// themes; the colours are distinguishable with the common colour-vision deficiencies.
var (
	background = color.RGBA{0xFA, 0xFA, 0xFB, 0xFF}
	ink        = color.RGBA{0x1F, 0x23, 0x28, 0xFF}
	muted      = color.RGBA{0x55, 0x5E, 0x69, 0xFF}
	gridColor  = color.RGBA{0xE1, 0xE4, 0xE8, 0xFF}
	rest       = color.RGBA{0xC3, 0xC9, 0xD1, 0xFF}
	// palette: first series, second series, then lines.
	palette = []color.RGBA{
		{0x2A, 0x67, 0xB1, 0xFF}, // blue
		{0xD3, 0x5F, 0x1F, 0xFF}, // vermilion
		{0x17, 0x8F, 0x6C, 0xFF}, // green
		{0x8E, 0x4E, 0xB0, 0xFF}, // purple
		{0xA8, 0x73, 0x00, 0xFF}, // ochre
		{0x4D, 0x5B, 0x69, 0xFF}, // slate
	}
	previous = color.RGBA{0x9C, 0xBD, 0xE3, 0xFF} // the previous year, a light form of blue
)

var (
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
	bold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: stdfont.WeightBold}
)

func style(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(f, size), Handler: plot.DefaultTextHandler}
}

var (
	titleStyle    = style(bold, 15, ink)
	subtitleStyle = style(sans, 10.5, muted)
	labelStyle    = style(sans, 10.5, ink)
	valueStyle    = style(bold, 10, ink)
	asideStyle    = style(sans, 9.5, muted) // what a label says beside a value: a change, a multiple
	prevStyle     = style(sans, 9, muted)
	tickStyle     = style(sans, 9.5, muted)
	yTickStyle    = aligned(labelStyle, text.XRight, text.YCenter)
	xTickStyle    = aligned(tickStyle, text.XCenter, text.YTop)
	footStyle     = style(sans, 8.5, muted)
)

func aligned(s text.Style, x text.XAlignment, y text.YAlignment) text.Style {
	s.XAlign, s.YAlign = x, y
	return s
}

// Draw checks a spec and returns its chart, to be drawn as a PNG when its image is asked for.
func Draw(s Spec) (*Chart, error) {
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("chart %q: %w", s.File, err)
	}
	return &Chart{
		Spec: s, Alt: s.alt(),
		png: sync.OnceValues(func() ([]byte, error) { return render(&s) }),
	}, nil
}

// render draws a checked spec and encodes it as PNG.
func render(s *Spec) ([]byte, error) {
	img := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(background))
	dc := draw.New(img)
	area := draw.Crop(dc, margin, -margin, margin, -margin)
	area = header(area, s)
	area = footer(area, s)
	switch s.Kind {
	case KindBars, KindPair:
		bars(area, s)
	case KindChain:
		chain(area, s)
	case KindLines:
		lines(area, s)
	case KindShare:
		share(area, s)
	}
	var buf bytes.Buffer
	if err := encode(&buf, img.Image()); err != nil {
		return nil, fmt.Errorf("chart %q: encode: %w", s.File, err)
	}
	return buf.Bytes(), nil
}

// encode writes the chart as PNG. The canvas is opaque RGBA (its background is filled), which
// encodePNG writes fastest; anything else goes through image/png.
func encode(w io.Writer, img image.Image) error {
	if rgba, ok := img.(*image.RGBA); ok && rgba.Opaque() {
		return encodePNG(w, rgba)
	}
	// Charts are flat colours: the fastest compression is within a few per cent of the best.
	return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
}

func (s *Spec) check() error {
	switch s.Kind {
	case KindBars, KindLines, KindShare, KindChain, KindPair:
	default:
		return fmt.Errorf("unknown kind %q", s.Kind)
	}
	if s.File == "" || !strings.HasSuffix(s.File, ".png") {
		return errors.New("file name must end in .png")
	}
	if len(s.Series) == 0 || len(s.Series[0].Points) == 0 {
		return errors.New("nothing to draw")
	}
	for _, se := range s.Series {
		if len(se.Points) == 0 {
			return fmt.Errorf("series %s has no values", se.Name)
		}
		for _, p := range se.Points {
			if math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
				return fmt.Errorf("%s %s: value %v", se.Name, p.Label, p.Value)
			}
			if s.scale() == ScaleLog && p.Value <= 0 {
				return fmt.Errorf("%s %s: %v on a log scale", se.Name, p.Label, p.Value)
			}
			if s.Kind == KindShare && p.Value < 0 {
				return fmt.Errorf("%s: a share cannot be negative", p.Label)
			}
		}
	}
	return nil
}

// header draws the title, the subtitle (years, unit, scale, note) and the legend, and returns
// the area below them.
func header(c draw.Canvas, s *Spec) draw.Canvas {
	w := c.Max.X - c.Min.X
	y := c.Max.Y
	for _, line := range wrap(titleStyle, s.Title, w, 2) {
		y -= titleStyle.Height(line)
		c.FillText(titleStyle, vg.Point{X: c.Min.X, Y: y + titleStyle.FontExtents().Descent}, line)
	}
	y -= 3
	var sub []string
	if s.Year != "" {
		sub = append(sub, s.Year)
	}
	if u := unitName(s.Unit); u != "" && s.Kind != KindShare {
		sub = append(sub, u)
	}
	if s.scale() == ScaleLog {
		sub = append(sub, "log scale")
	}
	if s.Note != "" {
		sub = append(sub, s.Note)
	}
	for _, line := range wrap(subtitleStyle, strings.Join(sub, " · "), w, 2) {
		y -= subtitleStyle.Height(line)
		c.FillText(subtitleStyle, vg.Point{X: c.Min.X, Y: y + subtitleStyle.FontExtents().Descent}, line)
	}
	if s.Kind == KindBars && len(s.Series) > 1 {
		y -= 5
		x := c.Min.X
		h := labelStyle.Height("X")
		for i, se := range s.Series {
			sq := vg.Rectangle{Min: vg.Point{X: x, Y: y - h + 1}, Max: vg.Point{X: x + h - 2, Y: y - 1}}
			c.SetColor(seriesColor(s, i))
			c.Fill(sq.Path())
			x += h + 2
			c.FillText(labelStyle, vg.Point{X: x, Y: y - h + labelStyle.FontExtents().Descent}, se.Name)
			x += labelStyle.Width(se.Name) + 12
		}
		y -= h
	}
	c.Max.Y = y - 6
	return c
}

// footer draws the source line at the bottom and returns the area above it.
func footer(c draw.Canvas, s *Spec) draw.Canvas {
	if s.Source == "" {
		return c
	}
	lines := wrap(footStyle, "Source: "+s.Source, c.Max.X-c.Min.X, 2)
	y := c.Min.Y
	for i := len(lines) - 1; i >= 0; i-- {
		c.FillText(footStyle, vg.Point{X: c.Min.X, Y: y + footStyle.FontExtents().Descent}, lines[i])
		y += footStyle.Height(lines[i])
	}
	c.Min.Y = y + 6
	return c
}

// wrap breaks s into lines no wider than w, at most max lines (the last one cut with "…").
func wrap(sty text.Style, s string, w vg.Length, max int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if sty.Width(try) <= w || line == "" {
			line = try
			continue
		}
		lines = append(lines, line)
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > max {
		last := strings.Join(lines[max-1:], " ")
		for last != "" && sty.Width(last+"…") > w {
			r := []rune(last)
			last = string(r[:len(r)-1])
		}
		lines = append(lines[:max-1], strings.TrimSpace(last)+"…")
	}
	return lines
}

func seriesColor(s *Spec, i int) color.Color {
	if s.Kind == KindBars && i == 1 {
		return previous
	}
	return palette[i%len(palette)]
}

// newPlot returns a plot with the chart's fonts and colours, no background and no title.
func newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = tickStyle
		a.Color = gridColor
		a.Tick.Color = gridColor
		a.Width = 0
		a.Tick.Length = 0
	}
	p.X.Tick.Label = xTickStyle
	p.Y.Tick.Label = aligned(tickStyle, text.XRight, text.YCenter)
	return p
}

// bars draws the rows of a table as horizontal bars, the rows' names on the left (long
// country names stay readable) and each value at the end of its bar. Further series are
// drawn beside the first, matched by row label.
func bars(c draw.Canvas, s *Spec) {
	n := len(s.Series[0].Points)
	p := rowsPlot(s)
	p.HideX()
	p.X.Min = 0
	p.X.Max = 0

	k := len(s.Series)
	rowH := (c.Max.Y - c.Min.Y) / vg.Length(n)
	barW := min(rowH*0.78/vg.Length(k), 16)
	if k == 1 {
		barW = min(rowH*0.62, 26)
	}
	labels := s.valueLabels()
	// a row's labels start after its longest bar, so that none is drawn over a bar
	ends := make([]float64, n)
	for _, se := range s.Series {
		for i, pt := range s.aligned(se) {
			ends[i] = math.Max(ends[i], pt.Value)
		}
	}
	for j, se := range s.Series {
		vals := make(plotter.Values, n)
		offset := (vg.Length(k-1)/2 - vg.Length(j)) * barW
		rl := &rowLabels{dy: offset}
		for i, pt := range s.aligned(se) {
			row := n - 1 - i
			vals[row] = pt.Value
			if labels[j][i] == "" {
				continue
			}
			x := ends[i]
			if pt.Value < 0 {
				x = pt.Value
			}
			rl.items = append(rl.items, rowLabel{x: x, y: float64(row), parts: s.labelParts(j, labels[j][i]), left: pt.Value < 0})
		}
		bc, _ := plotter.NewBarChart(vals, barW)
		bc.Horizontal = true
		bc.Offset = offset
		bc.LineStyle.Width = 0
		bc.Color = seriesColor(s, j)
		p.Add(bc, rl)
	}
	// each row gets an equal band, the outer ones too
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Draw(c)
}

// rowsPlot is a plot with a row for each point of the first series, named on the left, the
// first at the top.
func rowsPlot(s *Spec) *plot.Plot {
	pts := s.Series[0].Points
	names := make([]string, len(pts))
	for i, pt := range pts {
		names[len(pts)-1-i] = wrapLabel(pt.Label, s.Kind)
	}
	p := newPlot()
	p.Y.Tick.Label = yTickStyle
	p.NominalY(names...)
	return p
}

// wrapLabel puts a long row label on two lines, or three for the two rows of a pair, which
// have the room and carry their fact's title.
func wrapLabel(s string, k Kind) string {
	w, n := vg.Length(130), 2
	if k == KindPair {
		w, n = 150, 3
	}
	return strings.Join(wrap(labelStyle, s, w, n), "\n")
}

// chain draws the stages of a value chain top to bottom, each with its value and the multiple
// from the stage before, on a log scale when values span more than ~10×.
func chain(c draw.Canvas, s *Spec) {
	stages := s.Series[0].Points
	n := len(stages)
	p := rowsPlot(s)
	log := s.scale() == ScaleLog
	lo, hi := math.Inf(1), 0.0
	for _, st := range stages {
		lo, hi = math.Min(lo, st.Value), math.Max(hi, st.Value)
	}
	base := 0.0
	if log {
		base = math.Pow10(int(math.Floor(math.Log10(lo))))
		p.X.Scale = plot.LogScale{}
	}
	p.X.Tick.Marker = unitTicks{unit: s.Unit, log: log, short: true}
	grid := plotter.NewGrid()
	grid.Horizontal.Width = 0
	grid.Vertical.Color = gridColor
	grid.Vertical.Width = 0.6
	p.Add(grid)

	rowH := (c.Max.Y - c.Min.Y) / vg.Length(n)
	vals := make([]float64, n)
	rl := &rowLabels{}
	for i, st := range stages {
		row := n - 1 - i
		vals[row] = st.Value
		rl.items = append(rl.items, rowLabel{x: st.Value, y: float64(row), parts: s.labelParts(0, s.valueLabels()[0][i])})
	}
	p.Add(&hbars{values: vals, base: base, width: min(rowH*0.55, 26), color: palette[0]})
	p.Add(rl)
	p.X.Min, p.X.Max = base, hi
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.Draw(c)
}

// labelSep separates a value from what the label says about it (a change, a multiple): the
// value is drawn in bold ink, the rest in muted text.
const labelSep = "  "

// labelParts splits a value label into its styled parts.
func (s *Spec) labelParts(series int, label string) []labelPart {
	first := valueStyle
	if series > 0 && s.Kind == KindBars {
		first = prevStyle
	}
	v, more, ok := strings.Cut(label, labelSep)
	parts := []labelPart{{v, first}}
	if ok {
		parts = append(parts, labelPart{labelSep + more, asideStyle})
	}
	return parts
}

type labelPart struct {
	text  string
	style text.Style
}

// rowLabels write a label beside each bar of a horizontal bar chart, in parts of different
// styles; plotter.Labels has one style per label.
type rowLabels struct {
	items []rowLabel
	dy    vg.Length // the bars' offset from their row's centre
}

type rowLabel struct {
	x, y  float64
	parts []labelPart
	left  bool // right-aligned to the left of x, for negative values
}

const labelGap = 3

func (l rowLabel) width() vg.Length {
	var w vg.Length
	for _, p := range l.parts {
		w += p.style.Width(p.text)
	}
	return w
}

func (r *rowLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, l := range r.items {
		x := trX(l.x) + labelGap
		if l.left {
			x = trX(l.x) - labelGap - l.width()
		}
		for _, part := range l.parts {
			c.FillText(aligned(part.style, text.XLeft, text.YCenter), vg.Point{X: x, Y: trY(l.y) + r.dy}, part.text)
			x += part.style.Width(part.text)
		}
	}
}

func (r *rowLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := make([]plot.GlyphBox, len(r.items))
	for i, l := range r.items {
		h := l.parts[0].style.Height("X")
		min := vg.Point{X: labelGap, Y: r.dy - h/2}
		if l.left {
			min.X = -labelGap - l.width()
		}
		boxes[i] = plot.GlyphBox{X: p.X.Norm(l.x), Y: p.Y.Norm(l.y), Rectangle: vg.Rectangle{Min: min, Max: vg.Point{X: min.X + l.width(), Y: min.Y + h}}}
	}
	return boxes
}

// hbars are horizontal bars from base, which may be above zero: plotter.BarChart starts every
// bar at zero, which a log scale cannot show.
type hbars struct {
	values []float64 // one per row, row i at y = i
	base   float64
	width  vg.Length
	color  color.Color
}

func (b *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, v := range b.values {
		y := trY(float64(i))
		r := vg.Rectangle{Min: vg.Point{X: trX(b.base), Y: y - b.width/2}, Max: vg.Point{X: trX(v), Y: y + b.width/2}}
		c.FillPolygon(b.color, c.ClipPolygonX([]vg.Point{r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y}}))
	}
}

func (b *hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = b.base, b.base
	for _, v := range b.values {
		xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
	}
	return xmin, xmax, 0, float64(len(b.values) - 1)
}

func (b *hbars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := make([]plot.GlyphBox, len(b.values))
	for i := range b.values {
		boxes[i].Y = p.Y.Norm(float64(i))
		boxes[i].Rectangle = vg.Rectangle{Min: vg.Point{Y: -b.width / 2}, Max: vg.Point{Y: b.width / 2}}
	}
	return boxes
}

// lines draws each series over the years with its name and latest value at the line's end.
func lines(c draw.Canvas, s *Spec) {
	p := newPlot()
	log := s.scale() == ScaleLog
	lo, hi := math.Inf(1), math.Inf(-1)
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for _, se := range s.Series {
		for _, pt := range se.Points {
			lo, hi = math.Min(lo, pt.Value), math.Max(hi, pt.Value)
			xlo, xhi = math.Min(xlo, pt.X), math.Max(xhi, pt.X)
		}
	}
	if log {
		p.Y.Scale = plot.LogScale{}
		p.Y.Min = math.Pow10(int(math.Floor(math.Log10(lo))))
		p.Y.Max = hi * 1.2
	} else {
		p.Y.Min = math.Min(0, lo)
		p.Y.Max = hi * 1.08
	}
	p.Y.Tick.Marker = unitTicks{unit: s.Unit, log: log}
	p.X.Tick.Marker = yearTicks{}
	p.X.Min, p.X.Max = xlo, xhi
	p.X.Padding = 6
	p.Y.Padding = 4
	grid := plotter.NewGrid()
	grid.Vertical.Width = 0
	grid.Horizontal.Color = gridColor
	grid.Horizontal.Width = 0.6
	p.Add(grid)

	ends := &endLabels{}
	for j, se := range s.Series {
		xys := make(plotter.XYs, len(se.Points))
		for i, pt := range se.Points {
			xys[i] = plotter.XY{X: pt.X, Y: pt.Value}
		}
		col := palette[j%len(palette)]
		ln, sc, _ := plotter.NewLinePoints(xys)
		ln.Color = col
		ln.Width = 1.8
		sc.Color = col
		sc.Shape = draw.CircleGlyph{}
		sc.Radius = 2.2
		p.Add(ln, sc)
		last := se.Points[len(se.Points)-1]
		name, value, _ := strings.Cut(s.valueLabels()[j][0], labelSep)
		ends.items = append(ends.items, endLabel{x: last.X, y: last.Value, name: name, value: value, color: col})
	}
	p.Add(ends)
	p.Draw(c)
}

// endLabels name each line at its right end, its latest value on a second line, moved apart
// vertically where lines end close together so that no two labels overlap.
type endLabels struct{ items []endLabel }

type endLabel struct {
	x, y  float64
	name  string
	value string
	color color.Color
}

const endGap = 6

var endValueStyle = style(sans, 9.5, ink)

func (l endLabel) nameStyle() text.Style {
	st := valueStyle
	st.Color = l.color
	return st
}

// size is the label's extent: its width and the height of its two lines.
func (l endLabel) size() (vg.Length, vg.Length) {
	ns := l.nameStyle()
	return max(ns.Width(l.name), endValueStyle.Width(l.value)), ns.Height(l.name) + endValueStyle.Height(l.value)
}

func (e *endLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	type placed struct {
		l    endLabel
		y, h vg.Length // y is the label's vertical centre
	}
	ps := make([]placed, len(e.items))
	for i, l := range e.items {
		_, h := l.size()
		ps[i] = placed{l, trY(l.y), h}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].y < ps[j].y })
	const gap = 2
	// push up from the bottom, then back down from the top if the highest went off the canvas
	for i := 1; i < len(ps); i++ {
		if lo := ps[i-1].y + ps[i-1].h/2 + gap + ps[i].h/2; ps[i].y < lo {
			ps[i].y = lo
		}
	}
	if n := len(ps); n > 0 && ps[n-1].y+ps[n-1].h/2 > c.Max.Y {
		ps[n-1].y = c.Max.Y - ps[n-1].h/2
		for i := n - 2; i >= 0; i-- {
			if hi := ps[i+1].y - ps[i+1].h/2 - gap - ps[i].h/2; ps[i].y > hi {
				ps[i].y = hi
			}
		}
	}
	for _, q := range ps {
		x := trX(q.l.x) + endGap
		top := q.y + q.h/2
		ns := aligned(q.l.nameStyle(), text.XLeft, text.YTop)
		c.FillText(ns, vg.Point{X: x, Y: top}, q.l.name)
		c.FillText(aligned(endValueStyle, text.XLeft, text.YTop), vg.Point{X: x, Y: top - ns.Height(q.l.name)}, q.l.value)
	}
}

func (e *endLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	for _, l := range e.items {
		w, h := l.size()
		r := vg.Rectangle{Min: vg.Point{X: endGap, Y: -h / 2}, Max: vg.Point{X: endGap + w, Y: h / 2}}
		boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(l.x), Y: p.Y.Norm(l.y), Rectangle: r})
	}
	return boxes
}

// share draws the first point as a part of the whole that all points make, as a ring with the
// part's percentage in the middle and each point's value and share beside it.
func share(c draw.Canvas, s *Spec) {
	pts := s.Series[0].Points
	total := 0.0
	for _, pt := range pts {
		total += pt.Value
	}
	h := c.Max.Y - c.Min.Y
	r := h * 0.46
	if r > 95 {
		r = 95
	}
	center := vg.Point{X: c.Min.X + r + 10, Y: c.Min.Y + h/2}
	inner := r * 0.58
	angle := math.Pi / 2 // from twelve o'clock, clockwise
	for i, pt := range pts {
		sweep := -2 * math.Pi * pt.Value / total
		var path vg.Path
		path.Move(vg.Point{X: center.X + r*vg.Length(math.Cos(angle)), Y: center.Y + r*vg.Length(math.Sin(angle))})
		path.Arc(center, r, angle, sweep)
		path.Arc(center, inner, angle+sweep, -sweep)
		path.Close()
		c.SetColor(shareColor(i))
		c.Fill(path)
		angle += sweep
	}
	big := style(bold, 20, ink)
	big.XAlign, big.YAlign = text.XCenter, text.YCenter
	c.FillText(big, center, percent(pts[0].Value, total))

	x := center.X + r + 24
	name := style(bold, 12, ink)
	val := style(sans, 10, muted)
	step := name.Height("X") + val.Height("X") + 14
	y := center.Y + step*vg.Length(len(pts))/2
	for i, pt := range pts {
		sq := name.Height("X") - 3
		c.SetColor(shareColor(i))
		c.Fill(vg.Rectangle{Min: vg.Point{X: x, Y: y - sq}, Max: vg.Point{X: x + sq, Y: y}}.Path())
		c.FillText(name, vg.Point{X: x + sq + 6, Y: y - name.Height("X") + name.FontExtents().Descent}, pt.Label)
		line := s.valueLabels()[0][i]
		c.FillText(val, vg.Point{X: x + sq + 6, Y: y - name.Height("X") - val.Height("X") - 1 + val.FontExtents().Descent}, line)
		y -= step
	}
}

func shareColor(i int) color.Color {
	if i == 0 {
		return palette[0]
	}
	if i == 1 {
		return rest
	}
	return palette[i%len(palette)]
}

// percent writes v as a share of total with one decimal, as the bot's computed shares are.
func percent(v, total float64) string {
	if total == 0 {
		return "–"
	}
	return knowledge.FormatQuantity(100*v/total, "%", 1)
}

// unitTicks labels an axis in the chart's unit, the way the bot writes amounts: "$1,000",
// "$1 trillion", "200,000".
type unitTicks struct {
	unit  string
	log   bool
	short bool // "$1 bn": ticks a decade apart on a narrow axis
}

func (t unitTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	if t.log {
		for _, tk := range (plot.LogTicks{Prec: -1}).Ticks(min, max) {
			if tk.Label != "" {
				tk.Label = tickLabel(tk.Value, t.unit)
				if t.short {
					tk.Label = shortMoney.Replace(tk.Label)
				}
			}
			ticks = append(ticks, tk)
		}
		return ticks
	}
	for _, tk := range (plot.DefaultTicks{}).Ticks(min, max) {
		if tk.Label != "" {
			tk.Label = tickLabel(tk.Value, t.unit)
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

var shortMoney = strings.NewReplacer(" trillion", " tn", " billion", " bn", " million", " m")

// moneyScale orders the money units from largest to smallest, so that a tick of 1,000 in
// USD billion reads "$1 trillion".
var moneyScale = []string{"USD trillion", "USD billion", "USD million", "USD"}

func tickLabel(v float64, unit string) string {
	switch unit {
	case "USD trillion", "USD billion", "USD million", "USD":
		for _, u := range moneyScale {
			w, err := knowledge.Convert(v, unit, u)
			if err == nil && math.Abs(w) >= 1 {
				return knowledge.FormatQuantity(w, u, -1)
			}
		}
		return knowledge.FormatQuantity(v, unit, -1)
	case "USD/kg", "USD/t":
		return "$" + knowledge.FormatNumber(v, -1)
	case "%":
		return knowledge.FormatQuantity(v, unit, -1)
	}
	return knowledge.FormatNumber(v, -1)
}

// yearTicks puts a tick on every year (every second or fifth one over long spans).
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	step := 1.0
	switch span := max - min; {
	case span > 40:
		step = 10
	case span > 20:
		step = 5
	case span > 10:
		step = 2
	}
	var ticks []plot.Tick
	for y := math.Ceil(min/step) * step; y <= max; y += step {
		ticks = append(ticks, plot.Tick{Value: y, Label: strconv.Itoa(int(y))})
	}
	return ticks
}

// unitName says in words what a unit measures, for the subtitle.
func unitName(u string) string {
	switch u {
	case "t":
		return "tonnes"
	case "kt":
		return "thousand tonnes"
	case "Mt":
		return "million tonnes"
	case "t/yr":
		return "tonnes a year"
	case "USD", "USD million", "USD billion", "USD trillion":
		return "US dollars"
	case "USD/kg":
		return "US dollars per kg"
	case "USD/t":
		return "US dollars per tonne"
	case "%":
		return "per cent"
	case "x":
		return "times"
	case "", "count":
		return ""
	}
	return u
}
