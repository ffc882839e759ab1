// Package knowledge is the domain of REE Desk: curated facts about rare earth elements, their
// figures and sources, the figures computed from them, and the validation of the fact files.
package knowledge

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

//go:embed data
var embedded embed.FS

// Embedded returns the knowledge base built into the binary. It is read once: a Base is never
// modified, and the built-in files never change.
func Embedded() (*Base, error) { return embeddedBase() }

var embeddedBase = sync.OnceValues(func() (*Base, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, err
	}
	return Load(sub, "")
})

// KindComputed is the kind of a fact that holds one computed figure.
const KindComputed = "computed"

// Base is a loaded and validated knowledge base. It is never modified after Load returns, so
// it may be shared between goroutines.
type Base struct {
	Topics   []*Topic
	Facts    []*Fact // stated facts first, in file order, then computed figures
	Sources  map[string]*Source
	Synonyms [][]string
	// Turkish is the Turkish glossary: each entry is an English word or phrase of the
	// knowledge base followed by the Turkish words for it.
	Turkish [][]string
	// Version is a short content hash of every file, so two processes can tell whether they
	// serve the same knowledge.
	Version string

	facts   map[string]*Fact
	figures map[string]*Figure
	series  map[string][]*Figure
	measure map[string][]*Figure
	tables  []*Table
}

// Topic is one fact file.
type Topic struct {
	ID, Title, Summary string
	Card               []string // figure names for the quick-stats card
	File               string
}

// Source is a publication that facts cite.
type Source struct {
	ID, Publisher, Title, Date, URL, Note string
}

// Cite returns "Publisher, Title (Date)".
func (s *Source) Cite() string {
	return s.Publisher + ", " + s.Title + " (" + s.Date + ")"
}

// Fact is one passage of the knowledge base: a stated fact with its figures, or a computed
// figure with its formula (Kind == KindComputed).
type Fact struct {
	ID, Kind, Title, Text string
	Topic                 string
	Figures               []*Figure
	Source                *Source // nil for computed figures: their sources are their inputs'
	Tags, Elements        []string
	Places, Orgs, People  []string
	Quote                 *Quote
	Element               *Element
	Formula               *Formula
	// ValidUntil is the last day the fact holds as stated, and ReviewBy when a curator
	// should check it again (YYYY, YYYY-MM or YYYY-MM-DD; "" for neither).
	ValidUntil, ReviewBy string
	// Digest changes when anything a reader sees of the fact changes.
	Digest string
	File   string
	Line   int
}

// Quote says who made a statement that a quote fact reports.
type Quote struct {
	By, Role, Said, Context string
}

// Element describes one of the 17 rare earth elements.
type Element struct {
	Symbol string
	Number int
	Class  string
	Uses   []string
}

// Formula is how a computed figure is derived.
type Formula struct {
	Expr     string
	Decimals int
	Inputs   []*Figure // figures the formula names, in order of first use
	Series   []string  // series the formula names
	eq       string
}

// Equation shows the formula with its inputs' values, and the result:
// "12.5 Mt ÷ 694 Mt = 1.80 %".
func (f *Formula) Equation() string { return f.eq }

// Figure is a named value with its unit, date and source.
type Figure struct {
	Name, Label string
	Value       float64
	Unit        string
	Qualifier   string
	AsOf        string
	Measure     string
	Series      string
	Note        string
	Source      *Source // nil for computed figures
	Fact        *Fact   // the fact that states or computes it
	decimals    int
}

// String writes the figure as a reader expects it, qualifier included: "about 12.5 Mt".
func (g *Figure) String() string {
	s := g.Quantity()
	if g.Qualifier != "" {
		s = g.Qualifier + " " + s
	}
	return s
}

// Quantity writes the value and unit without a qualifier.
func (g *Figure) Quantity() string {
	return FormatQuantity(g.Value, g.Unit, g.decimals)
}

// Sources lists the distinct sources behind a fact: its own and its figures', or for a
// computed figure those of its inputs.
func (f *Fact) Sources() []*Source {
	var out []*Source
	seen := map[*Source]bool{}
	add := func(s *Source) {
		if s != nil && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(f.Source)
	for _, g := range f.Figures {
		add(g.Source)
	}
	if f.Formula != nil {
		for _, in := range f.Formula.Inputs {
			for _, s := range in.Fact.Sources() {
				add(s)
			}
		}
	}
	return out
}

// Fact returns the fact or computed figure with the given id.
func (b *Base) Fact(id string) (*Fact, bool) {
	f, ok := b.facts[id]
	return f, ok
}

// Figure returns the stated or computed figure with the given name.
func (b *Base) Figure(name string) (*Figure, bool) {
	g, ok := b.figures[name]
	return g, ok
}

// Figures returns every figure, stated and computed, sorted by name.
func (b *Base) Figures() []*Figure {
	out := make([]*Figure, 0, len(b.figures))
	for _, g := range b.figures {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Series returns the figures of a series (one per country, say), largest first.
func (b *Base) Series(name string) []*Figure {
	return b.series[name]
}

// SameMeasure returns every figure that measures the same thing as g, g included, when
// sources disagree on it; nil when g has no measure or no other figure shares it.
func (b *Base) SameMeasure(g *Figure) []*Figure {
	if g.Measure == "" || len(b.measure[g.Measure]) < 2 {
		return nil
	}
	return b.measure[g.Measure]
}

// Topic returns the topic with the given id.
func (b *Base) Topic(id string) (*Topic, bool) {
	for _, t := range b.Topics {
		if t.ID == id {
			return t, true
		}
	}
	return nil, false
}

// Elements returns the element facts ordered by atomic number.
func (b *Base) Elements() []*Fact {
	var out []*Fact
	for _, f := range b.Facts {
		if f.Element != nil {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Element.Number < out[j].Element.Number })
	return out
}

// Element finds an element fact by symbol or name, ignoring case.
func (b *Base) Element(nameOrSymbol string) (*Fact, bool) {
	q := strings.TrimSpace(nameOrSymbol)
	for _, f := range b.Elements() {
		if strings.EqualFold(f.Element.Symbol, q) || strings.EqualFold(ElementName(f), q) {
			return f, true
		}
	}
	return nil, false
}

// ElementName is the element's name as its fact title starts ("Neodymium (Nd) ..." gives
// "Neodymium"), falling back to the symbol.
func ElementName(f *Fact) string {
	if f.Element == nil {
		return ""
	}
	name := f.Title
	if i := strings.IndexAny(name, " (:,"); i > 0 {
		name = name[:i]
	}
	if name == "" {
		return f.Element.Symbol
	}
	return name
}

// Mentions returns the facts other than element facts that concern the element symbol, in
// file order.
func (b *Base) Mentions(symbol string) []*Fact {
	var out []*Fact
	for _, f := range b.Facts {
		if f.Element != nil {
			continue
		}
		for _, e := range f.Elements {
			if e == symbol {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// Size says how big the knowledge base is, worded the same wherever it is shown: "164 facts
// and 44 computed figures, 54 sources".
func (b *Base) Size() string {
	computed := 0
	for _, f := range b.Facts {
		if f.Formula != nil {
			computed++
		}
	}
	return fmt.Sprintf("%d facts and %d computed figures, %d sources", len(b.Facts)-computed, computed, len(b.Sources))
}
