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

// computedBoost raises computed figures when a question asks for a ratio, share, grade, rank
// or comparison, so that the figure with its formula comes first.
const computedBoost = 1.6

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
	q     query.Query
	terms []string // analyzed terms whose matches are highlighted
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
	"multipl": true, "compar": true, "versus": true, "vs": true, "grade": true, "impli": true,
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
	for i := 0; i < len(terms); {
		if computedIntent[terms[i]] {
			p.computed = true
		}
		if grp, n := g.synonyms.match(terms, i); n > 0 {
			p.clauses = append(p.clauses, g.synonymClause(g.synonyms.groups[grp]))
			i += n
			continue
		}
		t := terms[i]
		switch {
		case g.vocab[t] > 0:
			p.clauses = append(p.clauses, clause{q: termQuery(t, 1), terms: []string{t}})
		default:
			if fix, ok := g.nearest(t); ok {
				p.clauses = append(p.clauses, clause{q: termQuery(fix, 0.8), terms: []string{fix}})
				p.corrections = append(p.corrections, Correction{From: words[i], To: g.word(fix)})
			} else {
				p.unknown = append(p.unknown, words[i])
			}
		}
		i++
	}
	return p
}

func (g *generation) synonymClause(entries []synEntry) clause {
	var qs []query.Query
	var terms []string
	for _, e := range entries {
		terms = append(terms, e.terms...)
		if len(e.terms) == 1 {
			qs = append(qs, termQuery(e.terms[0], 1))
			continue
		}
		for field, boost := range fieldBoost {
			mq := query.NewMatchPhraseQuery(e.text)
			mq.SetField(field)
			mq.Analyzer = analyzerName
			mq.SetBoost(boost)
			qs = append(qs, mq)
		}
	}
	return clause{q: query.NewDisjunctionQuery(qs), terms: terms}
}

// termQuery matches an analyzed term in every text field, weighted by field.
func termQuery(term string, boost float64) query.Query {
	qs := make([]query.Query, 0, len(fieldBoost))
	for _, field := range []string{fieldTitle, fieldKeywords, fieldFigures, fieldText} {
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
	qs := make([]query.Query, len(p.clauses))
	for k, c := range p.clauses {
		qs[k] = c.q
	}
	q1 := query.NewDisjunctionQuery(qs)
	candidates := n * 3
	if candidates < 10 {
		candidates = 10
	}
	req := bleve.NewSearchRequestOptions(q1, candidates, 0, false)
	found, err := i.alias.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	type cand struct {
		hit   *search.DocumentMatch
		gen   *generation
		fact  *knowledge.Fact
		score float64
	}
	var cands []cand
	for _, h := range found.Hits {
		hg := i.generation(h.Index)
		if hg == nil {
			return nil, true, nil
		}
		f, ok := hg.base.Fact(h.ID)
		if !ok {
			continue
		}
		s := h.Score
		if p.computed && f.Kind == knowledge.KindComputed {
			s *= computedBoost
		}
		cands = append(cands, cand{h, hg, f, s})
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	if len(cands) > n {
		cands = cands[:n]
	}
	if len(cands) == 0 {
		res.Miss = true
		res.Suggestions = g.suggest(p.unknown)
		return res, false, nil
	}
	res.Base = cands[0].gen.base

	// Second pass, on the top passages only: where the terms matched, for highlighting.
	// Asking for locations in the first pass would decode them for every matching passage.
	ids := make([]string, len(cands))
	for k, c := range cands {
		ids[k] = c.hit.ID
	}
	req2 := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), q1}), len(ids), 0, false)
	req2.IncludeLocations = true
	located, err := i.alias.SearchInContext(ctx, req2)
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	locs := map[string]search.FieldTermLocationMap{}
	for _, h := range located.Hits {
		locs[h.ID] = h.Locations
	}
	for _, c := range cands {
		if c.gen != cands[0].gen {
			continue
		}
		res.Hits = append(res.Hits, Hit{
			Fact:       c.fact,
			Score:      c.score,
			TitleSpans: spans(locs[c.hit.ID][fieldTitle]),
			TextSpans:  spans(locs[c.hit.ID][fieldText]),
		})
	}
	return res, false, nil
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
