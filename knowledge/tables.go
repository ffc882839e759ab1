package knowledge

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Table is a curator's declaration that some series of figures form a table: rows (countries,
// oxides) by year, in one unit, from one edition. Questions that rank, compare, total or
// follow a figure over the years are answered from tables, so a curator who declares one
// extends what the bot understands without a code change.
type Table struct {
	ID, Title string
	Topic     string
	// Words are what a question may say for what the table measures: mine, mined, output.
	Words []string
	// RowKind is what one row is, as a singular noun: "country", "oxide".
	RowKind string
	// Unit is the unit cells are compared and shown in; Value converts a cell to it.
	Unit string
	// Edition names where the figures come from, as answers cite it: "USGS MCS 2025".
	Edition string
	// Turkish says what the table measures in Turkish, or is "".
	Turkish string
	Years   []int  // the columns, oldest first
	Rows    []*Row // in the order the fact files give them
	File    string
	Line    int

	totals, rests map[int]*Figure
	scale         float64  // the table unit's scale
	cellUnits     []string // the units its figures are given in
}

// Row is one row of a table: a country, an oxide.
type Row struct {
	Label string
	// Names are the ways a question may name the row: its label, the parts of a label such
	// as "Burma (Myanmar)", and the symbols of the elements its facts concern.
	Names []string
	cells map[int]*Figure
}

// Cell returns the figure of a row in a year's column, or nil when the table has none.
func (r *Row) Cell(year int) *Figure { return r.cells[year] }

// Tables returns every table the topic files declare, in file order.
func (b *Base) Tables() []*Table { return b.tables }

// Table returns the table with the given id.
func (b *Base) Table(id string) (*Table, bool) {
	for _, t := range b.tables {
		if t.ID == id {
			return t, true
		}
	}
	return nil, false
}

// Latest is the most recent year the table has a column for.
func (t *Table) Latest() int { return t.Years[len(t.Years)-1] }

// HasYear reports whether the table has a column for year.
func (t *Table) HasYear(year int) bool {
	for _, y := range t.Years {
		if y == year {
			return true
		}
	}
	return false
}

// Total is the figure that totals a year's column (the world), or nil.
func (t *Table) Total(year int) *Figure { return t.totals[year] }

// Rest is the figure for what a year's column does not list (other countries), or nil.
func (t *Table) Rest(year int) *Figure { return t.rests[year] }

// Value is a figure's value in the table's unit.
func (t *Table) Value(g *Figure) float64 {
	u, _ := LookupUnit(g.Unit)
	return g.Value * u.Scale / t.scale
}

// Ranked returns the rows that have a figure in a year's column, largest first; rows with
// equal values keep their order in the fact files.
func (t *Table) Ranked(year int) []*Row {
	var out []*Row
	for _, r := range t.Rows {
		if r.cells[year] != nil {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return t.Value(out[i].cells[year]) > t.Value(out[j].cells[year])
	})
	return out
}

// Row finds a row by one of its names, ignoring case.
func (t *Table) Row(name string) (*Row, bool) {
	for _, r := range t.Rows {
		for _, n := range r.Names {
			if strings.EqualFold(n, name) {
				return r, true
			}
		}
	}
	return nil, false
}

// Format writes a value given in the table's unit as a reader expects it: "44 Mt", "6.9 Mt",
// and a value too small for the unit in a smaller one of the same kind ("4,500 t", not
// "0.00 Mt").
func (t *Table) Format(v float64) string {
	unit := t.Unit
	if a := math.Abs(v); a > 0 && a < 0.01 {
		best := 0.0
		for _, sym := range t.cellUnits {
			u := units[sym]
			if u.Scale < t.scale && math.Abs(v*t.scale/u.Scale) >= 1 && u.Scale > best {
				best, unit = u.Scale, sym
			}
		}
		if best > 0 {
			v = v * t.scale / best
		}
	}
	return FormatQuantity(v, unit, decimalsOf(v))
}

// Quantity writes a figure of the table in the table's unit.
func (t *Table) Quantity(g *Figure) string {
	s := t.Format(t.Value(g))
	if g.Qualifier != "" {
		s = g.Qualifier + " " + s
	}
	return s
}

// decimalsOf picks how many decimals show a value: none for large numbers, up to two for
// small ones, never trailing zeros.
func decimalsOf(v float64) int {
	a := math.Abs(v)
	for d := 0; d < 2; d++ {
		if a >= 100/math.Pow(10, float64(d)) || math.Abs(v*math.Pow(10, float64(d))-math.Round(v*math.Pow(10, float64(d)))) < 1e-9 {
			return d
		}
	}
	return 2
}

type rawTable struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Words   []string `json:"words"`
	Rows    string   `json:"rows"`
	Unit    string   `json:"unit"`
	Edition string   `json:"edition"`
	Turkish string   `json:"turkish,omitempty"`
	Columns []struct {
		Year   int    `json:"year"`
		Series string `json:"series"`
		Total  string `json:"total,omitempty"`
		Rest   string `json:"rest,omitempty"`
	} `json:"columns,omitempty"`
	ByRow []struct {
		Series string `json:"series"`
		Label  string `json:"label"`
	} `json:"by_row,omitempty"`
}

// pendingTable is a table declaration waiting until every figure is known.
type pendingTable struct {
	raw   rawTable
	topic string
	file  *yamlFile
	at    []string
}

// tables checks the declarations against the figures and builds the tables.
func (l *loader) tables(b *Base, pending []*pendingTable) {
	seen := map[string]*Table{}
	for _, p := range pending {
		t := l.table(b, p)
		if t == nil {
			continue
		}
		if prev, dup := seen[t.ID]; dup {
			l.problem(t.File, t.Line, field(append(p.at, "id")), "table id %q is already used at %s:%d", t.ID, prev.File, prev.Line)
			continue
		}
		seen[t.ID] = t
		b.tables = append(b.tables, t)
	}
}

func (l *loader) table(b *Base, p *pendingTable) *Table {
	r, f := p.raw, p.file
	u, _ := LookupUnit(r.Unit)
	t := &Table{
		ID: r.ID, Title: r.Title, Topic: p.topic, Words: r.Words, RowKind: r.Rows, Unit: r.Unit,
		Edition: r.Edition, Turkish: r.Turkish, File: f.name, Line: f.line(p.at...),
		totals: map[int]*Figure{}, rests: map[int]*Figure{}, scale: u.Scale,
	}
	ok := true
	bad := func(at []string, format string, args ...any) {
		full := append(append([]string{}, p.at...), at...)
		l.problem(f.name, f.line(full...), field(full), format, args...)
		ok = false
	}
	switch {
	case len(r.Columns) == 0 && len(r.ByRow) == 0:
		bad(nil, "give columns (a series per year) or by_row (a series per row)")
		return nil
	case len(r.Columns) > 0 && len(r.ByRow) > 0:
		bad([]string{"by_row"}, "give columns or by_row, not both")
		return nil
	}
	// fits checks that a figure can be shown in the table's unit.
	fits := func(at []string, g *Figure) bool {
		gu, _ := LookupUnit(g.Unit)
		if gu.Dim != u.Dim {
			bad(at, "figure %s is in %s, which cannot be shown in the table's unit %s", g.Name, g.Unit, r.Unit)
			return false
		}
		return true
	}
	rows := map[string]*Row{}
	row := func(label string) *Row {
		if rw, ok := rows[label]; ok {
			return rw
		}
		rw := &Row{Label: label, cells: map[int]*Figure{}}
		rows[label] = rw
		t.Rows = append(t.Rows, rw)
		return rw
	}
	years := map[int]bool{}
	for i, c := range r.Columns {
		at := []string{"columns", strconv.Itoa(i)}
		if years[c.Year] {
			bad(append(at, "year"), "year %d has two columns", c.Year)
			continue
		}
		years[c.Year] = true
		list := b.series[c.Series]
		if len(list) == 0 {
			if !l.broken[c.Series] {
				bad(append(at, "series"), "series %q has no figures", c.Series)
			}
			continue
		}
		for _, g := range list {
			if !fits(append(at, "series"), g) {
				break
			}
			rw := row(g.Label)
			if prev := rw.cells[c.Year]; prev != nil {
				bad(append(at, "series"), "figures %s and %s are both labelled %q; a row needs one figure per year", prev.Name, g.Name, g.Label)
				continue
			}
			rw.cells[c.Year] = g
		}
		for _, x := range []struct {
			key, name string
			to        map[int]*Figure
		}{{"total", c.Total, t.totals}, {"rest", c.Rest, t.rests}} {
			if x.name == "" {
				continue
			}
			key := x.key
			g, found := b.figures[x.name]
			switch {
			case !found && !l.broken[x.name]:
				bad(append(at, key), "figure %q does not exist", x.name)
			case found && g.Series == c.Series:
				bad(append(at, key), "figure %s is a row of series %s; a %s is not a row", x.name, c.Series, key)
			case found && fits(append(at, key), g):
				x.to[c.Year] = g
			}
		}
	}
	for i, br := range r.ByRow {
		at := []string{"by_row", strconv.Itoa(i)}
		list := b.series[br.Series]
		if len(list) == 0 {
			if !l.broken[br.Series] {
				bad(append(at, "series"), "series %q has no figures", br.Series)
			}
			continue
		}
		if _, dup := rows[br.Label]; dup {
			bad(append(at, "label"), "label %q is used by two rows", br.Label)
			continue
		}
		rw := row(br.Label)
		for _, g := range list {
			if !fits(append(at, "series"), g) {
				break
			}
			y, err := strconv.Atoi(g.AsOf[:min(4, len(g.AsOf))])
			if err != nil {
				continue
			}
			if prev := rw.cells[y]; prev != nil {
				bad(append(at, "series"), "figures %s and %s are both for %d; a row needs one figure per year", prev.Name, g.Name, y)
				continue
			}
			rw.cells[y] = g
			years[y] = true
		}
	}
	if !ok || len(t.Rows) == 0 {
		return nil
	}
	for y := range years {
		t.Years = append(t.Years, y)
	}
	sort.Ints(t.Years)
	seenUnit := map[string]bool{}
	for _, rw := range t.Rows {
		rw.Names = rowNames(rw)
		for _, g := range rw.cells {
			if !seenUnit[g.Unit] {
				seenUnit[g.Unit] = true
				t.cellUnits = append(t.cellUnits, g.Unit)
			}
		}
	}
	sort.Strings(t.cellUnits)
	return t
}

// rowNames lists the ways to name a row: "Burma (Myanmar)" gives itself, Burma and Myanmar;
// a row whose facts concern elements adds their symbols.
func rowNames(r *Row) []string {
	names := []string{r.Label}
	add := func(s string) {
		s = strings.TrimSpace(s)
		for _, n := range names {
			if n == s {
				return
			}
		}
		if s != "" {
			names = append(names, s)
		}
	}
	if i := strings.Index(r.Label, " ("); i > 0 && strings.HasSuffix(r.Label, ")") {
		add(r.Label[:i])
		add(r.Label[i+2 : len(r.Label)-1])
	}
	years := make([]int, 0, len(r.cells))
	for y := range r.cells {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		for _, e := range r.cells[y].Fact.Elements {
			add(e)
		}
	}
	return names
}
