package answer

import (
	"math"
	"slices"
	"strings"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// column is what a table answer works on: the reading, its table and the year it asks about.
func (a *Answer) column() (*Reading, *knowledge.Table, int, bool) {
	y, ok := a.Reading.year()
	return a.Reading, a.Reading.Table, y, ok
}

// year picks the column a reading asks about: the year named, else the latest year in which
// every named row has a figure.
func (r *Reading) year() (int, bool) {
	t := r.Table
	if len(r.Years) > 0 {
		return r.Years[len(r.Years)-1], true
	}
	for i := len(t.Years) - 1; i >= 0; i-- {
		y := t.Years[i]
		ok := true
		for _, row := range r.Rows {
			ok = ok && row.Cell(y) != nil
		}
		if ok {
			return y, true
		}
	}
	return 0, false
}

func value(a *Answer) bool {
	r, t, y, ok := a.column()
	if !ok {
		return false
	}
	var g *knowledge.Figure
	label := ""
	if len(r.Rows) > 0 {
		g, label = r.Rows[0].Cell(y), r.Rows[0].Label
	} else {
		g = t.Total(y)
		if g != nil {
			label = g.Label
		}
	}
	if g == nil {
		return false
	}
	a.Passage = passage(a, g.Fact)
	a.Direct = sayValue(a.Lang, a.Result.Base, t, label, y, g)
	return true
}

func superlative(a *Answer) bool {
	r := a.Reading
	t := r.Table
	if r.OverYears {
		return bestYear(a)
	}
	if r.Direction != 0 {
		return largestChange(a)
	}
	if r.Top > 1 {
		return top(a)
	}
	y, ok := r.year()
	if !ok {
		return false
	}
	ranked := r.ranked(a.Result.Base, y)
	nth := r.placeAfter(ranked)
	if nth > len(ranked) || len(ranked) == 0 {
		return false
	}
	i := nth - 1
	if r.Least {
		i = len(ranked) - nth
	}
	row := ranked[i]
	g := row.Cell(y)
	a.Passage = passage(a, g.Fact)
	var shareOf *knowledge.Figure
	if total := t.Total(y); total != nil && nth == 1 && !r.Least {
		shareOf = total
		a.Working = working(t, divide(t, g, total, "%"), g, total)
	}
	a.Direct = saySuperlative(a.Lang, a.Result.Base, t, row, y, g, nth, r.Least, shareOf, r.scope(a.Lang, a.Result.Base))
	a.Related = neighbours(ranked, i, y, r.Least)
	return true
}

// placeAfter is the place a superlative asks for, counted from the top (from the bottom for
// the least): its ordinal, or the place after the rows it ranks after, whichever is lower.
// "The second largest after China" is second when China is first; "the largest after
// Brazil" is the one after Brazil's place.
func (r *Reading) placeAfter(ranked []*knowledge.Row) int {
	nth := r.Nth
	for _, row := range r.ranksAfter {
		for k, o := range ranked {
			place := k + 1
			if r.Least {
				place = len(ranked) - k
			}
			if o == row && place+1 > nth {
				nth = place + 1
			}
		}
	}
	return nth
}

// neighbours are the rows that follow the one answered in a ranking (or precede it, from the
// bottom): after the largest producer, the next ones are what a reader wants to see.
func neighbours(ranked []*knowledge.Row, at, y int, least bool) []Related {
	var out []Related
	for k := 1; len(out) < 3; k++ {
		i := at + k
		if least {
			i = at - k
		}
		if i < 0 || i >= len(ranked) {
			break
		}
		g := ranked[i].Cell(y)
		out = append(out, Related{Fact: g.Fact, Figure: g})
	}
	return out
}

// top lists the first rows of a year: "top 3 producers".
func top(a *Answer) bool {
	r, t, y, ok := a.column()
	if !ok {
		return false
	}
	ranked := r.ranked(a.Result.Base, y)
	if len(ranked) == 0 {
		return false
	}
	if r.Least {
		for i, j := 0, len(ranked)-1; i < j; i, j = i+1, j-1 {
			ranked[i], ranked[j] = ranked[j], ranked[i]
		}
	}
	ranked = ranked[:min(r.Top, len(ranked))]
	a.Passage = passage(a, ranked[0].Cell(y).Fact)
	a.Direct = sayTop(a.Lang, a.Result.Base, t, y, ranked, r.Least, r.scope(a.Lang, a.Result.Base))
	return true
}

// largestChange finds the row whose figure rose or fell most between two years.
func largestChange(a *Answer) bool {
	r := a.Reading
	t := r.Table
	from, to, ok := r.changeYears()
	if !ok {
		return false
	}
	lx := lexiconFor(a.Result.Base)
	var best *knowledge.Row
	bestD := 0.0
	for _, row := range t.Rows {
		x, z := row.Cell(from), row.Cell(to)
		if x == nil || z == nil || !r.keep(lx, row) || t.Value(x) == 0 {
			continue
		}
		d := (t.Value(z) - t.Value(x)) * float64(r.Direction)
		if r.Relative {
			d = (t.Value(z)/t.Value(x) - 1) * float64(r.Direction)
		}
		if d <= 0 {
			continue
		}
		if r.Least {
			// the smallest rise (or fall) of those that rose (or fell)
			d = -d
		}
		if best == nil || d > bestD {
			best, bestD = row, d
		}
	}
	if best == nil {
		return false
	}
	x, z := best.Cell(from), best.Cell(to)
	pct := t.Value(z)/t.Value(x)*100 - 100
	a.Working = &Working{Equation: t.Quantity(z) + " ÷ " + t.Quantity(x) + " − 1 = " + signed(pct, "%"), Inputs: []*knowledge.Figure{x, z}, Sources: sourcesOf(x, z), Table: t}
	a.Passage = passage(a, z.Fact, x, z)
	a.Direct = sayLargestChange(a.Lang, a.Result.Base, t, best.Label, from, to, x, z, pct, r.Direction, r.Least, r.Relative, r.scope(a.Lang, a.Result.Base))
	return true
}

// changeYears are the two years a change is asked between: those named, the one named and
// the one before or the latest, or the last two.
func (r *Reading) changeYears() (from, to int, ok bool) {
	t := r.Table
	switch {
	case len(r.Years) >= 2:
		from, to = r.Years[0], r.Years[len(r.Years)-1]
		if from > to {
			from, to = to, from
		}
	case len(r.Years) == 1 && r.cues[cueSince]:
		from, to = r.Years[0], t.Latest()
	case len(r.Years) == 1:
		to = r.Years[0]
		for _, y := range t.Years {
			if y < to {
				from = y
			}
		}
	default:
		if len(t.Years) < 2 {
			return 0, 0, false
		}
		from, to = t.Years[len(t.Years)-2], t.Latest()
	}
	return from, to, from != 0 && from != to
}

func rank(a *Answer) bool {
	r, t, y, ok := a.column()
	if !ok {
		return false
	}
	row := r.Rows[0]
	g := row.Cell(y)
	if g == nil {
		return false
	}
	ranked := r.ranked(a.Result.Base, y)
	if !containsRow(ranked, row) {
		return false
	}
	// Equal values share the better rank.
	pos := 1
	for _, o := range ranked {
		if t.Value(o.Cell(y)) > t.Value(g) {
			pos++
		}
	}
	var tied []string
	for _, o := range ranked {
		if o != row && t.Value(o.Cell(y)) == t.Value(g) {
			tied = append(tied, o.Label)
		}
	}
	a.Passage = passage(a, g.Fact)
	a.Direct = sayRank(a.Lang, a.Result.Base, t, row, y, g, pos, len(ranked), tied, r.scope(a.Lang, a.Result.Base))
	if r.Question && (r.Nth > 0 || r.cues[cueMost] || r.cues[cueLeast]) {
		want := max(r.Nth, 1)
		if r.Least {
			want = len(ranked) - want + 1
		}
		a.Direct = append(Sentence{{Text: yesNoWord(a.Lang, pos == want)}}, a.Direct...)
	}
	return true
}

func yesNoWord(lang string, yes bool) string {
	switch {
	case turkish(lang) && yes:
		return "Evet: "
	case turkish(lang):
		return "Hayır: "
	case yes:
		return "Yes: "
	}
	return "No: "
}

func compare(a *Answer) bool {
	r := a.Reading
	t := r.Table
	if r.per != nil {
		return perRatio(a)
	}
	y, ok := r.year()
	if !ok {
		return false
	}
	var x, z *knowledge.Figure
	var xl, zl string
	if len(r.Rows) >= 2 {
		x, z = r.Rows[0].Cell(y), r.Rows[1].Cell(y)
		xl, zl = r.Rows[0].Label, r.Rows[1].Label
	} else if len(r.Rows) == 1 && t.Total(y) != nil {
		x, z = r.Rows[0].Cell(y), t.Total(y)
		xl, zl = r.Rows[0].Label, t.Total(y).Label
	}
	if x == nil || z == nil || t.Value(z) == 0 {
		return false
	}
	ratio := divide(t, x, z, "x")
	if len(r.Rows) >= 2 && t.Value(x) < t.Value(z) && t.Value(x) > 0 {
		// the answer says how many times the larger is the smaller: so does its working
		ratio = divide(t, z, x, "x")
	}
	a.Working = working(t, ratio, x, z)
	a.Passage = passage(a, x.Fact, x, z)
	a.Direct = sayCompare(a.Lang, a.Result.Base, t, xl, zl, y, x, z, r.Question, r.lower)
	return true
}

func change(a *Answer) bool {
	r := a.Reading
	t := r.Table
	from, to, ok := r.changeYears()
	if !ok {
		return false
	}
	var x, z *knowledge.Figure
	label := ""
	if len(r.Rows) > 0 {
		x, z, label = r.Rows[0].Cell(from), r.Rows[0].Cell(to), r.Rows[0].Label
	} else {
		x, z = t.Total(from), t.Total(to)
		if z != nil {
			label = z.Label
		}
	}
	if x == nil || z == nil || t.Value(x) == 0 {
		return false
	}
	pct := t.Value(z)/t.Value(x)*100 - 100
	eq := knowledgeQuantity(t, z) + " ÷ " + knowledgeQuantity(t, x) + " − 1 = " + signed(pct, "%")
	a.Working = &Working{Equation: eq, Inputs: []*knowledge.Figure{x, z}, Sources: sourcesOf(x, z), Table: t}
	a.Passage = passage(a, z.Fact, x, z)
	a.Direct = sayChange(a.Lang, a.Result.Base, t, label, from, to, x, z, pct)
	return true
}

func share(a *Answer) bool {
	r, t, y, ok := a.column()
	if !ok {
		return false
	}
	var whole *knowledge.Row
	rows := r.Rows
	if len(rows) == 2 && !r.cues[cueSum] {
		// "Brazil's reserves as a share of China's": the other row is the whole
		if w := r.shareOfRow(); w >= 0 {
			rows, whole = rows[1-w:2-w], rows[w]
		}
	}
	if len(rows) != 1 {
		return sum(a)
	}
	part := rows[0]
	g := part.Cell(y)
	total := t.Total(y)
	if whole != nil {
		total = whole.Cell(y)
	}
	if g == nil || total == nil || t.Value(total) == 0 {
		return false
	}
	a.Working = working(t, divide(t, g, total, "%"), g, total)
	a.Passage = passage(a, g.Fact, g, total)
	of := ""
	if whole != nil {
		of = whole.Label
	}
	a.Direct = sayShare(a.Lang, a.Result.Base, t, part.Label, of, y, g, total)
	return true
}

// shareOfRow is the index among two rows of the one a share is asked of: named right after
// "share of" ("what share of China's reserves", "what share of the Chinese reserves"); -1 when
// neither is.
func (r *Reading) shareOfRow() int {
	for _, m := range r.named {
		k := m.start - 1
		if k >= 0 && r.words[k].fold == "the" {
			k--
		}
		if k < 1 || r.words[k].fold != "of" {
			continue
		}
		if c := cueWords[r.words[k-1].fold]; c != cueShare && c != cuePercent {
			continue
		}
		for i, row := range r.Rows {
			if row.Label == m.name || slices.Contains(row.Names, m.name) {
				return i
			}
		}
	}
	return -1
}

// quotient is a ratio of two figures of a table, as a percentage or a multiple.
type quotient struct {
	value float64
	unit  string // "%" or "x"
	x, z  *knowledge.Figure
	t     *knowledge.Table
}

func divide(t *knowledge.Table, x, z *knowledge.Figure, unit string) quotient {
	v := t.Value(x) / t.Value(z)
	if unit == "%" {
		v *= 100
	}
	return quotient{v, unit, x, z, t}
}

func (q quotient) String() string {
	if q.unit == "%" {
		return shareText(q.t, q.x, q.z)
	}
	return knowledge.FormatQuantity(q.value, "x", ratioDecimals(q.value))
}

func ratioDecimals(v float64) int {
	if v >= 100 {
		return 0
	}
	return 1
}

func working(t *knowledge.Table, q quotient, inputs ...*knowledge.Figure) *Working {
	return &Working{
		Equation: knowledgeQuantity(t, q.x) + " ÷ " + knowledgeQuantity(t, q.z) + " = " + q.String(),
		Inputs:   inputs, Sources: sourcesOf(inputs...), Table: t,
	}
}

// knowledgeQuantity writes a figure in the table's unit, qualifier included.
func knowledgeQuantity(t *knowledge.Table, g *knowledge.Figure) string { return t.Quantity(g) }

func sourcesOf(figs ...*knowledge.Figure) []*knowledge.Source {
	var out []*knowledge.Source
	seen := map[*knowledge.Source]bool{}
	for _, g := range figs {
		for _, s := range append([]*knowledge.Source{g.Source}, g.Fact.Sources()...) {
			if s != nil && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

func signed(v float64, unit string) string {
	s := knowledge.FormatQuantity(math.Abs(v), unit, 1)
	if v < 0 {
		return "−" + s
	}
	return "+" + s
}

// passage is the passage shown under a table answer: a stored computed figure made from the
// same inputs when there is one (it explains itself), else the fact of the answer's figure.
func passage(a *Answer, f *knowledge.Fact, inputs ...*knowledge.Figure) *index.Hit {
	if len(inputs) >= 2 {
		if c := computedFrom(a.Result.Base, inputs); c != nil {
			a.Working = nil
			return hitFor(a.Result, c)
		}
	}
	return hitFor(a.Result, f)
}

// computedFrom finds a computed figure whose formula uses exactly the given figures.
func computedFrom(b *knowledge.Base, inputs []*knowledge.Figure) *knowledge.Fact {
	return lexiconFor(b).computed[inputsKey(inputs)]
}

// ranked are the rows of a year's column that take part, largest first.
func (r *Reading) ranked(b *knowledge.Base, y int) []*knowledge.Row {
	lx := lexiconFor(b)
	var out []*knowledge.Row
	for _, row := range r.Table.Ranked(y) {
		if r.keep(lx, row) {
			out = append(out, row)
		}
	}
	return out
}

// yearIn is the year a reading asks of a table: the last year named that the table has, else
// the latest in which the row has a figure.
func (r *Reading) yearIn(t *knowledge.Table, row *knowledge.Row) int {
	for i := len(r.Years) - 1; i >= 0; i-- {
		if t.HasYear(r.Years[i]) && row.Cell(r.Years[i]) != nil {
			return r.Years[i]
		}
	}
	for i := len(t.Years) - 1; i >= 0; i-- {
		if row.Cell(t.Years[i]) != nil {
			return t.Years[i]
		}
	}
	return 0
}

// perRatio divides a row's figure in one table by its figure in another: reserves by mine
// production give the years the reserves last at that rate.
func perRatio(a *Answer) bool {
	r := a.Reading
	num, den := r.Table, r.per
	row := r.Rows[0]
	drow, ok := den.Row(row.Label)
	if !ok {
		return false
	}
	yn, yd := r.yearIn(num, row), r.yearIn(den, drow)
	if yn == 0 || yd == 0 {
		return false
	}
	x, z := row.Cell(yn), drow.Cell(yd)
	xv, err := knowledge.Convert(num.Value(x), num.Unit, den.Unit)
	if err != nil || den.Value(z) == 0 {
		return false
	}
	v := xv / den.Value(z)
	years := r.cues[cueLast] || r.asksYears()
	res := knowledge.FormatQuantity(v, "x", ratioDecimals(v))
	if years {
		res = knowledge.FormatQuantity(v, "yr", ratioDecimals(v))
	}
	a.Working = &Working{
		Equation: num.Quantity(x) + " ÷ " + den.Quantity(z) + " = " + res,
		Inputs:   []*knowledge.Figure{x, z}, Sources: sourcesOf(x, z),
	}
	a.Passage = passage(a, x.Fact, x, z)
	a.Direct = sayPerRatio(a.Lang, a.Result.Base, num, den, row.Label, yn, yd, x, z, res, years)
	return true
}

// asksYears reports whether a question asks for a number of years.
func (r *Reading) asksYears() bool {
	for i, w := range r.words {
		if (w.fold == "years" || w.fold == "yil") && i > 0 && (r.words[i-1].fold == "many" || r.words[i-1].fold == "kac") {
			return true
		}
	}
	return false
}

// sum adds up the rows named, and gives their share of the total when asked or known.
func sum(a *Answer) bool {
	r, t, y, ok := a.column()
	if !ok {
		return false
	}
	if len(r.Rows) == 0 {
		return rest(a, t, y)
	}
	var cells []*knowledge.Figure
	var labels, parts []string
	v := 0.0
	for _, row := range r.Rows {
		g := row.Cell(y)
		if g == nil {
			return false
		}
		cells = append(cells, g)
		labels = append(labels, row.Label)
		parts = append(parts, t.Quantity(g))
		v += t.Value(g)
	}
	eq := strings.Join(parts, " + ") + " = " + t.Format(v)
	var pct string
	if total := t.Total(y); total != nil && t.Value(total) > 0 {
		pct = knowledge.FormatQuantity(v/t.Value(total)*100, "%", 1)
		if total.Qualifier == "more than" || total.Qualifier == "at least" {
			pct = "less than " + pct
		}
		if r.Kind == KindShare {
			eq += "; " + t.Format(v) + " ÷ " + t.Quantity(total) + " = " + pct
		}
		cells = append(cells, total)
	}
	a.Working = &Working{Equation: eq, Inputs: cells, Sources: sourcesOf(cells...), Table: t}
	a.Passage = passage(a, cells[0].Fact, cells...)
	a.Direct = saySum(a.Lang, a.Result.Base, t, labels, y, t.Format(v), pct)
	return true
}

// rest is the table's total less the rows a question leaves out: "mined outside China".
func rest(a *Answer, t *knowledge.Table, y int) bool {
	r := a.Reading
	total := t.Total(y)
	if total == nil || len(r.excluded) == 0 {
		return false
	}
	cells := []*knowledge.Figure{total}
	parts := []string{t.Quantity(total)}
	v := t.Value(total)
	for _, row := range r.excluded {
		g := row.Cell(y)
		if g == nil {
			return false
		}
		cells = append(cells, g)
		parts = append(parts, t.Quantity(g))
		v -= t.Value(g)
	}
	result := t.Format(v)
	pct := knowledge.FormatQuantity(v/t.Value(total)*100, "%", 1)
	if total.Qualifier == "more than" || total.Qualifier == "at least" {
		// "more than 90 Mt" less 44 Mt is more than 46 Mt, of a world total not known exactly
		result, pct = total.Qualifier+" "+result, ""
	}
	eq := strings.Join(parts, " − ") + " = " + result
	if r.Kind == KindShare && pct != "" {
		// the share asked is the rest's part of the whole: (world − China) ÷ world
		eq += "; " + t.Format(v) + " ÷ " + t.Quantity(total) + " = " + pct
	}
	a.Working = &Working{Equation: eq, Inputs: cells, Sources: sourcesOf(cells...), Table: t}
	// not passage(): a stored figure of the same inputs is a share, not this difference
	a.Passage = hitFor(a.Result, total.Fact)
	a.Direct = sayRest(a.Lang, t, r.scope(a.Lang, a.Result.Base), y, result, pct, eq)
	return true
}

// bestYear finds the year in which a row's figure was highest (or lowest), between the years
// named or over all the table's years.
func bestYear(a *Answer) bool {
	r := a.Reading
	t := r.Table
	row := r.Rows[0]
	from, to := t.Years[0], t.Latest()
	if len(r.Years) >= 2 {
		from, to = min(r.Years[0], r.Years[len(r.Years)-1]), max(r.Years[0], r.Years[len(r.Years)-1])
	}
	var best *knowledge.Figure
	year, n := 0, 0
	for _, y := range t.Years {
		g := row.Cell(y)
		if y < from || y > to || g == nil {
			continue
		}
		n++
		if best == nil || r.Least && t.Value(g) < t.Value(best) || !r.Least && t.Value(g) > t.Value(best) {
			best, year = g, y
		}
	}
	if n < 2 {
		return false
	}
	a.Passage = passage(a, best.Fact)
	a.Direct = sayBestYear(a.Lang, a.Result.Base, t, row.Label, year, best, from, to, r.Least)
	return true
}

// rowPart answers for a part of a row's figure that the table does not know and the row's
// passage states: "What fraction of Australia's reserves is JORC-compliant?" is 3.3 Mt of the
// 5.7 Mt, a share of two figures of one passage; "How much of Australia's reserves is
// JORC-compliant?" is the 3.3 Mt. False when the passage states no such part.
func rowPart(a *Answer, res *index.Result, n int) bool {
	r := a.Reading
	y, ok := r.year()
	if !ok {
		return false
	}
	cell := r.Rows[0].Cell(y)
	if cell == nil {
		return false
	}
	part := qualifiedPart(lexiconFor(res.Base), cell, a.Question)
	if part == nil {
		return false
	}
	h := hitFor(res, cell.Fact)
	if r.Kind == KindShare {
		passageShare(a, res, h, part, cell, n)
		return true
	}
	a.Passage = h
	a.Direct = sayLookup(a.Lang, res.Base, cell.Fact, part, unitsAsked(a.Question))
	a.Related = related(res, h, n-1)
	return true
}

// qualifiedPart is a figure of a cell's passage, of its year and a unit it converts to, whose
// label is the cell's and more words, each a word of the question: "Australia,
// JORC-compliant" of "Australia". nil when there is none.
func qualifiedPart(lx *lexicon, cell *knowledge.Figure, q string) *knowledge.Figure {
	others := false
	for _, g := range cell.Fact.Figures {
		others = others || g != cell && strings.Contains(g.Label, cell.Label)
	}
	if !others {
		return nil
	}
	asked := lx.asked(q)
	base := map[string]bool{}
	for _, c := range lx.labelConcepts(cell.Label) {
		base[c] = true
	}
	for _, g := range cell.Fact.Figures {
		if g == cell || figureYear(g)[:min(4, len(g.AsOf))] != figureYear(cell)[:min(4, len(cell.AsOf))] {
			continue
		}
		if _, err := knowledge.Convert(g.Value, g.Unit, cell.Unit); err != nil {
			continue
		}
		have, extra, foreign := map[string]bool{}, 0, false
		for _, c := range lx.labelConcepts(g.Label) {
			switch {
			case base[c]:
				have[c] = true
			case subjectStops[c] || len(c) <= 2 && !strings.HasPrefix(c, "="):
			case asked.concepts[c]:
				extra++
			default:
				foreign = true
			}
		}
		if len(have) == len(base) && extra > 0 && !foreign {
			return g
		}
	}
	return nil
}
