package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// tradeNouns are ordinary words of the trade in a commodity: the word before one names what
// is traded ("cobalt refining", "lithium reserves", "graphite prices"); tradeParticiples name
// it after them ("refined cobalt", "mined copper").
var (
	tradeNouns = map[string]bool{"refining": true, "processing": true, "mining": true, "production": true,
		"output": true, "reserves": true, "deposits": true, "price": true, "prices": true, "exports": true,
		"imports": true, "supply": true, "smelting": true, "demand": true, "refiners": true, "miners": true,
		"producers": true, "refineries": true}
	tradeParticiples = map[string]bool{"refined": true, "mined": true, "processed": true, "smelted": true,
		"imported": true, "exported": true}
)

// otherSubject is the word a question names as the thing traded that a passage does not
// speak of: "Is China as dominant in cobalt refining?" asks about cobalt, and China's share of
// rare earth refining, however much of the question it has, does not answer it. "" when the
// passage speaks of what is traded, or the question names nothing in that place.
func (r *Reading) otherSubject(lx *lexicon, b *knowledge.Base, f *knowledge.Fact) string {
	ws := r.words
	for i, w := range ws {
		j := -1
		switch {
		case tradeNouns[w.fold] && i > 0 && !w.clause:
			j = i - 1
		case tradeParticiples[w.fold] && i+1 < len(ws) && !ws[i+1].clause:
			j = i + 1
		default:
			continue
		}
		s := &ws[j]
		// a commodity may be no word of the English list ("boron"): a word the knowledge base
		// has at most in passing ("neodymium-iron-boron") names one too
		if !traded(s) && !inPassingOnly(lx, b, s) || lx.inPhrase(ws, j) || states(lx, f, []word{*s}) {
			continue
		}
		return s.raw
	}
	return ""
}

// inPassingOnly reports whether a plain lowercase word of a question is one the knowledge
// base's vocabulary has, though no more than a few passages state it.
func inPassingOnly(lx *lexicon, b *knowledge.Base, w *word) bool {
	if w.upper || len(w.fold) < 3 || unicode.IsDigit(rune(w.fold[0])) || !lx.vocabulary[w.fold] || index.IsEnglishWord(w.fold) {
		return false
	}
	return statedBy(lx, b, []word{*w}) <= passingAt
}

// statedBy counts the passages that state words, up to one more than passingAt.
func statedBy(lx *lexicon, b *knowledge.Base, ws []word) int {
	stated := 0
	for _, g := range b.Facts {
		if stated > passingAt {
			break
		}
		if states(lx, g, ws) {
			stated++
		}
	}
	return stated
}

// narrowing are adverbs that narrow the word after them: "not happy with only mining" names
// no commodity.
var narrowing = map[string]bool{"only": true, "just": true, "also": true, "even": true, "mainly": true,
	"mostly": true, "not": true, "merely": true, "simply": true}

// traded reports whether a word can name a commodity: a lowercase English noun, neither a
// word of the question's grammar, a qualifier ("global", "annual"), nor a word of the trade.
func traded(w *word) bool {
	f := w.fold
	_, isCue := cueWords[f]
	_, isOrdinal := ordinals[f]
	switch {
	case w.upper, isCue, isOrdinal, subjectStops[f], narrowing[f], qualifier(f), tradeNouns[f], tradeParticiples[f], len(f) < 3, numberWords[f]:
		return false
	case f[0] >= '0' && f[0] <= '9':
		return false
	}
	return index.IsEnglishWord(f)
}

// inPhrase reports whether the i-th word is part of a phrase of the synonyms ("earth" of "rare
// earth refining").
func (lx *lexicon) inPhrase(ws []word, i int) bool {
	for m := 2; m <= lx.synLongest; m++ {
		for start := max(0, i-m+1); start <= i && start+m <= len(ws); start++ {
			if _, ok := lx.synonyms[strings.Join(stems(ws[start:start+m]), " ")]; ok {
				return true
			}
		}
	}
	return false
}

// otherMeasure reports whether a question read over a table has a word the table's facts do
// not use but other passages do, which is what it asks for ("purity"), not grammar, a
// qualifier or a name.
func (r *Reading) otherMeasure(lx *lexicon, res *index.Result) bool {
	own := lx.own[r.Table]
	unknown := map[string]bool{}
	for _, u := range res.Unknown {
		unknown[index.Fold(u)] = true
	}
	for i, w := range r.words {
		if r.known[i] || w.upper || own[w.stem] || unknown[w.fold] || subjectStops[w.fold] || yesNo[w.fold] ||
			qualifier(w.fold) || !traded(&w) {
			continue
		}
		if _, isCue := cueWords[w.fold]; isCue {
			continue
		}
		if termOf(res, w.raw) >= 0 {
			return true
		}
	}
	return false
}

// numberWords count or date ("the US mined two years ago"): they name nothing traded.
var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true, "last": true, "next": true,
	"this": true, "that": true, "some": true, "most": true, "more": true, "less": true, "much": true}

// narrower reports whether a passage's title names a narrower thing than a word the question
// asks for, with a noun after it the question lacks: "price floor", "price cap" for "price".
func (r *Reading) narrower(f *knowledge.Fact) bool {
	asked := map[string]bool{}
	for _, w := range r.words {
		asked[w.fold] = true
	}
	ws := plainWords(f.Title)
	for i := 0; i+1 < len(ws); i++ {
		w, next := ws[i], ws[i+1]
		if !asked[w.fold] || !tradeNouns[w.fold] || asked[next.fold] || next.clause || !traded(&next) {
			continue
		}
		return true
	}
	return false
}

// titledFor reports whether a passage without figures is titled with the year asked and the
// measure asked ("NdPr oxide price in China during 2025" for "ndpr price 2025"): it states
// that year's figure in words, and a figure of that year elsewhere is of something else.
func (r *Reading) titledFor(f *knowledge.Fact, year string) bool {
	if len(f.Figures) > 0 || !strings.Contains(f.Title, year) {
		return false
	}
	title := map[string]bool{}
	for _, w := range plainWords(f.Title) {
		title[w.fold] = true
	}
	for _, w := range r.words {
		if tradeNouns[w.fold] && title[w.fold] {
			return true
		}
	}
	return false
}

// rankInPassage is the place of a figure among the figures of its passage of the same unit and
// date, the largest first, other than a rest ("Other"); of is 0 when it has no such list.
func rankInPassage(f *knowledge.Fact, g *knowledge.Figure) (pos, of int) {
	for _, o := range f.Figures {
		if o.Unit != g.Unit || o.AsOf != g.AsOf || restLabel(o.Label) {
			continue
		}
		of++
		if o.Value > g.Value {
			pos++
		}
	}
	if restLabel(g.Label) || of < 3 {
		return 0, 0
	}
	return pos + 1, of
}

// restLabel reports whether a label names the rest of a list: "Other", "Other countries".
func restLabel(label string) bool {
	f := strings.ToLower(label)
	return f == "other" || f == "others" || f == "rest" || strings.HasPrefix(f, "other ") || strings.HasPrefix(f, "rest of")
}

// comesFrom asks where something comes from, not where it comes in a list.
var comesFrom = regexp.MustCompile(`(?i)\bcomes?\s+from\b`)

// measurePair is the two stages a question weighs one subject in ("mining or refining",
// "mining vs processing"), nil when it names no such pair.
func (r *Reading) measurePair() []word {
	ws := r.words
	for i := 1; i+1 < len(ws); i++ {
		switch ws[i].fold {
		case "or", "vs", "versus":
			// "mining or refining", "mining or in refining", "on the mining side or on
			// processing": the stage nearest each side, within a few words
			a, b := stageNear(ws[max(0, i-stageReach):i], true), stageNear(ws[i+1:min(len(ws), i+1+stageReach)], false)
			if a != nil && b != nil && a.stem != b.stem {
				return []word{*a, *b}
			}
		}
	}
	return nil
}

// stageReach is how many words from "or" a stage it weighs may be: "mining side or on
// processing".
const stageReach = 3

// stageNear is the stage word nearest the end (back) or the start of some words, nil if none.
func stageNear(ws []word, back bool) *word {
	for k := range ws {
		i := k
		if back {
			i = len(ws) - 1 - k
		}
		if tradeNouns[ws[i].fold] {
			return &ws[i]
		}
		if ws[i].clause && !back {
			break
		}
	}
	return nil
}

// stageFigure is the passage among the best few titled with a stage ("China's share of rare
// earth refining") and its latest figure in per cent up to the asker's year.
func stageFigure(lx *lexicon, res *index.Result, stage word, year int) (*index.Hit, *knowledge.Figure) {
	want := lx.concepts(stage.raw)
	if len(want) == 0 {
		return nil, nil
	}
	for i := range res.Hits[:min(len(res.Hits), 6)] {
		h := &res.Hits[i]
		titled := false
		for _, c := range lx.concepts(h.Fact.Title) {
			titled = titled || c == want[0]
		}
		if !titled || h.Fact.Formula != nil {
			continue
		}
		// a passage that gives both stages ("mining and processing: 60 % and 85 %") gives
		// each in a figure labelled with it
		var best, labelled *knowledge.Figure
		for _, g := range h.Fact.Figures {
			if g.Unit != "%" || g.AsOf[:min(4, len(g.AsOf))] > strconv.Itoa(year) {
				continue
			}
			if best == nil || g.AsOf > best.AsOf {
				best = g
			}
			if slices.Contains(lx.labelConcepts(g.Label), want[0]) && (labelled == nil || g.AsOf > labelled.AsOf) {
				labelled = g
			}
		}
		if labelled != nil {
			return h, labelled
		}
		if best != nil {
			return h, best
		}
	}
	return nil, nil
}

// compareStages answers "where is China's grip tighter, mining or refining?" with the share
// each stage's passage gives, the larger first.
func compareStages(a *Answer, res *index.Result, n int) bool {
	pair := a.Reading.measurePair()
	if pair == nil {
		return false
	}
	lx := lexiconFor(res.Base)
	h1, g1 := stageFigure(lx, res, pair[0], a.Reading.now.Year())
	h2, g2 := stageFigure(lx, res, pair[1], a.Reading.now.Year())
	if h1 == nil || h2 == nil || g1 == g2 || !sameEntities(res, h1, h2) {
		return false
	}
	if g2.Value > g1.Value {
		h1, g1, h2, g2, pair[0], pair[1] = h2, g2, h1, g1, pair[1], pair[0]
	}
	a.Reading.Kind = KindCompare
	a.Passage = h1
	a.Direct = sayStages(a.Lang, res.Base, pair[0].raw, pair[1].raw, g1, g2)
	a.Related = related(res, h1, n-1)
	return true
}

// facilityNouns name a plant or a mine: the word before one names what it makes ("the Kırka
// boron plant", "a copper refinery"); "mine" is left out, being also a verb ("what China
// really mines").
var facilityNouns = map[string]bool{"plant": true, "plants": true, "facility": true, "facilities": true,
	"refinery": true, "refineries": true, "factory": true, "factories": true}

// plantKinds say what stage a plant is at, not what it makes: "the little test plant".
var plantKinds = map[string]bool{"test": true, "trial": true, "demo": true, "demonstration": true,
	"research": true, "separation": true}

// otherFacility is the word a question names as what a plant or mine makes, when the passage
// does not state it and the knowledge base has it at most in passing: "Kırka bor tesisi" (the
// Kırka boron plant) is no rare earth plant, though "neodymium-iron-boron" names boron once.
// Turkish is read in English first. "" when there is none.
func otherFacility(lx *lexicon, b *knowledge.Base, f *knowledge.Fact, q string) string {
	en, _ := lx.translate(q)
	if !anyWord(en, func(w string) bool { return facilityNouns[w] }) {
		// most questions name no plant and need no closer reading
		return ""
	}
	ws := splitWords(en, true)
	// typed are the question's own words, named those of a phrase the synonyms know ("eti" of
	// "eti maden")
	typed, named := map[string]bool{}, map[string]bool{}
	orig := splitWords(q, true)
	for j, w := range orig {
		typed[w.fold] = true
		named[w.fold] = named[w.fold] || lx.inPhrase(orig, j)
	}
	for i := 1; i < len(ws); i++ {
		s := &ws[i-1]
		// a commodity may be a word of no English word list ("boron", or "bor" translated), but
		// no part of a name ("eti maden") nor an untranslated Turkish word ("geçilince")
		made := traded(s) || !named[s.fold] && !s.upper && len(s.fold) >= 3 && !unicode.IsDigit(rune(s.fold[0])) &&
			(!typed[s.fold] || lx.vocabulary[s.fold])
		if !facilityNouns[ws[i].fold] || ws[i].clause || !made || plantKinds[s.fold] || lx.inPhrase(ws, i-1) || states(lx, f, ws[i-1:i]) {
			continue
		}
		if statedBy(lx, b, ws[i-1:i]) <= passingAt {
			return s.raw
		}
	}
	return ""
}
