package answer

import (
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"weak"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Kind is what a question asks for.
type Kind string

// The kinds of question. A table kind (value, superlative, rank, compare, change, share, sum)
// is answered from a table of the knowledge base; the others from its passages.
const (
	KindLookup      Kind = "lookup"      // a fact a passage states
	KindValue       Kind = "value"       // a cell of a table
	KindSuperlative Kind = "superlative" // the largest, smallest or n-th row
	KindRank        Kind = "rank"        // where a row ranks
	KindCompare     Kind = "compare"     // two figures of one kind side by side
	KindChange      Kind = "change"      // a figure between two years
	KindShare       Kind = "share"       // a row's share of the total
	KindSum         Kind = "sum"         // rows added up
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
	// Relative ranks changes in per cent, not in the table's unit: "grew fastest in
	// percentage terms".
	Relative bool
	// OverYears ranks the years of one row: "In which year was terbium oxide most
	// expensive?"
	OverYears bool
	// Question is true for a yes/no question ("Does Burma mine more than Australia?").
	Question bool
	// FollowUp is true when the reading took the table, rows or years of a previous question.
	FollowUp bool

	// Other places the question names that are not rows of the table: it is about them.
	others []string
	cues   map[cue]bool
	marker bool // starts like a follow-up: "and", "what about"
	fast   bool // a word of speed ("fastest"): a change in per cent
	lower  bool // a comparison asks which is less: "cheaper", "smaller"
	// wholeTable is true when the reading took the table's total for want of a row.
	wholeTable bool
	known      []bool // the words the reading has a meaning for
	which      string
	rowsBy     map[*knowledge.Table][]*knowledge.Row // rows named, by table
	// missing is a row of another table that the question names and the table lacks:
	// "How much does Greenland mine?" (Greenland has reserves, no mine output).
	missing string
	// named are the places, organisations and rows the question names, in order, and words
	// its words.
	named []mention
	words []word
	// excluded are rows to leave out ("outside China"); group, the tags of the rows to keep
	// ("African": the rows whose facts are tagged Africa).
	excluded []*knowledge.Row
	// ranksAfter are rows the answer ranks after: "the second largest after China".
	ranksAfter []*knowledge.Row
	// among are the rows a superlative picks from, when it names them: "of Nd, Dy, Tb and
	// Eu, which one was dearest?"
	among     []*knowledge.Row
	group     []string
	exclGroup []string // groups left out: "outside Asia"
	// per is a second table the first is divided by, row by row: reserves per mine production.
	per *knowledge.Table
	// subjects are words that say whose measure is asked and that the table does not know:
	// "lithium" in "the lithium price".
	subjects []string
	// places are the places named that are not rows of the table; measured, the words that
	// say what the table measures ("price").
	places, measured []string
	// required are the subjects a passage must have to answer: the table does not.
	required []string
	now      time.Time
	// relative is true when the years were said relative to today ("last year"); asked is the
	// year asked when the latest year the table has answers instead.
	relative bool
	asked    int
	// site is the kind of site a superlative asks for: "mine" in "the world's largest mine".
	site string
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
	cueExclude // "outside China": the rows named next are left out
	cuePercent // "in percentage terms": a share, or a change in per cent
	cueRate    // "at the 2024 mining rate": the table named just before is a yearly rate
	cueLast    // "how long would reserves last": a stock divided by a yearly rate
	cueLower   // a comparative that asks which is less ("cheaper"); read as cueCompare too
	cueSum     // "combined", "together": rows added up
	cueAfter   // "the second largest after China": the rows named next rank before the answer
	// cueWhen asks for a date: "when", "in which year", "ne zaman".
	cueWhen
	// cueDefinition asks what something is, more plainly than "what is": "definition",
	// "counts as", "list". Read as cueDefine too.
	cueDefinition
)

// cueWords are the English words that say what kind of answer a question wants. They are
// grammar, not knowledge: the subjects come from the knowledge base. Turkish words reach them
// through the glossary in synonyms.yaml.
var cueWords = map[string]cue{
	"most": cueMost, "largest": cueMost, "biggest": cueMost, "highest": cueMost, "top": cueMost,
	"leading": cueMost, "greatest": cueMost, "maximum": cueMost, "priciest": cueMost, "dearest": cueMost,
	"number one": cueMost, "no 1": cueMost, "number 1": cueMost, "peak": cueMost, "peaked": cueMost, "peaks": cueMost, "highest point": cueMost, "high point": cueMost,
	"fastest": cueMost, "quickest": cueMost, "sharpest": cueMost, "steepest": cueMost, "strongest": cueMost,
	"least": cueLeast, "smallest": cueLeast, "lowest": cueLeast, "fewest": cueLeast, "cheapest": cueLeast,
	"minimum": cueLeast, "bottom": cueLeast, "tiniest": cueLeast, "littlest": cueLeast, "poorest": cueLeast,
	"leanest": cueLeast, "richest": cueMost, "costliest": cueMost, "purest": cueMost, "slowest": cueLeast, "weakest": cueLeast,
	"rank": cueRank, "ranks": cueRank, "ranked": cueRank, "ranking": cueRank, "position": cueRank,
	"place": cueRank, "stand": cueRank, "league": cueRank, "league table": cueRank, "standings": cueRank,
	"how far down": cueRank, "how far up": cueRank, "how high up": cueRank, "how low down": cueRank,
	"up the list": cueRank, "down the list": cueRank, "up the table": cueRank, "down the table": cueRank, "pecking order": cueRank, "placed": cueRank,
	"vs": cueCompare, "versus": cueCompare, "compare": cueCompare, "compared": cueCompare,
	"comparison": cueCompare, "than": cueCompare, "against": cueCompare, "more": cueCompare,
	"far apart": cueCompare, "how far apart": cueCompare, // ("apart" alone leaves a row out)
	"less": cueLower, "larger": cueCompare, "bigger": cueCompare, "smaller": cueLower, "fewer": cueLower,
	"higher": cueCompare, "lower": cueLower, "dearer": cueCompare, "cheaper": cueLower,
	"richer": cueCompare, "purer": cueCompare, "poorer": cueLower, "leaner": cueLower,
	"better": cueCompare, "worse": cueCompare, // ("better or worse" asks which, not which way)
	"times": cueTimes, "ratio": cueTimes, "how many times": cueTimes, "multiple": cueTimes,
	"change": cueChange, "changed": cueChange, "changes": cueChange, "grow": cueChange, "grew": cueChange,
	"growth": cueChange, "rise": cueChange, "rose": cueChange, "risen": cueChange, "fall": cueChange,
	"fell": cueChange, "fallen": cueChange, "drop": cueChange, "dropped": cueChange, "decline": cueChange,
	"declined": cueChange, "increase": cueChange, "increased": cueChange, "decrease": cueChange,
	"decreased": cueChange, "evolve": cueChange, "evolved": cueChange, "trend": cueChange,
	"lost": cueChange, "lose": cueChange, "loses": cueChange, "gained": cueChange, "gain": cueChange, "gains": cueChange,
	"shed": cueChange, "added": cueChange, "developed": cueChange, "develop": cueChange, "up or down": cueChange,
	"y/y": cueChange, "yoy": cueChange, "year on year": cueChange, "year-on-year": cueChange, "year over year": cueChange,
	"from what to what": cueChange, "what happened to": cueChange, "used to be": cueChange, "move": cueChange,
	"moved": cueChange, "shift": cueChange, "shifted": cueChange,
	"since": cueSince,
	"share": cueShare, "proportion": cueShare, "slice": cueShare, "portion": cueShare, "chunk": cueShare, "fraction": cueShare, "account for": cueShare,
	"percent": cuePercent, "percentage": cuePercent, "per cent": cuePercent, "%": cuePercent,
	"relative": cuePercent, "relatively": cuePercent, "proportionally": cuePercent,
	"outside": cueExclude, "excluding": cueExclude, "exclude": cueExclude, "except": cueExclude,
	"besides": cueExclude, "apart from": cueExclude, "other than": cueExclude, "aside from": cueExclude,
	"not counting": cueExclude, "not including": cueExclude, "leaving out": cueExclude, "ex": cueExclude,
	"beyond": cueExclude, "without": cueExclude, "leaving aside": cueExclude, "setting aside": cueExclude,
	"putting aside": cueExclude, "aside": cueExclude, "apart": cueExclude, "excluded": cueExclude,
	"leave": cueExclude, "ignoring": cueExclude, "ignore": cueExclude, "discounting": cueExclude, // ("if you leave China out")
	"out of it": cueExclude, "out of the picture": cueExclude, "out of the equation": cueExclude,
	"after": cueAfter, "behind": cueAfter, "next to": cueAfter,
	"relative to": cueTimes, "compared with": cueTimes, "in relation to": cueTimes,
	"combined": cueSum, "together": cueSum, "altogether": cueSum, "jointly": cueSum, "sum": cueSum,
	"between them": cueSum, "total of": cueSum, "put together": cueSum,
	"rate": cueRate, "pace": cueRate, "last": cueLast, "how long": cueLast, "how many years": cueLast,
	"world": cueTotal, "global": cueTotal, "worldwide": cueTotal, "total": cueTotal, "overall": cueTotal,
	"what is": cueDefine, "what are": cueDefine, "used for": cueDefine, "use": cueDefine, "uses": cueDefine,
	"define": cueDefinition, "meaning": cueDefinition, "mean": cueDefinition, "definition": cueDefinition,
	"defined": cueDefinition, "counts as": cueDefinition, "count as": cueDefinition, "counted as": cueDefinition,
	"qualify as": cueDefinition, "qualifies as": cueDefinition, "classified as": cueDefinition, "list": cueDefinition,
	"stand for": cueDefinition, "stands for": cueDefinition, "refer": cueDefinition, "refers": cueDefinition, "referring": cueDefinition, "meant": cueDefinition, "difference": cueDefinition,
	"why": cueWhy, "reason": cueWhy, "reasons": cueWhy, "how come": cueWhy,
	"which": cueWhich, "who": cueWhich, "what": cueWhich,
	"when": cueWhen, "which year": cueWhen, "what year": cueWhen, "what date": cueWhen, "since when": cueWhen,
	"will": cueFuture, "forecast": cueFuture, "expected": cueFuture, "projected": cueFuture, "expect": cueFuture,
	"expects": cueFuture, "projects": cueFuture,
}

// changeDirection says which way a change word goes.
var changeDirection = map[string]int{
	"fall": -1, "fell": -1, "fallen": -1, "drop": -1, "dropped": -1, "decline": -1, "declined": -1,
	"decrease": -1, "decreased": -1, "shrink": -1, "shrank": -1,
	"rise": 1, "rose": 1, "risen": 1, "grow": 1, "grew": 1, "growth": 1, "increase": 1, "increased": 1,
	"jump": 1, "jumped": 1, "lost": -1, "lose": -1, "loses": -1, "shed": -1, "gained": 1, "gain": 1, "gains": 1, "added": 1,
}

// speedWords rank changes by how fast they were: in per cent.
var speedWords = map[string]bool{"fastest": true, "quickest": true, "slowest": true, "fast": true, "quickly": true, "rapidly": true, "faster": true}

// counts are the numbers of rows a "top" may ask for.
var counts = map[string]int{"2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10,
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// ordinals are the positions a superlative may ask for.
var ordinals = map[string]int{
	"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
	"fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
	"ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}

// orWhether are the words after "or" that keep a yes/no question one: "or not", "or below".
var orWhether = map[string]bool{"not": true, "no": true, "else": true, "so": true, "more": true, "less": true,
	"above": true, "below": true, "over": true, "under": true, "higher": true, "lower": true, "değil": true}

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
	// clause is true when punctuation that ends a phrase comes before the word: "reserves,
	// who's ahead", "Australia - who has more".
	clause bool
	alts   []string
}

// words splits a question into words. An apostrophe ends a word ("China's", "Çin'in" give
// China, Çin); digits stay in a word ("2024", "3rd"); "%" is a word.
func words(q string) []word { return splitWords(q, true) }

// plainWords splits a text into words as words does, without stems, for comparing folded
// words only.
func plainWords(q string) []word { return splitWords(q, false) }

func splitWords(q string, stemmed bool) []word {
	var out []word
	runes := []rune(q)
	clause := false
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case r == '%':
			out = append(out, word{raw: "%", fold: "%", stem: "%"})
			i++
			continue
		case r == '#' && i+1 < len(runes) && unicode.IsDigit(runes[i+1]):
			// "#2" is "number 2"
			w := word{raw: "number", fold: "number", clause: clause}
			if stemmed {
				w.stem = stem(w.fold)
			}
			out = append(out, w)
			clause = false
			i++
			continue
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			// a hyphen or slash inside a word ("rare-earth", "usd/kg") joins; spaced, or any
			// other mark, ends a phrase
			if !unicode.IsSpace(r) && !((r == '-' || r == '/') && i > 0 && i+1 < len(runes) && !unicode.IsSpace(runes[i-1]) && !unicode.IsSpace(runes[i+1])) {
				clause = len(out) > 0
			}
			i++
			continue
		}
		j := i
		for j < len(runes) && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j]) || runes[j] == '.' && j+1 < len(runes) && unicode.IsLetter(runes[j+1]) && j > i && runes[j-1] != '.' && len(runes[i:j]) <= 3) {
			j++
		}
		raw := string(runes[i:j])
		w := word{raw: raw, fold: strings.ReplaceAll(index.Fold(raw), ".", ""), upper: unicode.IsUpper(r), clause: clause}
		clause = false
		if stemmed {
			w.stem = stem(w.fold)
		}
		out = append(out, w)
		// Skip a suffix after an apostrophe; after a pronoun it is a verb: "who's" is "who
		// is", "what's" "what is".
		if j < len(runes) && (runes[j] == '\'' || runes[j] == '’') {
			k := j + 1
			for k < len(runes) && unicode.IsLetter(runes[k]) {
				k++
			}
			if v, ok := contracted[strings.ToLower(string(runes[j+1:k]))]; ok && pronouns[w.fold] {
				out = append(out, word{raw: v, fold: v, stem: stem(v)})
			}
			j = k
		}
		i = j
	}
	return out
}

// contracted are the verbs a contraction stands for after a pronoun; pronouns are the words
// whose "'s" is a verb, not a possessive.
var (
	contracted = map[string]string{"s": "is", "re": "are", "ll": "will", "ve": "have", "d": "did"}
	pronouns   = map[string]bool{"what": true, "who": true, "where": true, "when": true, "how": true, "why": true,
		"which": true, "that": true, "it": true, "there": true, "here": true, "he": true, "she": true,
		"they": true, "we": true, "you": true}
)

func stem(s string) string {
	if len(s) < 3 {
		return s
	}
	if st, ok := stemmed.Load(s); ok {
		return st.(string)
	}
	env := snowballstem.NewEnv(s)
	english.Stem(env)
	st := env.Current()
	// Past the bound (words of questions nobody asks twice), start again.
	if stemmedN.Add(1) > maxStemmed {
		stemmed.Clear()
		stemmedN.Store(1)
	}
	stemmed.Store(s, st)
	return st
}

// stemmed keeps the stems of the words seen: every lexicon stems the whole knowledge base's
// wording, and every question its words, mostly the same words again.
var (
	stemmed  sync.Map // word → stem
	stemmedN atomic.Int64
)

const maxStemmed = 1 << 16

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
	org     string // an organisation
	group   string // a tag that several of the table's rows have: a region ("Africa")
	cue     cue
	ordinal int
}

// lexicon maps phrases (stems joined by spaces) to their senses, for one knowledge base.
type lexicon struct {
	phrases map[string][]sense
	longest int
	turkish map[string]string // English name (folded) → Turkish name
	// english maps a Turkish word or phrase of the glossary (folded words joined by spaces)
	// to its English; englishLongest is the most words such a phrase has.
	english        map[string]string
	englishLongest int
	// computed maps the names of a computed figure's inputs, sorted and joined, to its fact.
	computed map[string]*knowledge.Fact
	// latestYear is the year of the most recent figure.
	latestYear string
	// groups are, by table, the rows that have each group tag.
	groups map[*knowledge.Table]map[string][]*knowledge.Row
	// own are, by table, the stems of the words its facts use (ownWords); titled, those of
	// its title, row kind and words, and their synonyms: what all its rows are.
	own, titled map[*knowledge.Table]map[string]bool
	// synonyms maps each phrase of a synonym group (stems joined by spaces) to the group's
	// name ("=12"); synLongest is the most words a phrase has.
	synonyms     map[string]string
	synLongest   int
	groupPhrases map[string][]string // a group's name → its phrases, as stems
	// labels caches the concepts of figure labels, which come from the knowledge base.
	labels sync.Map
	// lastTranslation is the last question translated: reading and answering one question
	// translate it several times.
	lastTranslation atomic.Pointer[translation]
	// vocabulary are the folded words of the facts' titles, texts and tags.
	vocabulary map[string]bool
	// titledBy and taggedBy are the background passages whose title, or one of whose tags,
	// has a concept: where a definition of it may be.
	titledBy, taggedBy map[string][]*knowledge.Fact
	// spelled maps a short name in brackets after its long form ("Praseodymium-neodymium
	// (NdPr)"), folded, to the first passage that spells it out.
	spelled map[string]*knowledge.Fact
	// tableForms are, by the stem of a one-word measure of a table, the words the tables
	// write it with ("miner"): a question's word with that stem names the measure only when
	// it is one of them inflected, so "mineral" is no "miner".
	tableForms map[string][]string
	// periods are the ranges of years passages are titled with ("2020 2023" for "Where US
	// rare earth imports come from (2020–2023)"): a passage's period, not years of a table.
	periods map[string]bool
}

// compound reports whether an English word is a word of the knowledge base with another
// English word after it: "lifetime" is life and time, and a mine's life is in the facts.
func (lx *lexicon) compound(w string) bool {
	for i := 4; i+3 <= len(w); i++ {
		if lx.vocabulary[w[:i]] && index.IsEnglishWord(w[i:]) {
			return true
		}
	}
	return false
}

// The lexicons of the knowledge bases in use, kept while their base is: during a reindex the
// old and the new one answer side by side, and tests run several bases at once.
var (
	lexMu    sync.Mutex
	lexicons = map[weak.Pointer[knowledge.Base]]*lexicon{}
)

// lexiconFor builds the lexicon of a knowledge base once.
func lexiconFor(b *knowledge.Base) *lexicon {
	key := weak.Make(b)
	lexMu.Lock()
	defer lexMu.Unlock()
	if lx, ok := lexicons[key]; ok {
		return lx
	}
	lx := newLexicon(b)
	lexicons[key] = lx
	runtime.AddCleanup(b, func(k weak.Pointer[knowledge.Base]) {
		lexMu.Lock()
		defer lexMu.Unlock()
		delete(lexicons, k)
	}, key)
	return lx
}

func newLexicon(b *knowledge.Base) *lexicon {
	lx := &lexicon{phrases: map[string][]sense{}, turkish: map[string]string{}, computed: map[string]*knowledge.Fact{},
		tableForms: map[string][]string{}}
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
	for w, n := range counts {
		// "number two", "#2" (read as "number 2"), "no. 2"
		add("number "+w, sense{ordinal: n})
		add("no "+w, sense{ordinal: n})
	}
	for _, w := range []string{"number one", "number 1", "no 1", "runner-up", "runner up", "runners-up"} {
		n := 1
		if strings.HasPrefix(w, "runner") {
			n = 2
		}
		add(w, sense{ordinal: n})
	}
	rowNames := map[string]bool{}
	for _, t := range b.Tables() {
		for _, w := range t.Words {
			add(w, sense{table: t})
			if k := phraseKey(w); !strings.Contains(k, " ") {
				lx.tableForms[k] = append(lx.tableForms[k], index.Fold(w))
			}
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
	entities := map[string]bool{}
	for _, f := range b.Facts {
		for _, p := range f.Places {
			entities[phraseKey(p)] = true
			if !rowNames[phraseKey(p)] {
				add(p, sense{place: p})
			}
		}
		for _, o := range append(append([]string{}, f.Orgs...), f.People...) {
			entities[phraseKey(o)] = true
		}
		for _, o := range f.Orgs {
			if !rowNames[phraseKey(o)] && len(lx.phrases[phraseKey(o)]) == 0 {
				add(o, sense{org: o})
			}
			// "Leading Edge" for Leading Edge Materials: a company is named without its
			// designator
			if ws := strings.Fields(o); len(ws) >= 3 && corporate[strings.ToLower(ws[len(ws)-1])] {
				if short := strings.Join(ws[:len(ws)-1], " "); len(lx.phrases[phraseKey(short)]) == 0 {
					add(short, sense{org: o})
				}
			}
		}
		for _, e := range f.Elements {
			entities[phraseKey(e)] = true
		}
	}
	lx.groups = map[*knowledge.Table]map[string][]*knowledge.Row{}
	lx.own = map[*knowledge.Table]map[string]bool{}
	lx.titled = map[*knowledge.Table]map[string]bool{}
	for _, t := range b.Tables() {
		lx.own[t] = ownWords(b, t, true)
		lx.titled[t] = ownWords(b, t, false)
		for tag, rows := range groupTags(t, entities) {
			if len(rows) == 1 {
				// a tag of one row names it: "Chinese" for China, "South America" for Brazil
				add(tag, sense{table: t, row: rows[0]})
				continue
			}
			if lx.groups[t] == nil {
				lx.groups[t] = map[string][]*knowledge.Row{}
			}
			lx.groups[t][tag] = rows
			add(tag, sense{table: t, group: tag})
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
			if len(all) == 0 && len(g) > 0 {
				// "most expensive" means what "most" and "expensive" mean: "en pahalı" too
				for _, w := range strings.Fields(phraseKey(g[0])) {
					all = append(all, lx.phrases[w]...)
				}
			}
			for _, p := range g {
				for _, s := range all {
					add(p, s)
				}
			}
		}
	}
	lx.english = map[string]string{}
	for _, e := range b.Turkish {
		lx.turkish[index.Fold(e[0])] = e[1]
		for _, tr := range e[1:] {
			if f := strings.Join(strings.Fields(index.Fold(tr)), " "); lx.english[f] == "" {
				lx.english[f] = e[0]
				lx.englishLongest = max(lx.englishLongest, strings.Count(f, " ")+1)
			}
		}
	}
	lx.vocabulary, lx.periods = map[string]bool{}, map[string]bool{}
	for _, f := range b.Facts {
		if m := titledPeriod.FindStringSubmatch(f.Title); m != nil {
			lx.periods[m[1]+" "+m[2]] = true
		}
		for _, text := range append([]string{f.Title, f.Text}, f.Tags...) {
			for _, w := range plainWords(text) {
				lx.vocabulary[w.fold] = true
			}
		}
	}
	lx.synonyms = map[string]string{}
	lx.groupPhrases = map[string][]string{}
	for i, g := range b.Synonyms {
		name := "=" + strconv.Itoa(i)
		for _, p := range g {
			// a group that shares a phrase with an earlier one extends it: [revenue, top
			// line] after [revenue, sales, turnover]
			if n, ok := lx.synonyms[phraseKey(p)]; ok {
				name = n
				break
			}
		}
		for _, p := range g {
			k := phraseKey(p)
			if _, ok := lx.synonyms[k]; !ok && k != "" {
				lx.synonyms[k] = name
				lx.synLongest = max(lx.synLongest, strings.Count(k, " ")+1)
			}
			lx.groupPhrases[name] = append(lx.groupPhrases[name], k)
		}
	}
	lx.definers(b)
	return lx
}

// spelledOutAs is a short name in brackets after a hyphenated or capitalised long form:
// "Praseodymium-neodymium (NdPr)", "Total Rare Earth Oxide (TREO)".
var spelledOutAs = regexp.MustCompile(`\b\pL+(?:[- ]\pL+)*\s+\(([A-Z][A-Za-z]{1,6})\)`)

// definers finds the background passages by the concepts of their titles and tags.
func (lx *lexicon) definers(b *knowledge.Base) {
	lx.titledBy = map[string][]*knowledge.Fact{}
	lx.taggedBy = map[string][]*knowledge.Fact{}
	add := func(m map[string][]*knowledge.Fact, texts []string, f *knowledge.Fact) {
		seen := map[string]bool{}
		for _, text := range texts {
			for _, c := range lx.concepts(text) {
				if !seen[c] {
					seen[c] = true
					m[c] = append(m[c], f)
				}
			}
		}
	}
	lx.spelled = map[string]*knowledge.Fact{}
	for _, f := range b.Facts {
		for _, m := range spelledOutAs.FindAllStringSubmatch(f.Text, -1) {
			if k := index.Fold(m[1]); lx.spelled[k] == nil {
				lx.spelled[k] = f
			}
		}
		if f.Kind != "background" {
			continue
		}
		add(lx.titledBy, []string{f.Title}, f)
		add(lx.taggedBy, f.Tags, f)
	}
}

// inEnglish is a question with the English of its Turkish words added, so that the words of
// a figure's label fit it: "lokasyonda" is locations, "açılacak" opening.
func (lx *lexicon) inEnglish(q string) string {
	en, translated := lx.translate(q)
	if !translated {
		return q
	}
	return q + " " + en
}

// translate writes the Turkish words and phrases of the glossary in a text in English, the
// last word of a phrase with or without its suffixes ("hafif nadir toprak elementleri" is
// light rare earths); it reports whether it translated any.
func (lx *lexicon) translate(text string) (string, bool) {
	if t := lx.lastTranslation.Load(); t != nil && t.text == text {
		return t.en, t.translated
	}
	en, translated := lx.translateWords(text)
	lx.lastTranslation.Store(&translation{text, en, translated})
	return en, translated
}

// translation is a text and its English.
type translation struct {
	text, en   string
	translated bool
}

func (lx *lexicon) translateWords(text string) (string, bool) {
	ws := plainWords(text)
	var out []string
	translated := false
	for i := 0; i < len(ws); {
		n, en := 0, ""
		for m := min(lx.englishLongest, len(ws)-i); m >= 1 && n == 0; m-- {
			var head []string
			for _, w := range ws[i : i+m-1] {
				head = append(head, w.fold)
			}
			last := ws[i+m-1].fold
			cands := []string{last}
			if !lx.vocabulary[last] && !index.IsEnglishWord(last) {
				// a word of neither the facts nor English may be Turkish with suffixes
				cands = append(cands, index.TurkishStems(last)...)
			}
			for _, c := range cands {
				if e, ok := lx.english[strings.Join(append(head, c), " ")]; ok {
					n, en = m, e
					break
				}
			}
		}
		if n == 0 {
			out = append(out, ws[i].raw)
			i++
			continue
		}
		out = append(out, en)
		translated = true
		i += n
	}
	return strings.Join(out, " "), translated
}

// labelConcepts are the concepts of a figure's label, read once.
func (lx *lexicon) labelConcepts(label string) []string {
	if v, ok := lx.labels.Load(label); ok {
		return v.([]string)
	}
	c := lx.concepts(label)
	lx.labels.Store(label, c)
	return c
}

// concepts are the words of a text as stems, a phrase of a synonym group as the group's
// name: "rare earth oxide" and "REO" are one concept.
func (lx *lexicon) concepts(text string) []string {
	ws := words(text)
	var out []string
	for i := 0; i < len(ws); {
		n := 1
		c := ws[i].stem
		for m := min(lx.synLongest, len(ws)-i); m >= 1; m-- {
			if g, ok := lx.synonyms[strings.Join(stems(ws[i:i+m]), " ")]; ok {
				n, c = m, g
				break
			}
		}
		out = append(out, c)
		i += n
	}
	return out
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
			if n == 1 {
				s = lx.inflected(s, ws[i])
			}
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

// inflected drops the senses of a table's measure from a word that only shares its stem
// with the table's words: "mineral" and "miner" stem alike.
func (lx *lexicon) inflected(senses []sense, w word) []sense {
	forms, ok := lx.tableForms[w.stem]
	if !ok {
		return senses
	}
	for _, f := range forms {
		if inflects(w.fold, f) {
			return senses
		}
	}
	var out []sense
	for _, s := range senses {
		if s.table == nil || s.row != nil || s.total || s.rowKind || s.group != "" {
			out = append(out, s)
		}
	}
	return out
}

// inflects reports whether w is base with an English inflection: mines, mined, mining, miners.
func inflects(w, base string) bool {
	if w == base {
		return true
	}
	stemOf := strings.TrimSuffix(base, "e")
	for _, suffix := range []string{"s", "es", "ed", "d", "ing", "er", "ers", "r", "rs"} {
		if w == base+suffix || w == stemOf+suffix {
			return true
		}
	}
	// "mine" and "miner" are written in one table: either may be the base of the other
	return strings.HasPrefix(base, w) && len(base)-len(w) <= 3
}

// read works out what a question asks of the knowledge base's tables. now is the asker's
// today, for "next year" and "last year".
func read(b *knowledge.Base, q string, now time.Time) *Reading {
	lx := lexiconFor(b)
	ws := words(q)
	r := &Reading{cues: map[cue]bool{}, now: now}
	if len(ws) > 0 && (yesNo[ws[0].fold] || questionSuffixes[ws[len(ws)-1].fold]) {
		// "Did Lynas or MP produce more?" asks which, not whether; "… or not?", "… or below?"
		// still ask whether.
		r.Question = true
		for k, w := range ws {
			if (w.fold == "or" || w.fold == "yoksa") && (k+1 == len(ws) || !orWhether[ws[k+1].fold]) {
				r.Question = false
			}
		}
	}
	lowered := strings.ToLower(strings.TrimSpace(q))
	for _, s := range followUpStarts {
		if strings.HasPrefix(lowered, s+" ") || lowered == s {
			r.marker = true
		}
	}
	tableScore := map[*knowledge.Table]int{}
	tableAt := map[*knowledge.Table][]int{} // where the question says what each table measures
	rowsBy := map[*knowledge.Table][]*knowledge.Row{}
	exclBy := map[*knowledge.Table][]*knowledge.Row{}
	afterBy := map[*knowledge.Table][]*knowledge.Row{}
	nextTo := false // the rows ranked after were said "next to"
	groupsBy := map[*knowledge.Table][]string{}
	exclGroups := map[*knowledge.Table][]string{}
	totalIn := map[*knowledge.Table]bool{}
	kindOf := map[*knowledge.Table]bool{}
	var places []string
	var relative []yearRef
	whichNext := false
	whichWord := ""         // "which" or "what": the word that asks for the noun after it
	var whichSenses []sense // the senses of the noun after "which", however it was matched
	excluding := false
	anchoring := false // the names that follow "after" rank before the answer
	askedMoney := false
	known := make([]bool, len(ws))  // the word has a meaning the reading uses
	cueAt := make([]bool, len(ws))  // the word only says what kind of answer is wanted
	nameAt := make([]bool, len(ws)) // the word names a place, organisation or row
	rateAt, lastAt := -1, -1
	for _, w := range ws {
		askedMoney = askedMoney || moneyWords[w.fold]
	}
	for i := 0; i < len(ws); {
		w := ws[i]
		if d, ok := changeDirection[w.fold]; ok {
			r.Direction = d
		}
		r.fast = r.fast || speedWords[w.fold]
		if c, ok := counts[w.fold]; ok && i > 0 && ws[i-1].fold == "top" {
			r.Top = c
		}
		if y, ok := yearOf(w.fold); ok && i+1 < len(ws) && lx.periods[w.fold+" "+ws[i+1].fold] && periodAsked(b, q, w.fold, ws[i+1].fold) {
			// "the import-source breakdown (2020–23)": the period of a passage, no year of a
			// table to look up
			known[i], known[i+1] = true, true
			i += 2
			continue
		} else if ok {
			prev, next := "", ""
			if i > 0 {
				prev = ws[i-1].fold
			}
			if i+1 < len(ws) && !ws[i+1].clause {
				// ("in 2023 (MCS 2025 figures)": the parenthesis names the edition of the
				// year before it, not that year as an edition)
				next = ws[i+1].fold
			}
			// "the USGS 2024 table", "the 2024 USGS price ranking": a year of data when no
			// edition is of that year
			if editionWords[prev] && !(prev == "usgs" && !editionWords[next] && dataYear(b, y)) || editionWords[next] && !(next == "usgs" && dataYear(b, y)) {
				r.Editions = append(r.Editions, y)
			} else {
				r.Years = append(r.Years, y)
			}
			known[i] = true
			i++
			continue
		}
		if d, n, prior := relativeYear(ws, i); n > 0 {
			relative = append(relative, yearRef{d, prior})
			for k := i; k < i+n; k++ {
				known[k] = true
			}
			i += n
			continue
		}
		senses, n := lx.match(ws, i)
		if len(senses) == 0 {
			senses = lx.comparative(w)
		}
		for _, s := range senses {
			name := s.place
			if s.row != nil {
				name = s.row.Label
			}
			if s.org != "" {
				name = s.org
			}
			if name != "" {
				if k := len(r.named); (k == 0 || r.named[k-1].name != name) && !excluding && !anchoring {
					r.named = append(r.named, mention{name, i, i + n})
				}
				break
			}
		}
		if whichNext && (strings.HasSuffix(w.fold, "ing") || strings.HasSuffix(w.fold, "ed") && index.IsEnglishWord(w.fold)) &&
			w.stem != w.fold && i+n < len(ws) && !skipWhich[ws[i+n].fold] && cueWords[ws[i+n].fold] == 0 {
			// "which producing country", "which named country": the participle qualifies the
			// noun after it
		} else if whichNext && !skipWhich[w.fold] {
			// "which mined more" asks which row did it; "which mine" asks for a mine.
			if n == 1 && agentWord(b, w.fold) {
				// "which producer", "which miners": who does what a table measures, its rows
			} else if len(senses) > 0 && !(strings.HasSuffix(w.fold, "ed") && w.stem != w.fold) {
				r.which = strings.Join(stems(ws[i:i+n]), " ")
				whichSenses = senses
			} else if len(senses) == 0 && whichWord == "which" && lx.vocabulary[w.fold] && !headEnd[w.fold] && cueWords[w.fold] == 0 && w.fold != "one" && w.fold != "ones" {
				// "which deposit": a thing of the passages, not of a table
				r.which = w.stem
			}
			whichNext = false
		}
		names, entity, exclCue := false, false, false
		for _, s := range senses {
			switch {
			case s.cue == cueLower:
				r.cues[cueCompare] = true
				r.lower = true
			case s.cue == cueWhen && w.fold == "when" && i > 0 && !whenAsks(ws, i):
				// "how much did it mine when prices fell" asks no date
			case s.cue == cueDefinition && w.fold == "list" && listNamed(ws, i):
				// "in the USGS 2024 list" names a table; "list the heavy rare earths" and
				// "the list of heavy rare earths" ask
			case s.cue == cueMost && w.fold == "most" && i+1 < len(ws) && timely[ws[i+1].fold]:
				// "the most recent year" is the latest, no superlative
			case s.cue == cueDefinition && r.Question:
				// "Does scandium count as a rare earth?" asks a yes or a no
			case s.cue == cueDefinition:
				r.cues[cueDefine] = true
				r.cues[cueDefinition] = true
			case s.cue != 0:
				r.cues[s.cue] = true
				switch {
				case s.cue == cueWhich && whichWords[w.fold]:
					whichNext, whichWord = true, w.fold
				case (s.cue == cueExclude || s.cue == cueAfter) && postpositions[w.fold] && (n == 1 || w.fold == "out"):
					// "Çin hariç": the name before is left out; "Çin'den sonra": the answer
					// ranks after it
					moveTo := exclBy
					if s.cue == cueAfter {
						moveTo = afterBy
					}
					// and the names joined to it: "ABD ve Çin'den sonra"
					for end := i; len(r.named) > 0 && r.named[len(r.named)-1].end == end; {
						last := r.named[len(r.named)-1]
						for t, rows := range rowsBy {
							for j, row := range rows {
								if row.Label == last.name {
									moveTo[t] = append(moveTo[t], row)
									rowsBy[t] = append(rows[:j:j], rows[j+1:]...)
									break
								}
							}
						}
						r.named = r.named[:len(r.named)-1]
						// "China and the US out of it": over the glue to the name before
						end = last.start
						for end > 0 && exclusionGlue[ws[end-1].fold] {
							end--
						}
						if end == last.start {
							break
						}
					}
				case s.cue == cueExclude:
					excluding, exclCue = true, true
				case s.cue == cueAfter:
					anchoring, exclCue = true, true
					nextTo = nextTo || w.fold == "next"
				case s.cue == cueRate:
					rateAt = i
				case s.cue == cueLast:
					lastAt = i
				}
			case s.ordinal != 0:
				r.Nth = s.ordinal
			case s.row != nil:
				names = true
				if anchoring {
					if !containsRow(afterBy[s.table], s.row) {
						afterBy[s.table] = append(afterBy[s.table], s.row)
					}
				} else if excluding {
					if !containsRow(exclBy[s.table], s.row) {
						exclBy[s.table] = append(exclBy[s.table], s.row)
					}
				} else if !containsRow(rowsBy[s.table], s.row) {
					rowsBy[s.table] = append(rowsBy[s.table], s.row)
				}
			case s.total:
				totalIn[s.table] = true
			case s.rowKind:
				kindOf[s.table] = true
			case s.group != "" && excluding:
				names = true
				exclGroups[s.table] = append(exclGroups[s.table], s.group)
			case s.group != "":
				groupsBy[s.table] = append(groupsBy[s.table], s.group)
			case s.table != nil:
				tableScore[s.table]++
				tableAt[s.table] = append(tableAt[s.table], i)
			case s.place != "":
				names, entity = true, true
				if !excluding {
					places = append(places, s.place)
				}
			case s.org != "":
				names, entity = true, true
			}
		}
		for k := i; k < i+n; k++ {
			known[k] = len(senses) > 0 && !entity
			cueAt[k] = onlyCues(senses)
			nameAt[k] = names
		}
		// An exclusion covers the names that follow it: "outside China and the US".
		if (excluding || anchoring) && !exclCue && !names && !exclusionGlue[w.fold] {
			excluding, anchoring = false, false
		}
		i += n
	}
	r.relativeYears(relative)
	if !r.cues[cueMost] && !r.cues[cueLeast] && !r.cues[cueRank] && !r.cues[cueCompare] && !r.cues[cueTimes] &&
		!r.cues[cueShare] && !r.cues[cuePercent] && !r.cues[cueSum] && r.Nth == 0 {
		for _, w := range ws {
			// "vietnam reserves got cut? by how much" asks the change; "Vietnam's rank after
			// the cut", "China's cut of world supply" ask another thing
			if cuts[w.fold] {
				r.cues[cueChange] = true
			}
		}
	}
	if nextTo && r.Nth == 0 && !r.cues[cueMost] && !r.cues[cueLeast] && !r.cues[cueRank] {
		// "put China's output next to America's": two rows side by side, no rank after one
		for t, rows := range afterBy {
			for _, row := range rows {
				if !containsRow(rowsBy[t], row) {
					rowsBy[t] = append(rowsBy[t], row)
				}
			}
			delete(afterBy, t)
		}
		delete(r.cues, cueAfter)
		r.cues[cueCompare] = true
	}
	// The table: the one whose words the question uses most, then the one whose rows it names.
	var best *knowledge.Table
	bestScore := 0
	var units []string // the units a question that asks for money names
	if askedMoney || strings.Contains(q, "$") || perUnit.MatchString(q) {
		units = knowledge.AskedUnits(q)
		if m := perUnit.FindStringSubmatch(q); m != nil {
			// "for a kilo": the unit a price is per
			units = append(units, massWords[strings.ToLower(m[1])])
		}
	}
	for t, at := range tableAt {
		tableScore[t] += rankedBy(ws, at)
	}
	for _, t := range b.Tables() {
		if tableScore[t] == 0 && (namesUnit(t, units) || soldFor(ws) && hasMoney(t)) {
			// "NdO spot avg, usd/kg?": the table's unit says what is measured
			tableScore[t]++
		}
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
	if best == nil && (r.asksKind() || len(r.Years) > 0 && anyStatistic(ws)) && !r.cues[cueDefine] && !r.cues[cueWhy] {
		// No word for what is measured, but the rows named belong to one table only:
		// "Is terbium oxide pricier than neodymium oxide?"
		best = onlyTableOf(b, rowsBy, r.Editions)
	}
	if best != nil {
		r.Table = best
		r.Rows = rowsBy[best]
		r.excluded = exclBy[best]
		r.ranksAfter = afterBy[best]
		r.Total = totalIn[best] || r.cues[cueTotal]
		r.others = places
		r.places = places
		for _, i := range tableAt[best] {
			r.measured = append(r.measured, ws[i].raw)
		}
		r.group = groupsBy[best]
		r.exclGroup = exclGroups[best]
		for t, rows := range rowsBy {
			for _, row := range rows {
				if _, ok := best.Row(row.Label); t != best && !ok && r.missing == "" {
					r.missing = row.Label
				}
			}
		}
		// After "which", a word of what the table measures is the verb of a comparison or a
		// superlative ("which costs more", "which mined the most"), not a noun.
		if r.which != "" && r.which != stem("year") && r.which != "yr" && !whichFits(lx, best, r.which, whichWord == "what" || verbAfterWhich(ws, r.which), whichSenses) {
			// ("which year was the top" asks a year of the table's own)
			r.others = append(r.others, r.which)
		}
		r.perTable(b, ws, tableScore, tableAt, rowsBy, rateAt, lastAt)
		r.subjects = subjects(ws, known, cueAt, nameAt, tableAt[best])
	} else {
		// No word for a measure: keep every table's rows, for a follow-up to pick from.
		for _, t := range b.Tables() {
			if len(rowsBy[t]) > 0 && r.Rows == nil {
				r.Rows = rowsBy[t]
			}
		}
		r.others = places
	}
	if len(ws) > 0 && len(ws) <= 2 && bareTerm.MatchString(q) && len(r.cues) == 0 && len(r.Years) == 0 && len(r.named) == 0 && r.Table == nil {
		// "ndpr = ?", "REO?": a term alone asks what it is
		r.cues[cueDefine] = true
		r.cues[cueDefinition] = true
	}
	r.rowsBy = rowsBy
	r.words = ws
	r.known = known
	r.Kind = r.kind()
	return r
}

// timely are the words after "most" that ask for the latest: "the most recent year".
var timely = map[string]bool{"recent": true, "current": true, "up-to-date": true}

// soldFor reports whether a question asks what something sells for: "what did Dy oxide go
// for in 2024", "what is it trading at".
func soldFor(ws []word) bool {
	for i := 0; i+1 < len(ws); i++ {
		if sellVerbs[ws[i].fold] && (ws[i+1].fold == "for" || ws[i+1].fold == "at") {
			return true
		}
	}
	return false
}

var sellVerbs = map[string]bool{"go": true, "goes": true, "went": true, "going": true, "sell": true, "sells": true,
	"sold": true, "selling": true, "trade": true, "trades": true, "traded": true, "trading": true}

// cuts are words of a revision that ask a change only when nothing else is asked.
var cuts = map[string]bool{"cut": true, "cuts": true, "chopped": true, "slashed": true, "revised": true, "trimmed": true}

// saidBefore reports whether the one row a question names is said in a clause before the
// one that asks "who" or "which".
func (r *Reading) saidBefore() bool {
	if len(r.named) == 0 {
		return false
	}
	at := r.named[0].end
	for i := at; i < len(r.words); i++ {
		if r.words[i].clause {
			for _, w := range r.words[i:] {
				if w.fold == "who" || w.fold == "which" || w.fold == "whos" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// asksYear reports whether a question asks for a year in so many words: "terbium oxide peak
// year", "which yr was the top" (not "the latest usgs year").
func asksYear(ws []word) bool {
	for i, w := range ws {
		if (w.fold == "year" || w.fold == "yr") && i > 0 {
			if c := cueWords[ws[i-1].fold]; c == cueMost || c == cueLeast || ws[i-1].fold == "which" || ws[i-1].fold == "what" {
				return true
			}
		}
	}
	return false
}

// statistics are words that ask a table's figure of a year without naming what it measures:
// "dysprosium oxide on average in 2024?"
var statistics = map[string]bool{"average": true, "avg": true, "mean": true, "median": true}

func anyStatistic(ws []word) bool {
	for _, w := range ws {
		if statistics[w.fold] {
			return true
		}
	}
	return false
}

// hasAmount reports whether a question states an amount of its own (a number that is not a
// year): "Where would 10,000 tonnes a year rank?"
func (r *Reading) hasAmount() bool {
	for _, w := range r.words {
		if _, err := strconv.ParseFloat(strings.ReplaceAll(w.fold, ",", ""), 64); err == nil && len(w.fold) != 4 {
			return true
		}
	}
	return false
}

// foreign reports whether a question has a word that neither the reading knows nor its
// table's facts use, other than grammar and qualifiers: "How large could annual production
// be after the industrial upgrade?" is about an upgrade, not the world's production.
func (r *Reading) foreign(lx *lexicon) bool {
	own := lx.own[r.Table]
	for i, w := range r.words {
		if r.known[i] || subjectStops[w.fold] || yesNo[w.fold] || qualifier(w.fold) || len(w.fold) < 2 ||
			!unicode.IsLetter([]rune(w.fold)[0]) || own[w.stem] || tradeWords[w.fold] && hasMoney(r.Table) {
			// (an oxide "trading at" a price is the price table's measure)
			continue
		}
		return true
	}
	return false
}

// whenAsks reports whether "when" inside a question asks a date: "… and when will it open",
// not "… when prices fell".
func whenAsks(ws []word, i int) bool {
	switch ws[i-1].fold {
	case "and", "since", "until", "or", "but":
		return true
	}
	return i+1 < len(ws) && (yesNo[ws[i+1].fold] || ws[i+1].fold == "will" || ws[i+1].fold == "would")
}

// listNamed reports whether "list" at i is a list the question names, not one it asks
// for: a determiner comes before it ("the USGS 2024 list") and no "of" after it.
func listNamed(ws []word, i int) bool {
	if i+1 < len(ws) && ws[i+1].fold == "of" {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch ws[j].fold {
		case "the", "a", "an", "its", "their", "this", "that", "whose":
			return true
		}
	}
	return false
}

// postpositions are exclusion and order words that follow the name they take: Turkish "Çin
// hariç", "Çin dışında", "Çin'i saymazsak", "Çin'den sonra" (folded), English "China aside", "leaving China out
// of it".
var postpositions = map[string]bool{"haric": true, "haricinde": true, "disinda": true, "saymazsak": true, "saymadan": true, "sonra": true, "ardindan": true,
	"aside": true, "apart": true, "out": true}

// questionSuffixes end a Turkish yes/no question: "daha ucuz mu?".
var questionSuffixes = map[string]bool{"mi": true, "mu": true, "mı": true, "mü": true}

// exclusionGlue are the words between the names an exclusion covers.
var exclusionGlue = map[string]bool{"and": true, "or": true, "nor": true, "the": true, "of": true, "ve": true, "veya": true}

// onlyTableOf is the one table that has every row named, when exactly one has as many.
func onlyTableOf(b *knowledge.Base, rowsBy map[*knowledge.Table][]*knowledge.Row, editions []int) *knowledge.Table {
	var best *knowledge.Table
	most, ties := 0, 0
	for _, t := range b.Tables() {
		n := len(rowsBy[t])
		if !hasEditions(t, editions) || n == 0 {
			continue
		}
		switch {
		case n > most:
			best, most, ties = t, n, 1
		case n == most && best != nil && best.RowKind == t.RowKind && best.Unit == t.Unit:
			// Two editions of one table are one table here.
			if newer(t, best, nil) {
				best = t
			}
		case n == most:
			ties++
		}
	}
	if ties != 1 {
		return nil
	}
	return best
}

// perTable finds a second table the question divides by: "At the 2024 mining rate, how many
// years would US reserves last?" divides a row's reserves by its mine production. The table
// named after "years of" or just before "rate" is the divisor; else the one named just before
// "last" is divided; else the first named is.
func (r *Reading) perTable(b *knowledge.Base, ws []word, score map[*knowledge.Table]int, at map[*knowledge.Table][]int, rowsBy map[*knowledge.Table][]*knowledge.Row, rateAt, lastAt int) {
	if !(r.cues[cueLast] || r.cues[cueTimes] || r.cues[cueRate]) || len(rowsBy[r.Table]) != 1 {
		return
	}
	var other *knowledge.Table
	for _, t := range b.Tables() {
		if t == r.Table || score[t] == 0 || !hasEditions(t, r.Editions) {
			continue
		}
		if _, ok := t.Row(rowsBy[r.Table][0].Label); ok && (other == nil || newer(t, other, r.Years)) {
			other = t
		}
	}
	if other == nil || r.Table.RowKind != other.RowKind {
		return
	}
	nearestBefore := func(k int) *knowledge.Table {
		var found *knowledge.Table
		pos := -1
		for _, t := range []*knowledge.Table{r.Table, other} {
			for _, p := range at[t] {
				if p < k && p > pos {
					found, pos = t, p
				}
			}
		}
		return found
	}
	num, den := r.Table, other
	if at[other][0] < at[r.Table][0] {
		num, den = other, r.Table
	}
	yearsOf := func(t *knowledge.Table) bool {
		// "years of production": production is the rate
		for _, p := range at[t] {
			if p >= 2 && ws[p-1].fold == "of" && (ws[p-2].fold == "years" || ws[p-2].fold == "year") {
				return true
			}
		}
		return false
	}
	switch {
	case yearsOf(r.Table) || yearsOf(other):
		num, den = r.Table, other
		if yearsOf(r.Table) {
			num, den = other, r.Table
		}
	case rateAt >= 0 && nearestBefore(rateAt) != nil:
		den = nearestBefore(rateAt)
		num = r.Table
		if den == r.Table {
			num = other
		}
	case lastAt >= 0 && nearestBefore(lastAt) != nil:
		num = nearestBefore(lastAt)
		den = other
		if num == other {
			den = r.Table
		}
	}
	row, _ := num.Row(rowsBy[r.Table][0].Label)
	r.Table, r.per = num, den
	r.Rows = []*knowledge.Row{row}
}

// subjectStops are words that end the words in front of a measure: "the lithium carbonate
// price" is a price of lithium carbonate, "did China mine" is China's mining.
var subjectStops = map[string]bool{
	"there": true, "the": true, "a": true, "an": true, "of": true, "s": true, "its": true, "their": true, "and": true,
	"or": true, "for": true, "in": true, "on": true, "at": true, "to": true, "by": true, "did": true,
	"does": true, "do": true, "is": true, "are": true, "was": true, "were": true, "will": true,
	"would": true, "be": true, "been": true, "has": true, "have": true, "had": true, "what": true,
	"which": true, "who": true, "how": true, "much": true, "many": true, "this": true, "that": true,
	"these": true, "those": true, "per": true, "with": true, "from": true, "about": true,
	"whose": true, "where": true, "when": true, "why": true, "can": true, "could": true, "should": true,
	"among": true, "between": true, "across": true, "than": true, "like": true, "into": true, "over": true,
	"under": true, "around": true, "roughly": true, "approximately": true, "some": true, "up": true, "out": true, "off": true, "one": true, "ones": true,
	"all": true, "if": true, "not": true, "just": true, "only": true, "also": true, "even": true, "so": true, "too": true, "any": true, "as": true, "it": true, "they": true, "we": true, "i": true, "you": true,
	// linking verbs: "get cheaper", "become dearer" say how a figure went, not whose it is
	"get": true, "gets": true, "got": true, "gotten": true, "getting": true, "become": true,
	"becomes": true, "became": true, "turn": true, "turned": true, "go": true, "went": true,
	// Turkish conjunctions and postpositions: "JORC ile uyumlu" is JORC-compliant
	"ile": true, "ve": true, "veya": true, "icin": true, "gibi": true,
}

// periodAsked reports whether a range of years that titles a passage is that passage's
// period: written in brackets, or no table has both years ("the terbium oxide price
// 2020-2024" asks for two years of a table).
func periodAsked(b *knowledge.Base, q, from, to string) bool {
	if regexp.MustCompile(`\(\s*` + from + `\s*[-–/]\s*` + to + `\s*\)`).MatchString(q) {
		return true
	}
	y1, _ := strconv.Atoi(from)
	y2, _ := strconv.Atoi(to)
	for _, t := range b.Tables() {
		if t.HasYear(y1) && t.HasYear(y2) {
			return false
		}
	}
	return true
}

// titledPeriod is a range of years in a passage's title: "(2020–2023)".
var titledPeriod = regexp.MustCompile(`\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b`)

// turkishUnit reports whether a Turkish word is a unit with a suffix: "tonluk", "kiloluk".
func turkishUnit(w string) bool {
	for _, st := range index.TurkishStems(w) {
		if st != w && measureWords[st] {
			return true
		}
	}
	return false
}

// subjects are the words that say whose or what measure a question asks for, where the
// reading knows no meaning for them: the words in front of a word of the table ("lithium
// carbonate price", "Kazakhstan's uranium reserves"), and after "of" behind one ("price of
// gold"). The table cannot answer for them; a passage must.
func subjects(ws []word, known, cueAt, nameAt []bool, at []int) []string {
	var out []string
	seen := map[int]bool{}
	take := func(j int) bool {
		w := ws[j]
		if _, count := counts[w.fold]; known[j] || subjectStops[w.fold] || count || !unicode.IsLetter([]rune(w.fold)[0]) || measureWords[w.fold] {
			// a unit says what a figure is in, not whose it is: "kilogram fiyatı"
			return false
		}
		if j > 0 && ws[j-1].fold != "" && unicode.IsDigit(rune(ws[j-1].fold[len(ws[j-1].fold)-1])) || turkishUnit(w.fold) {
			// "570 bin", "220 milyon": a word after a number multiplies or measures it, as
			// "tonluk" (of … tonnes) does
			return false
		}
		if !seen[j] {
			seen[j] = true
			out = append(out, w.raw)
		}
		return true
	}
	for _, i := range at {
		// back to the first name: a name starts the phrase ("Kazakhstan's uranium
		// reserves"), and what comes before it is another clause ("JORC onayı çıkarsa
		// Türkiye rezervde")
		for j := i - 1; j >= 0 && !ws[j+1].clause && !(j > 0 && nameAt[j-1] && verbForm(ws[j].fold)) && take(j) && !nameAt[j]; j-- {
			// "USGS publishes prices": a verb after a name says what the name does, not
			// whose the figure is
		}
		if i+2 < len(ws) && ws[i+1].fold == "of" {
			for j := i + 2; j < len(ws) && !ws[j].clause && take(j); j++ {
			}
		}
		// "Which country produces the most oil?": what a verb of the table takes, in its
		// clause ("reserves, who's ahead?" asks who)
		j := i + 1
		for j < len(ws) && !ws[j].clause && (cueAt[j] && amountCues[cueWords[ws[j].fold]] || amountWords[ws[j].fold]) {
			j++
		}
		if j < len(ws) && ws[j].clause {
			continue
		}
		if j > i+1 {
			// an English word: a word the knowledge base and English lack is most often
			// grammar of another language, a Turkish verb at the end ("kaçıncı sıraya
			// yerleşir")
			for ; j < len(ws) && !ws[j].clause && (index.IsEnglishWord(ws[j].fold) || ws[j].upper) && take(j); j++ {
			}
		}
	}
	// "How much lithium", "how many tonnes of copper": what is measured.
	for i := 0; i+2 < len(ws); i++ {
		if ws[i].fold != "how" || (ws[i+1].fold != "much" && ws[i+1].fold != "many") {
			continue
		}
		j := i + 2
		for j < len(ws) && (measureWords[ws[j].fold] || ws[j].fold == "of") {
			j++
		}
		for ; j < len(ws) && take(j); j++ {
		}
	}
	return out
}

// verbForm reports whether an English word is the third person of a verb: "publishes",
// "reports", whose past and present participles are English words too.
func verbForm(w string) bool {
	if !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || !index.IsEnglishWord(w) {
		return false
	}
	for _, base := range []string{strings.TrimSuffix(w, "es"), strings.TrimSuffix(w, "s")} {
		if index.IsEnglishWord(base+"ed") && index.IsEnglishWord(base+"ing") ||
			index.IsEnglishWord(strings.TrimSuffix(base, "e")+"ed") && index.IsEnglishWord(strings.TrimSuffix(base, "e")+"ing") {
			return true
		}
	}
	return false
}

// corporate are the last words of a company's name that it is often named without.
var corporate = map[string]bool{"materials": true, "resources": true, "minerals": true, "metals": true,
	"mining": true, "ltd": true, "limited": true, "inc": true, "corp": true, "corporation": true,
	"group": true, "holdings": true, "plc": true}

// amountCues say how much of what a verb takes: "mines the most lithium", "produces more
// oil"; "mining share show up" has none.
var amountCues = map[cue]bool{cueMost: true, cueLeast: true, cueCompare: true, cueLower: true}

// amountWords come between a verb of a table and what it takes: "produces the most oil",
// "mines so much lithium".
var amountWords = map[string]bool{"the": true, "a": true, "any": true, "so": true, "such": true, "much": true, "many": true}

// measureWords are units a quantity is asked in: "how many tonnes of".
var measureWords = map[string]bool{"tonnes": true, "tons": true, "tonne": true, "ton": true, "t": true, "kg": true,
	"kilograms": true, "kilogram": true, "kilo": true, "kilos": true, "grams": true, "pounds": true, "ounces": true, "dollars": true, "metres": true,
	"meters": true, "units": true}

// onlyCues reports whether every sense of a phrase is grammar: a cue or an ordinal.
func onlyCues(senses []sense) bool {
	for _, s := range senses {
		if s.cue == 0 && s.ordinal == 0 {
			return false
		}
	}
	return len(senses) > 0
}

// yearOf reads a word that names a year: "2024", or a financial year, "FY2024" or "FY24".
func yearOf(w string) (int, bool) {
	if rest, ok := strings.CutPrefix(w, "fy"); ok && len(rest) == 2 {
		w = "20" + rest
	} else if ok {
		w = rest
	}
	if len(w) > 4 && turkishYearSuffixes[w[4:]] {
		// "2030da", "2024te": the year with a Turkish case ending written without an apostrophe
		w = w[:4]
	}
	y, err := strconv.Atoi(w)
	return y, err == nil && len(w) == 4 && y >= 1900 && y <= 2100
}

// turkishYearSuffixes are the case endings a Turkish year takes (folded): in, from, of, to.
var turkishYearSuffixes = map[string]bool{"da": true, "de": true, "ta": true, "te": true, "dan": true, "den": true,
	"tan": true, "ten": true, "daki": true, "deki": true, "taki": true, "teki": true, "a": true, "e": true,
	"ya": true, "ye": true, "in": true, "un": true, "nin": true, "nun": true}

// relativeYear reads a year said relative to today at word i: "next year" is +1, "last year"
// -1, "this year" 0, "in two years" +2, "three years ago" -3, "the year after next" +2. It
// returns the offset and the number of words, or 0 words. prior is true for a year said
// relative to the one named before it: "the year before", "the previous year", "a year
// earlier" are -1 from it.
func relativeYear(ws []word, i int) (offset, n int, prior bool) {
	at := func(k int) string {
		if i+k < len(ws) {
			return ws[i+k].fold
		}
		return ""
	}
	isYear := func(s string) bool { return s == "year" || s == "yr" || strings.HasPrefix(s, "yil") || s == "sene" }
	isYears := func(s string) bool { return s == "years" || s == "year" || s == "yrs" || s == "yr" }
	number := func(s string) (int, bool) {
		if n, ok := counts[s]; ok {
			return n, true
		}
		switch s {
		case "a", "one", "1":
			return 1, true
		}
		return 0, false
	}
	if d, ok := relativeYears[at(0)]; ok && isYear(at(1)) {
		return d, 2, priorYears[at(0)]
	}
	if at(0) == "year" && at(1) == "after" && at(2) == "next" {
		return 2, 3, false
	}
	if at(0) == "year" && at(1) == "before" && at(2) == "last" {
		return -2, 3, false
	}
	if at(0) == "year" && (at(1) == "before" || at(1) == "earlier" || at(1) == "prior") {
		if _, err := strconv.Atoi(at(2)); err != nil {
			return -1, 2, true
		}
	}
	// "in a year" is mostly a rate ("how much ore can it put through in a year"), no future
	// year: one year ahead only with "time" or "from now" after it.
	if n, ok := number(at(1)); ok && at(0) == "in" && isYears(at(2)) && (n > 1 || at(3) == "time" || at(3) == "s" && at(4) == "time") {
		return n, 3, false
	}
	if n, ok := number(at(0)); ok && isYears(at(1)) {
		switch {
		case at(2) == "ago":
			return -n, 3, false
		case at(2) == "from" && at(3) == "now":
			return n, 4, false
		case at(2) == "earlier" || at(2) == "before":
			return -n, 3, true
		}
	}
	return 0, 0, false
}

// tableKinds are the kinds of question a table answers, and how.
var tableKinds = map[Kind]func(*Answer) bool{KindValue: value, KindSuperlative: superlative, KindRank: rank,
	KindCompare: compare, KindChange: change, KindShare: share, KindSum: sum}

// yearRef is a year said relative to today, or, prior, to the year named before it.
type yearRef struct {
	offset int
	prior  bool
}

// priorYears say a year before the one named before them: "the previous year", "bir önceki
// yıl". With no year named before, they count from today.
var priorYears = map[string]bool{"previous": true, "prior": true, "preceding": true, "onceki": true}

// relativeYears reads the years a question says relative to today or to each other, when it
// names none: "last year vs the year before" is 2025 and 2024 in 2026. With years named, the
// years said relative to them are added: "2024 and the year before".
func (r *Reading) relativeYears(refs []yearRef) {
	if len(r.Years) > 0 {
		for _, ref := range refs {
			if ref.prior {
				r.Years = append(r.Years, r.Years[len(r.Years)-1]+ref.offset)
			}
		}
		return
	}
	for _, ref := range refs {
		y := r.now.Year() + ref.offset
		if ref.prior && len(r.Years) > 0 {
			y = r.Years[len(r.Years)-1] + ref.offset
		}
		r.Years = append(r.Years, y)
		r.relative = true
	}
}

// latestInstead reads years said relative to today ("last year", "this year") that are past
// or current and after the table's latest year as the table's latest years: a question asked
// before the year's figures are out wants the latest ones, and says so (asked). A future year
// ("next year", or "this year" with "will") stays: there is no forecast.
func (r *Reading) latestInstead() {
	t := r.Table
	if t == nil || !r.relative || r.cues[cueFuture] || len(r.Years) == 0 || tableKinds[r.Kind] == nil {
		return
	}
	top := r.Years[0]
	for _, y := range r.Years {
		top = max(top, y)
	}
	if top <= t.Latest() || top > r.now.Year() {
		return
	}
	shift := top - t.Latest()
	for i := range r.Years {
		r.Years[i] -= shift
	}
	r.asked = top
}

// relativeYears are the words before "year" that place it from today, in English and Turkish
// (folded): "gelecek yıl", "geçen yıl", "bu yıl".
var relativeYears = map[string]int{
	"this": 0, "current": 0, "next": 1, "coming": 1, "last": -1, "previous": -1, "past": -1,
	"bu": 0, "gelecek": 1, "onumuzdeki": 1, "gecen": -1, "preceding": -1, "prior": -1, "onceki": -1,
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

// namesUnit reports whether a question that asks for money names, among its units, the other
// part of a table's unit of money per something: "usd/kg" and "dollars per kilogram" ask for
// a price in USD/kg.
func namesUnit(t *knowledge.Table, units []string) bool {
	_, per, ok := strings.Cut(t.Unit, "/")
	if !ok || len(units) == 0 || !hasMoney(t) {
		return false
	}
	for _, u := range units {
		if u == per {
			return true
		}
	}
	return false
}

// perUnit is an amount per unit of mass ("per kg", "/kg"): a price, when a question names no
// measure ("Where will dysprosium oxide be per kg in 2032?").
var perUnit = regexp.MustCompile(`(?i)(?:\bper\s+|/\s*|\b(?:for|of)\s+a\s+)(kg|kilo|kilos|kilogram|kilograms|t|tonne|ton)\b`)

// bareTerm is a question of a term alone, perhaps with "=": "ndpr = ?", "HREE?".
var bareTerm = regexp.MustCompile(`^\s*[\pL\d][\pL\d\s.'’-]*?\s*=?\s*\?+\s*$`)

// moneyWords ask for an amount of money.
var moneyWords = map[string]bool{"pay": true, "paid": true, "worth": true, "value": true, "dollars": true, "usd": true, "revenue": true, "spend": true, "spent": true, "$": true, "money": true}

func hasMoney(t *knowledge.Table) bool {
	u, _ := knowledge.LookupUnit(t.Unit)
	return u.Dim.Money != 0
}

// dataYear reports whether a year said after "USGS" is one of data rather than an edition:
// no table comes from an edition of that year and one has data for it. "The USGS 2024
// production table" is the 2024 column of the MCS 2025 edition.
func dataYear(b *knowledge.Base, y int) bool {
	data := false
	for _, t := range b.Tables() {
		if strings.Contains(t.Edition, strconv.Itoa(y)) {
			return false
		}
		data = data || t.HasYear(y)
	}
	return data
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

// verbAfterWhich reports whether the word after "which" is a verb that a comparison or a
// superlative follows: "which costs more", "which mined the most", not "which mine produces".
func verbAfterWhich(ws []word, which string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if whichWords[ws[i].fold] && ws[i+1].stem == which {
			switch ws[i+2].fold {
			case "more", "less", "most", "least", "the":
				return true
			}
		}
	}
	return false
}

// whichFits reports whether the noun after "which" can be a row of the table: its row kind
// ("which country"), a word of its rows' labels ("which oxide"), or a word of its title that
// does not say what it measures ("which rare earth"), or, when measure is set, what it
// measures ("at what price", "which costs more"). "Which mine" asks for a mine, not a country.
func whichFits(lx *lexicon, t *knowledge.Table, noun string, measure bool, senses []sense) bool {
	for _, s := range append(lx.phrases[noun], senses...) {
		if s.table == t && (s.rowKind || s.row != nil || s.total || s.group != "") {
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
		return measure
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
	if r.cues[cueWhy] {
		// "Why are the Burma and Nigeria figures estimates?" asks for the passage that gives
		// the reason, whatever table it names
		return KindWhy
	}
	if r.Table == nil || len(r.others) > 0 && !(r.cues[cueRank] && len(r.Rows) == 1 && len(r.measured) > 0) {
		// ("for all the noise about Mountain Pass, where does the US rank on reserves?" asks
		// the row's rank, whatever else it names)
		return r.passageKind()
	}
	rows := len(r.Rows)
	changing := r.cues[cueChange] || r.cues[cueSince]
	switch {
	case r.per != nil && rows == 1:
		// "How many years would US reserves last at the 2024 mining rate?"
		return KindCompare
	case (r.cues[cueShare] || r.cues[cuePercent] && !changing) && rows >= 1:
		// "By what percentage did it grow" asks for a change, not a share; the share of two
		// rows is of the two together.
		return KindShare
	case (r.cues[cueShare] || r.cues[cuePercent] && !changing) && rows == 0 && len(r.excluded) > 0 && !r.cues[cueMost] && !r.cues[cueLeast]:
		// "what % of 2024 mine supply was ex-China?": the share of the rest of the world, the
		// complement of the rows left out
		return KindShare
	case r.cues[cueSum] && rows >= 2 && !changing:
		return KindSum
	case (r.cues[cueChange] || r.cues[cueSince]) && (rows >= 1 || r.Total) && !r.cues[cueMost] && !r.cues[cueLeast]:
		return KindChange
	case len(r.Years) >= 2 && rows == 1 && r.cues[cueRank] && !changing:
		// "Thailand jumped to 13 kt in 2024, but in 2023 where did it rank?": the rank in the
		// year named nearest the question of rank
		r.rankYear()
		return KindRank
	case len(r.Years) >= 2 && (rows == 1 || rows == 0 && r.Total) && !r.cues[cueMost] && !r.cues[cueLeast]:
		// ("did global mining go up or down between 2023 and 2024": the world's change)
		return KindChange
	case rows == 1 && r.Total && r.cues[cueTimes]:
		return KindCompare
	case rows == 1 && r.Total && r.cues[cueCompare]:
		// "China vs world": the part of the whole.
		return KindShare
	case rows >= 3 && (r.cues[cueMost] || r.cues[cueLeast]) && r.cues[cueWhich] && !changing:
		// "Of Nd, Dy, Tb, Eu and Ce/La, which one fetched the highest price?": the first of
		// the rows named, not a comparison of two
		r.among, r.Rows = r.Rows, nil
		r.Least = r.cues[cueLeast] && !r.cues[cueMost]
		if r.Nth == 0 {
			r.Nth = 1
		}
		return KindSuperlative
	case rows >= 2:
		return KindCompare
	case rows == 1 && (r.cues[cueWhen] || asksYear(r.words)) && (r.cues[cueMost] || r.cues[cueLeast]):
		// ("terbium oxide peak year", "which yr was the top")
		// "In which year was terbium oxide at its most expensive?"
		r.OverYears, r.Least = true, r.cues[cueLeast] && !r.cues[cueMost]
		return KindSuperlative
	case rows == 1 && r.Nth >= 2 && r.cues[cueWhich] && r.saidBefore():
		// "China is #1 at mining. but who's the runner-up?": the row said in a sentence
		// before the question ranks before the answer
		r.ranksAfter, r.Rows = r.Rows, nil
		r.Least = r.cues[cueLeast]
		return KindSuperlative
	case rows == 1 && (r.cues[cueRank] || r.Nth > 0 || r.cues[cueMost] || r.cues[cueLeast] || r.whereInTable() || r.whereLands()):
		// "Where does Russia rank?", "Is the US the second largest producer?"
		return KindRank
	case (r.cues[cueMost] || r.cues[cueLeast] || r.Nth > 0 || r.Top > 0 || len(r.ranksAfter) > 0) && rows == 0:
		// "Which country comes after China?" is the largest after China
		r.Least = r.cues[cueLeast]
		if !r.cues[cueChange] {
			r.Direction = 0
		}
		if r.Direction == 0 && r.cues[cueChange] && (r.cues[cueMost] || r.cues[cueLeast]) {
			// "the biggest change": a rise, unless it says a fall
			r.Direction = 1
		}
		r.Relative = r.Direction != 0 && (r.cues[cuePercent] || r.fast)
		if r.Direction != 0 && r.Least {
			// "grew slowest" is the smallest rise
			r.Least = r.cues[cueLeast] && !r.cues[cueMost]
		}
		if r.Nth == 0 {
			r.Nth = 1
		}
		return KindSuperlative
	case rows == 0 && len(r.excluded) > 0 && !r.cues[cueRank] && (r.asksHowMuch() || r.cues[cueTotal] || r.cues[cueSum]):
		// "How much was mined outside China in 2024?": the world less the rows left out
		return KindSum
	case rows == 1 || (rows == 0 && r.Total):
		return KindValue
	case rows == 0 && len(r.named) == 0 && !r.Question && !r.asksKind() && !r.cues[cueDefine] &&
		!r.cues[cuePercent] && !r.cues[cueExclude] && !r.cues[cueLast] && !r.cues[cueRate] &&
		!r.hasAmount() && r.Table.Total(r.Table.Latest()) != nil && !whWords[r.words[0].fold]:
		// "What will rare earth production be in 2030?" asks for the whole: the world's.
		r.Total, r.wholeTable = true, true
		return KindValue
	}
	return r.passageKind()
}

// rankedBy weighs the words at which a question names what a table measures by what it says
// of them: the measure a rank is asked by ("rank on reserves", "rank the countries by
// reserves") wins over one merely mentioned ("a big producer"), and one it sets aside
// ("instead of output") loses.
func rankedBy(ws []word, at []int) int {
	rank := rankAt(ws)
	score := 0
	for _, i := range at {
		switch {
		case i >= 2 && (ws[i-1].fold == "of" && ws[i-2].fold == "instead" || ws[i-1].fold == "than" && ws[i-2].fold == "rather"):
			score--
		case rank >= 0 && i > rank && i > 0 && (ws[i-1].fold == "by" || ws[i-1].fold == "on" || ws[i-1].fold == "for"):
			score += 2
		}
	}
	return score
}

// rankAt is where a question first says rank ("rank", "place", "stand"), -1 when it does not.
func rankAt(ws []word) int {
	for i, w := range ws {
		if c, ok := cueWords[w.fold]; ok && c == cueRank {
			return i
		}
	}
	return -1
}

// rankYear puts last, where the table answer takes it, the year named nearest a word of rank.
func (r *Reading) rankYear() {
	at := rankAt(r.words)
	best, dist := 0, len(r.words)+1
	for i, w := range r.words {
		y, ok := yearOf(w.fold)
		if !ok || !slices.Contains(r.Years, y) {
			continue
		}
		if d := max(i-at, at-i); d < dist {
			best, dist = y, d
		}
	}
	if best != 0 {
		r.Years = append(slices.DeleteFunc(r.Years, func(y int) bool { return y == best }), best)
	}
}

// whereLands reports whether a question asks where a row lands among the others: "where does
// it land on reserves", "where does India sit".
func (r *Reading) whereLands() bool {
	where := false
	for _, w := range r.words {
		switch w.fold {
		case "where":
			where = true
		case "land", "lands", "sit", "sits", "lie", "lies", "come", "comes", "finish", "finishes", "end":
			if where {
				return true
			}
		}
	}
	return false
}

// whereInTable reports whether a question asks where a row is in a table: "Where is
// Madagascar in the production table?"
func (r *Reading) whereInTable() bool {
	if len(r.words) == 0 || !strings.HasPrefix(r.words[0].fold, "where") {
		return false
	}
	for _, w := range r.words {
		if w.fold == "table" || w.fold == "tables" {
			return true
		}
	}
	return false
}

// passageKind is the kind of a question a passage answers: a definition, or a fact.
func (r *Reading) passageKind() Kind {
	if r.cues[cueDefine] && !(r.cues[cueTimes] && !r.cues[cueDefinition]) {
		// ("what's the scale-up multiple" asks a ratio, not what a multiple is)
		return KindDefine
	}
	return KindLookup
}

// groupTags are the tags that name a group of a table's rows, a region most often, or one row
// ("Chinese"): written with a capital like a name ("Africa", "Southeast Asia"), not an acronym
// or a name the knowledge base knows as a place, organisation or element, and found on the
// facts of some rows but not all.
func groupTags(t *knowledge.Table, entities map[string]bool) map[string][]*knowledge.Row {
	out := map[string][]*knowledge.Row{}
	for _, row := range t.Rows {
		seen := map[string]bool{}
		for _, y := range t.Years {
			g := row.Cell(y)
			if g == nil {
				continue
			}
			for _, tag := range g.Fact.Tags {
				if !seen[tag] && nameLike(tag) && !entities[phraseKey(tag)] {
					seen[tag] = true
					out[tag] = append(out[tag], row)
				}
			}
		}
	}
	for tag, rows := range out {
		if len(rows) == len(t.Rows) {
			delete(out, tag)
		}
	}
	return out
}

// nameLike reports whether a tag is written like a name: each word starts with a capital and
// goes on in lowercase ("Southeast Asia"; not "JORC", "NdPr" or "per kg").
func nameLike(tag string) bool {
	for _, w := range strings.Fields(tag) {
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) || len(rs) < 3 {
			return false
		}
		for _, r := range rs[1:] {
			if !unicode.IsLower(r) {
				return false
			}
		}
	}
	return tag != ""
}

// lowAdjectives say "less" when compared: "cheaper", "smaller". English grammar, not
// knowledge.
var lowAdjectives = map[string]bool{"cheap": true, "small": true, "low": true, "few": true, "little": true, "short": true, "poor": true, "weak": true, "slow": true}

// comparative reads a comparative or superlative of a word the tables use ("pricier" of
// "pricey", "costliest" of "costly", "bigger" of "big"): the table, and a cue to compare or
// to rank. nil when the word is no such form.
func (lx *lexicon) comparative(w word) []sense {
	f := w.fold
	if len(f) < 5 {
		return nil
	}
	var bases []string
	c := cueCompare
	switch {
	case strings.HasSuffix(f, "iest"):
		bases, c = []string{f[:len(f)-4] + "y", f[:len(f)-4] + "ey"}, cueMost
	case strings.HasSuffix(f, "ier"):
		bases = []string{f[:len(f)-3] + "y", f[:len(f)-3] + "ey"}
	case strings.HasSuffix(f, "est"):
		bases, c = []string{f[:len(f)-3], f[:len(f)-2], undouble(f[:len(f)-3])}, cueMost
	case strings.HasSuffix(f, "er"):
		bases = []string{f[:len(f)-2], f[:len(f)-1], undouble(f[:len(f)-2])}
	default:
		return nil
	}
	for _, base := range bases {
		var out []sense
		for _, s := range lx.phrases[stem(base)] {
			if s.table != nil && !s.rowKind && s.row == nil && !s.total && s.group == "" {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			continue
		}
		if c == cueMost && lowAdjectives[base] {
			c = cueLeast
		}
		if c == cueCompare && lowAdjectives[base] {
			c = cueLower
		}
		return append(out, sense{cue: c})
	}
	return nil
}

// undouble takes off a doubled final consonant: "bigg" gives "big".
func undouble(s string) string {
	if n := len(s); n >= 2 && s[n-1] == s[n-2] {
		return s[:n-1]
	}
	return s
}

// keep reports whether a row takes part in a ranking: not left out ("outside China") and in
// the group asked for ("African"), if any.
func (r *Reading) keep(lx *lexicon, row *knowledge.Row) bool {
	if containsRow(r.excluded, row) || len(r.among) > 0 && !containsRow(r.among, row) {
		return false
	}
	for _, g := range r.exclGroup {
		if containsRow(lx.groups[r.Table][g], row) {
			return false
		}
	}
	if len(r.group) == 0 {
		return true
	}
	for _, g := range r.group {
		if containsRow(lx.groups[r.Table][g], row) {
			return true
		}
	}
	return false
}

// tableSubjects are the subject words of a reading when one of them is foreign to its table:
// not a word of its title, its rows or what it measures, nor an English word that only
// qualifies ("average", "estimated", "proven"). Then a passage must have them all: "iron ore
// price" asks for iron ore, though iron is a word of the price table. nil when the table
// knows every subject.
func (r *Reading) tableSubjects(lx *lexicon) []string {
	own := lx.own[r.Table]
	var out []string
	foreign := false
	for _, s := range r.subjects {
		w := words(s)
		if len(w) != 1 || qualifier(w[0].fold) || lx.titled[r.Table][w[0].stem] || lx.turkishQualifier(w[0].raw) {
			// "rare earth" in "rare earth reserves" is what every row of the table is
			continue
		}
		foreign = foreign || !own[w[0].stem]
		out = append(out, s)
	}
	if !foreign {
		return nil
	}
	return out
}

// turkishQualifier reports whether a Turkish word is a qualifier in English: "2024 yılındaki"
// is in the year 2024, not whose the figure is.
func (lx *lexicon) turkishQualifier(w string) bool {
	if lx.vocabulary[index.Fold(w)] || index.IsEnglishWord(index.Fold(w)) {
		return false
	}
	en, ok := lx.translateWords(w)
	return ok && !strings.Contains(en, " ") && qualifier(index.Fold(en))
}

// entity reports whether a word names a place, an organisation or a row.
func (lx *lexicon) entity(w string) bool {
	for _, sn := range lx.phrases[phraseKey(w)] {
		if sn.place != "" || sn.org != "" || sn.row != nil {
			return true
		}
	}
	return false
}

// commodity reports whether a subject foreign to a table is a thing rather than a place or an
// organisation: "uranium", not "Beylikova".
func (lx *lexicon) commodity(t *knowledge.Table, subjects []string) bool {
	for _, s := range subjects {
		k := phraseKey(s)
		if lx.own[t][k] {
			continue
		}
		if !lx.entity(s) {
			return true
		}
	}
	return false
}

// ownWords are the stems of the words of a table's title, row kind and words, with facts also
// its rows and the titles, texts and tags of the facts of its cells and totals; and every word
// of a synonym group one of whose phrases it uses whole ("REO" for "rare earth oxide").
func ownWords(b *knowledge.Base, t *knowledge.Table, facts bool) map[string]bool {
	own := map[string]bool{}
	addText := func(text string) {
		for _, w := range words(text) {
			own[w.stem] = true
		}
	}
	for _, text := range append([]string{t.Title, t.RowKind}, t.Words...) {
		addText(text)
	}
	if facts {
		for _, row := range t.Rows {
			for _, n := range row.Names {
				addText(n)
			}
		}
		for _, y := range t.Years {
			cells := []*knowledge.Figure{t.Total(y)}
			for _, row := range t.Rows {
				cells = append(cells, row.Cell(y))
			}
			for _, g := range cells {
				if g == nil {
					continue
				}
				addText(g.Fact.Title)
				addText(g.Fact.Text)
				for _, tag := range g.Fact.Tags {
					addText(tag)
				}
			}
		}
	}
	for _, g := range append(append([][]string{}, b.Synonyms...), b.Turkish...) {
		uses := false
		for _, p := range g {
			all := true
			for _, w := range words(p) {
				all = all && own[w.stem]
			}
			uses = uses || all
		}
		if uses {
			for _, p := range g {
				addText(p)
			}
		}
	}
	return own
}

// qualifierEndings end English adjectives and participles: words that say what kind of
// figure is asked ("estimated", "annual", "official"), not whose, or what is done to it ("where's
// the line drawn").
var qualifierEndings = []string{"ed", "en", "wn", "al", "ive", "ous", "ic", "ent", "ant", "able", "ible", "ful", "less", "ary", "ory", "ly", "est", "ish"}

// qualifiers are English words that qualify a figure without those endings.
var qualifiers = map[string]bool{"average": true, "current": true, "latest": true, "recent": true, "known": true,
	"total": true, "net": true, "gross": true, "real": true, "typical": true, "main": true, "key": true, "new": true,
	"old": true, "big": true, "large": true, "high": true, "low": true, "top": true, "overall": true, "mean": true,
	"median": true, "spot": true, "market": true, "year": true, "years": true, "yearly": true, "today": true,
	"now": true, "same": true, "other": true, "own": true, "each": true, "every": true, "all": true,
	"approximate": true, "rough": true, "precise": true, "exact": true, "likely": true, "possible": true,
	"true": true, "full": true, "whole": true, "actual": true, "entire": true, "huge": true, "vast": true,
	"massive": true, "enormous": true, "tiny": true}

// qualifier reports whether an English word qualifies a figure rather than naming its
// subject.
func qualifier(w string) bool {
	if qualifiers[w] {
		return true
	}
	return index.IsEnglishWord(w) && qualifierEnding(w)
}

// qualifierEnding reports whether a word ends as words that qualify a figure do.
func qualifierEnding(w string) bool {
	for _, e := range qualifierEndings {
		if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
			return true
		}
	}
	return false
}

// agentWord reports whether a word is one of a table's words that names who does what it
// measures: "producer", "miners" (not "mine", a deposit).
func agentWord(b *knowledge.Base, w string) bool {
	if !strings.HasSuffix(strings.TrimSuffix(w, "s"), "er") {
		return false
	}
	for _, t := range b.Tables() {
		for _, tw := range t.Words {
			if strings.EqualFold(tw, w) {
				return true
			}
		}
	}
	return false
}
