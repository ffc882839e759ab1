package answer

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Confidence. A question is answered from a passage only when the passage has enough of what
// the question asks about: the weight of the question's concepts it has (each weighs more the
// rarer it is in the knowledge base), less a penalty for each word the knowledge base does not
// know at all. "What is the gold price per ounce?" shares only "price" and "per" with the
// facts, and "gold" and "ounce" cost more than that is worth; a name it does not know
// ("France") costs more than an ordinary word.
const (
	minEvidence        = 3.5
	unknownWordPenalty = 1.2
	unknownNamePenalty = 3.0
	// unknownObjectPenalty outweighs any evidence: the thing asked is another's
	unknownObjectPenalty = 100.0
	// A lowercase word that is neither known nor English is most often a word of another
	// language or of chat ("var", "pls"): it says less about the subject.
	unknownOtherPenalty = 0.6
	// An unknown English word that only qualifies a figure costs least.
	unknownQualifierPenalty = 0.3
)

// evidence is the weight of the question's concepts that a passage has, less the penalties
// for the words the knowledge base lacks.
func evidence(res *index.Result, h *index.Hit, q string) float64 {
	n := float64(res.Passages)
	if n < 2 {
		n = 2
	}
	have := 0.0
	passing, heads := passingTerms(res, q)
	for k, t := range res.Terms {
		if h.Matched&(1<<k) == 0 || passing[k] {
			continue
		}
		df := float64(t.Passages)
		if df < 1 {
			df = 1
		}
		// A word found in one passage is hardly rarer than one found in two.
		have += math.Max(0.05, math.Log(n/math.Max(df, 2)))
	}
	for _, t := range res.Terms {
		if t.Passages == 0 && !t.Entity {
			// "hisse fiyatı" (share price): a phrase the knowledge base knows no passage has
			have -= unknownWordPenalty
		}
	}
	if have <= 0 || len(res.Unknown) == 0 {
		// With every word known, the search's own ranking decides.
		return have
	}
	names := capitalised(q)
	for _, u := range res.Unknown {
		f := index.Fold(u)
		_, isCue := cueWords[f]
		_, isOrdinal := ordinals[f]
		switch {
		case possessive(u):
			// "Kazakhstan's": a name, whatever its place in the question
			have -= unknownNamePenalty
		case heads[u]:
			// "carbonate" in "lithium carbonate": the name of a thing the knowledge base lacks
			have -= unknownNamePenalty
		case strings.ContainsAny(u, "'’") || isCue || isOrdinal:
			// A contraction ("doesn't", "what's") or a word of the question's grammar
			// ("bigger", "third") says nothing of the subject.
		case names[u]:
			have -= unknownNamePenalty
		case index.IsEnglishWord(f) && inContext(q, u):
			// "been bingeing too many docs. how much does the US have in the ground?": the
			// sentence before the question sets the scene
			have -= unknownQualifierPenalty
		case personNouns[f] && asksWho(q):
			// "who did the critical minerals initiative guy say …": the person of a name the
			// knowledge base knows, said plainly
		case saidOfName(q, u):
			// "the USGS speaks of": what a name does, said around the thing asked, like a
			// word of grammar
		case qualifier(f):
			// "approximate", "typical": what kind of figure, not what about
			have -= unknownQualifierPenalty
		case index.IsEnglishWord(f):
			have -= unknownWordPenalty
		default:
			have -= unknownOtherPenalty
		}
	}
	return have
}

// inContext reports whether a word of a question is in a sentence that ends with a full stop
// or an exclamation mark before the sentence that asks: context, not the question.
func inContext(q, u string) bool {
	ask := strings.LastIndexByte(q, '?')
	if ask < 0 {
		return false
	}
	end := -1
	for i := 0; i+1 < ask; i++ {
		if (q[i] == '.' || q[i] == '!') && q[i+1] == ' ' {
			end = i
		}
	}
	if end < 0 {
		return false
	}
	for _, w := range plainWords(q[:end]) {
		if w.raw == u {
			return true
		}
	}
	return false
}

// saidOfName reports whether a word of a question is a verb that follows a capitalised name:
// "USGS speaks".
func saidOfName(q, u string) bool {
	f := index.Fold(u)
	base, ok := strings.CutSuffix(f, "s")
	if !ok || !index.IsEnglishWord(base+"ing") && !verbForm(f) {
		// a verb in the third person: "speaks", "reports"
		return false
	}
	ws := plainWords(q)
	for i := 1; i < len(ws); i++ {
		if ws[i].raw == u && ws[i-1].upper && !ws[i].clause {
			return true
		}
	}
	return false
}

// passingAt is the most passages a word may be in and still be one the knowledge base only
// mentions in passing.
const passingAt = 2

// passingTerms are the terms of a question that only qualify a noun the knowledge base lacks,
// when the knowledge base mentions them in passing: "lithium" in "lithium carbonate", which a
// passage on "lithium batteries" does not answer. The thing asked is the whole phrase, and no
// passage has it. heads are those nouns.
func passingTerms(res *index.Result, q string) (terms map[int]bool, heads map[string]bool) {
	if len(res.Unknown) == 0 {
		return nil, nil
	}
	unknown := map[string]bool{}
	for _, u := range res.Unknown {
		f := index.Fold(u)
		_, isCue := cueWords[f]
		if len(f) > 3 && !isCue && !qualifier(f) && !strings.ContainsAny(u, "'’") {
			unknown[f] = true
		}
	}
	ws := plainWords(q)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i+1].clause || !unknown[ws[i+1].fold] || ws[i+1].upper {
			continue
		}
		if index.IsTurkishWord(ws[i].fold) && !index.IsEnglishWord(ws[i].fold) {
			// "toryum elde edilmesi": Turkish puts the verb after its object
			continue
		}
		k := termOf(res, ws[i].raw)
		if k < 0 || res.Terms[k].Entity || res.Terms[k].Passages > passingAt || strings.Contains(res.Terms[k].Words, " ") {
			continue
		}
		if terms == nil {
			terms, heads = map[int]bool{}, map[string]bool{}
		}
		terms[k], heads[ws[i+1].raw] = true, true
	}
	return terms, heads
}

// possessive reports whether a word is a capitalised name with "'s": "Kazakhstan's".
func possessive(u string) bool {
	for _, s := range []string{"'s", "’s"} {
		if base, ok := strings.CutSuffix(u, s); ok && base != "" {
			r := []rune(base)
			return unicode.IsUpper(r[0]) && !strings.ContainsAny(base, "'’")
		}
	}
	return false
}

// enough reports whether a passage has enough of the question to answer it.
func enough(res *index.Result, h *index.Hit, q string) bool {
	e := evidence(res, h, q)
	if (len(res.Unknown) == 0 || onlyGrammar(res.Unknown) || onlyQualifiers(res.Unknown) || asksWho(q) && onlyPersons(res.Unknown)) && !unanswered(res) {
		return e > 0
	}
	return e >= minEvidence
}

// unanswered reports whether a question has a term the knowledge base knows but no passage
// has: "hisse fiyatı", a share price.
func unanswered(res *index.Result) bool {
	for _, t := range res.Terms {
		if t.Passages == 0 && !t.Entity {
			return true
		}
	}
	return false
}

// onlyGrammar reports whether every unknown word of a question is a word of its grammar
// ("define", "mean") or a contraction: then, as with every word known, the search's ranking
// decides.
func onlyGrammar(unknown []string) bool {
	for _, u := range unknown {
		f := index.Fold(u)
		_, isCue := cueWords[f]
		_, isOrdinal := ordinals[f]
		if !isCue && !isOrdinal && !strings.ContainsAny(u, "'’") {
			return false
		}
	}
	return true
}

// onlyQualifiers reports whether every unknown word of a question is an adverb or a plain
// qualifier of what is asked ("how much oxide is really at Beylikova?"): they weigh against it, as every word
// does, but do not raise the bar a question with an unknown subject must clear.
func onlyQualifiers(unknown []string) bool {
	for _, u := range unknown {
		// adverbs and plain qualifiers only: "discovered" says what is asked
		f := index.Fold(u)
		if !qualifiers[f] && !(index.IsEnglishWord(f) && qualifierEnding(f) && strings.HasSuffix(f, "ly")) || possessive(u) {
			return false
		}
	}
	return len(unknown) > 0
}

// capitalised lists the words of a question written with a capital letter, other than its
// first word: names.
func capitalised(q string) map[string]bool {
	out := map[string]bool{}
	for i, w := range plainWords(q) {
		// the first word is capitalised anyway; it is a name when it is no ordinary word
		// ("Kırka bor tesisi …")
		if w.upper && (i > 0 || !index.IsEnglishWord(w.fold) && !index.IsTurkishWord(w.fold)) {
			out[w.raw] = true
		}
	}
	return out
}

// promoteEnough moves to the front the passage near the top with the most of the question,
// when it has enough of it and every word the first passage has.
func promoteEnough(res *index.Result, q string) {
	best, top := -1, 0.0
	for i := 1; i < min(len(res.Hits), steerAt); i++ {
		if res.Hits[i].Matched&res.Hits[0].Matched != res.Hits[0].Matched {
			// it must have all the first has, and more
			continue
		}
		if e := evidence(res, &res.Hits[i], q); e > top && enough(res, &res.Hits[i], q) {
			best, top = i, e
		}
	}
	if best > 0 {
		h := res.Hits[best]
		copy(res.Hits[1:best+1], res.Hits[:best])
		res.Hits[0] = h
	}
}

// lookup answers from the best passage, or says there is no answer.
func lookup(a *Answer, res *index.Result, n int) {
	r := a.Reading
	if r.Kind != KindDefine && r.Kind != KindWhy {
		r.Kind = KindLookup
		if r.defined(res) != nil {
			// "Which elements are light rare earths?"
			r.Kind = KindDefine
		}
	}
	if !res.Miss && len(res.Hits) > 0 && !enough(res, &res.Hits[0], a.Question) {
		// The search's first passage may lack what the question weighs most while one just
		// below it has all of it: "Article says China has 85 %, IEA says other" is the passage
		// that sets the estimates side by side.
		promoteEnough(res, a.Question)
	}
	if res.Miss || len(res.Hits) == 0 || !enough(res, &res.Hits[0], a.Question) {
		if h := r.rowPassage(res); h != nil {
			// "Çin'in üretimi neden kotaya dayanıyor?": a why about a row's figure whose
			// other words the knowledge base lacks (Turkish grammar, most often) is answered
			// by the passage that states the figure
			a.Passage = h
			a.Direct = Sentence{{Text: reasonSentence(lexiconFor(res.Base), h.Fact.Text, a.Question)}}
			a.Related = related(res, h, n-1)
			return
		}
		noMatch(a, res)
		return
	}
	if r.unknownThing(res) {
		// "What is a black hole?": the thing asked is not in the knowledge base
		noMatch(a, res)
		return
	}
	if lexiconFor(res.Base).currencyPair(a.Question) {
		// "usd/try rate today?": an exchange rate, which no passage states
		noMatch(a, res)
		return
	}
	if p := unknownHead(res, r); p > 0 && evidence(res, &res.Hits[0], a.Question)-p < minEvidence {
		// What is asked is unknown: it weighs like an unknown name.
		noMatch(a, res)
		return
	}
	if passageSuperlative(a, res, n) {
		return
	}
	best := choose(res, a.Question, r)
	if best != nil && r.asksPerson() && len(best.Fact.People) == 0 {
		// "Who is MP Materials' CEO?": another figure of MP Materials is no answer
		best = personPassage(res, r, a.Question)
	}
	if best == nil || noDistance(res, best.Fact) {
		// ("How many km from the city centre to Beylikova?": a distance no passage states)
		noMatch(a, res)
		return
	}
	largest := r.largestOf(res)
	if largest != nil {
		best = largest
	}
	if r.Kind != KindDefine && (r.otherSubject(lexiconFor(res.Base), res.Base, best.Fact) != "" || otherFacility(lexiconFor(res.Base), res.Base, best.Fact, a.Question) != "") {
		// "What share of refined cobalt does China control?": rare earths are not cobalt
		noMatch(a, res)
		return
	}
	if r.cues[cueShare] || r.cues[cuePercent] {
		if h := percentComputed(res, best, a.Question); h != nil {
			// "Beylikova's REO as a share of China's reserves, what percent": the stored
			// percentage of the two, not a rank of one among the other's table
			best = h
		}
		// the best passage that states a part and its whole, or one after it that has as
		// much of the question
		top := evidence(res, best, a.Question)
		for i := -1; i < min(len(res.Hits), steerAt); i++ {
			h := best
			if i >= 0 {
				h = &res.Hits[i]
				if h == best || evidence(res, h, a.Question) < top || !has(res, h, r.required) || !sameEntities(res, best, h) {
					continue
				}
			}
			if h.Fact.Formula != nil {
				continue
			}
			if part, whole := partOf(lexiconFor(res.Base), h.Fact, a.Question); part != nil {
				passageShare(a, res, h, part, whole, n)
				return
			}
		}
	}
	if (r.cues[cueChange] || r.cues[cueSince]) && r.Kind == KindLookup && passageChange(a, res, best, n) {
		return
	}
	if unit := r.perMass(); unit != "" {
		var m, w *knowledge.Figure
		if f := best.Fact.Formula; f == nil {
			m, w = moneyAndMass(res, best, r.lastYear())
		} else if g := Latest(best.Fact); g != nil && g.Unit != "USD/"+unit {
			// a stored value per tonne asked per kilo: its inputs, in the unit asked
			m, w = moneyAndMass(res, &index.Hit{Fact: &knowledge.Fact{Figures: f.Inputs}}, "")
		}
		if m != nil && w != nil {
			perMassValue(a, res, best, m, w, unit, n)
			return
		}
	}
	var g *knowledge.Figure
	if y := r.lastYear(); y != "" && (best.Fact.Formula == nil || y > strconv.Itoa(r.now.Year())) && !hasYear(best.Fact, y) && !r.titledFor(best.Fact, y) {
		// (a computed figure answers for its own years, but no year after today: "What world
		// mine production does USGS expect for 2027?" is no forecast, whatever the growth
		// from 2023 to 2024 was)
		// The year asked: the first of the best passages that has a figure for it, when the
		// best has dated figures but none for that year.
		for i := range res.Hits {
			if i == 3 {
				break
			}
			h := &res.Hits[i]
			if !enough(res, h, a.Question) || !has(res, h, r.required) || !aboutNamed(h.Fact, r) || h != best && r.narrower(h.Fact) {
				// ("ndpr price 2025" is no price floor agreed that year)
				continue
			}
			if fg := figureFor(lexiconFor(res.Base), h.Fact, a.Question, y); fg != nil && sameKind(fg, r) {
				best, g = h, fg
				break
			}
		}
		// A passage without figures answers no year after today either: "Where will NdPr
		// oxide prices be in 2027?" is no forecast, whatever the 2025 price passage says.
		future := y > strconv.Itoa(r.now.Year()) && len(best.Fact.Figures) == 0 && !strings.Contains(best.Fact.Text, y)
		if before, after := around(best.Fact, y); g == nil && before != nil && (r.cues[cueFuture] || y > strconv.Itoa(r.now.Year())) && !strings.Contains(best.Fact.Text, y) {
			// "What will magnet demand be in 2035?": a projection for 2030 and 2050 states
			// no 2035 figure; say so, with the years it has on either side
			a.Reading.Kind = KindMiss
			a.Miss = &Miss{Reason: ReasonNoForecast, Latest: before}
			fillMiss(a, res)
			a.Direct = sayBetween(a.Lang, y, before, after, sourceName(res.Base, before))
			return
		}
		if g == nil && (future || figureYearsBefore(best.Fact, y) && (r.cues[cueFuture] || yearAfterData(res.Base, y))) {
			a.Reading.Kind = KindMiss
			forecast := y >= strconv.Itoa(r.now.Year())
			a.Miss = &Miss{Reason: ReasonNoForecast, Latest: Latest(best.Fact)}
			if !forecast {
				a.Miss.Reason = ReasonNoFigure
			}
			fillMiss(a, res)
			if a.Miss.Latest == nil {
				a.Direct = sayNoForecastPassage(a.Lang, y, latestWords(res, best, a.Question))
				return
			}
			a.Direct = sayNoForecast(a.Lang, y, a.Miss.Latest, sourceName(res.Base, a.Miss.Latest), forecast)
			return
		}
	}
	if y := r.lastYear(); g == nil && y != "" {
		g = figureFor(lexiconFor(res.Base), best.Fact, a.Question, y)
	}
	var defined []string
	if r.Kind == KindDefine {
		defined = r.defined(res)
	}
	if !figureAsked(lexiconFor(res.Base), r) || defined != nil || largest != nil {
		// a definition is a sentence, not a figure; so is what the largest thing is
		g = nil
	} else if g == nil {
		g = figureFor(lexiconFor(res.Base), best.Fact, a.Question, "")
	}
	var date *knowledge.Figure // the second answer of "which year … and how much …"
	if g != nil && r.cues[cueWhen] && r.asksHowMuch() {
		g = figureNear(res, best, a.Question, r, func(u string) bool { return u != "year" })
		date = figureNear(res, best, a.Question, r, func(u string) bool { return u == "year" })
		if g == nil {
			g, date = date, nil
		}
	} else if g != nil && r.cues[cueWhen] && g.Unit != "year" {
		// "When will …" is answered by a date, or by the passage's words.
		g = figureOf(lexiconFor(res.Base), best.Fact, a.Question, func(u string) bool { return u == "year" })
	}
	noRow := false
	if t := r.Table; t != nil && len(r.Rows) == 0 && !r.Total && len(r.places) > 0 && r.Kind == KindLookup &&
		r.asksAmount() && (g == nil || !sameKind(g, r) && !r.asksOther(lexiconFor(res.Base), g, a.Question)) && len(t.Rows) > 0 && placeRow(t, t.Rows[0]) &&
		!r.otherMeasure(lexiconFor(res.Base), res) {
		// "How much rare earth does Japan mine?": the passages speak of Japan, but of no
		// figure the table measures.
		r.missing, noRow = r.places[0], true
	}
	if t := r.Table; t != nil && r.missing != "" && len(r.Rows) == 0 {
		if noRow || g != nil && otherTable(res.Base, g, t) {
			// The passage found gives another measure of the row: say the table lacks it.
			a.Reading.Kind = KindMiss
			a.Miss = &Miss{Reason: ReasonNoFigure}
			fillMiss(a, res)
			a.Direct = sayNoRow(a.Lang, res.Base, t, r.missing)
			a.Related = related(res, nil, n-1)
			return
		}
	}
	measure, stated := r.moneyMeasure(lexiconFor(res.Base), best.Fact, g)
	if stated && g != nil && !isMoney(g.Unit) {
		// "What was Lynas's revenue?": the passage says it in words, not as this figure
		g = nil
	}
	ws, money := r.counted(), g != nil && r.asksCost() && !isMoney(g.Unit)
	if measure != "" && !stated {
		ws, money = plainWords(measure), false
	}
	if !money && containCue.MatchString(a.Question) && (ws != nil && !states(lexiconFor(res.Base), best.Fact, ws) || containedAsked(a.Question, best.Fact)) {
		if ore, grade := oreAndGrade(best.Fact); ore != nil {
			// "how much contained TREO does Mount Weld's reserve work out to?": the ore times
			// its grade, which the passage states but does not multiply
			contained(a, res, best, ore, grade, n)
			return
		}
	}
	if !money && measure == "" && ws != nil && !states(lexiconFor(res.Base), best.Fact, ws) {
		if h := stating(res, r, ws, a.Question); h != nil {
			// "beylikova eskisehir kizilcaoren - how much TREO in total?": the passage on one
			// of the subject's names has no oxide figure; another passage on it has
			best, g = h, figureFor(lexiconFor(res.Base), h.Fact, a.Question, r.lastYear())
		}
	}
	if money || ws != nil && !states(lexiconFor(res.Base), best.Fact, ws) {
		// "How many people work at the pilot plant?", "How much lithium does Türkiye have?":
		// the passage gives another figure of the subject (its capacity), or none, not what
		// is asked. "How much does the pilot plant cost?" answered in tonnes is no answer.
		a.Reading.Kind = KindMiss
		a.Miss = &Miss{Reason: ReasonNoFigure}
		fillMiss(a, res)
		subject := ""
		if len(r.named) > 0 {
			subject = r.named[0].name
		}
		thing := "cost"
		switch {
		case measure != "" && !stated:
			thing = measure
		case !money:
			thing = ws[0].raw
		}
		a.Direct = sayNoCount(a.Lang, thing, subject)
		a.Related = related(res, nil, n-1)
		return
	}
	a.Passage = best
	switch {
	case date != nil && g != nil:
		// the amount and the date, each from its own passage
		a.Direct = append(append(sayLookup(a.Lang, res.Base, g.Fact, g, unitsAsked(a.Question)), Segment{Text: " "}),
			sayLookup(a.Lang, res.Base, date.Fact, date, nil)...)
	default:
		a.Direct = sayFigure(a.Lang, res.Base, best.Fact, g, unitsAsked(a.Question), g == nil || !namesSource(res.Base, a.Question, g))
	}
	if g != nil && (r.cues[cueRank] || r.whereLands() && !comesFrom.MatchString(a.Question)) &&
		strings.Contains(strings.ToLower(a.Question), strings.ToLower(g.Label)) {
		if pos, of := rankInPassage(best.Fact, g); of > 1 {
			// "Among the countries supplying the US, where does Japan come?": its place among
			// the passage's figures of that kind
			a.Direct = sayRankInPassage(a.Lang, res.Base, g, pos, of)
		}
	}
	if r.Kind == KindWhy && g == nil && (r.Table != nil && r.cellOf(best.Fact) || laterReason(best.Fact.Text)) {
		// the passage of a row's figure states the figure first; the reason follows, in the
		// sentence that gives it
		a.Direct = Sentence{{Text: reasonSentence(lexiconFor(res.Base), best.Fact.Text, a.Question)}}
	}
	if r.Kind == KindWhy && g == nil && len(best.Fact.Figures) == 0 {
		if figs := restsOn(res, best); figs != nil {
			// "the jump in value from raw materials to finished goods": the figures the
			// reason speaks of, from the passage of the same source that states them
			a.Direct = append(a.Direct, Segment{Text: " "})
			a.Direct = append(a.Direct, sayFigures(a.Lang, figs)...)
		}
	}
	if defined != nil {
		lx := lexiconFor(res.Base)
		en, _ := lx.translate(strings.Join(defined, " "))
		a.Direct = Sentence{{Text: definingSentence(lx, best.Fact.Text, en)}}
	}
	if g == nil && r.Question && affirms(lexiconFor(res.Base), a.Question, firstSentence(best.Fact.Text)) {
		// "Is scandium counted as a rare earth element?" — "Scandium … counts as a rare earth"
		a.Direct = append(Sentence{{Text: yesNoWord(a.Lang, true)}}, a.Direct...)
	}
	a.Related = related(res, best, n-1)
}

// massWords are the ways a question names a unit of mass that a value is asked per.
var massWords = map[string]string{"kg": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
	"kilogramme": "kg", "t": "t", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t"}

// perMass is the unit of mass a question asks a money value per ("the value per kilo of the
// concentrate"), "" when it asks none.
func (r *Reading) perMass() string {
	money := false
	for _, w := range r.words {
		money = money || moneyWords[w.fold] || w.fold == "price" || w.fold == "cost" || w.fold == "worth"
	}
	if !money {
		return ""
	}
	for i, w := range r.words[:max(len(r.words)-1, 0)] {
		switch w.fold {
		case "per", "a", "each", "every":
			if u, ok := massWords[r.words[i+1].fold]; ok {
				return u
			}
		}
	}
	return ""
}

// moneyAndMass are the money figure a passage states and the mass it is the value of: a
// figure of the passage, or one of the other passages found, of the same year, whose number
// the passage states ("45,000 t worth $260 million"). nil when it has no such pair.
func moneyAndMass(res *index.Result, best *index.Hit, year string) (m, w *knowledge.Figure) {
	for _, g := range best.Fact.Figures {
		if year != "" && !strings.HasPrefix(g.AsOf, year) {
			continue
		}
		if _, err := knowledge.Convert(g.Value, perYearless(g.Unit), "USD"); err == nil && m == nil {
			m = g
		}
		if _, err := knowledge.Convert(g.Value, perYearless(g.Unit), "t"); err == nil && w == nil {
			w = g
		}
	}
	if m == nil || w != nil {
		return m, w
	}
	var from *knowledge.Fact
	for _, c := range lexiconFor(res.Base).computed {
		// a stored figure computed from the money figure names the mass it is the value of
		if slices.Contains(c.Formula.Inputs, m) && (from == nil || c.ID < from.ID) {
			from = c
		}
	}
	if from != nil {
		for _, g := range from.Formula.Inputs {
			if _, err := knowledge.Convert(g.Value, perYearless(g.Unit), "t"); err == nil {
				return m, g
			}
		}
	}
	text := best.Fact.Title + " " + best.Fact.Text
	y := m.AsOf[:min(4, len(m.AsOf))]
	for i := range res.Hits {
		for _, g := range res.Hits[i].Fact.Figures {
			if !strings.HasPrefix(g.AsOf, y) || !strings.Contains(text, g.String()) {
				continue
			}
			if _, err := knowledge.Convert(g.Value, perYearless(g.Unit), "t"); err == nil {
				return m, g
			}
		}
	}
	return m, nil
}

// perYearless is a unit without "/yr": a value a year divided by an amount a year.
func perYearless(unit string) string { return strings.TrimSuffix(unit, "/yr") }

// perMassValue answers with a money figure divided by a mass, in money per the unit asked.
func perMassValue(a *Answer, res *index.Result, best *index.Hit, m, w *knowledge.Figure, unit string, n int) {
	usd, _ := knowledge.Convert(m.Value, perYearless(m.Unit), "USD")
	mass, _ := knowledge.Convert(w.Value, perYearless(w.Unit), unit)
	v := usd / mass
	decimals := 0
	if v < 100 {
		decimals = 2
	}
	per := knowledge.FormatQuantity(v, "USD/"+unit, decimals)
	eq := m.String() + " ÷ " + w.String() + " = " + per
	a.Working = &Working{Equation: eq, Inputs: []*knowledge.Figure{m, w}, Sources: sourcesOf(m, w)}
	a.Passage = best
	a.Direct = sayWorked(a.Lang, m, " per unit", "birim başına", per, eq, sourceName(res.Base, m))
	a.Related = related(res, best, n-1)
}

// latestWords is, of the best passage and the first passages after it that state their
// figures in words only, speak of the same things and have enough of the question, the one
// its source dates latest: "NdPr oxide price in China, January 2026" over "… during 2025".
func latestWords(res *index.Result, best *index.Hit, q string) *knowledge.Fact {
	out := best.Fact
	for i := range res.Hits[:min(3, len(res.Hits))] {
		h := &res.Hits[i]
		if h == best || len(h.Fact.Figures) > 0 || h.Fact.Source == nil || out.Source == nil ||
			!enough(res, h, q) || !sameEntities(res, best, h) {
			continue
		}
		if h.Fact.Source.Date > out.Source.Date {
			out = h.Fact
		}
	}
	return out
}

// largestOf is, for "Which mine produces the most …?" (a superlative over things that are
// not rows of the table it names), the passage tagged the largest of them: a passage that
// speaks of the thing asked for (a mine, a deposit), has a tag of a superlative, no tag of an
// ordinal ("second largest") and no figure of a table's row; the best ranked such passage, else the first in
// the knowledge base. nil for other questions or when no passage is tagged so.
func (r *Reading) largestOf(res *index.Result) *index.Hit {
	if r.which == "" || !r.cues[cueMost] || r.cues[cueLeast] || r.Table != nil && !slices.Contains(r.others, r.which) {
		return nil
	}
	if r.Table == nil && len(r.named) > 1 {
		// "… originated in China, and which country was the next-largest supplier?": the
		// question is about what it names, not about the largest thing of its kind
		return nil
	}
	asked := false
	for i, w := range r.words[1:] {
		asked = asked || r.words[i].fold == "which" && w.stem == r.which
	}
	if !asked {
		// "What's the biggest use …" asks for a use, not which thing is largest
		return nil
	}
	lx := lexiconFor(res.Base)
	thing := words(r.which)
	tagged := func(f *knowledge.Fact) bool {
		most := false
		for _, tag := range f.Tags {
			for _, w := range words(tag) {
				if ordinals[w.fold] > 1 {
					// "second largest": a rank, not the largest
					return false
				}
				most = most || cueWords[w.fold] == cueMost
			}
		}
		for _, g := range f.Figures {
			if t, _ := tableOf(res.Base, g); t != nil {
				// a row of a table is no mine or deposit
				return false
			}
		}
		return most && states(lx, f, thing)
	}
	for i := range res.Hits {
		if tagged(res.Hits[i].Fact) {
			return &res.Hits[i]
		}
	}
	for _, f := range res.Base.Facts {
		if tagged(f) {
			return hitFor(res, f)
		}
	}
	return nil
}

// restsOn are the figures a reason without figures speaks of: those of a passage found near
// it, from the same source, at least two of whose figures' labels the reason names ("raw
// materials", "end products"). nil when no passage has them.
func restsOn(res *index.Result, best *index.Hit) []*knowledge.Figure {
	lx := lexiconFor(res.Base)
	have := map[string]bool{}
	for _, c := range lx.concepts(best.Fact.Text) {
		have[c] = true
	}
	// the passages found first, then any of the knowledge base: the figures may be in a
	// passage the question's words did not reach
	var facts []*knowledge.Fact
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		facts = append(facts, res.Hits[i].Fact)
	}
	for _, f := range append(facts, res.Base.Facts...) {
		if f == best.Fact || f.Source == nil || f.Source != best.Fact.Source || f.Formula != nil {
			continue
		}
		// two things the reason names, not one thing's figures over the years ("United
		// States 41,600 t, United States 45,000 t")
		named := map[string]bool{}
		for _, g := range f.Figures {
			label, _, _ := strings.Cut(g.Label, "(")
			all := true
			for _, c := range lx.concepts(label) {
				all = all && have[c]
			}
			if all {
				named[strings.TrimSpace(label)] = true
			}
		}
		if len(named) >= 2 {
			return f.Figures
		}
	}
	return nil
}

// asksOther reports whether a figure's label has a word of the question other than the names
// it gives and the words of its table: "What grade is the ore reserve at Lynas's Mount Weld?"
// asks for a grade a passage states, not for a row of the reserves table; "How much rare
// earth does Japan mine?" asks only what the table measures.
func (r *Reading) asksOther(lx *lexicon, g *knowledge.Figure, q string) bool {
	skip := map[string]bool{}
	for _, text := range append([]string{r.Table.Title, r.Table.RowKind}, r.Table.Words...) {
		for _, c := range lx.concepts(text) {
			skip[c] = true
		}
	}
	for _, m := range r.named {
		for _, c := range lx.concepts(m.name) {
			skip[c] = true
		}
		for _, w := range r.words[m.start:m.end] {
			skip[w.stem] = true
		}
	}
	asked := lx.asked(q)
	for _, c := range lx.labelConcepts(g.Label) {
		if asked.concepts[c] && !skip[c] && !lx.titled[r.Table][c] && (len(c) > 2 && !subjectStops[c] || strings.HasPrefix(c, "=")) {
			return true
		}
	}
	return false
}

// counted are the words of a "how many" or "how much" question from the thing it measures on
// ("people work at …" in "How many people work at …", "lithium does …" in "How much lithium
// does …"), or nil when it asks for a unit ("how many tonnes"), names no thing ("how much does
// it cost"), asks a share ("how much of …") or is no such question.
func (r *Reading) counted() []word {
	i := r.howMuchAt()
	if i < 0 {
		return nil
	}
	much := r.words[i].fold == "much"
	if much && i+1 < len(r.words) && r.words[i+1].fold == "of" {
		return nil
	}
	for j, w := range r.words[i+1:] {
		if countSkip[w.fold] {
			continue
		}
		if much && (yesNo[w.fold] || muchSkip[w.fold]) {
			return nil
		}
		if _, unit := knowledge.LookupUnit(w.raw); unit || len(unitsAsked(w.raw)) > 0 {
			return nil
		}
		return r.words[i+1+j:]
	}
	return nil
}

// asksCost reports whether a question asks what something costs, which only an amount of
// money answers (a price, or "worth", may also be answered by a change in per cent or a
// multiple).
func (r *Reading) asksCost() bool {
	for _, w := range r.words {
		if costWords[w.fold] {
			return true
		}
	}
	return false
}

// moneyMeasure is the money measure a question asks for ("profit", "share price" for "What's
// MP trading at?") and whether the passage found states it; "" when it asks for none. A
// measure the passage (or the figure found) does not state is no figure of the subject, whatever other figure of
// it the passage has.
func (r *Reading) moneyMeasure(lx *lexicon, f *knowledge.Fact, g *knowledge.Figure) (string, bool) {
	measure := ""
	for i, w := range r.words {
		next := ""
		if i+1 < len(r.words) {
			next = r.words[i+1].fold
		}
		switch {
		case moneyMeasures[w.fold] && i > 0 && accountWords[r.words[i-1].fold]:
			// "net income" is no income a passage mentions in passing
			measure = r.words[i-1].raw + " " + w.raw
			return measure, statesPhrase(f, measure) || g != nil && statesPhrase(g.Fact, measure)
		case moneyMeasures[w.fold]:
			measure = w.raw
		case next != "" && lx.moneyPhrase(w.raw+" "+r.words[i+1].raw):
			// "top line": another way to write revenue
			measure = w.raw + " " + r.words[i+1].raw
		case stockWords[w.fold] && next != "of" && next != "in" && (w.fold != "shares" || i > 0 && r.words[i-1].upper) ||
			tradeWords[w.fold] && (next == "at" || next == "around") && !r.pricedRows():
			// "shares" is a company's ("Lynas shares"), not "top suppliers and shares"
			// "shares of world output" is a share; "Lynas shares", "trading at" a share price
			measure = "share price"
		default:
			continue
		}
		break
	}
	if measure == "" {
		return "", false
	}
	return measure, states(lx, f, plainWords(measure)) || g != nil && states(lx, g.Fact, plainWords(measure))
}

// pricedRows reports whether a question names rows of a table of prices: terbium oxide
// "trading at" a price is that price, not a share price.
func (r *Reading) pricedRows() bool {
	for t, rows := range r.rowsBy {
		if hasMoney(t) && len(rows) > 0 {
			return true
		}
	}
	return false
}

// stating is the first of the best passages about what the question names that states the
// thing counted, or nil.
func stating(res *index.Result, r *Reading, ws []word, q string) *index.Hit {
	lx := lexiconFor(res.Base)
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		h := &res.Hits[i]
		if i > 0 && aboutNamed(h.Fact, r) && states(lx, h.Fact, ws) && enough(res, h, q) {
			return h
		}
	}
	return nil
}

// moneyMeasures are the words of a company's or a person's money that a figure of tonnes or a
// price of rare earths does not answer; stockWords and tradeWords ("trading at") ask for a
// share price.
var (
	moneyMeasures = map[string]bool{"profit": true, "profits": true, "earnings": true, "income": true,
		"revenue": true, "revenues": true, "turnover": true, "salary": true, "salaries": true, "wage": true,
		"wages": true, "dividend": true, "dividends": true, "ebitda": true, "loss": true, "losses": true}
	stockWords = map[string]bool{"shares": true, "stock": true, "stocks": true, "ticker": true,
		"valuation": true, "valued": true, "shareholders": true}
	tradeWords = map[string]bool{"trading": true, "trade": true, "trades": true, "traded": true}
)

// moneyPhrase reports whether a phrase is in a synonym group with a money measure.
func (lx *lexicon) moneyPhrase(p string) bool {
	c, ok := lx.synonyms[phraseKey(p)]
	if !ok {
		return false
	}
	for m := range moneyMeasures {
		if lx.synonyms[phraseKey(m)] == c {
			return true
		}
	}
	return false
}

// accountWords make a money measure one of a company's accounts: "net income", "operating
// profit".
var accountWords = map[string]bool{"net": true, "gross": true, "operating": true, "pretax": true, "underlying": true}

// statesPhrase reports whether a passage has a phrase as written, in its title or text.
func statesPhrase(f *knowledge.Fact, phrase string) bool {
	p := strings.ToLower(phrase)
	return strings.Contains(strings.ToLower(f.Title), p) || strings.Contains(strings.ToLower(f.Text), p)
}

// costWords ask what something costs.
var costWords = map[string]bool{"cost": true, "costs": true, "costed": true, "invest": true, "invested": true,
	"investment": true, "budget": true, "capex": true, "expenditure": true, "maliyet": true, "maliyeti": true}

// muchSkip are words after "how much" that show it measures no noun: "how much will it cost".
var muchSkip = map[string]bool{"will": true, "would": true, "could": true, "should": true, "money": true, "more": true, "less": true}

// countSkip come between "how many" and the thing counted.
var countSkip = map[string]bool{"more": true, "fewer": true, "less": true, "different": true, "other": true, "of": true, "the": true, "separate": true, "individual": true, "actual": true, "real": true}

// states reports whether a passage speaks of the first concept of some words (a word or a
// phrase of a synonym group): in its title, text, tags or the labels of its figures.
func states(lx *lexicon, f *knowledge.Fact, ws []word) bool {
	if statesFirst(lx, f, ws, true) {
		return true
	}
	for skip := 0; skip <= 2 && skip < len(ws); skip++ {
		if skip > 0 && statesFirst(lx, f, ws[skip:], false) {
			return true
		}
		if skip+1 >= len(ws) || subjectStops[ws[skip+1].fold] || !qualifier(ws[skip].fold) && (lx.vocabulary[ws[skip].fold] || !qualifierEnding(ws[skip].fold)) || strings.HasPrefix(lx.synonyms[ws[skip].stem], "=") {
			// the measure ends here ("lithium does …"), is no word that qualifies a figure
			// ("people work at …"; "exploratory", which the knowledge base never uses, is),
			// or is a phrase the knowledge base knows
			return false
		}
		// "exploratory drilling", "actual oxide": a word in front of a measure modifies it;
		// the passage answers when one of its figures is of the measure
	}
	return false
}

// statesFirst reports whether a passage speaks of the first concept of some words: anywhere
// in it, or only in the labels of its figures.
func statesFirst(lx *lexicon, f *knowledge.Fact, ws []word, anywhere bool) bool {
	raw := make([]string, len(ws))
	for i, w := range ws {
		raw[i] = w.raw
	}
	want := lx.concepts(strings.Join(raw, " "))
	if len(want) == 0 {
		return true
	}
	var texts []string
	if anywhere {
		texts = append([]string{f.Title, f.Text}, f.Tags...)
	}
	for _, g := range f.Figures {
		texts = append(texts, g.Label)
	}
	for _, text := range texts {
		for _, c := range lx.concepts(text) {
			if c == want[0] {
				return true
			}
		}
	}
	return false
}

// asksAmount reports whether a question asks for an amount: "how much", "how many", or
// "what is/are …" (not a yes/no question).
func (r *Reading) asksAmount() bool {
	if r.Question || len(r.words) == 0 {
		return false
	}
	if r.words[0].fold == "what" {
		return true
	}
	for _, w := range r.words {
		if w.fold == "much" || w.fold == "many" {
			return true
		}
	}
	return false
}

// figureAsked reports whether a figure answers the question rather than the passage's first
// sentence: not for a reason, nor for "who" unless it asks how much.
func figureAsked(lx *lexicon, r *Reading) bool {
	if r.Kind == KindWhy || len(r.words) == 0 {
		return false
	}
	if r.words[0].fold == "which" && (r.Table == nil || r.whichHead(lx) != "") {
		// "Which company runs Mountain Pass?" asks for a name
		return false
	}
	for i, w := range r.words {
		if w.fold != "who" || i > 0 && !w.clause {
			continue
		}
		// "who …", or "turks say beylikova is no.2 - who's no.1 then": a name is asked
		for _, w := range r.words {
			if w.fold == "much" || w.fold == "many" {
				return true
			}
		}
		return false
	}
	return true
}

// head is the word a "what is the X of Y" question asks for, the last of its noun phrase:
// "grade" in "What is the approximate grade at Beylikova?"; nil for other questions.
func (r *Reading) head() *word {
	ws := r.words
	if len(ws) < 4 || ws[0].fold != "what" || !copulas[ws[1].fold] {
		return nil
	}
	i := 1
	for i < len(ws) && headSkip[ws[i].fold] {
		i++
	}
	var h *word
	for ; i < len(ws) && !headEnd[ws[i].fold]; i++ {
		h = &ws[i]
	}
	return h
}

// unknownHead is what the thing a "what is the X of Y" question asks for costs more than the
// evidence already charged it, when it is a word the knowledge base does not have: "the
// weather in Eskişehir", "the capex of the pilot plant"; 0 when it has it.
func unknownHead(res *index.Result, r *Reading) float64 {
	h := r.head()
	if h == nil {
		return 0
	}
	if lexiconFor(res.Base).compound(h.fold) {
		return r.unknownObject(res, h)
	}
	if _, isCue := cueWords[h.fold]; isCue {
		// "What is meant by …": grammar, not the thing asked
		return 0
	}
	english := index.IsEnglishWord(h.fold)
	if !english && (h.upper || len(h.fold) < 4 || index.IsTurkishWord(h.fold)) {
		return 0
	}
	for _, u := range res.Unknown {
		if strings.EqualFold(u, h.raw) {
			if english {
				return unknownNamePenalty - unknownWordPenalty
			}
			// jargon ("capex") is as much the thing asked as an English word
			return unknownNamePenalty - unknownOtherPenalty
		}
	}
	return r.unknownObject(res, h)
}

// unknownObject is what the thing asked is for or of costs, when its first word is ordinary
// English the knowledge base does not have: "the EU's 2030 target for offshore wind capacity"
// is a target, but of nothing the knowledge base knows, however well the rest matches; 0 when
// the knowledge base has that word.
func (r *Reading) unknownObject(res *index.Result, h *word) float64 {
	i := 0
	for i < len(r.words) && &r.words[i] != h {
		i++
	}
	if i+2 >= len(r.words) || r.words[i+1].fold != "for" && r.words[i+1].fold != "of" {
		return 0
	}
	i += 2
	for i < len(r.words) && headSkip[r.words[i].fold] {
		i++
	}
	if i == len(r.words) {
		return 0
	}
	w := r.words[i]
	if w.clause || w.upper || !index.IsEnglishWord(w.fold) {
		return 0
	}
	for _, u := range res.Unknown {
		if strings.EqualFold(u, w.raw) {
			return unknownObjectPenalty
		}
	}
	return 0
}

// unknownSubject reports whether the one a question asks about, a capitalised name right
// after its auxiliary verb ("what … does Ukraine have"), is a name the knowledge base lacks.
func (r *Reading) unknownSubject(res *index.Result) bool {
	if len(r.words) == 0 || !questionWords[r.words[0].fold] {
		return false
	}
	for i := 1; i+1 < len(r.words); i++ {
		w := r.words[i+1]
		if !auxiliaries[r.words[i].fold] || !w.upper || w.clause {
			continue
		}
		for _, u := range res.Unknown {
			if u == w.raw {
				return true
			}
		}
		return false
	}
	return false
}

// auxiliaries come before the subject of a question: "what does Ukraine have".
var auxiliaries = map[string]bool{"does": true, "do": true, "did": true, "has": true, "have": true}

// copulas follow "what" in "what is the X of Y".
var copulas = map[string]bool{"is": true, "are": true, "was": true, "were": true, "s": true}

// headSkip come between "what" and the thing asked; headEnd end it.
var (
	headSkip = map[string]bool{"is": true, "are": true, "was": true, "were": true, "will": true, "be": true, "the": true, "a": true, "an": true}
	headEnd  = map[string]bool{"of": true, "in": true, "per": true, "at": true, "for": true, "on": true, "from": true, "by": true, "to": true, "does": true, "do": true, "did": true, "is": true, "are": true, "was": true, "has": true, "have": true}
)

// negations turn a clause around; a clause that has one does not affirm.
var negations = map[string]bool{"not": true, "no": true, "never": true, "neither": true, "nor": true, "none": true, "cannot": true, "nt": true, "without": true}

// affirms reports whether a sentence says yes to a yes/no question: one of its clauses (cut at
// "but", "while", ";") has every word of the question, a synonym counting as the word, and
// no negation or ordinal the question lacks. "Is Beylikova the largest deposit?" is not
// affirmed by "Beylikova is the second largest".
func affirms(lx *lexicon, q, sentence string) bool {
	qs := words(q)
	if len(qs) < 3 {
		return false
	}
	var want []word
	for _, w := range qs[1:] {
		if !subjectStops[w.fold] && !yesNo[w.fold] && len(w.fold) > 1 {
			want = append(want, w)
		}
	}
	if len(want) < 2 {
		return false
	}
	asked := map[string]bool{}
	for _, w := range qs {
		asked[w.fold] = true
	}
	for _, clause := range clauseSplit.Split(sentence, -1) {
		cw := words(clause)
		have := map[string]bool{}
		ok := true
		for _, w := range cw {
			have[w.stem] = true
			if negations[w.fold] || strings.HasSuffix(w.raw, "n't") || (ordinals[w.fold] > 1 && !asked[w.fold]) {
				ok = false
			}
		}
		for i := 0; ok && i < len(want); i++ {
			n := lx.synonymSpan(want, i, have)
			if n == 0 {
				ok = false
				break
			}
			i += n - 1
		}
		if ok {
			return true
		}
	}
	return false
}

// clauseSplit cuts a sentence into clauses.
var clauseSplit = regexp.MustCompile(`(?i)(,? but |,? while |,? whereas |,? although |;)`)

// synonymSpan is how many words of ws from i a clause has: the word itself, or a phrase of a
// synonym group starting there, one of whose phrases the clause has whole. 0 when it has none.
func (lx *lexicon) synonymSpan(ws []word, i int, have map[string]bool) int {
	for m := min(lx.synLongest, len(ws)-i); m >= 1; m-- {
		g, ok := lx.synonyms[strings.Join(stems(ws[i:i+m]), " ")]
		if !ok {
			continue
		}
		for _, p := range lx.groupPhrases[g] {
			all := true
			for _, st := range strings.Fields(p) {
				all = all && have[st]
			}
			if all {
				return m
			}
		}
	}
	if have[ws[i].stem] {
		return 1
	}
	return 0
}

// whWords start questions that a passage's title may start with too: "Where the Beylikova
// deposit is", "When will the industrial plant open?". After "how", the next word says what
// is asked too: "How big", "How long".
var whWords = map[string]bool{"where": true, "when": true, "who": true, "why": true, "how": true}

// statesDate reports whether a passage states a date: a year figure, or a year in its text.
func statesDate(f *knowledge.Fact) bool {
	if hasDate(f) {
		return true
	}
	for _, w := range plainWords(f.Text) {
		if _, ok := yearOf(w.fold); ok {
			return true
		}
	}
	return false
}

// toFront moves the candidate at i to the front, keeping the others in order.
func toFront(cands []*index.Hit, i int) []*index.Hit {
	return append([]*index.Hit{cands[i]}, append(cands[:i:i], cands[i+1:]...)...)
}

// steerAt is how far down the ranking a passage that has the word a "how" question asks
// about may come from; a passage titled like the question may come from any of the hits.
const steerAt = 4

// supersetLead is how much more of a question's weight a passage with every word of the first
// and more must have to come first.
const supersetLead = 1.2

// choose picks the passage that answers: among the best few that have enough of the question
// and every subject the table could not answer for, the best, or one that fits the kind of
// question better (titledLike, aspect). nil when none has the subjects.
func choose(res *index.Result, q string, r *Reading) *index.Hit {
	h := pick(res, q, r)
	if h == nil || !r.asksSize() || r.cues[cueRank] || r.whereLands() || !onlyRanks(h.Fact) {
		return h
	}
	// "how much oxide is at Beylikova?": a rank never says how much; the best passage about
	// the same things with an amount does
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		o := &res.Hits[i]
		if len(o.Fact.Figures) > 0 && !onlyRanks(o.Fact) && enough(res, o, q) && has(res, o, r.required) && sameEntities(res, h, o) && evidence(res, o, q) >= 0.8*evidence(res, h, q) {
			return o
		}
	}
	return h
}

// pick is choose's passage before the check that a how-much question gets an amount.
func pick(res *index.Result, q string, r *Reading) *index.Hit {
	var cands []*index.Hit
	for i := range res.Hits {
		h := &res.Hits[i]
		if i > 0 && !enough(res, h, q) {
			continue
		}
		if has(res, h, r.required) {
			cands = append(cands, h)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	if ents := entityBits(res); cands[0].Matched&ents != ents {
		// The best passage lacks a name the question gives: one that has it, with most of
		// the question, comes first.
		top := evidence(res, cands[0], q)
		for i, h := range cands[1:min(len(cands), steerAt+2)] {
			if h.Matched&ents == ents && evidence(res, h, q) >= 0.8*top {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if top := evidence(res, cands[0], q); top > 0 {
		// A passage near the top with twice the question's weight of the first answers it
		// better: "Breakdown of where US … imports came from, in percent per supplier
		// country" is the import sources, not the import value that ranks first.
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if evidence(res, h, q) >= 2*top && sameEntities(res, cands[0], h) {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if top := evidence(res, cands[0], q); top > 0 && cands[0].Fact.Formula == nil && r.Kind != KindWhy {
		// A passage just below with every word the first has and more, and much more of the
		// question's weight: "which countries should Türkiye team up with, per Uysal?" is his
		// joint projects, not his research hubs. A computed figure neither moves nor is
		// moved, and a reason is the kind's to find (explains).
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if h.Matched != cands[0].Matched && h.Matched&cands[0].Matched == cands[0].Matched && h.Fact.Formula == nil && evidence(res, h, q) >= supersetLead*top {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if r.Kind != KindWhy && !r.cues[cueWhy] && titledWhy(cands[0].Fact) {
		// "Uysal's partner wishlist – which countries?": of two passages with as much of the
		// question, the one that names them, not the one that gives the reason for partners
		top := evidence(res, cands[0], q)
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if !titledWhy(h.Fact) && evidence(res, h, q) >= top && sameEntities(res, cands[0], h) {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if r.cues[cueWhen] && !statesDate(cands[0].Fact) {
		// "Uysal says … is strictly forbidden — since when is that an official ban?": the
		// passage that dates it, not the quote that only says it
		top := evidence(res, cands[0], q)
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if statesDate(h.Fact) && evidence(res, h, q) >= 0.6*top {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if (r.cues[cueRank] || r.whereLands()) && r.Table == nil && !hasUnit(cands[0].Fact, "rank") {
		// "measured by oxide content rather than ore, where would Beylikova place?": a
		// passage that ranks it, not the one with most of the question's other words
		top := evidence(res, cands[0], q)
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if hasUnit(h.Fact, "rank") && evidence(res, h, q) >= 0.5*top {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if r.asksSize() && len(cands[0].Fact.Figures) == 0 && cands[0].Fact.Formula == nil {
		// "how big does it get once it's turned into magnets?": a passage with figures, not
		// the profile of the person who gave them
		top := evidence(res, cands[0], q)
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if (len(h.Fact.Figures) > 0 || h.Fact.Formula != nil) && evidence(res, h, q) >= 0.8*top {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if nums := amountsIn(q); len(nums) >= 2 && !statesAmounts(cands[0].Fact, nums) {
		// "why one time 694 million t and other time 12.5 million t?": the passage that
		// states every figure the question quotes sets them side by side
		top := evidence(res, cands[0], q)
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if statesAmounts(h.Fact, nums) && evidence(res, h, q) >= 0.8*top {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if top := evidence(res, cands[0], q); r.narrower(cands[0].Fact) {
		// "ndpr price 2025": the market price, not the floor a deal guarantees ("price floor")
		for i, h := range cands[1:min(len(cands), steerAt)] {
			if !r.narrower(h.Fact) && evidence(res, h, q) >= 0.8*top && sameEntities(res, cands[0], h) {
				cands = toFront(cands, i+1)
				break
			}
		}
	}
	if !aboutAny(cands[0].Fact, r) {
		// "How big is the Bayan Obo deposit?": a passage about Bayan Obo that has as much of
		// the question, not one about Beylikova that mentions it.
		top := evidence(res, cands[0], q)
		for i, h := range cands[:min(len(cands), steerAt)] {
			if aboutAny(h.Fact, r) && evidence(res, h, q) >= top {
				cands = toFront(cands, i)
				break
			}
		}
	}
	if r.Kind == KindWhy && r.Table != nil && len(r.Rows) > 0 {
		// "Why might China's real output be higher than the USGS number?": the reason for a
		// row's figure is in the passage that states it (USGS bases China's on quotas), when
		// that passage has most of the question
		top := evidence(res, cands[0], q)
		for _, h := range cands {
			if r.cellOf(h.Fact) && evidence(res, h, q) >= 0.75*top {
				return h
			}
		}
	}
	if r.cues[cueTimes] && r.Kind != KindWhy && isMultiple(cands[0].Fact) {
		return cands[0]
	}
	if r.cues[cueTimes] && r.Kind != KindWhy {
		// "What's the scale-up multiple between the pilot's ore throughput and the planned
		// industrial production?": the stored multiple of the two, not one of them, though it
		// does not say "production" as the passages of its inputs do
		top := evidence(res, cands[0], q)
		for i := range res.Hits[:min(len(res.Hits), steerAt)] {
			h := &res.Hits[i]
			if isMultiple(h.Fact) && enough(res, h, q) && evidence(res, h, q) >= 0.6*top && sameEntities(res, cands[0], h) {
				return h
			}
		}
	}
	if h := r.namesKind(res, cands[:min(len(cands), steerAt+2)], q); h != nil {
		return h
	}
	near := cands[:min(len(cands), steerAt)]
	var defining *index.Hit
	if r.Kind == KindDefine && r.defined(res) != nil {
		if h := r.bySourceNamed(res, near); h != nil {
			return h
		}
		defining = definition(res, cands, r)
	}
	if defining == nil && r.Kind == KindDefine && len(r.named) == 1 {
		if h := overview(res, cands[:min(len(cands), steerAt+2)], r.named[0].name); h != nil {
			// "what is Bayan Obo": the passage that introduces it, not its niobium
			return h
		}
	}
	if defining == nil {
		if h := inPassing(near, r); h != nil {
			return h
		}
	} else if titledLike(res, cands, q) != cands[0] {
		// "what is NdPr": the passage that says what it is, not one titled with it
		return defining
	}
	if h := titledLike(res, cands, q); h != cands[0] {
		return h
	}
	if r.cues[cueWhen] && !r.asksHowMuch() {
		if h := dated(res, near, q); h != cands[0] {
			return h
		}
	}
	if h := derived(res, near, q); h != cands[0] {
		return h
	}
	if h := fits(res, cands, q, r); h != cands[0] {
		return h
	}
	if h := explains(res, near, q, r); h != cands[0] {
		return h
	}
	return aspect(res, near, q, r)
}

// onlyRanks reports whether every figure of a passage is a rank (and it has one).
func onlyRanks(f *knowledge.Fact) bool {
	for _, g := range f.Figures {
		if g.Unit != "rank" {
			return false
		}
	}
	return len(f.Figures) > 0
}

// overview is, of the passages as good as the first, the one that introduces a named thing:
// its first sentence opens with the name ("Bayan Obo in Inner Mongolia, China, the world's
// largest rare earth deposit, …"), its title with the name and not the name's ("Bayan Obo's
// niobium ore" is one of its parts); nil when the first passage does that as well as any.
func overview(res *index.Result, cands []*index.Hit, name string) *index.Hit {
	if len(cands) < 2 {
		return nil
	}
	score := func(f *knowledge.Fact) int {
		if !introduces(firstSentence(f.Text), name) {
			return 0
		}
		n := 1
		if opensWith(f.Title, name) {
			n++
		}
		return n
	}
	best, top := cands[0], score(cands[0].Fact)
	for _, h := range cands[1:] {
		if h.Matched != cands[0].Matched || h.Fact.Formula != nil {
			continue
		}
		if n := score(h.Fact); n > top {
			best, top = h, n
		}
	}
	if best == cands[0] {
		return nil
	}
	return best
}

// opensWith reports whether a text opens with a name, not with its possessive.
func opensWith(text, name string) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(text), strings.ToLower(name))
	return ok && rest != "" && !strings.ContainsAny(rest[:1], "'’")
}

// introduces reports whether a sentence opens by saying what a name is: "Bayan Obo in Inner
// Mongolia, China, the world's largest …", "Beylikova is a rare earth site …".
func introduces(sentence, name string) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(sentence), strings.ToLower(name))
	if !ok {
		return false
	}
	for _, p := range []string{" is ", " was ", " in ", ", ", " ("} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// bySourceNamed is, for "what counts as a heavy rare earth? I want the USGS definition", when
// the first passage sets several organisations' definitions side by side and the question
// names one of them, the passage near the top by that organisation alone, on the same topic;
// else nil.
func (r *Reading) bySourceNamed(res *index.Result, near []*index.Hit) *index.Hit {
	if len(near) < 2 || len(near[0].Fact.Orgs) < 2 {
		return nil
	}
	named := ""
	for _, m := range r.named {
		if slices.Contains(near[0].Fact.Orgs, m.name) {
			if named != "" && named != m.name {
				// "where do USGS and the Wyoming survey disagree": both sides
				return nil
			}
			named = m.name
		}
	}
	if named == "" {
		return nil
	}
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		h := &res.Hits[i]
		// (of the same topic, though it may have less of the question: it may speak of the
		// thing in other words, "heavy ones")
		if h != near[0] && len(h.Fact.Orgs) == 1 && h.Fact.Orgs[0] == named && h.Fact.Topic == near[0].Fact.Topic {
			return h
		}
	}
	return nil
}

// percentComputed is the first passage near the top, with as much of the question as the
// best and of the same names, that computes a percentage, when the best computes none; else
// nil.
func percentComputed(res *index.Result, best *index.Hit, q string) *index.Hit {
	if isPercent(best.Fact) {
		return nil
	}
	top := evidence(res, best, q)
	// a rank ("3rd") is no percentage: it gives way to any computed one that has enough of
	// the question
	g := Latest(best.Fact)
	noShare := g != nil && g.Unit == "rank"
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		h := &res.Hits[i]
		if h != best && isPercent(h.Fact) && (evidence(res, h, q) >= top || noShare && enough(res, h, q)) && sameEntities(res, best, h) {
			return h
		}
	}
	return nil
}

// isMultiple reports whether a passage computes a multiple ("475×").
func isMultiple(f *knowledge.Fact) bool {
	g := Latest(f)
	return f.Formula != nil && g != nil && g.Unit == "x"
}

// isPercent reports whether a passage computes a percentage.
func isPercent(f *knowledge.Fact) bool {
	g := Latest(f)
	return f.Formula != nil && g != nil && g.Unit == "%"
}

// amountsIn lists the numbers written in a text, without thousands separators, other than
// years: "694 million t and 12.5 million t" has 694 and 12.5; "570k t" has 570000.
func amountsIn(text string) []string {
	var out []string
	for _, n := range numbersIn(spacedUnits(text), false) {
		if y, err := strconv.Atoi(n); err != nil || y < 1900 || y > 2100 {
			out = append(out, n)
		}
	}
	return out
}

// numbersIn are the numbers a text writes, read as the index reads them ("12,5" is 12.5,
// "1,200" is 1200); with multiplied, also as a word after them multiplies them.
func numbersIn(text string, multiplied bool) []string {
	var out []string
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' || i > 0 && isWordByte(text[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || (text[j] == '.' || text[j] == ',') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9') {
			j++
		}
		n := index.NumberText(text[i:j])
		out = append(out, n)
		if m := multipliers[index.Fold(firstWord(text[j:]))]; multiplied && m > 0 {
			// "570 bin ton", "570 thousand tonnes" is also 570,000
			if v, err := strconv.ParseFloat(n, 64); err == nil {
				out = append(out, strconv.FormatFloat(v*m, 'f', -1, 64))
			}
		}
		i = j
	}
	return out
}

// multipliers are the words after a number that multiply it.
var multipliers = map[string]float64{"thousand": 1e3, "bin": 1e3, "million": 1e6, "milyon": 1e6, "billion": 1e9, "milyar": 1e9}

// firstWord is the first word of a text, lowercase.
func firstWord(text string) string {
	f := strings.Fields(text)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[0], ".,;:?!"))
}

// statesAmounts reports whether a passage's title or text writes every one of the numbers.
func statesAmounts(f *knowledge.Fact, nums []string) bool {
	have := amountsIn(f.Title + " " + f.Text)
	for _, n := range nums {
		if !slices.Contains(have, n) {
			return false
		}
	}
	return true
}

// namesKind is, for "Which mineral is mined at Mountain Pass?" (a "which" whose noun is no
// row kind of a table), the first passage with most of the question whose text has that noun:
// the passage that says what the thing is ("mineral concentrate … mined as bastnaesite"), not
// the one with the place's tonnage. nil for other questions.
func (r *Reading) namesKind(res *index.Result, cands []*index.Hit, q string) *index.Hit {
	head := r.whichHead(lexiconFor(res.Base))
	if head == "" || r.Kind == KindDefine || r.cues[cueDefine] || says(cands[0].Fact, head) {
		return nil
	}
	top := evidence(res, cands[0], q)
	for _, h := range cands[1:] {
		if evidence(res, h, q) >= 0.75*top && says(h.Fact, head) {
			return h
		}
	}
	return nil
}

// says reports whether a passage's text has a word, or its plural.
func says(f *knowledge.Fact, w string) bool {
	for _, t := range plainWords(f.Text) {
		if t.fold == w || t.fold == w+"s" {
			return true
		}
	}
	return false
}

// whichHead is the noun a "which" question asks for a kind of, the last of its phrase
// ("mineral" in "which ore mineral do they dig"), when it is no concept of the knowledge base
// and no table's row kind; else "".
func (r *Reading) whichHead(lx *lexicon) string {
	ws := r.words
	if len(ws) < 3 || ws[0].fold != "which" || r.Table != nil && !slices.Contains(r.others, r.which) {
		return ""
	}
	end := 1
	for _, w := range ws[1:min(len(ws), 4)] {
		if headEnd[w.fold] || yesNo[w.fold] || cueWords[w.fold] != 0 || strings.ContainsAny(w.raw, "'’") ||
			!unicode.IsLetter([]rune(w.fold)[0]) || w.upper {
			break
		}
		end++
	}
	if end == 1 {
		return ""
	}
	for k := 1; k < end; k++ {
		// a concept of the knowledge base ("rare earth element", "country") is asked for by
		// name, not found by a word of the passage
		if key := strings.Join(stems(ws[k:end]), " "); lx.synonyms[key] != "" || len(lx.inflected(lx.phrases[key], ws[end-1])) > 0 {
			return ""
		}
	}
	return ws[end-1].fold
}

// fits is the best passage, or, for a question that asks for an amount, a passage with a
// figure that fits it better: "How many tonnes of rare earth oxide a year would the industrial
// plant produce?" is answered by a planned REO output, not by the plant's ore capacity, and
// never by a date.
func fits(res *index.Result, cands []*index.Hit, q string, r *Reading) *index.Hit {
	best := cands[0]
	if !r.asksAmount() || r.Kind != KindLookup || r.missing != "" {
		// a row another table has ("How much does Greenland mine?") is answered by saying so
		return best
	}
	lx := lexiconFor(res.Base)
	asked := lx.asked(q)
	asked.units = nil // a figure converts to the unit asked; its words say what it is
	if r.cues[cuePercent] {
		// but no amount converts to a per cent: "in percent per supplier country"
		asked.units = map[string]bool{"%": true}
	}
	for _, m := range r.named {
		// every passage here is about what the question names; that says nothing of fit
		for _, c := range lx.concepts(m.name) {
			delete(asked.concepts, c)
		}
		for _, w := range r.words[m.start:m.end] {
			delete(asked.concepts, w.stem)
		}
	}
	fit := func(h *index.Hit) int {
		top := -1
		for _, g := range h.Fact.Figures {
			if g.Unit == "year" {
				continue
			}
			top = max(top, figureScore(lx, g, asked))
		}
		return top
	}
	top, bestFit := evidence(res, best, q), fit(best)
	if r.asksCount() && !hasCount(best.Fact) {
		// "How many rare earths in total fall under the controls?" is answered by a count: 12
		// of the 17, not by the date the controls are suspended until
		for _, h := range cands[1:] {
			if hasCount(h.Fact) && evidence(res, h, q) >= 0.5*top && sameEntities(res, best, h) {
				return h
			}
		}
	}
	if y := r.lastYear(); y != "" && r.titledFor(best.Fact, y) {
		// it states the year's figure in words
		return best
	}
	// A passage with no amount at all gives way more easily.
	share := 0.9
	if bestFit < 0 {
		share = 0.5
	}
	// it states only years
	dated := len(best.Fact.Figures) > 0 && bestFit < 0
	var rare uint64 // the rare words of the question the best passage has
	for k, t := range res.Terms {
		// grammar ("will") is rare in passages but says nothing of the subject
		if t.Passages*20 < res.Passages && !subjectStops[index.Fold(t.Words)] {
			rare |= 1 << k
		}
	}
	rare &= best.Matched
	for _, h := range cands[1:] {
		// a passage with no amount keeps no rare word of its own: "the plant the Turks opened, how
		// much rock does it chew through" asks the amount, "opened" only says which plant
		if f := fit(h); f >= bestFit+3 && f > 0 && evidence(res, h, q) >= share*top && (dated && r.asksHowMuch() || rare&^h.Matched == 0) && sameEntities(res, best, h) {
			return h
		}
	}
	return best
}

// asksCount reports whether a question asks how many things there are, not how many of a
// unit: "how many rare earths", not "how many tonnes".
func (r *Reading) asksCount() bool {
	i := r.howMuchAt()
	return i >= 0 && r.words[i].fold == "many" && r.counted() != nil
}

// hasCount reports whether a passage states a count.
func hasCount(f *knowledge.Fact) bool {
	for _, g := range f.Figures {
		if g.Unit == "count" {
			return true
		}
	}
	return false
}

// statesAll reports whether a question states the number of every figure, as written with
// or without thousands separators: "570,000 t", "1.75%".
func statesAll(q string, figs []*knowledge.Figure) bool {
	nums := numbersIn(q, true)
	for _, g := range figs {
		if !slices.Contains(nums, strconv.FormatFloat(g.Value, 'f', -1, 64)) {
			return false
		}
	}
	return true
}

// containCue asks how much of a thing an amount of ore holds.
var containCue = regexp.MustCompile(`(?i)\bcontain(s|ed|ing)?\b|\bin (it|that|them)\b`)

// containedAsked reports whether a question asks what an ore holds ("contained TREO", "TREO
// is contained in") of a passage that states the ore and its grade but no contained amount.
func containedAsked(q string, f *knowledge.Fact) bool {
	if !containedWord.MatchString(q) {
		return false
	}
	for _, g := range f.Figures {
		if strings.Contains(strings.ToLower(g.Label), "contain") {
			return false
		}
	}
	return true
}

// containedWord is "contained" (or "is contained in"): the amount inside, not the ore.
var containedWord = regexp.MustCompile(`(?i)\bcontained\b`)

// oreAndGrade are a passage's first amount of ore (a mass) and the grade it gives with it
// (a per cent of the same date). nil when it states no such pair.
func oreAndGrade(f *knowledge.Fact) (ore, grade *knowledge.Figure) {
	for _, g := range f.Figures {
		if _, err := knowledge.Convert(g.Value, perYearless(g.Unit), "t"); err == nil && ore == nil {
			ore = g
		}
		if g.Unit == "%" && grade == nil {
			grade = g
		}
	}
	if ore == nil || grade == nil || ore.AsOf != grade.AsOf {
		return nil, nil
	}
	return ore, grade
}

// contained answers with an amount of ore times its grade.
func contained(a *Answer, res *index.Result, best *index.Hit, ore, grade *knowledge.Figure, n int) {
	v := ore.Value * grade.Value / 100
	decimals := 0
	for d := v; d < 100 && decimals < 3; d *= 10 {
		decimals++
	}
	got := knowledge.FormatQuantity(v, ore.Unit, decimals)
	eq := ore.String() + " × " + grade.String() + " = " + got
	a.Working = &Working{Equation: eq, Inputs: []*knowledge.Figure{ore, grade}, Sources: sourcesOf(ore, grade)}
	a.Passage = best
	a.Direct = sayWorked(a.Lang, ore, ", contained at its grade", "tenörüyle içerdiği", got, eq, sourceName(res.Base, ore))
	a.Related = related(res, best, n-1)
}

// derivedCue matches the words of a question that ask for a figure worked out from others:
// "per tonne", "for each ton", "work out to", "ratio", "implied".
var derivedCue = regexp.MustCompile(`(?i)\b(per (t|ton|tons|tonne|tonnes|kg|unit|head|location|site)|for each|each (t|ton|tonne)|work(s|ed)? out|ratio|impl(y|ied|ies))\b`)

// derived is the best passage, or a computed figure made from the best passage's figures when
// the question asks for a figure worked out from others: "What does the $220 million revenue
// work out to for each ton of ore?" asks for revenue per tonne, not the revenue.
func derived(res *index.Result, cands []*index.Hit, q string) *index.Hit {
	best := cands[0]
	if best.Fact.Formula != nil {
		return best
	}
	top := evidence(res, best, q)
	for _, h := range cands[1:] {
		// "If the plant takes 570,000 t of ore a year at the 1.75 % grade, how much oxide
		// does that give?": the figure computed from the figures the question states
		if f := h.Fact.Formula; f != nil && len(f.Inputs) >= 2 && evidence(res, h, q) >= 0.8*top && statesAll(q, f.Inputs) {
			return h
		}
	}
	if !derivedCue.MatchString(q) {
		return best
	}
	for _, h := range cands[1:] {
		f := h.Fact.Formula
		if f == nil || evidence(res, h, q) < 0.8*top {
			continue
		}
		for _, in := range f.Inputs {
			if in.Fact == best.Fact {
				return h
			}
		}
	}
	return best
}

// explains is the best passage, or, for a definition or a reason, a background passage that
// has as much of the question: "What are the heavy rare earth elements?" is answered by the
// passage on the light/heavy split, not by a deposit's heavy rare earths.
func explains(res *index.Result, cands []*index.Hit, q string, r *Reading) *index.Hit {
	best := cands[0]
	if r.Kind != KindDefine && r.Kind != KindWhy {
		return best
	}
	first := evidence(res, best, q)
	if r.Kind == KindWhy && negation.MatchString(q) {
		// "Why shouldn't the 694 Mt be compared with reserves?": a passage that says what it
		// is not ("Resource, not reserve")
		for _, h := range cands {
			if h.Fact.Formula == nil && explanatory[h.Fact.Kind] && negation.MatchString(h.Fact.Title) && evidence(res, h, q) >= 0.6*first {
				return h
			}
		}
	}
	if best.Fact.Formula != nil && (r.Kind == KindWhy || r.defined(res) != nil) {
		// A computed figure is neither a reason nor a definition: the best passage that
		// states, when it has most of the question and one of the names the best has.
		ents := best.Matched & entityBits(res)
		for _, h := range cands[1:] {
			if h.Fact.Formula == nil && evidence(res, h, q) >= 0.75*first && (ents == 0 || h.Matched&ents != 0) {
				best = h
				break
			}
		}
	}
	if r.Kind == KindDefine {
		if h := definition(res, cands, r); h != nil {
			return h
		}
	}
	top := evidence(res, best, q)
	ents := entityBits(res)
	if explanatory[best.Fact.Kind] {
		// another that has clearly more of the question: "Why is the USGS total not the 17
		// rare earths?" is answered by what USGS counts, not by what the 17 are
		for _, h := range cands {
			if h != best && explanatory[h.Fact.Kind] && h.Fact.Kind != "element" && evidence(res, h, q) >= 1.25*top && sameEntities(res, best, h) {
				return h
			}
		}
		return best
	}
	for _, h := range cands[1:] {
		if h.Fact.Kind == "element" && (ents == 0 || h.Matched&ents != ents) {
			// an element's profile explains that element, not rare earths in general
			continue
		}
		if explanatory[h.Fact.Kind] && evidence(res, h, q) >= top && sameEntities(res, best, h) {
			return h
		}
		if r.Kind == KindWhy && evidence(res, h, q) >= 2*top && sameEntities(res, best, h) {
			// "Why is China going after magnets rather than just the mining?": the passage
			// with twice as much of the question gives the reason; the first states a share
			return h
		}
	}
	return best
}

// rowPassage is, for a why-question about the figures of a table's rows whose unknown words
// are no English words nor names, the first passage found that states one of the figures and
// has every subject the table could not answer for; nil for other questions.
func (r *Reading) rowPassage(res *index.Result) *index.Hit {
	if r.Kind != KindWhy || r.Table == nil || len(r.Rows) == 0 {
		return nil
	}
	names := capitalised(res.Query)
	for _, u := range res.Unknown {
		if index.IsEnglishWord(index.Fold(u)) || names[u] || possessive(u) {
			// "Why does China produce so much oil?" is about oil
			return nil
		}
	}
	for i := range res.Hits {
		if h := &res.Hits[i]; r.cellOf(h.Fact) && has(res, h, r.required) {
			return h
		}
	}
	return nil
}

// cellOf reports whether a fact states a figure of one of the reading's rows in its table.
func (r *Reading) cellOf(f *knowledge.Fact) bool {
	for _, row := range r.Rows {
		for _, y := range r.Table.Years {
			if g := row.Cell(y); g != nil && g.Fact == f {
				return true
			}
		}
	}
	return false
}

// definition is, for a question that plainly asks what something is ("What exactly counts as
// a rare earth element?", "HREE list per USGS"), the passage that defines it: a background
// passage whose title, else tags, name the thing (in English: "ağır nadir toprak" is heavy
// rare earths), among those found or, failing them, in the whole knowledge base, and of
// those the one that says most plainly what it is. nil when none names it, or the question
// does not plainly ask.
func definition(res *index.Result, cands []*index.Hit, r *Reading) *index.Hit {
	lx := lexiconFor(res.Base)
	thing := r.defined(res)
	if thing == nil {
		return nil
	}
	en, _ := lx.translate(strings.Join(thing, " "))
	want := lx.concepts(en)
	ents := entityBits(res)
	names := func(h *index.Hit, texts []string) bool {
		if !explanatory[h.Fact.Kind] || h.Fact.Formula != nil || h.Fact.Kind == "element" && (ents == 0 || h.Matched&ents != ents) {
			// an element's profile defines that element, not a class of them
			return false
		}
		have := map[string]bool{}
		for _, text := range texts {
			for _, c := range lx.labelConcepts(text) {
				have[c] = true
			}
		}
		for _, c := range want {
			if !have[c] {
				return false
			}
		}
		return true
	}
	// titled first, then tagged ("Light and heavy rare earths" is tagged LREE); of those,
	// the one that defines best
	for _, in := range []func(*index.Hit) []string{
		func(h *index.Hit) []string { return []string{h.Fact.Title} },
		func(h *index.Hit) []string { return h.Fact.Tags },
	} {
		var found *index.Hit
		for _, h := range cands {
			if names(h, in(h)) && sameEntities(res, cands[0], h) && (found == nil || defines(lx, h.Fact, want) > defines(lx, found.Fact, want)) {
				found = h
			}
		}
		if found != nil {
			return found
		}
	}
	// None found: a background passage titled, then tagged, with the thing, that has the
	// question's names too ("the USGS split").
	for _, by := range []map[string][]*knowledge.Fact{lx.titledBy, lx.taggedBy} {
		var found *knowledge.Fact
		for _, f := range withAll(by, want) {
			if hasNames(f, res) && (found == nil || defines(lx, f, want) > defines(lx, found, want)) {
				found = f
			}
		}
		if found != nil {
			return hitFor(res, found)
		}
	}
	return spelledOut(res, lx, thing)
}

// spelledOut is, for a short name no background passage defines ("NdPr"), a passage that
// spells it out: "Praseodymium-neodymium (NdPr) oxide". nil when none does.
func spelledOut(res *index.Result, lx *lexicon, thing []string) *index.Hit {
	if len(thing) != 1 {
		return nil
	}
	if f := lx.spelled[index.Fold(thing[0])]; f != nil {
		return hitFor(res, f)
	}
	return nil
}

// inPassing is, for "What is X …?" where no background passage defines X, the passage found
// that says what X is in passing: "… and thorium, a raw material for nuclear fuel". nil when
// none does.
func inPassing(cands []*index.Hit, r *Reading) *index.Hit {
	ws := r.words
	if len(ws) < 3 || ws[0].fold != "what" || !copulas[ws[1].fold] {
		return nil
	}
	var thing []string
	for _, w := range ws[2:] {
		if headEnd[w.fold] || w.fold == "and" || w.fold == "why" {
			break
		}
		if !headSkip[w.fold] {
			thing = append(thing, strings.ToLower(w.raw))
		}
	}
	if len(thing) == 0 {
		return nil
	}
	for _, h := range cands {
		if saysIs(strings.ToLower(h.Fact.Text), thing) {
			return h
		}
	}
	return nil
}

// saysIs reports whether a lowercased text names a thing by its words and says what it is:
// "thorium, a raw material", "NdPr is an alloy".
func saysIs(text string, thing []string) bool {
	for at := 0; ; {
		i := strings.Index(text[at:], thing[0])
		if i < 0 {
			return false
		}
		i += at
		at = i + 1
		if i > 0 && isWordByte(text[i-1]) {
			continue
		}
		rest, ok := text[i+len(thing[0]):], true
		for _, w := range thing[1:] {
			if rest, ok = afterSpace(rest); !ok || !strings.HasPrefix(rest, w) {
				ok = false
				break
			}
			rest = rest[len(w):]
		}
		if !ok {
			continue
		}
		if r, comma := strings.CutPrefix(rest, ","); comma {
			rest, ok = afterSpace(r)
		} else {
			rest, ok = afterSpace(rest)
			verb := false
			for _, v := range []string{"is", "are"} {
				if r, cut := strings.CutPrefix(rest, v); ok && cut {
					rest, verb = afterSpace(r)
					break
				}
			}
			ok = ok && verb
		}
		for _, article := range []string{"a", "an"} {
			if r, cut := strings.CutPrefix(rest, article); ok && cut && r != "" && isSpace(r[0]) {
				return true
			}
		}
	}
}

// afterSpace is a text after the white space it starts with; false when it starts with none.
func afterSpace(s string) (string, bool) {
	t := strings.TrimLeft(s, " \t\n\r\f\v")
	return t, len(t) < len(s)
}

func isSpace(b byte) bool { return strings.IndexByte(" \t\n\r\f\v", b) >= 0 }

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// defines says how plainly a passage defines a thing: its text starts by saying what the
// thing is ("The rare earth elements are …"), its title asks what it is ("What are …"), it
// is tagged a definition; a title that asks why is about something else.
func defines(lx *lexicon, f *knowledge.Fact, thing []string) int {
	score := 0
	cs := lx.concepts(firstSentence(f.Text))
	i := 0
	if len(cs) > 0 && cs[0] == "the" {
		i = 1
	}
	if i+len(thing) < len(cs) {
		same := true
		for k, c := range thing {
			same = same && cs[i+k] == c
		}
		if same && copulas[cs[i+len(thing)]] || same && cs[i+len(thing)] == "be" {
			score += 2
		}
	}
	title := plainWords(f.Title)
	if len(title) > 0 && title[0].fold == "what" {
		score++
	}
	if len(title) > 0 && title[0].fold == "why" {
		score--
	}
	for _, t := range f.Tags {
		if strings.EqualFold(t, "definition") {
			score++
		}
	}
	return score
}

// withAll are the facts that every concept lists, in the order of the first concept's list.
func withAll(by map[string][]*knowledge.Fact, concepts []string) []*knowledge.Fact {
	if len(concepts) == 0 {
		return nil
	}
	var out []*knowledge.Fact
	for _, f := range by[concepts[0]] {
		all := true
		for _, c := range concepts[1:] {
			found := false
			for _, o := range by[c] {
				found = found || o == f
			}
			all = all && found
		}
		if all {
			out = append(out, f)
		}
	}
	return out
}

// hasNames reports whether a fact has every name the question gives, in its title, text,
// tags or names.
func hasNames(f *knowledge.Fact, res *index.Result) bool {
	text := strings.Join(append(append(append([]string{f.Title, f.Text}, f.Tags...), f.Places...), f.Orgs...), " ; ")
	for _, t := range res.Terms {
		if t.Entity && !hasWords(text, t.Words) {
			return false
		}
	}
	return true
}

// defined is the thing a definition question asks about, as the words of its search terms
// ("heavy rare earths"; "resource" and "reserve" in "the difference between a resource and a
// reserve"), or nil when the question does not plainly ask what something is: it says
// "definition", "counts as", "list", "stand for", or is only "what is X", "which elements are
// X", "how many X are there". The thing is what is left of the question's terms without
// names, words of its grammar and the noun after "which".
func (r *Reading) defined(res *index.Result) []string {
	if len(r.named) >= 2 {
		// "the difference between Mount Weld and Mountain Pass grades" compares two things
		return nil
	}
	which := ""
	for i, w := range r.words {
		if whichWords[w.fold] && i+1 < len(r.words) {
			// "which elements", not "what is"
			if !skipWhich[r.words[i+1].fold] {
				which = r.words[i+1].stem
			}
			break
		}
	}
	var thing []string
	for _, t := range res.Terms {
		ws := words(t.Words)
		if t.Entity || len(ws) == 0 {
			continue
		}
		grammar := true
		for _, w := range ws {
			_, isCue := cueWords[w.fold]
			_, err := strconv.Atoi(w.fold)
			grammar = grammar && (isCue || subjectStops[w.fold] || w.stem == which || definitionFill[w.fold] || err == nil)
		}
		if !grammar {
			thing = append(thing, t.Words)
		}
	}
	if len(thing) == 0 || !r.cues[cueDefinition] && !r.onlyAsks(thing) {
		return nil
	}
	return thing
}

// unknownThing reports whether a question only asks what something is ("What is a black
// hole?") and the thing has an English word the knowledge base lacks, one that does not only
// qualify.
func (r *Reading) unknownThing(res *index.Result) bool {
	unknown := map[string]bool{}
	for _, u := range res.Unknown {
		if f := index.Fold(u); index.IsEnglishWord(f) && !qualifier(f) {
			unknown[f] = true
		}
	}
	if len(unknown) == 0 {
		return false
	}
	for _, frame := range definitionFrames {
		if frame[0] == "how" || !r.framed(frame) {
			continue
		}
		rest := r.words[len(frame):]
		if len(rest) > 4 {
			return false
		}
		for _, w := range rest {
			if unknown[w.fold] {
				return true
			}
		}
	}
	return false
}

// definitionEnds are the Turkish ways to ask what something is, after the thing: "Ağır nadir
// toprak elementleri hangileri?", "JORC nedir?".
var definitionEnds = [][]string{{"nedir"}, {"nelerdir"}, {"ne", "demek"}, {"hangileri"}, {"hangileridir"}}

// definitionFrames are the ways a question asks only what something is, as the folded words
// before the thing; "*" is any one word ("which elements are").
var definitionFrames = [][]string{
	{"what", "is"}, {"what", "are"}, {"what", "s"}, {"what", "is", "meant", "by"},
	{"which", "*", "is"}, {"which", "*", "are"}, {"which", "*", "are", "considered"},
	{"how", "many"},
}

// framed reports whether a question starts with a frame ("what is", "which * are") and has
// words after it.
func (r *Reading) framed(frame []string) bool {
	if len(r.words) <= len(frame) {
		return false
	}
	for i, f := range frame {
		if f != "*" && r.words[i].fold != f {
			return false
		}
	}
	return true
}

// definitionFill are words a definition question may have around the thing: articles, a
// number ("the 17 rare earths"), "there are".
var definitionFill = map[string]bool{"a": true, "an": true, "the": true, "are": true, "there": true, "considered": true,
	"called": true, "regarded": true}

// onlyAsks reports whether a question is a definition frame and the words of the thing, and
// nothing else: "What are light rare earths?", not "What is the grade at Beylikova?".
func (r *Reading) onlyAsks(thing []string) bool {
	var want []string
	for _, t := range thing {
		for _, w := range plainWords(t) {
			want = append(want, w.fold)
		}
	}
	for _, frame := range definitionFrames {
		if !r.framed(frame) {
			continue
		}
		var rest []string
		for _, w := range r.words[len(frame):] {
			if _, err := strconv.Atoi(w.fold); err == nil || definitionFill[w.fold] {
				continue
			}
			rest = append(rest, w.fold)
		}
		if strings.Join(rest, " ") == strings.Join(want, " ") {
			return true
		}
	}
	for _, end := range definitionEnds {
		n := len(r.words) - len(end)
		if n <= 0 {
			continue
		}
		ok := true
		for i, f := range end {
			ok = ok && r.words[n+i].fold == f
		}
		var rest []string
		for _, w := range r.words[:n] {
			rest = append(rest, w.fold)
		}
		if ok && strings.Join(rest, " ") == strings.Join(want, " ") {
			return true
		}
	}
	return false
}

// definingSentence is the first sentence of a text that names the thing defined, or the
// first sentence.
func definingSentence(lx *lexicon, text, thing string) string {
	want := lx.concepts(thing)
	for _, sentence := range sentences(text) {
		have := map[string]bool{}
		for _, c := range lx.concepts(sentence) {
			have[c] = true
		}
		all := true
		for _, c := range want {
			all = all && have[c]
		}
		if all {
			return sentence
		}
	}
	return firstSentence(text)
}

// sentences splits a text into its sentences.
func sentences(text string) []string {
	var out []string
	for rest := strings.TrimSpace(text); rest != ""; {
		sentence := firstSentence(rest)
		out = append(out, strings.TrimSpace(sentence))
		rest = strings.TrimSpace(rest[len(sentence):])
	}
	return out
}

// reasonSentence is the sentence of a text that answers a why-question: the one with most of
// the question's concepts, and of those one that states no figure, for a reason is a
// statement ("USGS bases these on China's official production quotas"), then the first.
func reasonSentence(lx *lexicon, text, q string) string {
	asked := lx.asked(q)
	best, bestScore := firstSentence(text), -1
	prev, before := "", ""
	for _, sentence := range sentences(text) {
		score := 0
		seen := map[string]bool{}
		for _, c := range lx.concepts(sentence) {
			if asked.concepts[c] && !seen[c] && (len(c) > 2 && !subjectStops[c] || strings.HasPrefix(c, "=")) {
				seen[c] = true
				score += 2
			}
		}
		if !strings.ContainsAny(sentence, "0123456789") {
			score++
		}
		if givesReason(sentence) {
			score += 3
		}
		if score > bestScore {
			best, bestScore, before = sentence, score, prev
		}
		prev = sentence
	}
	if before != "" && leansBack(best) && len(before)+len(best) < 300 {
		// "USGS bases these on China's official quotas …": what "these" are is in the
		// sentence before
		return before + " " + best
	}
	return best
}

// leansBack reports whether a sentence refers to the one before it with a pronoun among its
// first words: "USGS bases these on …", "This leaves out …".
func leansBack(sentence string) bool {
	ws := plainWords(sentence)
	for _, w := range ws[:min(len(ws), 4)] {
		switch w.fold {
		case "these", "this", "it", "they", "that", "those", "such":
			return true
		}
	}
	return false
}

// reasonWords are the words with which a sentence gives a reason.
var reasonWords = []string{" because ", " since ", " due to ", " based on ", " bases ", " leave out ", " leaves out ",
	" so that ", " owing to ", " as a result ", " yet ", " which means ", " estimated from ", " rather than ", " in order to "}

// givesReason reports whether a sentence gives a reason: "USGS bases these on China's
// official quotas, which leave out undocumented mining."
func givesReason(sentence string) bool {
	low := " " + strings.ToLower(sentence) + " "
	for _, w := range reasonWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// laterReason reports whether a sentence after a text's first gives a reason.
func laterReason(text string) bool {
	ss := sentences(text)
	for _, s := range ss[min(1, len(ss)):] {
		if givesReason(s) {
			return true
		}
	}
	return false
}

// negation matches a word that says "not".
var negation = regexp.MustCompile(`(?i)\b(not|no|never|neither|nor)\b|n['’]t\b`)

// explanatory are the kinds of fact (in the schema) that explain rather than state: a
// background passage, an element's profile.
var explanatory = map[string]bool{"background": true, "element": true}

// has reports whether a passage has every one of the words (as the search matched them).
func has(res *index.Result, h *index.Hit, ws []string) bool {
	for _, w := range ws {
		k := termOf(res, w)
		if (k < 0 || h.Matched&(1<<k) == 0) && !typoOf(h.Fact, w) {
			return false
		}
	}
	return true
}

// typoOf reports whether a word of the question the search did not match is a misspelling of
// a word of the passage's title or text: "mountian pass" asks about Mountain Pass.
func typoOf(f *knowledge.Fact, w string) bool {
	for _, text := range []string{f.Title, f.Text} {
		for _, pw := range plainWords(text) {
			if index.Misspells(w, pw.raw) {
				return true
			}
		}
	}
	return false
}

// termOf is the index of the search term that covers a word of the question, or -1.
func termOf(res *index.Result, w string) int {
	f := index.Fold(w)
	for k, t := range res.Terms {
		for _, tw := range plainWords(t.Words) {
			if tw.fold == f {
				return k
			}
		}
	}
	return -1
}

// asksHowMuch reports whether a question asks "how much" or "how many".
func (r *Reading) asksHowMuch() bool { return r.howMuchAt() >= 0 }

// asksSize reports whether a question asks how much, many, big or large something is.
func (r *Reading) asksSize() bool {
	for i := 1; i < len(r.words); i++ {
		if r.words[i-1].fold == "how" && sizeWords[r.words[i].fold] {
			return true
		}
	}
	return false
}

var sizeWords = map[string]bool{"much": true, "many": true, "big": true, "large": true, "high": true,
	"valuable": true}

// howMuchAt is where "much" or "many" follows "how" in a question, or -1.
func (r *Reading) howMuchAt() int {
	for i := 1; i < len(r.words); i++ {
		if r.words[i-1].fold == "how" && (r.words[i].fold == "much" || r.words[i].fold == "many") {
			return i
		}
	}
	return -1
}

// dated is the best passage, or, for a question that asks when ("In which year did the pilot
// plant open?", "hangi yıl açıldı"), a passage among the best few with a date that has as much
// of the question and ranks near it, when the best has none and is not titled "When …".
func dated(res *index.Result, cands []*index.Hit, q string) *index.Hit {
	best := cands[0]
	if hasDate(best.Fact) || startsWith(best.Fact.Title, []string{"when"}) {
		return best
	}
	top := evidence(res, best, q)
	for _, h := range cands[1:] {
		if hasDate(h.Fact) && sameEntities(res, best, h) && evidence(res, h, q) >= top && h.Score >= 0.6*best.Score {
			return h
		}
	}
	return best
}

// hasDate reports whether a fact has a figure that is a year.
func hasDate(f *knowledge.Fact) bool { return hasUnit(f, "year") }

// hasUnit reports whether a fact has a figure in a unit: a year, a rank.
func hasUnit(f *knowledge.Fact, unit string) bool {
	for _, g := range f.Figures {
		if g.Unit == unit {
			return true
		}
	}
	return false
}

// figureNear is, for a question that asks two things ("which year … and how much …"), the
// figure of one of them, by its unit: from the best passage, or one of the few after it about
// the same names.
func figureNear(res *index.Result, best *index.Hit, q string, r *Reading, keep func(unit string) bool) *knowledge.Figure {
	lx := lexiconFor(res.Base)
	if g := figureOf(lx, best.Fact, q, keep); g != nil {
		return g
	}
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		h := &res.Hits[i]
		if h == best || !enough(res, h, q) || !sameEntities(res, best, h) || !aboutNamed(h.Fact, r) {
			continue
		}
		if g := figureOf(lx, h.Fact, q, keep); g != nil {
			return g
		}
	}
	return nil
}

// figureOf is the figure of a fact that fits the question best among those of the units keep
// accepts, or nil.
func figureOf(lx *lexicon, f *knowledge.Fact, q string, keep func(unit string) bool) *knowledge.Figure {
	var best *knowledge.Figure
	bestScore := -1
	asked := lx.asked(q)
	for _, g := range f.Figures {
		if !keep(g.Unit) {
			continue
		}
		if sc := figureScore(lx, g, asked); best == nil || sc > bestScore || sc == bestScore && g.AsOf > best.AsOf {
			best, bestScore = g, sc
		}
	}
	return best
}

// titledLike is the best passage, or a later one whose title starts as the question does
// ("Where …", "How big …") when the best's does not: curators title passages by the
// question they answer.
func titledLike(res *index.Result, cands []*index.Hit, q string) *index.Hit {
	best := cands[0]
	ws := plainWords(q)
	if len(ws) == 0 || !whWords[ws[0].fold] {
		return best
	}
	lead := []string{ws[0].fold}
	if ws[0].fold == "how" && len(ws) > 1 {
		lead = append(lead, ws[1].fold)
		if (ws[1].fold == "much" || ws[1].fold == "many") && len(ws) > 2 {
			// "How many tonnes" is not "How many times"
			lead = append(lead, ws[2].fold)
		}
	}
	if startsWith(best.Fact.Title, lead) {
		return best
	}
	top := evidence(res, best, q)
	for _, h := range cands[1:] {
		if startsWith(h.Fact.Title, lead) && sameEntities(res, best, h) && evidence(res, h, q) >= 0.75*top {
			return h
		}
	}
	return best
}

func startsWith(title string, lead []string) bool {
	ts := plainWords(title)
	if len(ts) < len(lead) {
		return false
	}
	for i, w := range lead {
		if ts[i].fold != w {
			return false
		}
	}
	return true
}

// aspect is the best passage, or a later one that has the word a "how" question asks about
// ("How dependent …": the passage on import dependence, not on import values) when the best
// lacks it.
func aspect(res *index.Result, cands []*index.Hit, q string, r *Reading) *index.Hit {
	best := cands[0]
	ws := plainWords(q)
	asked := ""
	switch {
	case len(ws) >= 2 && ws[0].fold == "how":
		asked = ws[1].raw
	case r.head() != nil:
		// "What is the size of the Beylikova deposit?"
		asked = r.head().raw
	default:
		return best
	}
	k := termOf(res, asked)
	if k < 0 || best.Matched&(1<<k) != 0 {
		return best
	}
	for _, h := range cands[1:] {
		if h.Matched&(1<<k) != 0 && sameEntities(res, best, h) {
			return h
		}
	}
	return best
}

// entityBits are the terms of a question that name a place, organisation, person or element.
func entityBits(res *index.Result) uint64 {
	var mask uint64
	for k, t := range res.Terms {
		if t.Entity {
			mask |= 1 << k
		}
	}
	return mask
}

// sameEntities reports whether a passage has every named thing of the question that the best
// passage has: a better-fitting passage about something else is no better.
func sameEntities(res *index.Result, best, h *index.Hit) bool {
	return best.Matched&entityBits(res)&^h.Matched == 0
}

// aboutAny reports whether a fact is about one of the things a question names.
func aboutAny(f *knowledge.Fact, r *Reading) bool {
	for _, m := range r.named {
		if about(f, m.name) {
			return true
		}
	}
	return false
}

// aboutNamed reports whether a passage is about one of the places, organisations or rows the
// question names, when it names any.
func aboutNamed(f *knowledge.Fact, r *Reading) bool {
	if len(r.named) == 0 {
		return true
	}
	for _, m := range r.named {
		if about(f, m.name) || hasWords(f.Title, m.name) {
			return true
		}
		for _, e := range append(append([]string{}, f.Elements...), f.Orgs...) {
			if strings.EqualFold(e, m.name) {
				return true
			}
		}
	}
	return false
}

// lastYear is the last data year a question names, or "".
func (r *Reading) lastYear() string {
	if len(r.Years) == 0 {
		return ""
	}
	return strconv.Itoa(r.Years[len(r.Years)-1])
}

// hasYear reports whether a fact has a figure dated in year.
func hasYear(f *knowledge.Fact, year string) bool {
	for _, g := range f.Figures {
		if strings.HasPrefix(g.AsOf, year) {
			return true
		}
	}
	return false
}

// figureFor picks the figure of a fact that answers the question: the one dated year when
// year is not "", else the one whose label shares most words with the question and whose unit
// it asks for, then the latest. nil when the fact has none (or none for year).
func figureFor(lx *lexicon, f *knowledge.Fact, q, year string) *knowledge.Figure {
	var best *knowledge.Figure
	bestScore := -1
	var asked askedFor
	for _, g := range f.Figures {
		if year != "" && !strings.HasPrefix(g.AsOf, year) {
			continue
		}
		if asked.concepts == nil {
			asked = lx.asked(q)
		}
		score := figureScore(lx, g, asked)
		if best == nil || score > bestScore || (score == bestScore && g.AsOf > best.AsOf) {
			best, bestScore = g, score
		}
	}
	return best
}

// figureScore says how well a figure fits a question: the words its label shares with the
// question, a synonym counting as the word ("REO" for "rare earth oxide"), and whether its
// unit is the kind the question asks for.
func figureScore(lx *lexicon, g *knowledge.Figure, asked askedFor) int {
	score := 0
	seen := map[string]bool{}
	for _, c := range lx.labelConcepts(g.Label) {
		if asked.concepts[c] && !seen[c] && (len(c) > 2 && !subjectStops[c] || strings.HasPrefix(c, "=")) {
			score += 3
			seen[c] = true
		}
	}
	if asked.units[g.Unit] || asked.units[moneyUnit] && isMoney(g.Unit) {
		score += 4
	}
	return score
}

// moneyUnit stands, among the units a question asks for, for any amount of money.
const moneyUnit = "$"

// isMoney reports whether a unit is an amount of money ("USD million/yr").
func isMoney(unit string) bool {
	u, ok := knowledge.LookupUnit(strings.TrimSuffix(unit, "/yr"))
	return ok && u.Dim.Money != 0
}

// askedFor is what a question asks for, read once for scoring figures: its concepts and the
// units it names.
type askedFor struct {
	concepts, units map[string]bool
}

func (lx *lexicon) asked(q string) askedFor {
	q = lx.inEnglish(q)
	a := askedFor{concepts: map[string]bool{}, units: unitsAsked(q)}
	for _, c := range lx.concepts(q) {
		a.concepts[c] = true
	}
	return a
}

// unitsAsked are the units a question names ("how many feet").
func unitsAsked(q string) map[string]bool {
	out := map[string]bool{}
	for _, w := range plainWords(q) {
		switch w.fold {
		case "feet", "foot", "ft":
			out["ft"] = true
		case "metres", "meters", "metre", "meter", "m":
			out["m"] = true
		case "locations", "sites", "holes", "many":
			out["count"] = true
		case "percent", "percentage", "%", "share", "grade", "grades":
			out["%"] = true
		case "tonnes", "tons", "tonne", "ton":
			out["t"] = true
		}
		if moneyWords[w.fold] {
			out[moneyUnit] = true
		}
	}
	return out
}

// figureYearsBefore reports whether every figure of a fact is dated before year: the passage
// has no figure for it.
func figureYearsBefore(f *knowledge.Fact, year string) bool {
	if len(f.Figures) == 0 {
		return false
	}
	for _, g := range f.Figures {
		if g.AsOf[:min(4, len(g.AsOf))] >= year {
			return false
		}
	}
	return true
}

// around is the figures of a passage dated nearest before and after a year it has no figure
// for, when both are of one kind (one unit); after is nil when none is later. nil, nil when it
// has no earlier figure.
func around(f *knowledge.Fact, year string) (before, after *knowledge.Figure) {
	for _, g := range f.Figures {
		switch y := g.AsOf[:min(4, len(g.AsOf))]; {
		case y == year:
			return nil, nil
		case y < year && (before == nil || y > before.AsOf[:min(4, len(before.AsOf))]):
			before = g
		case y > year && (after == nil || y < after.AsOf[:min(4, len(after.AsOf))]):
			after = g
		}
	}
	if before != nil && after != nil && before.Unit != after.Unit {
		return nil, nil
	}
	return before, after
}

// yearAfterData reports whether a year is after the latest year any figure is dated.
func yearAfterData(b *knowledge.Base, year string) bool {
	return year > lexiconFor(b).latestYear
}

// noMatch says the knowledge base has no answer.
func noMatch(a *Answer, res *index.Result) {
	a.Reading.Kind = KindMiss
	a.Miss = &Miss{Reason: ReasonNoMatch, Suggestions: res.Suggestions}
	fillMiss(a, res)
	a.Direct = sayNoMatch(a.Lang)
}

// fillMiss adds the nearest topics and example questions to a miss.
func fillMiss(a *Answer, res *index.Result) {
	b := res.Base
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if t, ok := b.Topic(h.Fact.Topic); ok && !seen[t.ID] && len(a.Miss.Topics) < 3 {
			seen[t.ID] = true
			a.Miss.Topics = append(a.Miss.Topics, t.Title)
		}
	}
	if len(a.Miss.Topics) == 0 {
		for _, t := range b.Topics {
			a.Miss.Topics = append(a.Miss.Topics, t.Title)
		}
		sort.Strings(a.Miss.Topics)
	}
	a.Miss.Examples = examples(b, a.Lang, seen)
}

// examples are questions the knowledge base's tables answer, one of each kind, from the
// tables of the nearest topics first.
func examples(b *knowledge.Base, lang string, near map[string]bool) []string {
	tables := slices.Clone(b.Tables())
	slices.SortStableFunc(tables, func(x, y *knowledge.Table) int {
		switch {
		case near[x.Topic] == near[y.Topic]:
			return 0
		case near[x.Topic]:
			return -1
		}
		return 1
	})
	var out []string
	for i, t := range tables {
		ranked := t.Ranked(t.Latest())
		if len(ranked) < 2 {
			continue
		}
		switch i % 3 {
		case 0:
			out = append(out, sayExampleChange(lang, t, ranked[0]))
		case 1:
			out = append(out, sayExampleCompare(lang, t, ranked[0], ranked[1]))
		default:
			out = append(out, sayExampleSuperlative(lang, t))
		}
		if len(out) == 3 {
			break
		}
	}
	return out
}

// otherTable reports whether a figure is a cell or total of a table other than t.
func otherTable(b *knowledge.Base, g *knowledge.Figure, t *knowledge.Table) bool {
	o, _ := tableOf(b, g)
	return o != nil && o != t
}

// tableOf finds the table a figure is a cell or total of, and the row's label.
func tableOf(b *knowledge.Base, g *knowledge.Figure) (*knowledge.Table, string) {
	for _, t := range b.Tables() {
		for _, r := range t.Rows {
			for _, y := range t.Years {
				if r.Cell(y) == g {
					return t, r.Label
				}
			}
		}
		for _, y := range t.Years {
			if t.Total(y) == g {
				return t, g.Label
			}
		}
	}
	return nil, ""
}

// sourceName names where a figure comes from: its table's edition, or its source's publisher.
func sourceName(b *knowledge.Base, g *knowledge.Figure) string {
	if g == nil {
		return ""
	}
	if t, _ := tableOf(b, g); t != nil {
		return t.Edition
	}
	if g.Source != nil {
		return shortName(g.Source.Publisher)
	}
	return "computed by REE Desk"
}

// shortName is a publisher as a sentence names it: the acronym a long name gives in
// parentheses ("Ministry of Commerce of the People's Republic of China (MOFCOM) and General
// Administration of Customs" is MOFCOM), else the name.
func shortName(publisher string) string {
	if len(publisher) <= 40 {
		return publisher
	}
	if i := strings.Index(publisher, "("); i > 0 {
		if j := strings.Index(publisher[i:], ")"); j > 1 {
			return publisher[i+1 : i+j]
		}
	}
	return publisher
}

// compareFacts compares two things a question names that no table holds ("Mount Weld vs Bayan
// Obo grade"): for each, the best passage about it that has a figure of what is asked, then
// the two figures side by side in one unit, their ratio and difference. False when either
// has no such figure or the two are not of one kind.
func compareFacts(ctx context.Context, s Searcher, a *Answer, res *index.Result, n int) (bool, error) {
	r := a.Reading
	// For each, the few passages about it that have figures.
	sides := make([][]index.Hit, 2)
	pair := r.compared()
	if pair == nil {
		return false, nil
	}
	for k, i := range pair {
		m := r.named[i]
		sub := r.without(i)
		sr, err := s.Search(ctx, sub, 10)
		if err != nil {
			return false, err
		}
		for _, h := range sr.Hits {
			if about(h.Fact, m.name) && enough(sr, &h, sub) && len(h.Fact.Figures) > 0 && len(sides[k]) < 7 {
				sides[k] = append(sides[k], h)
			}
		}
		if len(sides[k]) == 0 {
			return false, nil
		}
	}
	names := [2]string{r.named[pair[0]].name, r.named[pair[1]].name}
	for _, side := range append(sides, res.Hits[:min(len(res.Hits), 3)]) {
		for i := range side {
			if f := side[i].Fact; isMultiple(f) && madeOf(f, names[0]) && madeOf(f, names[1]) {
				// "is Beylikova bigger than the whole US reserves?": the stored multiple of
				// the two (12.5 Mt ÷ 1.9 Mt)
				h := hitFor(res, f)
				a.Passage = h
				a.Direct = sayLookup(a.Lang, res.Base, f, Latest(f), nil)
				if r.Question {
					a.Direct = append(Sentence{{Text: yesNoWord(a.Lang, (Latest(f).Value > 1) != r.lower)}}, a.Direct...)
				}
				a.Related = related(res, h, n-1)
				return true, nil
			}
		}
	}
	// The two figures of one kind that fit the question best, of the year it names: "MP
	// Materials vs Lynas, who put out more REO in 2024?" is the REO of each, not NdPr.
	var x, z *knowledge.Figure
	var zv float64
	var hx, hz *index.Hit
	best := -1
	lx := lexiconFor(res.Base)
	asked := lx.asked(r.without(-1)) // the question without the names of what it compares
	quality := map[string]bool{}
	for _, w := range r.words {
		if m, ok := qualityMeasures[w.fold]; ok {
			// "which has the richer ore" compares grades, of the ore
			for _, c := range lx.concepts(m) {
				quality[c] = true
			}
		}
	}
	year := r.lastYear()
	skip := map[string]bool{}
	for _, name := range names {
		for _, c := range lx.concepts(name) {
			skip[c] = true
		}
	}
	// each figure's fit to the question and the words of its label, read once
	type cand struct {
		g     *knowledge.Figure
		h     *index.Hit
		fit   int
		words map[string]bool
	}
	var cands [2][]cand
	perUnit := false // "per kg": the question asks in a unit of the figures, not a change in %
	for i, w := range r.words[:max(len(r.words)-1, 0)] {
		if _, unit := knowledge.LookupUnit(r.words[i+1].raw); w.fold == "per" && unit {
			perUnit = true
		}
	}
	yearBefore := func(cs []cand, g *knowledge.Figure, y int) *knowledge.Figure {
		var of map[string]bool
		for _, c := range cs {
			if c.g == g {
				of = c.words
			}
		}
		for _, c := range cs {
			if c.g.Unit != g.Unit || !strings.HasPrefix(c.g.AsOf, strconv.Itoa(y)) {
				continue
			}
			shared := 0
			for w := range c.words {
				if of[w] {
					shared++
				}
			}
			if shared > 0 && shared >= len(of)-1 {
				return c.g
			}
		}
		return nil
	}
	for k := range sides {
		for i := range sides[k] {
			h := &sides[k][i]
			if h.Fact.Formula != nil && !allOf(h.Fact, names[k]) {
				// a computed figure that relates its subject to a third thing ("Beylikova's
				// REO as a share of China's reserves") is no figure of the subject to compare;
				// its grade, of its own figures, is
				continue
			}
			for _, g := range h.Fact.Figures {
				if h.Fact.Formula != nil && g.Unit == "%" && perUnit && !r.cues[cueChange] && !r.cues[cueSince] && !r.cues[cuePercent] {
					// "how far apart per kg?" compares the two prices, not their computed changes
					continue
				}
				ws := map[string]bool{}
				for _, c := range lx.labelConcepts(g.Label) {
					if !skip[c] && (len(c) > 2 || strings.HasPrefix(c, "=")) {
						ws[c] = true
					}
				}
				fit := figureScore(lx, g, asked)
				for _, c := range lx.labelConcepts(g.Label) {
					if quality[c] {
						fit += 4
					}
				}
				cands[k] = append(cands[k], cand{g, h, fit, ws})
			}
		}
	}
	for _, cx := range cands[0] {
		for _, cz := range cands[1] {
			gx, gz := cx.g, cz.g
			v, err := knowledge.Convert(gz.Value, gz.Unit, gx.Unit)
			if err != nil || v == 0 || gx == gz || !oneKind(gx.Unit, gz.Unit) {
				continue
			}
			// The figures must fit what the question asks ("grade", "reserve"); two that
			// share words of their labels fit each other better.
			fit := cx.fit + cz.fit
			sc := fit
			for w := range cx.words {
				if cz.words[w] {
					sc += 3
				}
			}
			if year != "" && strings.HasPrefix(gx.AsOf, year) && strings.HasPrefix(gz.AsOf, year) {
				sc += 3
			}
			if len(gx.AsOf) == 4 && gx.AsOf == gz.AsOf {
				// two whole years' figures of one year weigh alike: "who makes more NdPr" is
				// the output of a year, not a target against a rate at a month's end
				sc += 2
			}
			later := x != nil && year == "" && gx.AsOf > x.AsOf && gz.AsOf > z.AsOf // no year asked: the latest
			if (fit > 0 || sc > fit) && (sc > best || sc == best && later) {
				x, z, zv, best = gx, gz, v, sc
				hx, hz = cx.h, cz.h
			}
		}
	}
	if x == nil {
		return false, nil
	}
	// The year before, when both state it: a newer year than most people know (Lynas's and
	// MP's 2025 NdPr) reads with the one they do (2024).
	var px, pz *knowledge.Figure
	if y, err := strconv.Atoi(x.AsOf[:min(4, len(x.AsOf))]); err == nil && year == "" && strings.HasPrefix(z.AsOf, x.AsOf[:4]) {
		px, pz = yearBefore(cands[0], x, y-1), yearBefore(cands[1], z, y-1)
	}
	ratio := x.Value / zv
	big, small := x.String(), z.String()
	if ratio < 1 {
		big, small = small, big
	}
	shown := math.Max(ratio, 1/ratio)
	q := knowledge.FormatQuantity(shown, "x", ratioDecimals(shown))
	a.Working = &Working{
		Equation: big + " ÷ " + small + " = " + q,
		Inputs:   []*knowledge.Figure{x, z},
		Sources:  sourcesOf(x, z),
	}
	a.Passage = hx
	a.Direct = sayCompareFacts(a.Lang, res.Base, names[0], names[1], x, z, zv, ratio)
	if px != nil && pz != nil {
		in := " In %s: "
		if turkish(a.Lang) {
			in = " %s yılında: "
		}
		a.Direct = append(a.Direct, Segment{Text: fmt.Sprintf(in, px.AsOf[:4])}, Segment{Text: localize(a.Lang, px.String()), Bold: true},
			Segment{Text: " vs "}, Segment{Text: localize(a.Lang, pz.String()), Bold: true}, Segment{Text: "."})
	}
	if r.Question {
		a.Direct = append(Sentence{{Text: yesNoWord(a.Lang, (ratio > 1) != r.lower)}}, a.Direct...)
	}
	a.Related = append([]Related{{Fact: hz.Fact, Figure: z}}, related(res, a.Passage, n-2, hz.Fact)...)
	return true, nil
}

// qualityMeasures are comparatives that say what measure they compare: a richer or leaner
// ore is one of higher or lower grade, a purer product one of higher purity.
var qualityMeasures = map[string]string{"richer": "grade", "richest": "grade", "poorer": "grade",
	"leaner": "grade", "purer": "purity", "purest": "purity"}

// compared are the indexes of the two names a comparison sets side by side, leaving out a
// place that only says where the name before it is: "Steenkampskraal in South Africa versus
// Araxá in Brazil" compares two deposits. nil when there are not two.
func (r *Reading) compared() []int {
	var out []int
	for k, m := range r.named {
		if k > 0 && m.start == r.named[k-1].end+1 && r.words[m.start-1].fold == "in" {
			continue
		}
		if out = append(out, k); len(out) == 2 {
			return out
		}
	}
	return nil
}

// oneKind reports whether two units measure one kind of thing: a rank is not a percentage,
// though both are plain numbers.
func oneKind(a, b string) bool {
	plain := map[string]string{"%": "fraction", "ppm": "fraction", "x": "x", "count": "count", "rank": "rank"}
	ka, pa := plain[a]
	kb, pb := plain[b]
	if pa || pb {
		return ka == kb
	}
	return a != "year" && b != "year"
}

// about reports whether a fact is about a named thing: its first place or organisation is
// it, or, for a fact of no place, its title names it.
func about(f *knowledge.Fact, name string) bool {
	for _, first := range [][]string{f.Places, f.Orgs} {
		if len(first) > 0 && (hasWords(first[0], name) || hasWords(name, first[0])) {
			return true
		}
	}
	if len(f.Places) > 0 {
		return false
	}
	return strings.Contains(strings.ToLower(f.Title), strings.ToLower(name))
}

// partOf finds, for a question that asks for a share, two figures of one passage that it
// names, of one kind and one year, the part and its whole: "What share of Lynas's FY2024 REO
// output was NdPr?" gives 5,655 t of NdPr in 10,908 t of REO. Each must have a word of the
// question the other lacks (NdPr, REO): the question names both, not a part of a whole no
// figure states ("What share of the plant's output is fluorite?"). nil when the passage has
// no such two.
func partOf(lx *lexicon, f *knowledge.Fact, q string) (part, whole *knowledge.Figure) {
	asked := lx.asked(q)
	asked.units = nil
	type cand struct {
		g     *knowledge.Figure
		score int
		words map[string]bool
	}
	var cands []cand
	for _, g := range f.Figures {
		switch g.Unit {
		case "year", "%", "x", "rank", "ppm":
			continue
		}
		words := map[string]bool{}
		for _, c := range lx.labelConcepts(g.Label) {
			if asked.concepts[c] && (len(c) > 2 && !subjectStops[c] || strings.HasPrefix(c, "=")) {
				words[c] = true
			}
		}
		if sc := figureScore(lx, g, asked); sc > 0 {
			cands = append(cands, cand{g, sc, words})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	own := func(a, b map[string]bool) bool {
		for w := range a {
			if !b[w] {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(cands); i++ {
		for j := i + 1; j < len(cands); j++ {
			x, z := cands[i], cands[j]
			if x.g.Measure != "" && x.g.Measure == z.g.Measure || x.g.AsOf[:min(4, len(x.g.AsOf))] != z.g.AsOf[:min(4, len(z.g.AsOf))] ||
				!own(x.words, z.words) || !own(z.words, x.words) {
				continue
			}
			zv, err := knowledge.Convert(z.g.Value, z.g.Unit, x.g.Unit)
			if err != nil || zv == x.g.Value || zv == 0 || x.g.Value == 0 {
				continue
			}
			if x.g.Value < zv {
				return x.g, z.g
			}
			return z.g, x.g
		}
	}
	return nil, nil
}

// passageShare answers with the share of a part in its whole, both stated by one passage, or
// with a stored computed figure made from the two.
func passageShare(a *Answer, res *index.Result, best *index.Hit, part, whole *knowledge.Figure, n int) {
	if c := computedFrom(res.Base, []*knowledge.Figure{part, whole}); c != nil {
		h := hitFor(res, c)
		a.Passage = h
		a.Direct = sayLookup(a.Lang, res.Base, c, Latest(c), nil)
		a.Related = related(res, h, n-1)
		return
	}
	wv, _ := knowledge.Convert(whole.Value, whole.Unit, part.Unit)
	pct := knowledge.FormatQuantity(part.Value/wv*100, "%", 1)
	a.Working = &Working{
		Equation: part.String() + " ÷ " + whole.String() + " = " + pct,
		Inputs:   []*knowledge.Figure{part, whole},
		Sources:  sourcesOf(part, whole),
	}
	a.Passage = best
	a.Direct = sayPartShare(a.Lang, res.Base, part, whole, pct)
	a.Related = related(res, best, n-1)
}

// noDistance reports whether a question asks for a length (in km, metres, feet) that the
// passage has no figure of.
func noDistance(res *index.Result, f *knowledge.Fact) bool {
	for _, u := range res.Units {
		if d, ok := knowledge.LookupUnit(u); !ok || d.Dim != (knowledge.Dim{Length: 1}) {
			continue
		}
		for _, g := range f.Figures {
			if _, err := knowledge.Convert(1, g.Unit, u); err == nil {
				return false
			}
		}
		return true
	}
	return false
}

// currencyPair reports whether a question names money per something no unit of the knowledge
// base is ("usd/try", "eur/usd"): an exchange rate, not a price per kilo.
func (lx *lexicon) currencyPair(q string) bool {
	for _, f := range strings.Fields(q) {
		a, b, ok := strings.Cut(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }), "/")
		if !ok {
			continue
		}
		moneyA, knownA := lx.unitWord(a)
		moneyB, knownB := lx.unitWord(b)
		if moneyA && !knownB || moneyB && !knownA {
			return true
		}
	}
	return false
}

// unitWord is unitNamed of a word or of the unit its synonym group names: "dollar" is USD.
func (lx *lexicon) unitWord(w string) (money, known bool) {
	if money, known = unitNamed(w); known || w == "" {
		return money, known
	}
	for _, p := range lx.groupPhrases[lx.synonyms[phraseKey(w)]] {
		if money, known = unitNamed(p); known {
			return money, known
		}
	}
	return false, false
}

// unitNamed reports whether a word is a unit's symbol in any case, and whether it is money.
func unitNamed(w string) (money, known bool) {
	for _, s := range []string{w, strings.ToUpper(w), strings.ToLower(w)} {
		if u, ok := knowledge.LookupUnit(s); ok {
			return u.Dim.Money != 0, true
		}
	}
	return false, false
}

// changeExpr ends the formula of a stored change: "new / old - 1".
func changeExpr(f *knowledge.Fact) bool {
	return f.Formula != nil && len(f.Formula.Inputs) == 2 && strings.HasSuffix(strings.ReplaceAll(f.Formula.Expr, " ", ""), "-1")
}

// passageChange answers a change asked of a passage's figures rather than a table's: a
// stored change made from the passage's figure ("vietnam reserves got cut? by how much": the
// change from one USGS edition to the next), else the change between two
// dated figures of one unit the best passage states ("How has the US net import reliance
// developed since 2020?": 100 % in 2020 to 80 % in 2024). False when neither is there.
func passageChange(a *Answer, res *index.Result, best *index.Hit, n int) bool {
	if changeExpr(best.Fact) {
		return false
	}
	if c := storedChangeOf(res.Base, best.Fact); c != nil {
		h := hitFor(res, c)
		a.Passage = h
		a.Direct = sayLookup(a.Lang, res.Base, c, Latest(c), nil)
		a.Related = related(res, h, n-1)
		return true
	}
	x, z := changeFigures(best.Fact, a.Reading)
	if x != nil && len(a.Reading.Years) == 1 {
		z = latestOfMeasure(res.Base, z)
	}
	if x == nil || x.Value == 0 {
		return false
	}
	d := z.Value - x.Value
	unit := x.Unit
	if unit == "%" {
		unit = " percentage points"
	}
	decimals := decimalsFor(math.Abs(d))
	if d == math.Round(d) {
		decimals = 0
	}
	diff := knowledge.FormatQuantity(math.Abs(d), x.Unit, decimals)
	if x.Unit == "%" {
		diff = strings.TrimSuffix(diff, " %") + unit
	}
	if d < 0 {
		diff = "−" + diff
	} else {
		diff = "+" + diff
	}
	pct := z.Value/x.Value*100 - 100
	eq := z.String() + " − " + x.String() + " = " + diff
	if x.Unit != "%" {
		eq = z.String() + " ÷ " + x.String() + " − 1 = " + signed(pct, "%")
	}
	a.Working = &Working{Equation: eq, Inputs: []*knowledge.Figure{x, z}, Sources: sourcesOf(x, z)}
	a.Passage = best
	a.Direct = sayPassageChange(a.Lang, best.Fact, x, z, diff, pct, sourceName(res.Base, z))
	a.Related = related(res, best, n-1)
	return true
}

// latestOfMeasure is the latest figure of the series a figure belongs to across sources:
// "since 2022" in an earlier edition's passage runs to the latest edition's year, through
// the figure both editions give for 2023 (b.SameMeasure).
func latestOfMeasure(b *knowledge.Base, z *knowledge.Figure) *knowledge.Figure {
	out := z
	for _, o := range b.SameMeasure(z) {
		if o.Fact == nil || o.Fact == z.Fact {
			continue
		}
		for _, g := range o.Fact.Figures {
			if g.Unit == z.Unit && g.AsOf > out.AsOf {
				out = g
			}
		}
	}
	return out
}

// changeFigures are the figures of a fact a change is asked between: of one unit, the years
// asked (since one year: to the latest), else its earliest and latest.
func changeFigures(f *knowledge.Fact, r *Reading) (x, z *knowledge.Figure) {
	byYear := func(y int) *knowledge.Figure {
		for _, g := range f.Figures {
			if strings.HasPrefix(g.AsOf, strconv.Itoa(y)) {
				return g
			}
		}
		return nil
	}
	switch {
	case len(r.Years) >= 2:
		x, z = byYear(min(r.Years[0], r.Years[len(r.Years)-1])), byYear(max(r.Years[0], r.Years[len(r.Years)-1]))
	case len(r.Years) == 1:
		x, z = byYear(r.Years[0]), Latest(f)
	default:
		for _, g := range f.Figures {
			if x == nil || g.AsOf < x.AsOf {
				x = g
			}
		}
		z = Latest(f)
	}
	if x == nil || z == nil || x == z || x.Unit != z.Unit || x.AsOf[:min(4, len(x.AsOf))] == z.AsOf[:min(4, len(z.AsOf))] {
		return nil, nil
	}
	return x, z
}

// storedChangeOf is a stored change one of whose two figures a fact states: the revision of
// Vietnam's reserves for the passage of its reserves.
func storedChangeOf(b *knowledge.Base, f *knowledge.Fact) *knowledge.Fact {
	var out *knowledge.Fact
	for _, c := range lexiconFor(b).computed {
		if !changeExpr(c) || out != nil && out.ID < c.ID {
			continue
		}
		for _, g := range c.Formula.Inputs {
			if g.Fact == f {
				out = c
			}
		}
	}
	return out
}

// madeOf reports whether a computed figure is about a thing or made of a figure about it.
func madeOf(f *knowledge.Fact, name string) bool {
	if about(f, name) {
		return true
	}
	for _, g := range f.Formula.Inputs {
		if g.Fact != nil && about(g.Fact, name) {
			return true
		}
	}
	return false
}

// allOf reports whether every input of a computed figure is a figure about one thing.
func allOf(f *knowledge.Fact, name string) bool {
	for _, g := range f.Formula.Inputs {
		if g.Fact == nil || !about(g.Fact, name) {
			return false
		}
	}
	return true
}

// namesSource reports whether a question names who gives a figure, as its label or its source
// does: "beylikova ore grade per eti maden" asks the grade Eti Maden gives ("Grade (Eti
// Maden)"), not the range of all sources.
func namesSource(b *knowledge.Base, q string, g *knowledge.Figure) bool {
	low := index.Fold(strings.ToLower(q))
	who := []string{sourceName(b, g)}
	if i, j := strings.LastIndexByte(g.Label, '('), strings.LastIndexByte(g.Label, ')'); i >= 0 && j > i {
		who = append(who, g.Label[i+1:j])
	}
	for _, w := range who {
		if w = index.Fold(strings.ToLower(strings.TrimSpace(w))); len(w) > 3 && strings.Contains(low, w) {
			return true
		}
	}
	return namesBasis(b, q, g)
}

// basisWords are the qualifiers of a measure: its basis (ore, oxide) or a projection.
const basisWords = "ore oxide REO TREO projected projection forecast"

// namesBasis reports whether a question names what a figure is measured by, which the other
// sources' figures of its measure are not: "by oxide content" is Nikkei's rank, not the
// officials' by ore.
func namesBasis(b *knowledge.Base, q string, g *knowledge.Figure) bool {
	lx := lexiconFor(b)
	label := g.Label
	if i := strings.IndexByte(label, '('); i > 0 {
		label = label[:i]
	}
	asked := lx.asked(q)
	others := map[string]bool{}
	for _, o := range b.SameMeasure(g) {
		if o != g {
			for _, c := range lx.labelConcepts(o.Label) {
				others[c] = true
			}
		}
	}
	if len(others) == 0 {
		return false
	}
	// only what the figure is measured by is a basis ("capacity" or "drilling" in one label
	// is wording, not a measure of its own)
	bases := map[string]bool{}
	for _, c := range lx.labelConcepts(basisWords) {
		bases[c] = true
	}
	for _, c := range lx.labelConcepts(label) {
		if bases[c] && asked.concepts[c] && !others[c] {
			return true
		}
	}
	return false
}

// titledWhy reports whether a passage's title says it gives a reason: "Why Türkiye looks for
// international partners …".
func titledWhy(f *knowledge.Fact) bool {
	w := plainWords(f.Title)
	return len(w) > 0 && w[0].fold == "why"
}
