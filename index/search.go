package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/reedesk/reedesk/knowledge"
)

// maxQueryRunes caps a question; the rest of a longer text is ignored.
const maxQueryRunes = 500

// Span is a byte range [Start, End) of a matched word in a title or text.
type Span struct{ Start, End int }

// Hit is one passage that answers a question.
type Hit struct {
	Fact       *knowledge.Fact
	Score      float64
	TitleSpans []Span // matched words in Fact.Title
	TextSpans  []Span // matched words in Fact.Text
}

// Correction is a word of the question that was not in the knowledge base and the word that
// was searched instead.
type Correction struct{ From, To string }

// Result is the answer to a search.
type Result struct {
	Query       string // the question as searched, cleaned of control characters
	Hits        []Hit
	Base        *knowledge.Base // the knowledge the hits come from
	Corrections []Correction
	// Miss is true when nothing matched; Suggestions then lists words of the knowledge base
	// closest to the question's words.
	Miss        bool
	Suggestions []string
}

// clause is one concept of a question: a word, or a phrase covered by a synonym group.
type clause struct {
	q      query.Query
	alts   [][]string // the analyzed terms of each way to write it
	entity bool       // the name of a place, organisation, person or element
}

// in reports whether a field's matched terms cover one way of writing the concept.
func (c clause) in(matched map[string]bool) bool {
	for _, alt := range c.alts {
		all := true
		for _, t := range alt {
			if !matched[t] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

type plan struct {
	clauses     []clause
	corrections []Correction
	unknown     []string
	computed    bool
}

// computedIntent are stems of words that ask for a derived figure.
var computedIntent = map[string]bool{
	"ratio": true, "share": true, "percent": true, "percentag": true, "multipli": true,
	"multipl": true, "compar": true, "time": true, "grade": true, "impli": true,
	"rank": true, "averag": true, "proport": true, "fraction": true, "bigger": true,
	"larger": true, "convert": true,
}

// plan turns a question into clauses. Raw text never reaches a query-string parser: each
// clause is built from analyzed terms, so any input is safe.
func (g *generation) plan(q string) plan {
	toks := g.analyzer.Analyze([]byte(q))
	var terms, words []string
	for _, t := range toks {
		term := string(t.Term)
		if questionWords[term] {
			continue
		}
		terms = append(terms, term)
		words = append(words, q[t.Start:t.End])
	}
	var p plan
	for _, t := range terms {
		p.computed = p.computed || computedIntent[t]
	}
	for i := 0; i < len(terms); {
		if grp, n := g.concepts.match(terms, i); n > 0 {
			p.clauses = append(p.clauses, g.conceptClause(g.concepts.groups[grp]))
			i += n
			continue
		}
		t := terms[i]
		switch {
		case g.vocab[t] > 0:
			p.clauses = append(p.clauses, clause{q: termQuery(t, 1), alts: [][]string{{t}}})
		default:
			if fix, ok := g.nearest(t); ok {
				p.clauses = append(p.clauses, clause{q: termQuery(fix, 0.8), alts: [][]string{{fix}}})
				p.corrections = append(p.corrections, Correction{From: words[i], To: g.word(fix)})
			} else {
				p.unknown = append(p.unknown, words[i])
			}
		}
		i++
	}
	return p
}

func (g *generation) conceptClause(c concept) clause {
	var qs []query.Query
	var alts [][]string
	seen := map[string]bool{}
	for _, e := range c.entries {
		key := strings.Join(e.terms, " ")
		if seen[key] {
			continue // "REE" and "rare earth elements" may analyze alike
		}
		seen[key] = true
		alts = append(alts, e.terms)
		if len(e.terms) == 1 {
			qs = append(qs, termQuery(e.terms[0], 1))
			continue
		}
		// A phrase scores the sum of its terms; divide so that it weighs as one word.
		var pqs []query.Query
		for _, field := range fields {
			mq := query.NewMatchPhraseQuery(e.text)
			mq.SetField(field)
			mq.Analyzer = analyzerName
			mq.SetBoost(fieldBoost[field] / float64(len(e.terms)))
			pqs = append(pqs, mq)
		}
		qs = append(qs, query.NewDisjunctionQuery(pqs))
	}
	if len(alts) == 1 && len(alts[0]) == 1 {
		return clause{q: termQuery(alts[0][0], 1), alts: alts, entity: c.entity}
	}
	// A disjunction scales its score by the share of its parts that match, and a passage
	// rarely uses every way of writing a thing: weigh the concept as one word.
	dq := query.NewDisjunctionQuery(qs)
	dq.SetBoost(float64(len(alts)))
	return clause{q: dq, alts: alts, entity: c.entity}
}

// query is the question as one bleve query: any of its concepts, the more the better.
func (p plan) query() query.Query {
	qs := make([]query.Query, len(p.clauses))
	for k, c := range p.clauses {
		qs[k] = c.q
	}
	return query.NewDisjunctionQuery(qs)
}

// termQuery matches an analyzed term in every text field, weighted by field.
func termQuery(term string, boost float64) query.Query {
	qs := make([]query.Query, 0, len(fieldBoost))
	for _, field := range fields {
		tq := query.NewTermQuery(term)
		tq.SetField(field)
		tq.SetBoost(fieldBoost[field] * boost)
		qs = append(qs, tq)
	}
	return query.NewDisjunctionQuery(qs)
}

// nearest finds the indexed term a mistyped word most likely meant: same first letter, within
// one edit for words under eight letters and two for longer ones, the most common on a tie.
func (g *generation) nearest(t string) (string, bool) {
	n := utf8.RuneCountInString(t)
	if n < 4 || strings.ContainsAny(t, "0123456789") {
		return "", false
	}
	max := 1
	if n >= 8 {
		max = 2
	}
	best, bestD, bestDF := "", max+1, uint64(0)
	for term, df := range g.vocab {
		if term[0] != t[0] || abs(len(term)-len(t)) > max {
			continue
		}
		d, exceeded := search.LevenshteinDistanceMax(t, term, max)
		if exceeded || d > max {
			continue
		}
		if d < bestD || (d == bestD && (df > bestDF || (df == bestDF && term < best))) {
			best, bestD, bestDF = term, d, df
		}
	}
	return best, best != ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// word is a term as a reader would write it.
func (g *generation) word(term string) string {
	if w, ok := g.surface[term]; ok {
		return w
	}
	return term
}

// suggest lists known words close to the unknown words of a question.
func (g *generation) suggest(unknown []string) []string {
	type cand struct {
		word string
		d    int
		df   uint64
	}
	var cands []cand
	seen := map[string]bool{}
	for _, w := range unknown {
		folded := string(fold([]byte(w)))
		for term, word := range g.surface {
			if seen[word] {
				continue
			}
			if d, exceeded := search.LevenshteinDistanceMax(folded, term, 3); !exceeded && d <= 3 {
				cands = append(cands, cand{word, d, g.vocab[term]})
				seen[word] = true
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		if cands[i].df != cands[j].df {
			return cands[i].df > cands[j].df
		}
		return cands[i].word < cands[j].word
	})
	var out []string
	for _, c := range cands {
		if len(out) == 5 {
			break
		}
		out = append(out, c.word)
	}
	return out
}

// Search finds the n passages that best answer a question. Any text is a valid question:
// the worst it gets is a Result with Miss set.
func (i *Index) Search(ctx context.Context, q string, n int) (*Result, error) {
	if n <= 0 {
		n = 5
	}
	for attempt := 0; ; attempt++ {
		res, stale, err := i.search(ctx, q, n)
		if !stale || attempt == 2 {
			return res, err
		}
		// A swap retired the generation that produced the hits: ask the new one.
	}
}

func (i *Index) search(ctx context.Context, q string, n int) (*Result, bool, error) {
	g := i.cur.Load()
	res := &Result{Query: cleanQuery(q), Base: g.base}
	p := g.plan(res.Query)
	res.Corrections = p.corrections
	if len(p.clauses) == 0 {
		res.Miss = true
		res.Suggestions = g.suggest(p.unknown)
		return res, false, nil
	}
	q1 := p.query()

	// First pass: the best candidates by BM25 over all fields. Asking for match locations here
	// would decode them for every matching passage, so that waits for the second pass.
	candidates := n * 4
	if candidates < 20 {
		candidates = 20
	}
	found, err := i.alias.SearchInContext(ctx, bleve.NewSearchRequestOptions(q1, candidates, 0, false))
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	if len(found.Hits) == 0 {
		res.Miss = true
		res.Suggestions = g.suggest(p.unknown)
		return res, false, nil
	}
	hg := i.generation(found.Hits[0].Index)
	if hg == nil {
		return nil, true, nil
	}
	res.Base = hg.base

	// Second pass, on the candidates only: where each concept matched, to rerank and highlight.
	ids := make([]string, len(found.Hits))
	for k, h := range found.Hits {
		ids[k] = h.ID
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), q1}), len(ids), 0, false)
	req.IncludeLocations = true
	located, err := i.alias.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	var hits []Hit
	for _, h := range located.Hits {
		if h.Index != hg.name {
			return nil, true, nil
		}
		f, ok := hg.base.Fact(h.ID)
		if !ok {
			continue
		}
		hits = append(hits, Hit{
			Fact:       f,
			Score:      h.Score * p.rerank(f, h.Locations),
			TitleSpans: spans(h.Locations[fieldTitle]),
			TextSpans:  spans(h.Locations[fieldText]),
		})
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		return hits[a].Fact.ID < hits[b].Fact.ID
	})
	if len(hits) > n {
		hits = hits[:n]
	}
	res.Hits = hits
	return res, false, nil
}

// Reranking weights. BM25 alone favours short passages that repeat one word of the question;
// a passage whose title names every concept of the question is about it.
const (
	titleCoverageWeight = 0.8
	coverageWeight      = 0.5
	computedBoost       = 1.5 // a question asks for a ratio, share, grade, rank or comparison
	computedPenalty     = 0.7 // it does not: the stated fact comes before figures derived from it
	elementBoost        = 1.5 // a question names an element: its own fact comes first
	// A passage about the places, organisations and people a question names (in its title or
	// tags) is about what was asked; one that only mentions them in passing is less so.
	entityFloor  = 0.6
	entityWeight = 0.8
)

// rerank is the factor by which a passage's BM25 score is multiplied, from where the
// question's concepts matched.
func (p plan) rerank(f *knowledge.Fact, locs search.FieldTermLocationMap) float64 {
	inField := func(field string) map[string]bool {
		m := map[string]bool{}
		for term := range locs[field] {
			m[term] = true
		}
		return m
	}
	title := inField(fieldTitle)
	any := map[string]bool{}
	for field := range fieldBoost {
		for term := range locs[field] {
			any[term] = true
		}
	}
	inTitle, inAny := 0, 0
	for _, c := range p.clauses {
		if c.in(title) {
			inTitle++
		}
		if c.in(any) {
			inAny++
		}
	}
	named := inField(fieldKeywords)
	for t := range title {
		named[t] = true
	}
	entities, entitiesIn := 0, 0
	for _, c := range p.clauses {
		if c.entity {
			entities++
			if c.in(named) {
				entitiesIn++
			}
		}
	}
	n := float64(len(p.clauses))
	factor := (1 + titleCoverageWeight*float64(inTitle)/n) * (1 + coverageWeight*float64(inAny)/n)
	if entities > 0 {
		factor *= entityFloor + entityWeight*float64(entitiesIn)/float64(entities)
	}
	switch {
	case f.Kind == knowledge.KindComputed && p.computed:
		factor *= computedBoost
	case f.Kind == knowledge.KindComputed:
		factor *= computedPenalty
	case f.Element != nil && p.names(f.Element.Symbol, knowledge.ElementName(f)):
		factor *= elementBoost
	}
	return factor
}

// names reports whether one of the question's concepts is exactly one of the given names.
func (p plan) names(names ...string) bool {
	for _, c := range p.clauses {
		for _, alt := range c.alts {
			if len(alt) != 1 {
				continue
			}
			for _, name := range names {
				if alt[0] == string(fold([]byte(name))) {
					return true
				}
			}
		}
	}
	return false
}

// spans turns term locations into sorted, merged byte ranges.
func spans(tl search.TermLocationMap) []Span {
	var out []Span
	for _, locs := range tl {
		for _, l := range locs {
			out = append(out, Span{int(l.Start), int(l.End)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, s := range out {
		if k := len(merged) - 1; k >= 0 && s.Start <= merged[k].End {
			if s.End > merged[k].End {
				merged[k].End = s.End
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged
}
