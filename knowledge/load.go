package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MaxFileSize is the largest fact file the loader reads; a bigger one is a mistake, not data.
const MaxFileSize = 4 << 20

const (
	sourcesFile  = "sources.yaml"
	synonymsFile = "synonyms.yaml"
)

// Problem is one thing wrong in the fact files, located by file, line and field.
type Problem struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc += ":" + strconv.Itoa(p.Line)
	}
	if p.Field != "" {
		return loc + ": " + p.Field + ": " + p.Msg
	}
	return loc + ": " + p.Msg
}

// ValidationError is every problem found while loading a knowledge base.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("1 problem in the fact files:")
	} else {
		fmt.Fprintf(&b, "%d problems in the fact files:", len(e.Problems))
	}
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// LoadDir loads the knowledge base in a directory, such as an edited copy of knowledge/data.
func LoadDir(dir string) (*Base, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open knowledge directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open knowledge directory %s: not a directory", dir)
	}
	return Load(os.DirFS(dir), dir)
}

// Load reads every *.yaml file at the top of fsys and validates them together. Problems are
// reported all at once as a *ValidationError; file names in them are prefixed with dir.
func Load(fsys fs.FS, dir string) (*Base, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		// os.DirFS calls the folder ".": name it.
		return nil, fmt.Errorf("read knowledge directory %s: %w", dir, unwrapPath(err))
	}
	l := &loader{dir: dir, broken: map[string]bool{}}
	var files []*yamlFile
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if f := l.read(fsys, e.Name()); f != nil {
			files = append(files, f)
		}
	}
	return l.build(files)
}

type loader struct {
	dir      string
	problems []Problem
	// broken holds the figure names of entries the schema rejected: references to them are
	// not reported again.
	broken map[string]bool
}

func (l *loader) problem(file string, line int, field, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) read(fsys fs.FS, base string) *yamlFile {
	name := base
	if l.dir != "" {
		name = filepath.Join(l.dir, base)
	}
	f, err := fsys.Open(base)
	if err != nil {
		l.problem(name, 0, "", "cannot open: %v", unwrapPath(err))
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		l.problem(name, 0, "", "cannot read: %v", unwrapPath(err))
		return nil
	}
	if st.IsDir() {
		l.problem(name, 0, "", "is a directory, not a fact file")
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		l.problem(name, 0, "", "cannot read: %v", unwrapPath(err))
		return nil
	}
	if len(data) > MaxFileSize {
		l.problem(name, 0, "", "file is larger than %d MB; split it by topic", MaxFileSize>>20)
		return nil
	}
	yf := &yamlFile{name: name, base: base, data: data}
	if !l.parse(yf) {
		return nil
	}
	return yf
}

// unwrapPath drops the path from an fs error, since the problem already names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// dedupe keeps one problem per file, line and field: the first, which is the schema's when
// the loader's own checks find the same mistake again.
func dedupe(ps []Problem) []Problem {
	type key struct {
		file  string
		line  int
		field string
	}
	seen := map[key]bool{}
	out := ps[:0]
	for _, p := range ps {
		k := key{p.File, p.Line, p.Field}
		if p.Field != "" && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

func sortProblems(p []Problem) {
	sort.SliceStable(p, func(i, j int) bool {
		if p[i].File != p[j].File {
			return p[i].File < p[j].File
		}
		return p[i].Line < p[j].Line
	})
}

// The raw shapes of the files, after schema validation.

type rawSources struct {
	Sources []struct {
		ID        string  `json:"id"`
		Publisher string  `json:"publisher"`
		Title     string  `json:"title"`
		Date      rawDate `json:"date"`
		URL       string  `json:"url"`
		Note      string  `json:"note"`
	} `json:"sources"`
}

type rawSynonyms struct {
	Synonyms [][]string `json:"synonyms"`
	Turkish  [][]string `json:"turkish,omitempty"`
}

type rawTopic struct {
	Topic   string     `json:"topic"`
	Title   string     `json:"title"`
	Summary string     `json:"summary"`
	Card    []string   `json:"card"`
	Tables  []rawTable `json:"tables,omitempty"`
	// Entries are decoded one by one, so that a mistake in one hides nothing of the others.
	Facts    []json.RawMessage `json:"facts"`
	Computed []json.RawMessage `json:"computed"`
}

type rawEntities struct {
	Tags     []string `json:"tags,omitempty"`
	Elements []string `json:"elements,omitempty"`
	Places   []string `json:"places,omitempty"`
	Orgs     []string `json:"orgs,omitempty"`
	People   []string `json:"people,omitempty"`
}

type rawFact struct {
	ID      string      `json:"id"`
	Kind    string      `json:"kind"`
	Title   string      `json:"title"`
	Text    string      `json:"text"`
	Figures []rawFigure `json:"figures,omitempty"`
	Source  string      `json:"source"`
	// ValidUntil and ReviewBy date a fact that holds for a period or ages.
	ValidUntil rawDate `json:"valid_until,omitempty"`
	ReviewBy   rawDate `json:"review_by,omitempty"`
	rawEntities
	Quote *struct {
		By      string  `json:"by"`
		Role    string  `json:"role,omitempty"`
		Said    rawDate `json:"said"`
		Context string  `json:"context,omitempty"`
	} `json:"quote,omitempty"`
	Element *struct {
		Symbol string   `json:"symbol"`
		Number int      `json:"number"`
		Class  string   `json:"class"`
		Uses   []string `json:"uses,omitempty"`
	} `json:"element,omitempty"`
}

type rawFigure struct {
	Name      string  `json:"name"`
	Label     string  `json:"label,omitempty"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier,omitempty"`
	AsOf      rawDate `json:"as_of,omitempty"`
	Year      int     `json:"year,omitempty"`
	Measure   string  `json:"measure,omitempty"`
	Series    string  `json:"series,omitempty"`
	Source    string  `json:"source,omitempty"`
	Note      string  `json:"note,omitempty"`
}

type rawComputed struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Formula  string `json:"formula"`
	Unit     string `json:"unit"`
	Decimals int    `json:"decimals"`
	Measure  string `json:"measure,omitempty"`
	rawEntities
}

// rawDate accepts a date written as a string or, for a bare year, as a number.
type rawDate string

func (d *rawDate) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*d = rawDate(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*d = rawDate(n.String())
	return nil
}

// validDate accepts YYYY, YYYY-MM and YYYY-MM-DD that name a real day.
func validDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// build checks the files together and assembles the Base.
func (l *loader) build(files []*yamlFile) (*Base, error) {
	b := &Base{
		Sources: map[string]*Source{},
		facts:   map[string]*Fact{},
		figures: map[string]*Figure{},
		series:  map[string][]*Figure{},
		measure: map[string][]*Figure{},
	}
	sum := sha256.New()
	for _, f := range files {
		fmt.Fprintf(sum, "%s\x00%d\x00", f.base, len(f.data))
		sum.Write(f.data)
	}
	key := baseKey{dir: l.dir, sum: [sha256.Size]byte(sum.Sum(nil))}
	if len(l.problems) == 0 {
		if held := recallBase(key); held != nil {
			return held, nil
		}
	}
	var topics []*yamlFile
	haveSources := false
	for _, f := range files {
		switch f.base {
		case sourcesFile:
			haveSources = true
			l.sources(b, f)
		case synonymsFile:
			var raw rawSynonyms
			if ok, bad := l.check(f, &raw); ok && len(bad) == 0 {
				b.Synonyms, b.Turkish = raw.Synonyms, raw.Turkish
			}
		default:
			topics = append(topics, f)
		}
	}
	b.Version = hex.EncodeToString(key.sum[:])[:12]
	dirName := l.dir
	if dirName == "" {
		dirName = "the knowledge base"
	}
	if !haveSources {
		l.problem(path.Join(l.dir, sourcesFile), 0, "", "missing: every fact cites a source listed there")
	}
	if len(topics) == 0 {
		l.problem(dirName, 0, "", "no topic files (*.yaml with facts) found")
	}

	computed, tables := l.topics(b, topics)
	l.computed(b, computed)
	l.tables(b, tables)
	l.crossChecks(b, topics)

	if len(l.problems) > 0 {
		sortProblems(l.problems)
		return nil, &ValidationError{Problems: dedupe(l.problems)}
	}
	for _, list := range b.series {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Value > list[j].Value })
	}
	rememberBase(key, b)
	return b, nil
}

func (l *loader) sources(b *Base, f *yamlFile) {
	var raw rawSources
	ok, bad := l.check(f, &raw)
	if !ok {
		return
	}
	for i, s := range raw.Sources {
		at := []string{"sources", strconv.Itoa(i)}
		if bad[entry(at)] {
			continue
		}
		if !validDate(string(s.Date)) {
			l.problem(f.name, f.line(append(at, "date")...), field(append(at, "date")), "%q is not a real date", s.Date)
		}
		if _, dup := b.Sources[s.ID]; dup {
			l.problem(f.name, f.line(append(at, "id")...), field(append(at, "id")), "source id %q is used twice", s.ID)
			continue
		}
		b.Sources[s.ID] = &Source{ID: s.ID, Publisher: s.Publisher, Title: s.Title, Date: string(s.Date), URL: s.URL, Note: s.Note}
	}
}

func (l *loader) topics(b *Base, files []*yamlFile) ([]*pendingComputed, []*pendingTable) {
	var pending []*pendingComputed
	var tables []*pendingTable
	topicFile := map[string]string{}
	for _, f := range files {
		var raw rawTopic
		ok, bad := l.check(f, &raw)
		if !ok {
			continue
		}
		if prev, dup := topicFile[raw.Topic]; dup {
			l.problem(f.name, f.line("topic"), "topic", "topic %q is already defined in %s", raw.Topic, prev)
		}
		topicFile[raw.Topic] = f.name
		b.Topics = append(b.Topics, &Topic{ID: raw.Topic, Title: raw.Title, Summary: raw.Summary, Card: raw.Card, File: f.name})
		for i, rt := range raw.Tables {
			at := []string{"tables", strconv.Itoa(i)}
			if !bad[entry(at)] {
				tables = append(tables, &pendingTable{raw: rt, topic: raw.Topic, file: f, at: at})
			}
		}
		for i, msg := range raw.Facts {
			at := []string{"facts", strconv.Itoa(i)}
			var rf rawFact
			decoded := json.Unmarshal(msg, &rf) == nil
			if bad[entry(at)] || !decoded {
				// The schema said what is wrong with the entry; check the rest of it too, so
				// that one run reports every mistake, but keep it out of the knowledge base.
				for _, g := range rf.Figures {
					l.broken[g.Name] = true
				}
				switch {
				case decoded:
					if fact := l.fact(b, f, at, raw.Topic, rf); fact != nil {
						l.unregisterFigures(b, fact)
					}
				case rf.ID != "":
					l.register(b, f, at, &Fact{ID: rf.ID, File: f.name, Line: f.line(at...)})
				}
				continue
			}
			fact := l.fact(b, f, at, raw.Topic, rf)
			if fact != nil {
				b.Facts = append(b.Facts, fact)
			}
		}
		for i, msg := range raw.Computed {
			at := []string{"computed", strconv.Itoa(i)}
			var rc rawComputed
			if json.Unmarshal(msg, &rc) != nil || bad[entry(at)] {
				l.broken[rc.Name] = true
				continue
			}
			fact := &Fact{
				ID: rc.ID, Kind: KindComputed, Title: rc.Title, Text: strings.TrimSpace(rc.Text), Topic: raw.Topic,
				Tags: rc.Tags, Elements: rc.Elements, Places: rc.Places, Orgs: rc.Orgs, People: rc.People,
				File: f.name, Line: f.line(at...),
			}
			if !l.register(b, f, at, fact) {
				continue
			}
			g := &Figure{Name: rc.Name, Label: rc.Title, Unit: rc.Unit, Measure: rc.Measure, Fact: fact, decimals: rc.Decimals}
			fact.Figures = []*Figure{g}
			fact.Formula = &Formula{Expr: rc.Formula, Decimals: rc.Decimals}
			if l.registerFigure(b, f, append(at, "name"), g) {
				pending = append(pending, &pendingComputed{raw: rc, fact: fact, file: f, at: at})
			}
		}
	}
	return pending, tables
}

// unregisterFigures takes a checked but broken fact's figures back out of the knowledge base,
// so that nothing downstream computes with them.
func (l *loader) unregisterFigures(b *Base, fact *Fact) {
	drop := func(list []*Figure) []*Figure {
		out := list[:0]
		for _, g := range list {
			if g.Fact != fact {
				out = append(out, g)
			}
		}
		return out
	}
	for _, g := range fact.Figures {
		delete(b.figures, g.Name)
		if g.Series != "" {
			b.series[g.Series] = drop(b.series[g.Series])
		}
		if g.Measure != "" {
			b.measure[g.Measure] = drop(b.measure[g.Measure])
		}
	}
}

func (l *loader) register(b *Base, f *yamlFile, at []string, fact *Fact) bool {
	if prev, dup := b.facts[fact.ID]; dup {
		l.problem(f.name, f.line(append(at, "id")...), field(append(at, "id")), "id %q is already used at %s:%d", fact.ID, prev.File, prev.Line)
		return false
	}
	b.facts[fact.ID] = fact
	return true
}

func (l *loader) registerFigure(b *Base, f *yamlFile, at []string, g *Figure) bool {
	if prev, dup := b.figures[g.Name]; dup {
		l.problem(f.name, f.line(at...), field(at), "figure name %q is already used by %s (%s:%d)", g.Name, prev.Fact.ID, prev.Fact.File, prev.Fact.Line)
		return false
	}
	b.figures[g.Name] = g
	if g.Measure != "" {
		b.measure[g.Measure] = append(b.measure[g.Measure], g)
	}
	if g.Series != "" {
		b.series[g.Series] = append(b.series[g.Series], g)
	}
	return true
}

func (l *loader) fact(b *Base, f *yamlFile, at []string, topic string, rf rawFact) *Fact {
	fact := &Fact{
		ID: rf.ID, Kind: rf.Kind, Title: strings.TrimSpace(rf.Title), Text: strings.TrimSpace(rf.Text), Topic: topic,
		Tags: rf.Tags, Elements: rf.Elements, Places: rf.Places, Orgs: rf.Orgs, People: rf.People,
		File: f.name, Line: f.line(at...),
	}
	if !l.register(b, f, at, fact) {
		return nil
	}
	if s, ok := b.Sources[rf.Source]; ok {
		fact.Source = s
	} else if rf.Source != "" { // a missing one is the schema's to report
		l.problem(f.name, f.line(append(at, "source")...), field(append(at, "source")), "source %q is not in %s", rf.Source, sourcesFile)
	}
	if rf.Quote != nil {
		fact.Quote = &Quote{By: rf.Quote.By, Role: rf.Quote.Role, Said: string(rf.Quote.Said), Context: rf.Quote.Context}
		if !validDate(fact.Quote.Said) {
			p := append(at, "quote", "said")
			l.problem(f.name, f.line(p...), field(p), "%q is not a real date", fact.Quote.Said)
		}
	}
	for _, d := range []struct {
		name  string
		value rawDate
		to    *string
	}{{"valid_until", rf.ValidUntil, &fact.ValidUntil}, {"review_by", rf.ReviewBy, &fact.ReviewBy}} {
		if d.value == "" {
			continue
		}
		if !validDate(string(d.value)) {
			l.problem(f.name, f.line(append(at, d.name)...), field(append(at, d.name)), "%q is not a real date", d.value)
			continue
		}
		*d.to = string(d.value)
	}
	if rf.Element != nil {
		fact.Element = &Element{Symbol: rf.Element.Symbol, Number: rf.Element.Number, Class: rf.Element.Class, Uses: rf.Element.Uses}
	}
	for j, rg := range rf.Figures {
		p := append(append([]string{}, at...), "figures", strconv.Itoa(j))
		g := &Figure{
			Name: rg.Name, Label: rg.Label, Value: rg.Value, Unit: rg.Unit, Qualifier: rg.Qualifier,
			AsOf: string(rg.AsOf), Measure: rg.Measure, Series: rg.Series, Note: rg.Note, Source: fact.Source, Fact: fact, decimals: -1,
		}
		if g.Label == "" {
			g.Label = fact.Title
		}
		switch {
		case rg.Year != 0 && g.AsOf != "":
			l.problem(f.name, f.line(append(p, "year")...), field(append(p, "year")), "give year or as_of, not both")
		case rg.Year != 0:
			g.AsOf = strconv.Itoa(rg.Year)
		case g.AsOf == "":
			l.problem(f.name, f.line(p...), field(p), "needs year or as_of: a figure without a date cannot be trusted")
		case !validDate(g.AsOf):
			l.problem(f.name, f.line(append(p, "as_of")...), field(append(p, "as_of")), "%q is not a real date", g.AsOf)
		}
		if rg.Source != "" {
			if s, ok := b.Sources[rg.Source]; ok {
				g.Source = s
			} else {
				l.problem(f.name, f.line(append(p, "source")...), field(append(p, "source")), "source %q is not in %s", rg.Source, sourcesFile)
			}
		}
		if l.registerFigure(b, f, append(p, "name"), g) {
			fact.Figures = append(fact.Figures, g)
		}
	}
	fact.Digest = digest(topic, rf)
	return fact
}

func digest(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		data, _ := json.Marshal(p)
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// crossChecks finds references between files that the schema cannot see.
func (l *loader) crossChecks(b *Base, files []*yamlFile) {
	symbols := map[string]*Fact{}
	for _, f := range b.Facts {
		if f.Element == nil {
			continue
		}
		if prev, dup := symbols[f.Element.Symbol]; dup {
			l.problem(f.File, f.Line, "element.symbol", "element %s is already described by %s", f.Element.Symbol, prev.ID)
		}
		symbols[f.Element.Symbol] = f
	}
	for _, f := range b.Facts {
		for _, s := range f.Elements {
			if _, ok := symbols[s]; !ok && len(symbols) > 0 {
				l.problem(f.File, f.Line, "elements", "%q is not the symbol of an element fact", s)
			}
		}
	}
	byFile := map[string]*yamlFile{}
	for _, f := range files {
		byFile[f.name] = f
	}
	for _, t := range b.Topics {
		for i, name := range t.Card {
			if _, ok := b.figures[name]; !ok && !l.broken[name] {
				at := []string{"card", strconv.Itoa(i)}
				l.problem(t.File, byFile[t.File].line(at...), field(at), "figure %q does not exist", name)
			}
		}
	}
}
