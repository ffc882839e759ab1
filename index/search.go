package index

import (
	"context"
	"fmt"
	"math/bits"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
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
	// Matched has bit k set when the passage has Result.Terms[k] in any field.
	Matched uint64
}

// Term is one concept of a question as searched: a word, or a phrase that a synonym group
// covers.
type Term struct {
	Words  string // as typed
	Entity bool   // the name of a place, organisation, person or element
	// Passages is how many passages have it: the fewer, the more it tells them apart.
	Passages uint64
	// Corrected is true when the word was not known and a close word was searched instead.
	Corrected bool
}

// Correction is a word of the question that was not in the knowledge base and the word that
// was searched instead.
type Correction struct{ From, To string }

// Result is the answer to a search.
type Result struct {
	Query       string   // the question as searched, cleaned of control characters
	Units       []string // the units the question asks its answer in (knowledge.AskedUnits)
	Hits        []Hit
	Base        *knowledge.Base // the knowledge the hits come from
	Corrections []Correction
	// Terms are the concepts of the question the search looked for, at most 64.
	Terms []Term
	// Unknown are the words of the question that the knowledge base does not have and that
	// are not typos of its words; Passages is the number of passages searched.
	Unknown  []string
	Passages uint64
	// Turkish is true when a question with unknown words is written in Turkish: its unknown
	// words are then mostly grammar the glossary lacks.
	Turkish bool
	// Miss is true when nothing matched; Suggestions then lists words of the knowledge base
	// closest to the question's words.
	Miss        bool
	Suggestions []string
}

// clause is one concept of a question: a word, or a phrase covered by a synonym group.
type clause struct {
	q      query.Query
	term   string // an analyzed term, or a concept token standing for all its spellings
	entity bool   // the name of a place, organisation, person or element
	common bool   // most passages have it
	// spellings are the ways of writing it, folded: the term, or a concept's entries.
	spellings []string
	word      string // as typed
	corrected bool
}

// maxClauses bounds a question's concepts, so that reranking works on one bit mask.
const maxClauses = 64

type plan struct {
	clauses     []clause
	defines     bool // the question asks what something is
	corrections []Correction
	fixes       []fix // where the corrections are, in the order typed
	unknown     []string
	computed    bool
	turkish     bool // written in Turkish; decided only for a question with unknown words
}

// plan turns a question into clauses. Raw text never reaches a query-string parser: each
// clause is built from analyzed terms, so any input is safe. A question with typos is planned
// again with its words corrected, so that a corrected word joins the phrase it belongs to
// ("rare erth" is the concept "rare earth", not "rare" and "earth").
func (g *generation) plan(q string) plan {
	p := g.planText(q, nil)
	if len(p.fixes) == 0 {
		return p
	}
	var b strings.Builder
	var fixed []Span
	at := 0
	for _, f := range p.fixes {
		b.WriteString(q[at:f.span.Start])
		start := b.Len()
		b.WriteString(f.to)
		fixed = append(fixed, Span{start, b.Len()})
		at = f.span.End
	}
	b.WriteString(q[at:])
	again := g.planText(b.String(), fixed)
	again.corrections = p.corrections
	return again
}

// wordClause is the clause for a term the question says at q[start:end], boosted when that
// word is a correction of a typo.
func (g *generation) wordClause(term, q string, start, end int, fixed []Span) clause {
	boost, corrected := 1.0, overlaps(fixed, start, end)
	if corrected {
		boost = correctedBoost
	}
	c := g.clause(term, boost)
	c.word, c.corrected = q[start:end], corrected
	return c
}

// fix is a typo of a question and the word searched instead.
type fix struct {
	span Span
	to   string
}

// planText plans a question. fixed are the spans of words already corrected: then no word is
// corrected again, and the clauses of those spans are marked corrected.
func (g *generation) planText(q string, fixed []Span) plan {
	toks := g.analyzer.Analyze([]byte(q))
	// Concept tokens span the words they stand for; where two overlap, the earlier and then
	// the longer one wins.
	type span struct {
		start, end int
		token      string
	}
	var spans []span
	for _, t := range toks {
		if isConcept(string(t.Term)) {
			spans = append(spans, span{t.Start, t.End, string(t.Term)})
		}
	}
	sort.SliceStable(spans, func(a, b int) bool {
		if spans[a].start != spans[b].start {
			return spans[a].start < spans[b].start
		}
		return spans[a].end > spans[b].end
	})
	var kept []span
	for _, sp := range spans {
		if len(kept) == 0 || sp.start >= kept[len(kept)-1].end {
			kept = append(kept, sp)
		}
	}

	typed := typedWords(q)
	p := plan{computed: computedAsked(typed), defines: defineAsked(q, typed)}
	frame := frames(typed)
	emitted := map[int]bool{}
	var words []analysis.Token
	for _, t := range toks {
		if !isConcept(string(t.Term)) {
			words = append(words, *t)
		}
	}
	turkish := sync.OnceValue(func() bool { return turkishQuestion(q, words) })
	for i := 0; i < len(words); i++ {
		if len(p.clauses) == maxClauses {
			break
		}
		t := &words[i]
		term := string(t.Term)
		covered := false
		for k, sp := range kept {
			if t.Start >= sp.start && t.Start < sp.end {
				covered = true
				if !emitted[k] && g.vocab[sp.token] == 0 {
					// A phrase of a synonym group no passage uses ("share price") asks about
					// something the knowledge base lacks, not about its words one by one.
					emitted[k] = true
					p.unknown = append(p.unknown, q[sp.start:sp.end])
				}
				if !emitted[k] {
					emitted[k] = true
					p.clauses = append(p.clauses, g.wordClause(sp.token, q, sp.start, sp.end, fixed))
				}
				break
			}
		}
		// One-letter words say nothing unless they name something (Y is yttrium); nor does a
		// Turkish case ending after an apostrophe ("2024'te").
		if covered || questionWords[term] || (len(term) < 2 && !g.concepts.entity[term]) || caseEnding(q, t) || overlaps(frame, t.Start, t.End) {
			continue
		}
		if n, target := g.turkishPhrase(words[i:]); n > 0 {
			end := words[i+n-1].End
			for _, tt := range target {
				c := g.clause(tt, 1)
				c.word = q[t.Start:end]
				p.clauses = append(p.clauses, c)
			}
			i += n - 1
			continue
		}
		word := q[t.Start:t.End]
		if g.vocab[term] > 0 {
			p.clauses = append(p.clauses, g.wordClause(term, q, t.Start, t.End, fixed))
			continue
		}
		if g.concepts.question[term] {
			continue
		}
		if name, ok := g.formula(word); ok && fixed == nil {
			// "Dy2O3", "NdO": searched as the oxide's name, like a typo's correction
			p.corrections = append(p.corrections, Correction{From: word, To: name})
			p.fixes = append(p.fixes, fix{Span{t.Start, t.End}, name})
			continue
		}
		folded := foldString(word)
		if target, ok := g.turkishStem(folded); ok {
			if fixed == nil && !turkish() && len(target) == 1 && g.misread(target[0], folded) {
				// "prce" in an English question: a typo of price, not "PRC" with a Turkish
				// case ending (which a name takes after an apostrophe)
				if to, ok := g.nearest(term, folded); ok {
					p.corrections = append(p.corrections, Correction{From: word, To: g.word(to)})
					p.fixes = append(p.fixes, fix{Span{t.Start, t.End}, g.word(to)})
					continue
				}
			}
			for _, tt := range target {
				c := g.clause(tt, 1)
				c.word = word
				p.clauses = append(p.clauses, c)
			}
			continue
		}
		// An ordinary English or Turkish word that the knowledge base lacks is not a typo of
		// one of its words ("thought" is not "though", "bugün" is not "begun"): the question
		// asks about something else.
		if IsEnglishWord(folded) || IsEnglishWord(term) || turkish() && IsTurkishWord(folded) {
			p.unknown = append(p.unknown, word)
			continue
		}
		if fixed != nil {
			// planned again: the first plan found no word for it
			p.unknown = append(p.unknown, word)
			continue
		}
		to, ok := g.nearest(term, folded)
		if !ok {
			p.unknown = append(p.unknown, word)
			continue
		}
		p.corrections = append(p.corrections, Correction{From: word, To: g.word(to)})
		p.fixes = append(p.fixes, fix{Span{t.Start, t.End}, g.word(to)})
	}
	p.turkish = len(p.unknown) > 0 && turkish()
	return p
}

// misread reports whether a word read as a name is no way of writing a name, nor its
// plural, nor an English word: "prce" read as "PRC" (China) with a Turkish case ending is more
// likely a typo.
func (g *generation) misread(target, word string) bool {
	if !g.concepts.entity[target] {
		return false
	}
	folded := foldString(word)
	return !IsEnglishWord(folded) && !g.concepts.written[folded] && !g.concepts.written[strings.TrimSuffix(folded, "s")]
}

// oxideFormula matches an oxide's chemical formula: an element's symbol, O, and counts of
// atoms ("Nd2O3", "Tb4O7", "CeO2"), or none, as traders write it ("NdO").
var oxideFormula = regexp.MustCompile(`^([A-Z][a-z]?)\d*O\d*$`)

// lowerFormula is an oxide's formula typed in lowercase, with counts of atoms so that it is
// no word ("dy2o3", "ceo2"; "do", "no" are words).
var lowerFormula = regexp.MustCompile(`^([a-z][a-z]?)(?:\d+o\d*|o\d+)$`)

// IsFormula reports whether a word is written as an oxide's chemical formula with counts of
// atoms ("ThO2", "dy2o3"), whatever its element.
func IsFormula(word string) bool {
	return strings.ContainsAny(word, "0123456789") && (oxideFormula.MatchString(word) || lowerFormula.MatchString(word))
}

// formula reads a word written as an oxide's formula as the oxide's name, when its symbol is
// that of an element of the knowledge base: "Dy2O3" is dysprosium oxide.
func (g *generation) formula(word string) (string, bool) {
	m := oxideFormula.FindStringSubmatch(word)
	if m == nil {
		m = lowerFormula.FindStringSubmatch(word)
	}
	if m == nil {
		return "", false
	}
	for _, f := range g.base.Facts {
		if f.Element != nil && strings.EqualFold(f.Element.Symbol, m[1]) {
			return strings.ToLower(knowledge.ElementName(f)) + " oxide", true
		}
	}
	return "", false
}

// correctedBoost weighs a corrected word a little less than one typed right.
const correctedBoost = 0.8

// overlaps reports whether [start, end) overlaps one of the spans.
func overlaps(spans []Span, start, end int) bool {
	for _, s := range spans {
		if start < s.End && s.Start < end {
			return true
		}
	}
	return false
}

// caseEnding reports whether a token is a Turkish suffix written after an apostrophe, as
// after a number: "2024'te", "2023'ten".
func caseEnding(q string, t *analysis.Token) bool {
	if t.Start == 0 || (q[t.Start-1] != '\'' && !strings.HasSuffix(q[:t.Start], "’")) {
		return false
	}
	w := foldString(q[t.Start:t.End])
	for _, s := range turkishSuffixes {
		if w == s {
			return true
		}
	}
	return false
}

// turkishPhrase finds the longest Turkish glossary phrase that the words start with: how many
// words it has and what to search for instead. A one-word entry that is also a word of the
// knowledge base is left to it.
func (g *generation) turkishPhrase(words []analysis.Token) (int, []string) {
	for n := min(g.concepts.turkishLongest, len(words)); n >= 1; n-- {
		parts := make([]string, n)
		for k := range parts {
			parts[k] = string(words[k].Term)
		}
		if target, ok := g.concepts.turkish[strings.Join(parts, " ")]; ok && (n > 1 || g.vocab[parts[0]] == 0) {
			return n, target
		}
	}
	return 0, nil
}

// turkishStem reads an unknown word as a Turkish word with suffixes ("rezervleri",
// "Eskişehir'deki"): what to search for its first stem that the knowledge base or the glossary
// knows, nothing (with ok) for a question word ("miktarı"), or not ok.
func (g *generation) turkishStem(folded string) ([]string, bool) {
	if len(folded) < 4 {
		return nil, false
	}
	for _, stem := range TurkishStems(folded) {
		terms := g.plainTerms(stem)
		if len(terms) != 1 {
			continue
		}
		term := terms[0]
		if target, ok := g.concepts.turkish[term]; ok {
			return target, true
		}
		if token, ok := g.concepts.byTerm[term]; ok {
			return []string{token}, true
		}
		if g.vocab[term] > 0 {
			return []string{term}, true
		}
		if g.concepts.question[term] {
			return nil, true
		}
	}
	return nil, false
}

// plainTerms analyzes text without concept tokens.
func (g *generation) plainTerms(s string) []string {
	g.plainOnce.Do(func() { g.plain = g.idx.Mapping().AnalyzerNamed(wordsAnalyzer) })
	if g.plain == nil {
		return nil
	}
	return analyzeWith(g.plain)(s)
}

// clause asks for a term or concept token in every field.
func (g *generation) clause(term string, boost float64) clause {
	c := clause{q: termQuery(term, boost), term: term, entity: g.concepts.entity[term], spellings: []string{term}}
	for _, name := range g.concepts.names[term] {
		c.spellings = append(c.spellings, foldString(name))
	}
	return c
}

// query is the question as one bleve query: any of its concepts, the more the better.
func (p plan) query() query.Query {
	qs := make([]query.Query, len(p.clauses))
	for k, c := range p.clauses {
		qs[k] = c.q
	}
	return query.NewDisjunctionQuery(qs)
}

// retrieval is the query that picks candidates: the concepts that tell passages apart. A
// concept that most passages share ("rare earth" here) adds almost nothing to BM25 but makes
// bleve score nearly every passage, so it only counts when reranking and highlighting.
func (p plan) retrieval() query.Query {
	var qs []query.Query
	for _, c := range p.clauses {
		if !c.common {
			qs = append(qs, c.q)
		}
	}
	if len(qs) == 0 {
		return p.query()
	}
	return query.NewDisjunctionQuery(qs)
}

// A concept that most passages share ("rare earth" here) adds almost nothing to BM25 but makes
// bleve score nearly every passage. Candidates therefore come from the rarer concepts of a
// question, up to retrievalBudget matching passages in all; the others count only when
// reranking and highlighting. Small knowledge bases stay under the budget, so there every
// concept but the commonest counts.
const (
	commonShare     = 0.5
	retrievalBudget = 2000
)

// markCommon flags the concepts that are left out of retrieval.
func (g *generation) markCommon(p *plan) {
	order := make([]int, len(p.clauses))
	df := make([]uint64, len(p.clauses))
	for k, c := range p.clauses {
		order[k] = k
		df[k] = g.vocab[c.term] // exact for concept tokens too: they are indexed terms
	}
	sort.SliceStable(order, func(a, b int) bool { return df[order[a]] < df[order[b]] })
	var total uint64
	for rank, k := range order {
		total += df[k]
		common := float64(df[k]) > commonShare*float64(g.docs) || total > retrievalBudget
		p.clauses[k].common = common && rank > 0
	}
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

// nearest finds the word of the knowledge base a mistyped word most likely meant: same first
// letter, within one edit for words under eight letters and two for longer ones, a swap of two
// letters counting as one ("Inida"), the most common on a tie. The words are the indexed terms
// and the spellings of the synonym groups, which a passage may not use ("Baiyunebo"). A word
// of four letters (typed, or as a stem) is read only as a name or a word many passages have
// with a letter left out or two swapped ("erth" is earth, "Chna" China): other short words
// are more often words of another language or of chat ("yeah" is not year), or names the
// knowledge base lacks ("Paris" is not parts). Terms are bucketed by first
// letter and length, so only words of a near length are compared.
func (g *generation) nearest(t, folded string) (string, bool) {
	n, typed := utf8.RuneCountInString(t), utf8.RuneCountInString(folded)
	if n < 3 || typed < 4 || strings.ContainsAny(t, "0123456789") {
		return "", false
	}
	max := 1
	if n >= 8 {
		max = 2
	}
	short := max64(4, g.docs/100)
	best, bestD, bestDF, bestDropped := "", max+1, uint64(0), false
	// a word of five letters or more with a letter left out may stem shorter than the word it
	// misses by more than one letter ("proces" is process, not prices)
	longest := len(t) + max
	if typed >= 5 && len(folded)+1 > longest {
		longest = len(folded) + 1
	}
	for l := len(t) - max; l <= longest; l++ {
		for _, term := range g.byInitial[bucket(t[0], l)] {
			dropped := typed >= 5 && (leftOut(folded, term) || leftOut(folded, g.word(term)))
			if dropped {
				if df := g.typoDF(term); !bestDropped || df > bestDF || df == bestDF && term < best {
					best, bestD, bestDF, bestDropped = term, 1, df, true
				}
				continue
			}
			if l > len(t)+max {
				continue
			}
			df := g.typoDF(term)
			// a letter left out of the word as written, whose stem is shorter: "oxde" is oxide
			// or one letter of the word as written changed, in a word of five letters or more
			// whose stem is short: "oxyde" is oxide
			swapped := transposed(t, term) || len(term) == len(t) && (leftOut(folded, g.word(term)) || typed >= 5 && changedOne(folded, g.word(term)))
			if (n <= 4 || typed == 4) && (df < short && !g.names(term) || len(term) != len(t)+1 && !swapped) {
				continue
			}
			if n == 3 && !leftOut(folded, g.word(term)) {
				// a stem of three letters ("oxd" of "oxde") is read only as a word with a
				// letter left out
				continue
			}
			d, exceeded := search.LevenshteinDistanceMax(t, term, max)
			if swapped {
				d, exceeded = 1, false
			}
			if exceeded || d > max {
				continue
			}
			if d < bestD || (d == bestD && !bestDropped && (df > bestDF || (df == bestDF && term < best))) {
				best, bestD, bestDF = term, d, df
			}
		}
	}
	return best, best != ""
}

// Misspells reports whether a typed word that is no English word is a word as written within
// one edit (two for words of eight letters or more), a swap of two letters counting as one:
// "mountian" is mountain, "concntrate" concentrate.
func Misspells(typed, word string) bool {
	t, w := foldString(typed), foldString(word)
	if t == w || len(t) < 5 || t[0] != w[0] || IsEnglishWord(t) {
		return false
	}
	max := 1
	if len(w) >= 8 {
		max = 2
	}
	if transposed(t, w) {
		return true
	}
	d, exceeded := search.LevenshteinDistanceMax(t, w, max)
	return !exceeded && d <= max
}

func max64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// typoDF is how many passages have a word a typo may be corrected into: a term, or a spelling
// of a synonym group (as many as have the group).
func (g *generation) typoDF(term string) uint64 {
	if df := g.vocab[term]; df > 0 {
		return df
	}
	return g.spellings[term]
}

// names reports whether a term is, or writes, the name of a place, organisation, person or
// element.
func (g *generation) names(term string) bool {
	return g.concepts.entity[term] || g.concepts.entity[g.concepts.byTerm[term]]
}

// leftOut reports whether a typed word is a word as written with one letter left out.
func leftOut(typed, word string) bool {
	w := foldString(word)
	if len(w) != len(typed)+1 {
		return false
	}
	i := 0
	for i < len(typed) && typed[i] == w[i] {
		i++
	}
	return typed[i:] == w[i+1:]
}

// transposed reports whether two words differ only by two neighbouring letters swapped.
func transposed(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// changedOne reports whether two words of one length differ in one letter only, not the
// first.
func changedOne(a, b string) bool {
	if len(a) != len(b) || a == b || a[0] != b[0] {
		return false
	}
	diff := 0
	for i := range len(a) {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 1
}

// bucket is the key of the words that start with a byte and have a length.
func bucket(initial byte, length int) int { return int(initial)<<16 | length }

// bucketTerms groups the vocabulary's terms and the synonyms' spellings by first letter and
// length, for typo correction.
func bucketTerms(vocab, spellings map[string]uint64) map[int][]string {
	out := map[int][]string{}
	for _, m := range []map[string]uint64{vocab, spellings} {
		for term := range m {
			if !isConcept(term) && term != "" {
				k := bucket(term[0], len(term))
				out[k] = append(out[k], term)
			}
		}
	}
	return out
}

// word is a term as a reader would write it.
func (g *generation) word(term string) string {
	if w, ok := g.words()[term]; ok {
		return w
	}
	if w, ok := g.spelled[term]; ok {
		return w
	}
	return term
}

// surfaceWord is a word of the knowledge base as written, folded once when the surface forms
// are read.
type surfaceWord struct {
	folded, word string
	df           uint64
}

// suggestions indexes the surface words for suggest: sorted by folded form, for prefixes, and
// bucketed by first letter and length, for edit distance.
type suggestions struct {
	sorted  []surfaceWord
	buckets map[int][]int // bucket → indexes into sorted
}

func (g *generation) suggestIndex() *suggestions {
	g.words()
	return g.suggestSet
}

func newSuggestions(surface map[string]string, vocab map[string]uint64) *suggestions {
	s := &suggestions{buckets: map[int][]int{}}
	seen := map[string]bool{}
	for term, word := range surface {
		if seen[word] {
			continue
		}
		seen[word] = true
		s.sorted = append(s.sorted, surfaceWord{folded: foldString(word), word: word, df: vocab[term]})
	}
	sort.Slice(s.sorted, func(i, j int) bool {
		if s.sorted[i].folded != s.sorted[j].folded {
			return s.sorted[i].folded < s.sorted[j].folded
		}
		return s.sorted[i].word < s.sorted[j].word
	})
	for i, w := range s.sorted {
		if w.folded != "" {
			k := bucket(w.folded[0], len(w.folded))
			s.buckets[k] = append(s.buckets[k], i)
		}
	}
	return s
}

// suggest lists known words close to the unknown words of a question: words that start with
// one, then words within one or two edits of one. Its cost depends on how many words share a
// prefix, first letter and length, not on the size of the vocabulary.
func (g *generation) suggest(unknown []string) []string {
	type cand struct {
		word string
		d    int
		df   uint64
	}
	var cands []cand
	seen := map[string]bool{}
	var idx *suggestions
	for _, w := range unknown {
		folded := foldString(w)
		if len(folded) < 3 {
			continue
		}
		if idx == nil {
			idx = g.suggestIndex()
		}
		max := 1
		if len(folded) >= 8 {
			max = 2
		}
		start := sort.Search(len(idx.sorted), func(i int) bool { return idx.sorted[i].folded >= folded })
		for i := start; i < len(idx.sorted) && strings.HasPrefix(idx.sorted[i].folded, folded); i++ {
			if sw := idx.sorted[i]; !seen[sw.word] {
				seen[sw.word] = true
				cands = append(cands, cand{sw.word, 0, sw.df})
			}
		}
		for l := len(folded) - max; l <= len(folded)+max; l++ {
			for _, i := range idx.buckets[bucket(folded[0], l)] {
				sw := idx.sorted[i]
				if seen[sw.word] {
					continue
				}
				d, exceeded := search.LevenshteinDistanceMax(folded, sw.folded, max)
				if !exceeded && d <= max {
					cands = append(cands, cand{sw.word, d, sw.df})
					seen[sw.word] = true
				}
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
	g, release := i.acquire()
	defer release()
	res := &Result{Query: cleanQuery(q), Base: g.base, Passages: g.docs}
	res.Units = knowledge.AskedUnits(res.Query)
	p := g.plan(res.Query)
	res.Corrections = p.corrections
	res.Unknown, res.Turkish = p.unknown, p.turkish
	res.Terms = p.result(g.vocab)
	if len(p.clauses) == 0 {
		res.Miss = true
		res.Suggestions = g.suggest(p.unknown)
		return res, nil
	}
	g.markCommon(&p)
	q1 := p.retrieval()

	// First pass: the best candidates by BM25 over all fields. Asking for match locations here
	// would decode them for every matching passage, so that waits for the second pass.
	candidates := n * 4
	if candidates < 20 {
		candidates = 20
	}
	found, err := g.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q1, candidates, 0, false))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if len(found.Hits) == 0 {
		res.Miss = true
		res.Suggestions = g.suggest(p.unknown)
		return res, nil
	}

	bits := p.bits(g.terms)
	var hits []Hit
	for _, h := range found.Hits {
		f, ok := g.base.Fact(h.ID)
		if !ok {
			continue
		}
		m := g.terms.masks(h.ID, bits)
		hits = append(hits, Hit{Fact: f, Score: h.Score * p.rerank(f, m), Matched: m[0] | m[1] | m[2]})
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
	// The best passage is shown highlighted; Highlight does the others on demand.
	if len(hits) > 0 {
		hits[0].TitleSpans, hits[0].TextSpans = g.highlight(p.terms(), hits[0].Fact)
	}
	res.Hits = hits
	return res, nil
}

// result describes the plan's clauses for a Result.
func (p plan) result(vocab map[string]uint64) []Term {
	out := make([]Term, len(p.clauses))
	for k, c := range p.clauses {
		out[k] = Term{Words: c.word, Entity: c.entity, Corrected: c.corrected, Passages: vocab[c.term]}
	}
	return out
}

// terms is the set of terms and concept tokens the question asks for.
func (p plan) terms() map[string]bool {
	m := make(map[string]bool, len(p.clauses))
	for _, c := range p.clauses {
		m[c.term] = true
	}
	return m
}

// bits maps the term numbers of the question's concepts to their clauses' bits.
func (p plan) bits(t *termTable) map[uint32]uint64 {
	m := make(map[uint32]uint64, len(p.clauses))
	for k, c := range p.clauses {
		if num, ok := t.ids[c.term]; ok {
			m[num] |= 1 << k
		}
	}
	return m
}

// highlightToken is a term of a shown passage and where it is.
type highlightToken struct {
	term       string
	start, end int
}

// passageTokens are the analysed title and text of a passage, kept once it has been shown.
type passageTokens struct{ title, text []highlightToken }

// tokens analyses a passage once per generation.
func (g *generation) tokens(f *knowledge.Fact) *passageTokens {
	if v, ok := g.shown.Load(f.ID); ok {
		return v.(*passageTokens)
	}
	an := func(s string) []highlightToken {
		toks := g.analyzer.Analyze([]byte(s))
		out := make([]highlightToken, len(toks))
		for i, t := range toks {
			out[i] = highlightToken{string(t.Term), t.Start, t.End}
		}
		return out
	}
	pt := &passageTokens{title: an(f.Title), text: an(f.Text)}
	v, _ := g.shown.LoadOrStore(f.ID, pt)
	return v.(*passageTokens)
}

// highlight finds where a passage's title and text have the question's terms.
func (g *generation) highlight(terms map[string]bool, f *knowledge.Fact) (title, text []Span) {
	pt := g.tokens(f)
	find := func(toks []highlightToken) []Span {
		var out []Span
		for _, t := range toks {
			if terms[t.term] {
				out = append(out, Span{t.start, t.end})
			}
		}
		return merge(out)
	}
	return find(pt.title), find(pt.text)
}

// Highlight finds where a passage's title and text have the words of a question, for passages
// that Search returned without highlights.
func (i *Index) Highlight(q string, f *knowledge.Fact) (title, text []Span) {
	g, release := i.acquire()
	defer release()
	return g.highlight(g.plan(cleanQuery(q)).terms(), f)
}

// Reranking weights. BM25 alone favours short passages that repeat one word of the question;
// a passage whose title names every concept of the question is about it.
const (
	titleCoverageWeight = 0.8
	coverageWeight      = 0.5
	computedBoost       = 1.7 // a question asks for a ratio, share, grade, rank or comparison
	computedPenalty     = 0.7 // it does not: the stated fact comes before figures derived from it
	elementBoost        = 1.5 // a question names an element: its own fact comes first
	definitionBoost     = 1.5 // a question asks what something is: a background passage says
	// A passage about the places, organisations and people a question names (in its title or
	// tags) is about what was asked; one that only mentions them in passing is less so.
	entityFloor  = 0.6
	entityWeight = 0.8
)

// rerank is the factor by which a passage's BM25 score is multiplied, from where the
// question's concepts matched: m holds the clause bits found in the title, meta and text.
func (p plan) rerank(f *knowledge.Fact, m [len(fieldsArray)]uint64) float64 {
	title, named, any := m[0], m[0]|m[1], m[0]|m[1]|m[2]
	var entities uint64
	for k, c := range p.clauses {
		if c.entity {
			entities |= 1 << k
		}
	}
	n := float64(len(p.clauses))
	factor := (1 + titleCoverageWeight*float64(bits.OnesCount64(title))/n) * (1 + coverageWeight*float64(bits.OnesCount64(any))/n)
	if entities != 0 {
		factor *= entityFloor + entityWeight*float64(bits.OnesCount64(named&entities))/float64(bits.OnesCount64(entities))
	}
	switch {
	case f.Kind == knowledge.KindComputed && p.computed:
		factor *= computedBoost
	case f.Kind == knowledge.KindComputed:
		factor *= computedPenalty
	case f.Element != nil && p.names(f.Element.Symbol, knowledge.ElementName(f)):
		factor *= elementBoost
	case f.Kind == kindBackground && p.defines:
		factor *= definitionBoost
	}
	return factor
}

// kindBackground is the kind of fact (in the schema) that explains rather than states.
const kindBackground = "background"

// names reports whether one of the question's concepts is written as one of the given names.
func (p plan) names(names ...string) bool {
	for _, c := range p.clauses {
		for _, sp := range c.spellings {
			for _, name := range names {
				if sp == foldString(name) {
					return true
				}
			}
		}
	}
	return false
}

// merge sorts spans and joins those that overlap.
func merge(out []Span) []Span {
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

// turkishQuestion reports whether a question is written in Turkish: it has letters only Turkish
// has, or more ordinary Turkish words than English ones. Only there is an ordinary Turkish word
// not a typo: "bugün" in a Turkish question is no "begun", but "terbiun" in an English one is
// terbium, whatever Turkish stem it happens to end in.
func turkishQuestion(q string, words []analysis.Token) bool {
	if strings.ContainsAny(q, "çğıöşüÇĞİÖŞÜ") {
		return true
	}
	tr, en := 0, 0
	for _, t := range words {
		w := foldString(q[t.Start:t.End])
		switch {
		case IsEnglishWord(w):
			en++
		case IsTurkishWord(w):
			tr++
		}
	}
	return tr > en
}
