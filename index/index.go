// Package index is the Bleve search index over the knowledge base: it builds an index of every
// fact and computed figure, finds the passages that answer a question, and swaps in a rebuilt
// index without dropping a query.
package index

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/reedesk/reedesk/knowledge"
)

// The fields of a passage in the index. Titles, figures and keywords weigh more than text.
const (
	fieldTitle = "title"
	fieldText  = "text"
	fieldMeta  = "meta" // figures, tags, names of places, organisations, people and elements
	fieldKind  = "kind"
)

var fieldBoost = map[string]float64{fieldTitle: 3, fieldMeta: 2, fieldText: 1}

// fields lists the searched fields in a fixed order, so queries are built the same way twice.
var fields = fieldsArray[:]

// mappingVersion changes whenever the mapping or analyzer changes, so that an index kept on
// disk by an older build is rebuilt rather than reused.
const mappingVersion = "7"

// doc is what the index stores of a passage.
type doc struct {
	Title string `json:"title"`
	Text  string `json:"text"`
	Meta  string `json:"meta"`
	Kind  string `json:"kind"`
}

func newDoc(f *knowledge.Fact) doc {
	var figs []string
	for _, g := range f.Figures {
		figs = append(figs, g.Label+" "+g.Quantity())
	}
	if f.Formula != nil {
		figs = append(figs, f.Formula.Equation())
	}
	kw := append([]string{}, f.Tags...)
	kw = append(kw, f.Places...)
	kw = append(kw, f.Orgs...)
	kw = append(kw, f.People...)
	kw = append(kw, f.Elements...)
	if f.Element != nil {
		kw = append(kw, f.Element.Symbol, knowledge.ElementName(f), f.Element.Class)
		kw = append(kw, f.Element.Uses...)
	}
	if f.Quote != nil {
		kw = append(kw, f.Quote.By, f.Quote.Role)
	}
	return doc{
		Title: f.Title,
		Text:  f.Text,
		Meta:  strings.Join(append(kw, figs...), " ; "),
		Kind:  f.Kind,
	}
}

// newMapping returns the index mapping for base, whose concepts are part of the analyzer.
func newMapping(base *knowledge.Base) (*mapping.IndexMappingImpl, *concepts, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	if err := m.AddCustomAnalyzer(wordsAnalyzer, analyzerConfig()); err != nil {
		return nil, nil, err
	}
	c := conceptsOf(base, analyzeWith(m.AnalyzerNamed(wordsAnalyzer)))
	if err := m.AddCustomTokenFilter(conceptsFilter+"_kb", map[string]interface{}{"type": conceptsFilter, "entries": c.entries}); err != nil {
		return nil, nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerName, analyzerConfig(conceptsFilter+"_kb")); err != nil {
		return nil, nil, err
	}
	m.DefaultAnalyzer = analyzerName
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerName
		f.Store = false
		f.IncludeTermVectors = false // highlights come from analysing the shown passage
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := bleve.NewKeywordFieldMapping()
	kw.Store, kw.IncludeInAll, kw.DocValues, kw.IncludeTermVectors = false, false, false, false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldTitle, text())
	dm.AddFieldMappingsAt(fieldText, text())
	dm.AddFieldMappingsAt(fieldMeta, text())
	dm.AddFieldMappingsAt(fieldKind, kw)
	m.DefaultMapping = dm
	return m, c, nil
}

// Grouping the synonyms and names analyses every way of writing each of them, about an eighth
// of a build, and a reindex after an edit of facts mostly finds the same synonyms, glossary and
// names. The concepts are read-only once built, so generations share them.
var conceptCache struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]*concepts
}

// conceptCacheMax bounds the concept sets kept: one or two knowledge bases are served at once.
const conceptCacheMax = 4

// conceptsOf returns newConcepts(base, analyze), computed once for the same synonyms, glossary
// and names.
func conceptsOf(base *knowledge.Base, analyze func(string) []string) *concepts {
	h := sha256.New()
	write := func(groups [][]string) {
		for _, g := range groups {
			for _, s := range g {
				h.Write([]byte(s))
				h.Write([]byte{0})
			}
			h.Write([]byte{1})
		}
		h.Write([]byte{2})
	}
	write(base.Synonyms)
	write(base.Turkish)
	write([][]string{entityNames(base)})
	key := [sha256.Size]byte(h.Sum(nil))
	conceptCache.mu.Lock()
	c, ok := conceptCache.m[key]
	conceptCache.mu.Unlock()
	if ok {
		return c
	}
	c = newConcepts(base, analyze)
	conceptCache.mu.Lock()
	defer conceptCache.mu.Unlock()
	if conceptCache.m == nil || len(conceptCache.m) >= conceptCacheMax {
		conceptCache.m = map[[sha256.Size]byte]*concepts{}
	}
	conceptCache.m[key] = c
	return c
}

// generation is one built index and the knowledge it was built from.
type generation struct {
	idx      bleve.Index
	base     *knowledge.Base
	analyzer analysis.Analyzer
	vocab    map[string]uint64 // analyzed term → number of passages that have it
	// byInitial lists the terms and spellings by first byte and length, for typo correction.
	byInitial map[int][]string
	// spellings are the terms of the synonym groups' ways of writing that no passage has,
	// with the number of passages that have their group.
	spellings   map[string]uint64
	spelled     map[string]string // a spelling's term → the word as the synonyms write it
	surface     map[string]string // analyzed term → a word as written, for suggestions
	suggestSet  *suggestions      // the surface words, folded and bucketed
	surfaceOnce sync.Once         // the surface forms are needed only for typos and misses
	plain       analysis.Analyzer // the analyzer without concept tokens, for Turkish stems
	plainOnce   sync.Once
	shown       sync.Map // fact id → *passageTokens, for highlighting
	concepts    *concepts
	terms       *termTable
	docs        uint64
	dir         string    // "" in memory
	built       time.Time // when it was built, or loaded from disk

	completions completions
}

// build indexes every passage of base into a new index, in memory when dir is "".
func build(ctx context.Context, base *knowledge.Base, dir string, progress func(done, total int)) (*generation, error) {
	m, c, err := newMapping(base)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	g := &generation{idx: idx, base: base, dir: dir, concepts: c, built: time.Now()}
	if err := g.fill(ctx, progress); err != nil {
		idx.Close()
		return nil, err
	}
	return g, nil
}

func (g *generation) fill(ctx context.Context, progress func(done, total int)) error {
	total := len(g.base.Facts)
	const batchSize = 5000
	b := g.idx.NewBatch()
	for i, f := range g.base.Facts {
		if err := b.Index(f.ID, newDoc(f)); err != nil {
			return fmt.Errorf("index %s: %w", f.ID, err)
		}
		if b.Size() >= batchSize || i == total-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := g.idx.Batch(b); err != nil {
				return fmt.Errorf("write index: %w", err)
			}
			b.Reset()
			if progress != nil {
				progress(i+1, total)
			}
		}
	}
	if total == 0 && progress != nil {
		progress(0, 0)
	}
	return g.load()
}

// load reads what searches need besides the index itself: the analyzer, the vocabulary, for
// typo correction and suggestions, and words as written, for suggestions.
func (g *generation) load() error {
	g.analyzer = g.idx.Mapping().AnalyzerNamed(analyzerName)
	if g.analyzer == nil {
		return errors.New("the index has no analyzer " + analyzerName)
	}
	if g.concepts == nil {
		words := g.idx.Mapping().AnalyzerNamed(wordsAnalyzer)
		if words == nil {
			return errors.New("the index has no analyzer " + wordsAnalyzer)
		}
		g.concepts = conceptsOf(g.base, analyzeWith(words))
	}
	n, err := g.idx.DocCount()
	if err != nil {
		return fmt.Errorf("count passages: %w", err)
	}
	g.docs = n
	g.vocab = map[string]uint64{}
	for _, field := range fields {
		d, err := g.idx.FieldDict(field)
		if err != nil {
			return fmt.Errorf("read vocabulary: %w", err)
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return fmt.Errorf("read vocabulary: %w", err)
			}
			if e == nil {
				break
			}
			if e.Count > g.vocab[e.Term] {
				g.vocab[e.Term] = e.Count
			}
		}
		d.Close()
	}
	g.spellings, g.spelled = map[string]uint64{}, map[string]string{}
	for _, e := range g.concepts.entries {
		pair := e.([]interface{})
		token := pair[1].(string)
		df := g.vocab[token]
		for _, term := range strings.Fields(pair[0].(string)) {
			if g.vocab[term] > 0 || df == 0 {
				continue
			}
			g.spellings[term] = max(g.spellings[term], df)
			for _, text := range g.concepts.names[token] {
				for _, w := range strings.Fields(text) {
					if t := g.plainTerms(w); len(t) == 1 && t[0] == term && g.spelled[term] == "" {
						g.spelled[term] = strings.ToLower(w)
					}
				}
			}
		}
	}
	g.byInitial = bucketTerms(g.vocab, g.spellings)
	if err := g.invert(context.Background()); err != nil {
		return fmt.Errorf("read passage terms: %w", err)
	}
	return nil
}

// words returns the surface forms of the knowledge base's terms, read on first use.
func (g *generation) words() map[string]string {
	g.surfaceOnce.Do(func() {
		g.surface = map[string]string{}
		for _, f := range g.base.Facts {
			g.addSurface(f.Title)
			g.addSurface(strings.Join(f.Tags, " "))
			g.addSurface(strings.Join(f.Places, " "))
		}

		g.suggestSet = newSuggestions(g.surface, g.vocab)
	})
	return g.surface
}

func (g *generation) addSurface(s string) {
	for _, t := range g.analyzer.Analyze([]byte(s)) {
		term := string(t.Term)
		if _, ok := g.surface[term]; !ok && !isConcept(term) {
			// the word without a possessive: "china", not "china's"
			w := strings.Trim(s[t.Start:t.End], "'’")
			if i := strings.IndexAny(w, "'’"); i > 0 {
				w = w[:i]
			}
			g.surface[term] = strings.ToLower(w)
		}
	}
}

// Index serves searches from the current generation and swaps in new ones atomically. It owns
// what it rebuilds from: the loader of the fact files, the folder it watches, and the record
// of its last reindex.
type Index struct {
	opts  Options
	store *store // nil in memory

	// gen guards cur: a search holds it for reading for as long as it uses the generation, so
	// a swap waits for searches on the old generation before closing it.
	gen sync.RWMutex
	cur *generation

	mu          sync.Mutex // guards what follows
	running     *Run
	cancelBuild context.CancelFunc // stops the running build when the index closes
	last        *Last
	watch       WatchState
	baseline    *Snapshot // what the first reindex compares with, when not cur
	closed      bool
	builds      sync.WaitGroup
}

// New builds an in-memory index of base, with no fact files to reload: tests and the
// terminal's one-off answers.
func New(ctx context.Context, base *knowledge.Base) (*Index, error) {
	return Open(ctx, base, Options{})
}

func newIndex(g *generation, opts Options) *Index {
	return &Index{cur: g, opts: opts, baseline: opts.Baseline}
}

// acquire returns the current generation, to be used until release is called; a swap waits
// for it.
func (i *Index) acquire() (g *generation, release func()) {
	i.gen.RLock()
	return i.cur, i.gen.RUnlock
}

// current returns the current generation for a quick read of its fields.
func (i *Index) current() *generation {
	i.gen.RLock()
	defer i.gen.RUnlock()
	return i.cur
}

// Base returns the knowledge the index currently serves.
func (i *Index) Base() *knowledge.Base { return i.current().base }

// Built is when the index being served was built, or loaded from disk.
func (i *Index) Built() time.Time { return i.current().built }

// Dir is the directory the current index is kept in, or "" in memory.
func (i *Index) Dir() string { return i.current().dir }

// Close stops a running reindex, waits for it, and closes the index. Searches after Close fail.
func (i *Index) Close() error {
	i.mu.Lock()
	if i.closed {
		i.mu.Unlock()
		return nil
	}
	i.closed = true
	if i.cancelBuild != nil {
		i.cancelBuild()
	}
	i.mu.Unlock()
	i.builds.Wait()

	i.gen.Lock()
	defer i.gen.Unlock()
	err := i.cur.idx.Close()
	if i.store != nil {
		i.store.lock.Close()
	}
	return err
}
