package answer

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Kind is what a question asks for.
type Kind string

// The kinds of question. A table kind (value, superlative, rank, compare, change, share) is
// answered from a table of the knowledge base; the others from its passages.
const (
	KindLookup      Kind = "lookup"      // a fact a passage states
	KindValue       Kind = "value"       // a cell of a table
	KindSuperlative Kind = "superlative" // the largest, smallest or n-th row
	KindRank        Kind = "rank"        // where a row ranks
	KindCompare     Kind = "compare"     // two figures of one kind side by side
	KindChange      Kind = "change"      // a figure between two years
	KindShare       Kind = "share"       // a row's share of the total
	KindDefine      Kind = "define"      // what something is or is for
	KindWhy         Kind = "why"         // a reason
	KindMiss        Kind = "miss"        // the knowledge base has no answer
)

// Reading is what a question asks, in the knowledge base's own terms.
type Reading struct {
	Kind  Kind
	Table *knowledge.Table // nil unless a table answers it
	Rows  []*knowledge.Row // the rows it names, in the order named
	Total bool             // it names the table's total (the world)
	Years []int            // data years it names, in the order named
	// Editions are years that name an edition ("USGS 2025"), not data.
	Editions []int
	// Nth is the position a superlative asks for (1 = first); Least asks from the bottom;
	// Top is how many rows it lists ("top 3"); Direction, when not 0, ranks rows by their
	// change between two years: -1 the largest fall, +1 the largest rise.
	Nth       int
	Least     bool
	Top       int
	Direction int
	// Question is true for a yes/no question ("Does Burma mine more than Australia?").
	Question bool
	// FollowUp is true when the reading took the table, rows or years of a previous question.
	FollowUp bool

	// Other places the question names that are not rows of the table: it is about them.
	others []string
	cues   map[cue]bool
	marker bool // starts like a follow-up: "and", "what about"
	which  string
	rowsBy map[*knowledge.Table][]*knowledge.Row // rows named, by table
	// missing is a row of another table that the question names and the table lacks:
	// "How much does Greenland mine?" (Greenland has reserves, no mine output).
	missing string
	// named are the places and rows the question names, in order, and words its words.
	named []mention
	words []word
}

// mention is a place or row a question names, and where.
type mention struct {
	name       string
	start, end int // word indexes
}

type cue int

const (
	cueMost cue = iota + 1
	cueLeast
	cueRank
	cueCompare
	cueTimes
	cueChange
	cueSince
	cueShare
	cueTotal
	cueDefine
	cueWhy
	cueWhich
	cueYesNo
	cueFuture
)

// cueWords are the English words that say what kind of answer a question wants. They are
// grammar, not knowledge: the subjects come from the knowledge base. Turkish words reach them
// through the glossary in synonyms.yaml.
var cueWords = map[string]cue{
	"most": cueMost, "largest": cueMost, "biggest": cueMost, "highest": cueMost, "top": cueMost,
	"leading": cueMost, "greatest": cueMost, "maximum": cueMost, "priciest": cueMost, "dearest": cueMost,
	"least": cueLeast, "smallest": cueLeast, "lowest": cueLeast, "fewest": cueLeast, "cheapest": cueLeast,
	"minimum": cueLeast, "bottom": cueLeast,
	"rank": cueRank, "ranks": cueRank, "ranked": cueRank, "ranking": cueRank, "position": cueRank,
	"place": cueRank, "stand": cueRank,
	"vs": cueCompare, "versus": cueCompare, "compare": cueCompare, "compared": cueCompare,
	"comparison": cueCompare, "than": cueCompare, "against": cueCompare, "more": cueCompare,
	"less": cueCompare, "larger": cueCompare, "bigger": cueCompare, "smaller": cueCompare,
	"higher": cueCompare, "lower": cueCompare, "dearer": cueCompare, "cheaper": cueCompare,
	"times": cueTimes, "ratio": cueTimes, "how many times": cueTimes, "multiple": cueTimes,
	"change": cueChange, "changed": cueChange, "changes": cueChange, "grow": cueChange, "grew": cueChange,
	"growth": cueChange, "rise": cueChange, "rose": cueChange, "risen": cueChange, "fall": cueChange,
	"fell": cueChange, "fallen": cueChange, "drop": cueChange, "dropped": cueChange, "decline": cueChange,
	"declined": cueChange, "increase": cueChange, "increased": cueChange, "decrease": cueChange,
	"decreased": cueChange, "evolve": cueChange, "evolved": cueChange, "trend": cueChange,
	"since": cueSince,
	"share": cueShare, "percent": cueShare, "percentage": cueShare, "proportion": cueShare,
	"fraction": cueShare, "%": cueShare, "account for": cueShare,
	"world": cueTotal, "global": cueTotal, "worldwide": cueTotal, "total": cueTotal, "overall": cueTotal,
	"what is": cueDefine, "what are": cueDefine, "used for": cueDefine, "use": cueDefine, "uses": cueDefine,
	"define": cueDefine, "meaning": cueDefine, "mean": cueDefine, "definition": cueDefine,
	"why": cueWhy, "reason": cueWhy, "reasons": cueWhy, "how come": cueWhy,
	"which": cueWhich, "who": cueWhich, "what": cueWhich,
	"will": cueFuture, "forecast": cueFuture, "expected": cueFuture, "projected": cueFuture,
}

// changeDirection says which way a change word goes.
var changeDirection = map[string]int{
	"fall": -1, "fell": -1, "fallen": -1, "drop": -1, "dropped": -1, "decline": -1, "declined": -1,
	"decrease": -1, "decreased": -1, "shrink": -1, "shrank": -1,
	"rise": 1, "rose": 1, "risen": 1, "grow": 1, "grew": 1, "growth": 1, "increase": 1, "increased": 1,
	"jump": 1, "jumped": 1,
}

// counts are the numbers of rows a "top" may ask for.
var counts = map[string]int{"2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10,
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// ordinals are the positions a superlative may ask for.
var ordinals = map[string]int{
	"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
	"fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
	"ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}

// yesNo are the first words of a question that wants a yes or a no.
var yesNo = map[string]bool{"does": true, "do": true, "did": true, "is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "can": true}

// followUpStarts are the ways a question that continues another starts.
var followUpStarts = []string{"and", "what about", "how about", "and what about", "same for", "also", "ve", "peki", "ya"}

// editionWords come just before a year that names an edition rather than data.
var editionWords = map[string]bool{"usgs": true, "mcs": true, "edition": true, "editions": true, "summaries": true, "summary": true, "mineral": true}

// whichWords ask for a noun that follows them: "which country", "hangi ülke".
var whichWords = map[string]bool{"which": true, "what": true, "hangi": true}

// skipWhich are words between "which" and the noun it asks about.
var skipWhich = map[string]bool{"the": true, "a": true, "an": true, "is": true, "was": true, "are": true, "were": true, "of": true}

// word is one word of a question.
type word struct {
	raw   string // as typed
	fold  string // folded: ASCII, lowercase
	stem  string // English stem of fold
	upper bool   // starts with a capital letter
	alts  []string
}

// words splits a question into words. An apostrophe ends a word ("China's", "Çin'in" give
// China, Çin); digits stay in a word ("2024", "3rd"); "%" is a word.
func words(q string) []word {
	var out []word
	runes := []rune(q)
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case r == '%':
			out = append(out, word{raw: "%", fold: "%", stem: "%"})
			i++
			continue
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			i++
			continue
		}
		j := i
		for j < len(runes) && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j]) || runes[j] == '.' && j+1 < len(runes) && unicode.IsLetter(runes[j+1]) && j > i && runes[j-1] != '.' && len(runes[i:j]) <= 3) {
			j++
		}
		raw := string(runes[i:j])
		w := word{raw: raw, fold: strings.ReplaceAll(index.Fold(raw), ".", ""), upper: unicode.IsUpper(r)}
		w.stem = stem(w.fold)
		out = append(out, w)
		// Skip a suffix after an apostrophe.
		if j < len(runes) && (runes[j] == '\'' || runes[j] == '’') {
			j++
			for j < len(runes) && unicode.IsLetter(runes[j]) {
				j++
			}
		}
		i = j
	}
	return out
}

func stem(s string) string {
	if len(s) < 3 {
		return s
	}
	env := snowballstem.NewEnv(s)
	english.Stem(env)
	return env.Current()
}

func phraseKey(s string) string {
	ws := words(s)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.stem
	}
	return strings.Join(parts, " ")
}

// sense is one thing a phrase of a question may mean.
type sense struct {
	table   *knowledge.Table // a word for what the table measures, or the table of row
	row     *knowledge.Row
	total   bool   // the table's total
	rowKind bool   // what the table's rows are ("country")
	place   string // a place that is not a row
	cue     cue
	ordinal int
}

// lexicon maps phrases (stems joined by spaces) to their senses, for one knowledge base.
type lexicon struct {
	phrases map[string][]sense
	longest int
	turkish map[string]string // English name (folded) → Turkish name
	// computed maps the names of a computed figure's inputs, sorted and joined, to its fact.
	computed map[string]*knowledge.Fact
	// latestYear is the year of the most recent figure.
	latestYear string
}

// The lexicons of the last two knowledge bases: during a reindex the old and the new one
// answer side by side.
var (
	lexMu    sync.Mutex
	lexBases [2]*knowledge.Base
	lexicons [2]*lexicon
)

// lexiconFor builds the lexicon of a knowledge base once.
func lexiconFor(b *knowledge.Base) *lexicon {
	lexMu.Lock()
	defer lexMu.Unlock()
	for i, o := range lexBases {
		if o == b {
			return lexicons[i]
		}
	}
	lx := newLexicon(b)
	lexBases[1], lexicons[1] = lexBases[0], lexicons[0]
	lexBases[0], lexicons[0] = b, lx
	return lx
}

func newLexicon(b *knowledge.Base) *lexicon {
	lx := &lexicon{phrases: map[string][]sense{}, turkish: map[string]string{}, computed: map[string]*knowledge.Fact{}}
	for _, f := range b.Facts {
		for _, g := range f.Figures {
			if y := g.AsOf[:min(4, len(g.AsOf))]; y > lx.latestYear {
				lx.latestYear = y
			}
		}
		if f.Formula == nil || len(f.Formula.Series) > 0 || len(f.Formula.Inputs) < 2 {
			continue
		}
		k := inputsKey(f.Formula.Inputs)
		if prev, ok := lx.computed[k]; !ok || f.ID < prev.ID {
			lx.computed[k] = f
		}
	}
	add := func(phrase string, s sense) {
		k := phraseKey(phrase)
		if k == "" {
			return
		}
		for _, old := range lx.phrases[k] {
			if old == s {
				return
			}
		}
		lx.phrases[k] = append(lx.phrases[k], s)
		if n := strings.Count(k, " ") + 1; n > lx.longest {
			lx.longest = n
		}
	}
	for w, c := range cueWords {
		add(w, sense{cue: c})
	}
	for w, n := range ordinals {
		add(w, sense{ordinal: n})
	}
	rowNames := map[string]bool{}
	for _, t := range b.Tables() {
		for _, w := range t.Words {
			add(w, sense{table: t})
		}
		add(t.RowKind, sense{table: t, rowKind: true})
		for _, r := range t.Rows {
			for _, n := range r.Names {
				add(n, sense{table: t, row: r})
				rowNames[phraseKey(n)] = true
			}
		}
		for _, y := range t.Years {
			if g := t.Total(y); g != nil {
				add(g.Label, sense{table: t, total: true})
			}
		}
	}
	for _, f := range b.Facts {
		for _, p := range f.Places {
			if !rowNames[phraseKey(p)] {
				add(p, sense{place: p})
			}
		}
	}
	// A synonym group or glossary entry gives each of its phrases the senses of all.
	groups := append(append([][]string{}, b.Synonyms...), b.Turkish...)
	for pass := 0; pass < 2; pass++ {
		for _, g := range groups {
			var all []sense
			for _, p := range g {
				all = append(all, lx.phrases[phraseKey(p)]...)
			}
			for _, p := range g {
				for _, s := range all {
					add(p, s)
				}
			}
		}
	}
	for _, e := range b.Turkish {
		lx.turkish[index.Fold(e[0])] = e[1]
	}
	return lx
}

// inputsKey names a set of figures by their sorted names.
func inputsKey(figs []*knowledge.Figure) string {
	names := make([]string, len(figs))
	for i, g := range figs {
		names[i] = g.Name
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// match finds the senses of the phrase that starts at word i, longest first, then tries the
// Turkish stems of a word the lexicon does not know. It returns the senses and the number of
// words.
func (lx *lexicon) match(ws []word, i int) ([]sense, int) {
	longest := min(lx.longest, len(ws)-i)
	key := func(n int, last string) string {
		var b strings.Builder
		for k := 0; k < n-1; k++ {
			b.WriteString(ws[i+k].stem)
			b.WriteByte(' ')
		}
		b.WriteString(last)
		return b.String()
	}
	for n := longest; n >= 1; n-- {
		if s, ok := lx.phrases[key(n, ws[i+n-1].stem)]; ok {
			return s, n
		}
	}
	for n := longest; n >= 1; n-- {
		w := &ws[i+n-1]
		if w.alts == nil {
			w.alts = []string{}
			for _, alt := range index.TurkishStems(w.fold) {
				w.alts = append(w.alts, stem(alt))
			}
		}
		for _, alt := range w.alts {
			if s, ok := lx.phrases[key(n, alt)]; ok {
				return s, n
			}
		}
	}
	return nil, 1
}

// read works out what a question asks of the knowledge base's tables.
func read(b *knowledge.Base, q string) *Reading {
	lx := lexiconFor(b)
	ws := words(q)
	r := &Reading{cues: map[cue]bool{}}
	if len(ws) > 0 && yesNo[ws[0].fold] {
		r.Question = true
	}
	lowered := strings.ToLower(strings.TrimSpace(q))
	for _, s := range followUpStarts {
		if strings.HasPrefix(lowered, s+" ") || lowered == s {
			r.marker = true
		}
	}
	tableScore := map[*knowledge.Table]int{}
	rowsBy := map[*knowledge.Table][]*knowledge.Row{}
	totalIn := map[*knowledge.Table]bool{}
	kindOf := map[*knowledge.Table]bool{}
	var places []string
	whichNext := false
	askedMoney := false
	for _, w := range ws {
		askedMoney = askedMoney || moneyWords[w.fold]
	}
	for i := 0; i < len(ws); {
		w := ws[i]
		if d, ok := changeDirection[w.fold]; ok {
			r.Direction = d
		}
		if c, ok := counts[w.fold]; ok && i > 0 && ws[i-1].fold == "top" {
			r.Top = c
		}
		if y, err := strconv.Atoi(w.fold); err == nil && len(w.fold) == 4 && y >= 1900 && y <= 2100 {
			prev, next := "", ""
			if i > 0 {
				prev = ws[i-1].fold
			}
			if i+1 < len(ws) {
				next = ws[i+1].fold
			}
			if editionWords[prev] || editionWords[next] {
				r.Editions = append(r.Editions, y)
			} else {
				r.Years = append(r.Years, y)
			}
			i++
			continue
		}
		senses, n := lx.match(ws, i)
		for _, s := range senses {
			name := s.place
			if s.row != nil {
				name = s.row.Label
			}
			if name != "" {
				if k := len(r.named); k == 0 || r.named[k-1].name != name {
					r.named = append(r.named, mention{name, i, i + n})
				}
				break
			}
		}
		if whichNext && !skipWhich[w.fold] {
			if len(senses) > 0 {
				r.which = strings.Join(stems(ws[i:i+n]), " ")
			}
			whichNext = false
		}
		for _, s := range senses {
			switch {
			case s.cue != 0:
				r.cues[s.cue] = true
				if s.cue == cueWhich && whichWords[w.fold] {
					whichNext = true
				}
			case s.ordinal != 0:
				r.Nth = s.ordinal
			case s.row != nil:
				if !containsRow(rowsBy[s.table], s.row) {
					rowsBy[s.table] = append(rowsBy[s.table], s.row)
				}
			case s.total:
				totalIn[s.table] = true
			case s.rowKind:
				kindOf[s.table] = true
			case s.table != nil:
				tableScore[s.table]++
			case s.place != "":
				places = append(places, s.place)
			}
		}
		i += n
	}
	// The table: the one whose words the question uses most, then the one whose rows it names.
	var best *knowledge.Table
	bestScore := 0
	for _, t := range b.Tables() {
		score := tableScore[t]*100 + len(rowsBy[t])*10
		if !hasEditions(t, r.Editions) {
			continue
		}
		if askedMoney && !hasMoney(t) {
			// "How much was the concentrate mined in the US worth?" asks for dollars, which a
			// table of tonnes does not have.
			continue
		}
		if tableScore[t] == 0 {
			continue
		}
		// Two editions of one table: the one with the years asked, then the most recent.
		if score > bestScore || (score == bestScore && newer(t, best, r.Years)) {
			best, bestScore = t, score
		}
	}
	if best != nil {
		r.Table = best
		r.Rows = rowsBy[best]
		r.Total = totalIn[best] || r.cues[cueTotal]
		r.others = places
		for t, rows := range rowsBy {
			for _, row := range rows {
				if _, ok := best.Row(row.Label); t != best && !ok && r.missing == "" {
					r.missing = row.Label
				}
			}
		}
		if r.which != "" && !whichFits(lx, best, r.which) {
			r.others = append(r.others, r.which)
		}
	} else {
		// No word for a measure: keep every table's rows, for a follow-up to pick from.
		for _, t := range b.Tables() {
			if len(rowsBy[t]) > 0 && r.Rows == nil {
				r.Rows = rowsBy[t]
			}
		}
		r.others = places
	}
	r.rowsBy = rowsBy
	r.words = ws
	r.Kind = r.kind()
	return r
}

// without is the question with the words of the other named things left out: what it asks
// of one of two things it compares.
func (r *Reading) without(keep int) string {
	var parts []string
	for i, w := range r.words {
		drop := false
		for k, m := range r.named {
			if k != keep && i >= m.start && i < m.end {
				drop = true
			}
		}
		if !drop {
			parts = append(parts, w.raw)
		}
	}
	return strings.Join(parts, " ")
}

// newer reports whether table t fits the years asked better than o, or is more recent.
func newer(t, o *knowledge.Table, years []int) bool {
	has := func(t *knowledge.Table) int {
		n := 0
		for _, y := range years {
			if t.HasYear(y) {
				n++
			}
		}
		return n
	}
	if a, b := has(t), has(o); a != b {
		return a > b
	}
	return t.Latest() > o.Latest()
}

// moneyWords ask for an amount of money.
var moneyWords = map[string]bool{"worth": true, "value": true, "dollars": true, "usd": true, "revenue": true, "spend": true, "spent": true, "$": true}

func hasMoney(t *knowledge.Table) bool {
	u, _ := knowledge.LookupUnit(t.Unit)
	return u.Dim.Money != 0
}

// hasEditions reports whether a table comes from every edition a question names.
func hasEditions(t *knowledge.Table, editions []int) bool {
	for _, e := range editions {
		if !strings.Contains(t.Edition, strconv.Itoa(e)) {
			return false
		}
	}
	return true
}

func stems(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.stem
	}
	return out
}

func containsRow(rows []*knowledge.Row, r *knowledge.Row) bool {
	for _, o := range rows {
		if o == r {
			return true
		}
	}
	return false
}

// whichFits reports whether the noun after "which" can be a row of the table: its row kind
// ("which country"), a word of its rows' labels ("which oxide"), or a word of its title that
// does not say what it measures ("which rare earth"). "Which mine" asks for a mine, not a
// country.
func whichFits(lx *lexicon, t *knowledge.Table, noun string) bool {
	for _, s := range lx.phrases[noun] {
		if s.table == t && (s.rowKind || s.row != nil || s.total) {
			// "which country", or a row itself: "what's the US share"
			return true
		}
		if s.cue != 0 || s.ordinal != 0 {
			return true
		}
	}
	measures := map[string]bool{}
	for _, w := range t.Words {
		measures[phraseKey(w)] = true
	}
	if measures[noun] {
		return false
	}
	texts := []string{t.Title}
	for _, r := range t.Rows {
		texts = append(texts, r.Label)
	}
	for _, text := range texts {
		for _, w := range words(text) {
			if w.stem == noun || strings.HasPrefix(noun, w.stem+" ") {
				return true
			}
		}
	}
	return false
}

// kind decides what a reading asks for, from its cues, rows and years.
func (r *Reading) kind() Kind {
	if r.Table == nil || len(r.others) > 0 {
		switch {
		case r.cues[cueWhy]:
			return KindWhy
		case r.cues[cueDefine]:
			return KindDefine
		}
		return KindLookup
	}
	rows := len(r.Rows)
	switch {
	case r.cues[cueShare] && rows >= 1:
		return KindShare
	case (r.cues[cueChange] || r.cues[cueSince]) && (rows >= 1 || r.Total) && !r.cues[cueMost] && !r.cues[cueLeast]:
		return KindChange
	case len(r.Years) >= 2 && rows == 1 && !r.cues[cueMost] && !r.cues[cueLeast]:
		return KindChange
	case rows == 1 && r.Total && r.cues[cueTimes]:
		return KindCompare
	case rows == 1 && r.Total && r.cues[cueCompare]:
		// "China vs world": the part of the whole.
		return KindShare
	case rows >= 2:
		return KindCompare
	case rows == 1 && (r.cues[cueRank] || r.Nth > 0 || r.cues[cueMost] || r.cues[cueLeast]):
		// "Where does Russia rank?", "Is the US the second largest producer?"
		return KindRank
	case (r.cues[cueMost] || r.cues[cueLeast] || r.Nth > 0 || r.Top > 0) && rows == 0:
		r.Least = r.cues[cueLeast]
		if !r.cues[cueChange] {
			r.Direction = 0
		}
		if r.Nth == 0 {
			r.Nth = 1
		}
		return KindSuperlative
	case rows == 1 || (rows == 0 && r.Total):
		return KindValue
	}
	switch {
	case r.cues[cueWhy]:
		return KindWhy
	case r.cues[cueDefine]:
		return KindDefine
	}
	return KindLookup
}
