package chart

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/reedesk/reedesk/knowledge"
)

// Specs reads from the knowledge base which charts a topic has, with no code per topic:
//   - each table of the topic: a table whose rows have figures in at least three years is
//     drawn as lines over the years (prices); any other as bars for its latest year, with the
//     previous year beside them when there is one (production) and the figure for the
//     unlisted rest at the bottom;
//   - each figure on the topic's card that is a table row's share of its column's total (a
//     computed "row / total" in %) as that row against the rest of the total;
//   - the figures on the card that one fact states for stages of one thing (three or more in
//     one dimension, on one date, in no table) as a chain on a log scale (the value chain).
func Specs(base *knowledge.Base, topicID string) []Spec {
	t, ok := base.Topic(topicID)
	if !ok {
		return nil
	}
	var out []Spec
	for _, tb := range base.Tables() {
		if tb.Topic != topicID {
			continue
		}
		if s, ok := overYears(tb); ok {
			out = append(out, s)
		} else if s, ok := byRow(tb); ok {
			out = append(out, s)
		}
	}
	var card []*knowledge.Figure
	for _, name := range t.Card {
		if g, ok := base.Figure(name); ok {
			card = append(card, g)
		}
	}
	for _, g := range card {
		if s, ok := shareOf(base, g); ok {
			out = append(out, s)
		}
	}
	out = append(out, chains(base, card)...)
	return out
}

// ForTopic draws the charts of a topic (see Specs).
func ForTopic(base *knowledge.Base, topicID string) ([]*Chart, error) {
	var out []*Chart
	for _, s := range Specs(base, topicID) {
		c, err := Draw(s)
		if err != nil {
			return nil, fmt.Errorf("topic %s: %w", topicID, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// maxLines is how many lines a chart draws: as many as it has distinct colours.
const maxLines = 6

// maxBars is how many rows a bar chart draws; further rows are summed into one bar, since
// thinner bars would leave no room for their labels.
const maxBars = 14

// minYears is how many years a table's rows must span to be drawn as lines over the years.
const minYears = 3

// overYears draws a table whose rows span several years as one line per row.
func overYears(tb *knowledge.Table) (Spec, bool) {
	if len(tb.Years) < minYears {
		return Spec{}, false
	}
	s := Spec{Kind: KindLines, File: fileName("stats", tb.ID), Title: tb.Title, Unit: tb.Unit,
		Year: strconv.Itoa(tb.Years[0]) + "–" + strconv.Itoa(tb.Latest())}
	var figs []*knowledge.Figure
	var latest []float64
	for _, r := range tb.Rows {
		se := Series{Name: r.Label}
		for _, y := range tb.Years {
			if g := r.Cell(y); g != nil {
				se.Points = append(se.Points, Point{X: float64(y), Value: tb.Value(g), Text: tb.Quantity(g)})
				figs = append(figs, g)
			}
		}
		if len(se.Points) < minYears {
			return Spec{}, false
		}
		s.Series = append(s.Series, se)
		latest = append(latest, se.Points[len(se.Points)-1].Value)
	}
	// the lines' end labels read top to bottom in the order of the legend-less chart
	idx := make([]int, len(s.Series))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return latest[idx[a]] > latest[idx[b]] })
	sorted := make([]Series, len(idx))
	for i, k := range idx {
		sorted[i] = s.Series[k]
	}
	if len(sorted) > maxLines {
		// more lines than colours cannot be told apart: the highest ones are drawn
		s.Note = fmt.Sprintf("the %d highest of %d in %d", maxLines, len(sorted), tb.Latest())
		sorted = sorted[:maxLines]
	}
	s.Series = sorted
	s.Source, s.Facts = provenance(tb.Edition, figs)
	s.Title, s.Source = trimEdition(s.Title, tb.Edition, s.Source)
	return s, true
}

// trimEdition takes a trailing "(USGS MCS 2025, Argus data)" off a table's title, since the
// source line names the edition; what follows the edition moves to the source line.
func trimEdition(title, edition, source string) (string, string) {
	i := strings.LastIndex(title, " (")
	if i < 0 || !strings.HasSuffix(title, ")") || edition == "" {
		return title, source
	}
	inside := title[i+2 : len(title)-1]
	if !strings.HasPrefix(inside, edition) && !strings.HasPrefix(edition, inside) {
		return title, source
	}
	if more := strings.TrimLeft(strings.TrimPrefix(inside, edition), ",; "); more != "" && more != inside {
		source += "; " + more
	}
	return title[:i], source
}

// byRow draws a table's latest column as bars, largest first, with the previous column beside.
func byRow(tb *knowledge.Table) (Spec, bool) {
	if len(tb.Years) == 0 {
		return Spec{}, false
	}
	latest := tb.Latest()
	years := []int{latest}
	if n := len(tb.Years); n > 1 {
		years = append(years, tb.Years[n-2])
	}
	s := Spec{Kind: KindBars, File: fileName("stats", tb.ID), Title: tb.Title, Unit: tb.Unit}
	var figs []*knowledge.Figure
	ranked, more := tb.Ranked(latest), []*knowledge.Row(nil)
	if tb.Rest(latest) != nil && len(ranked) > maxBars-1 || len(ranked) > maxBars {
		keep := maxBars - 1
		if tb.Rest(latest) != nil {
			keep--
		}
		ranked, more = ranked[:keep], ranked[keep:]
	}
	for _, y := range years {
		se := Series{Name: strconv.Itoa(y)}
		for _, r := range ranked {
			if g := r.Cell(y); g != nil {
				se.Points = append(se.Points, Point{Label: r.Label, Value: tb.Value(g), Text: tb.Quantity(g)})
				figs = append(figs, g)
			}
		}
		if len(more) > 0 {
			sum, n := 0.0, 0
			for _, r := range more {
				if g := r.Cell(y); g != nil {
					sum += tb.Value(g)
					n++
					figs = append(figs, g)
				}
			}
			if n > 0 {
				label := fmt.Sprintf("%d more %s", len(more), plural(tb.RowKind))
				se.Points = append(se.Points, Point{Label: label, Value: sum, Text: tb.Format(sum)})
			}
		}
		// the figure for what the table does not list goes last: it is not a row to rank
		if g := tb.Rest(y); g != nil {
			se.Points = append(se.Points, Point{Label: g.Label, Value: tb.Value(g), Text: tb.Quantity(g)})
			figs = append(figs, g)
		}
		s.Series = append(s.Series, se)
	}
	if len(s.Series[0].Points) == 0 {
		return Spec{}, false
	}
	s.Year = strconv.Itoa(latest)
	if len(years) > 1 {
		s.Year += " and " + strconv.Itoa(years[1])
		s.Note = "% change from " + strconv.Itoa(years[1])
	}
	s.Source, s.Facts = provenance(tb.Edition, figs)
	s.Title, s.Source = trimEdition(s.Title, tb.Edition, s.Source)
	return s, true
}

// shareOf draws a computed share (a table row divided by its column's total, in %) as the row
// against the rest of the total. A total stated as a bound ("more than 90 Mt") gives no share.
func shareOf(base *knowledge.Base, g *knowledge.Figure) (Spec, bool) {
	f := g.Fact.Formula
	if f == nil || g.Unit != "%" || len(f.Inputs) != 2 {
		return Spec{}, false
	}
	part, total := f.Inputs[0], f.Inputs[1]
	if strings.ReplaceAll(f.Expr, " ", "") != part.Name+"/"+total.Name || total.Qualifier != "" {
		return Spec{}, false
	}
	for _, tb := range base.Tables() {
		for _, y := range tb.Years {
			if tb.Total(y) != total || !inColumn(tb, y, part) {
				continue
			}
			pv, tv := tb.Value(part), tb.Value(total)
			if pv < 0 || pv > tv {
				return Spec{}, false
			}
			restLabel := "Rest of " + strings.ToLower(total.Label[:1]) + total.Label[1:]
			s := Spec{Kind: KindShare, File: fileName("stats", g.Fact.ID), Title: g.Fact.Title, Unit: tb.Unit,
				Year: strconv.Itoa(y), Note: "out of " + tb.Quantity(total) + " (" + total.Label + ")",
				Series: []Series{{Name: strconv.Itoa(y), Points: []Point{
					{Label: part.Label, Value: pv, Text: tb.Quantity(part)},
					{Label: restLabel, Value: tv - pv, Text: tb.Format(tv - pv)},
				}}}}
			s.Source, s.Facts = provenance(tb.Edition, []*knowledge.Figure{part, total})
			s.Title, s.Source = trimEdition(s.Title, tb.Edition, s.Source)
			s.Facts = append([]string{g.Fact.ID}, s.Facts...)
			return s, true
		}
	}
	return Spec{}, false
}

func inColumn(tb *knowledge.Table, year int, g *knowledge.Figure) bool {
	for _, r := range tb.Rows {
		if r.Cell(year) == g {
			return true
		}
	}
	return false
}

// minStages is how many figures of one fact make a chain.
const minStages = 3

// chains finds, among a card's figures, those that one fact states for stages of one thing:
// at least three, in one dimension, on one date, and in no series.
func chains(base *knowledge.Base, card []*knowledge.Figure) []Spec {
	byFact := map[*knowledge.Fact][]*knowledge.Figure{}
	var order []*knowledge.Fact
	for _, g := range card {
		if g.Series != "" || g.Fact.Formula != nil {
			continue
		}
		if byFact[g.Fact] == nil {
			order = append(order, g.Fact)
		}
		byFact[g.Fact] = append(byFact[g.Fact], g)
	}
	var out []Spec
	for _, f := range order {
		figs := byFact[f]
		if len(figs) < minStages || !sameKind(figs) {
			continue
		}
		unit := figs[0].Unit
		note := "× growth from the stage above"
		if n := commonNote(figs); n != "" {
			note = n + " · " + note
		}
		s := Spec{Kind: KindChain, File: fileName("stats", f.ID), Title: shortTitle(f.Title), Unit: unit, Year: figs[0].AsOf, Note: note}
		se := Series{Name: f.ID}
		for _, g := range figs {
			v, _ := knowledge.Convert(g.Value, g.Unit, unit)
			se.Points = append(se.Points, Point{Label: g.Label, Value: v, Text: g.String()})
		}
		s.Series = []Series{se}
		s.Source, s.Facts = provenance("", figs)
		out = append(out, s)
	}
	return out
}

// sameKind reports whether figures share a date and convert to one another's unit.
func sameKind(figs []*knowledge.Figure) bool {
	for _, g := range figs[1:] {
		if g.AsOf != figs[0].AsOf {
			return false
		}
		if _, err := knowledge.Convert(g.Value, g.Unit, figs[0].Unit); err != nil {
			return false
		}
		if g.Value <= 0 {
			return false
		}
	}
	return figs[0].Value > 0
}

// shortTitle keeps what comes before a colon: "What the value chain is worth: raw materials
// $7 bn, …" is a title for a passage, the part before the colon one for a chart.
func shortTitle(t string) string {
	if i := strings.Index(t, ": "); i > 0 {
		return t[:i]
	}
	return t
}

// commonNote is the first sentence that every figure's note starts with ("Sait Uysal's
// figure; not confirmed by any other source checked"), or "".
func commonNote(figs []*knowledge.Figure) string {
	first, _, _ := strings.Cut(figs[0].Note, ".")
	first = strings.TrimSpace(first)
	if first == "" {
		return ""
	}
	for _, g := range figs[1:] {
		if !strings.HasPrefix(strings.TrimSpace(g.Note), first) {
			return ""
		}
	}
	return first
}

// Compare draws two figures side by side, the second in the first one's unit. Figures of
// different dimensions (a mass and a price) cannot be compared.
func Compare(base *knowledge.Base, a, b *knowledge.Figure) (*Chart, error) {
	s, err := CompareSpec(base, a, b)
	if err != nil {
		return nil, err
	}
	return Draw(s)
}

// CompareSpec is the spec Compare draws. Two rows of one table are titled by the table and
// named by their rows; other figures are named with their fact's title, since a label such as
// "China" alone does not say of what.
func CompareSpec(base *knowledge.Base, a, b *knowledge.Figure) (Spec, error) {
	if a == b {
		return Spec{}, fmt.Errorf("compare %s with itself", a.Name)
	}
	bv, err := knowledge.Convert(b.Value, b.Unit, a.Unit)
	if err != nil {
		return Spec{}, fmt.Errorf("compare %s and %s: %w", a.Name, b.Name, err)
	}
	la, lb := a.Label, b.Label
	na, nb := a.Label, b.Label // names for the note
	title := ""
	if tb := commonTable(base, a, b); tb != nil {
		title = tb.Title
		la, lb = rowOf(tb, a).Label, rowOf(tb, b).Label
		if a.AsOf != b.AsOf {
			la, lb = la+", "+a.AsOf, lb+", "+b.AsOf
		}
		na, nb = la, lb
	} else {
		la, lb = withContext(a), withContext(b)
		title = a.Label + " vs " + b.Label
	}
	if la == lb {
		la, lb = la+", "+a.AsOf, lb+", "+b.AsOf
	}
	bText := b.String()
	if a.Unit != b.Unit {
		bText = knowledge.FormatQuantity(bv, a.Unit, decimals(bv))
		if b.Qualifier != "" {
			bText = b.Qualifier + " " + bText
		}
	}
	s := Spec{Kind: KindPair, File: fileName("compare", a.Name+"-"+b.Name), Title: title, Unit: a.Unit,
		Series: []Series{{Name: "compared", Points: []Point{
			{Label: la, Value: a.Value, Text: a.String()},
			{Label: lb, Value: bv, Text: bText},
		}}}}
	s.Year = a.AsOf
	if a.AsOf != b.AsOf {
		s.Year = a.AsOf + " and " + b.AsOf
	}
	if r := a.Value / bv; bv != 0 && r > 0 {
		big, small := na, nb
		if big == small {
			big, small = big+", "+a.AsOf, small+", "+b.AsOf
		}
		if r < 1 {
			r, big, small = 1/r, small, big
		}
		// "6×", not "6.0×": the card beside the chart writes it so
		s.Note = big + " = " + strings.TrimSuffix(knowledge.FormatNumber(r, tenths(r)), ".0") + "× " + small
		switch {
		case a.Qualifier != "" && a.Qualifier != "about" || b.Qualifier != "" && b.Qualifier != "about":
			s.Note += " (from a bound)"
		case a.Qualifier != "" || b.Qualifier != "":
			s.Note += " (approximate)"
		}
	}
	s.Source, s.Facts = provenance("", []*knowledge.Figure{a, b})
	if tb := commonTable(base, a, b); tb != nil {
		// in the table's unit, as the table's other charts: 21 Mt, not 21,000,000 t
		s.Unit = tb.Unit
		pts := s.Series[0].Points
		pts[0].Value, pts[0].Text = tb.Value(a), tb.Quantity(a)
		pts[1].Value, pts[1].Text = tb.Value(b), tb.Quantity(b)
		s.Title, s.Source = trimEdition(s.Title, tb.Edition, s.Source)
	}
	return s, nil
}

// rowOf is the row of a table that has g as a cell, or nil.
func rowOf(tb *knowledge.Table, g *knowledge.Figure) *knowledge.Row {
	for _, r := range tb.Rows {
		for _, y := range tb.Years {
			if r.Cell(y) == g {
				return r
			}
		}
	}
	return nil
}

// commonTable is the table that has both figures as cells, or nil.
func commonTable(base *knowledge.Base, a, b *knowledge.Figure) *knowledge.Table {
	for _, tb := range base.Tables() {
		if rowOf(tb, a) != nil && rowOf(tb, b) != nil {
			return tb
		}
	}
	return nil
}

// withContext adds its fact's title to a short label, as the bot's /compare card does.
func withContext(g *knowledge.Figure) string {
	if len(g.Label) < 25 && g.Fact.Formula == nil {
		return g.Label + " · " + shortTitle(g.Fact.Title)
	}
	return g.Label
}

// provenance cites the sources of figures (their inputs' for computed ones) and lists their
// facts, in order. More than two sources are summed up by the edition, when there is one.
func provenance(edition string, figs []*knowledge.Figure) (string, []string) {
	var cites, facts []string
	seenS, seenF := map[*knowledge.Source]bool{}, map[string]bool{}
	for _, g := range figs {
		if !seenF[g.Fact.ID] {
			seenF[g.Fact.ID] = true
			facts = append(facts, g.Fact.ID)
		}
		for _, src := range sourcesOf(g) {
			if !seenS[src] {
				seenS[src] = true
				cites = append(cites, src.Cite())
			}
		}
	}
	if len(cites) > 2 && edition != "" {
		return edition, facts
	}
	return strings.Join(cites, "; "), facts
}

func sourcesOf(g *knowledge.Figure) []*knowledge.Source {
	if g.Source != nil {
		return []*knowledge.Source{g.Source}
	}
	return g.Fact.Sources()
}

// plural makes a row kind plural: country gives countries, oxide oxides.
func plural(noun string) string {
	if n := len(noun); n > 1 && noun[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[n-2])) {
		return noun[:n-1] + "ies"
	}
	return noun + "s"
}

// fileName makes a stable attachment name from an id: "stats-usgs-reserves.png".
func fileName(prefix, id string) string {
	var b strings.Builder
	b.WriteString(prefix + "-")
	dash := false
	for _, r := range strings.ToLower(id) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-") + ".png"
}
