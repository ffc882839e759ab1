// Package answer reads a question and answers it from the knowledge base: what is asked (a
// value, the largest or the n-th after a row, a rank, a comparison, a change, a share, a sum,
// the year of a row's highest figure, a date, a definition, a reason) and of what (a table,
// its rows, the rows it leaves out or the region it keeps, its years, or the passages that
// state it). It computes what no source states (a share of two figures of one passage too),
// with its formula, inputs and sources, writes a direct answer first, in English or Turkish,
// and says plainly when the knowledge base has no answer: a subject it does not know, a row a
// table lacks, a year it has no figure for. It knows nothing of Discord: the bot renders what
// it decides.
package answer

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Searcher finds the passages that answer a question; *index.Index is one.
type Searcher interface {
	Search(ctx context.Context, q string, n int) (*index.Result, error)
}

// Options say how to answer.
type Options struct {
	// Lang is the language of the direct answer and the miss text: "tr" for Turkish, anything
	// else for English. The facts stay in English.
	Lang string
	// Previous is the question this one follows up, or "": "and Burma?" after "How much did
	// China mine in 2024?" asks for Burma's 2024 production.
	Previous string
	// Passages is how many passages to return (the first and "Also relevant"); 4 if 0.
	Passages int
	// Now is today for the asker: "next year" and "last year" are years from it. The zero
	// time is the system clock's now.
	Now time.Time
}

// Answer is what the bot shows for a question.
type Answer struct {
	Question string
	Lang     string
	Reading  *Reading
	// Direct answers the question as asked, in one sentence, with the answer's figures bold.
	Direct Sentence
	// Passage is the passage that supports the direct answer, shown first; nil on a miss.
	Passage *index.Hit
	// Working shows how a figure that no source states was computed; nil otherwise.
	Working *Working
	// Related are the other passages that match ("Also relevant").
	Related []Related
	// Miss is set when the knowledge base has no answer; Direct then says so.
	Miss *Miss
	// Result is the search behind the answer: its corrections and hits.
	Result *index.Result
}

// Kind is what was asked, or KindMiss.
func (a *Answer) Kind() Kind {
	if a.Miss != nil {
		return KindMiss
	}
	return a.Reading.Kind
}

// Working is how a computed answer was reached, like a stored computed figure's formula.
type Working struct {
	Equation string              // "270,000 t ÷ 390,000 t = 69.2 %"
	Inputs   []*knowledge.Figure // the figures it uses, each with its own source and date
	Sources  []*knowledge.Source
	Table    *knowledge.Table
}

// Related is one "Also relevant" passage and its latest figure.
type Related struct {
	Fact *knowledge.Fact
	// Figure is the fact's latest figure (by date; the first of that date), or nil.
	Figure *knowledge.Figure
}

// Miss says why there is no answer, and where to look instead.
type Miss struct {
	// Reason is "no match" (the subject is not in the knowledge base), "no forecast" (a year
	// after the latest figure) or "no figure" (a year before the first).
	Reason string
	// Latest is the figure the knowledge base has instead, for a year it lacks.
	Latest *knowledge.Figure
	// Topics are the titles of the topics nearest the question; Examples, questions the
	// knowledge base answers; Suggestions, its words closest to unknown ones.
	Topics      []string
	Examples    []string
	Suggestions []string
}

// Miss reasons.
const (
	ReasonNoMatch    = "no match"
	ReasonNoForecast = "no forecast"
	ReasonNoFigure   = "no figure"
)

// Segment is a piece of a sentence, bold or not.
type Segment struct {
	Text string
	Bold bool
}

// Sentence is a direct answer as segments, so a renderer marks the bold parts its own way.
type Sentence []Segment

// String is the sentence as plain text.
func (s Sentence) String() string {
	var b strings.Builder
	for _, seg := range s {
		b.WriteString(seg.Text)
	}
	return b.String()
}

// Markdown writes the sentence with ** around bold parts, each part escaped by escape.
func (s Sentence) Markdown(escape func(string) string) string {
	var b strings.Builder
	for _, seg := range s {
		if seg.Bold {
			b.WriteString("**" + escape(seg.Text) + "**")
		} else {
			b.WriteString(escape(seg.Text))
		}
	}
	return b.String()
}

// Ask answers a question with the knowledge base the searcher serves.
func Ask(ctx context.Context, s Searcher, q string, opt Options) (*Answer, error) {
	a, err := askOnce(ctx, s, q, opt)
	if err == nil && a.Miss == nil && strings.Contains(q, " and ") {
		if first, second, ok := splitTwoPart(q); ok && refersBack(second) {
			// "What is Lynas's share price, and how has it moved this year?": what the second
			// part asks follows from the first; a first part the knowledge base has no answer
			// to is no answer however the whole matches
			if b, err := askOnce(ctx, s, first, opt); err == nil && b.Miss != nil && b.Miss.Reason == ReasonNoMatch && len(b.Reading.named) > 0 {
				b.Question = q
				return b, nil
			}
		}
	}
	if err == nil && a.Miss == nil && strings.Contains(q, ", ") && opt.Previous == "" {
		if both, err := askBoth(ctx, s, a, q, opt); err != nil || both != nil {
			return both, err
		}
	}
	if err != nil || a.Miss == nil || a.Miss.Reason != ReasonNoMatch {
		return a, err
	}
	if first, _, ok := splitTwoPart(q); ok {
		// "what's NdPr and why does everyone in the magnet business care?": the rest adds
		// words the knowledge base lacks; what its first part asks it can answer
		b, err := askOnce(ctx, s, first, opt)
		if err != nil || b.Miss != nil {
			return a, err
		}
		b.Question = q
		return b, nil
	}
	return a, nil
}

// askBoth answers a question of two questions joined by a comma, each with its own question
// word ("Pilot tesis yılda kaç ton cevher işliyor, sanayi tesisine dönüştürülünce yıllık
// kapasite ne olacak?"): the direct answer answers both, the first's passage first; nil when
// it is no such question or a part has no answer of its own.
func askBoth(ctx context.Context, s Searcher, whole *Answer, q string, opt Options) (*Answer, error) {
	i := strings.Index(q, ", ")
	if i < 0 || strings.Contains(q[i+2:], ", ") {
		return nil, nil
	}
	first, second := strings.TrimSpace(q[:i])+"?", strings.TrimSpace(q[i+2:])
	lx := lexiconFor(whole.Result.Base)
	joined := false
	if w := plainWords(second); len(w) > 0 && (w[0].fold == "and" || w[0].fold == "ve") {
		// "how many metres have been drilled, and over how many locations?": a second
		// question after "and", with its own question word; "Lynas FY2024: total REO, and how
		// much of that was NdPr?" asks a part of the first's subject. One that adds no
		// question ("…, and who else is Türkiye talking to?" is one passage) is answered whole.
		second = strings.TrimSpace(second[strings.IndexByte(second, ' ')+1:])
		if !asks(lx, second) || refersBack(withoutPartOf(second)) {
			return nil, nil
		}
		joined = true
	} else if !asks(lx, first) || !asks(lx, second) || refersBack(second) {
		// ("…, and how does that compare with 2023?" asks about the first's answer)
		return nil, nil
	}
	if whole.Passage == nil {
		return nil, nil
	}
	one, err := askOnce(ctx, s, first, opt)
	if err != nil || one.Miss != nil || one.Passage == nil {
		return nil, err
	}
	two, err := askOnce(ctx, s, second, opt)
	if err == nil && joined && len(two.Reading.Rows) == 0 && len(two.Reading.places) == 0 && whole.Reading.Table != nil && whole.Reading.Kind != KindLookup {
		// "who's the runner-up, and with how many tonnes?": the table's answer to the first
		// has the figure the second asks
		return nil, nil
	}
	if err == nil && len(two.Reading.named) == 0 && len(one.Reading.named) > 0 {
		// the second part leaves out the subject the first names: "…, 17 elementin kaçı?"
		names := make([]string, len(one.Reading.named))
		for i, m := range one.Reading.named {
			names[i] = m.name
		}
		if len(two.Reading.Years) == 0 {
			// and its years: "Lynas FY2024: total REO, and how much of that was NdPr?"
			for _, y := range one.Reading.Years {
				names = append(names, strconv.Itoa(y))
			}
		}
		two, err = askOnce(ctx, s, strings.TrimRight(second, "?")+" "+strings.Join(names, " ")+"?", opt)
	}
	if err == nil && joined && (two.Miss != nil || two.Passage == nil) {
		// "…, and over how many collar locations?" alone has no subject: the whole question
		// answers it
		two = whole
	}
	if err != nil || two.Miss != nil || two.Passage == nil || two.Passage.Fact == one.Passage.Fact && (!joined || two.Direct.String() == one.Direct.String()) {
		return nil, err
	}
	if joined && whole.Passage.Fact != one.Passage.Fact && whole.Passage.Fact != two.Passage.Fact {
		// a passage that neither part finds answers both sides whole: "What happened to the
		// memorandum with China, and who else is Türkiye talking to?"
		return nil, nil
	}
	if two.Passage.Fact == one.Passage.Fact {
		// both parts answered by one passage: its two figures
		one.Question = q
		one.Direct = append(append(one.Direct, Segment{Text: " "}), two.Direct...)
		return one, nil
	}
	one.Question = q
	one.Direct = append(append(one.Direct, Segment{Text: " "}), two.Direct...)
	one.Related = slices.DeleteFunc(one.Related, func(r Related) bool { return r.Fact == two.Passage.Fact })
	one.Related = append([]Related{{Fact: two.Passage.Fact, Figure: Latest(two.Passage.Fact)}}, one.Related...)
	if n := max(opt.Passages, 4) - 1; len(one.Related) > n {
		one.Related = one.Related[:n]
	}
	return one, nil
}

// withoutPartOf is a question without the words that ask a part of what came before: "how
// much of that was NdPr" asks NdPr's part, not about the first answer.
func withoutPartOf(q string) string {
	for _, p := range []string{" of that", " of it", " of them", " of those", " of this"} {
		q = strings.ReplaceAll(q, p, "")
	}
	return q
}

// asks reports whether a part of a question has a question word of its own, in English or,
// through the glossary, in Turkish: "ne olacak" is what.
func asks(lx *lexicon, part string) bool {
	ws := plainWords(lx.inEnglish(part))
	if len(ws) < 3 {
		return false
	}
	for _, w := range ws {
		if questionWords[w.fold] {
			return true
		}
	}
	return false
}

// refersBack reports whether a second question is about the first's subject: "and how has
// it moved".
func refersBack(second string) bool {
	for _, w := range plainWords(second) {
		switch w.fold {
		case "it", "its", "they", "them", "their", "that", "this":
			return true
		}
	}
	return false
}

// twoPart is where a question joins a second question to its first: "what's NdPr and why
// does everyone care".
var twoPart = regexp.MustCompile(`(?i)[,;]?\s+and\s+(?:why|how|what|who|where|when)\b`)

// splitTwoPart splits a question in two at its second question word.
func splitTwoPart(q string) (first, second string, ok bool) {
	loc := twoPart.FindStringIndex(q)
	if loc == nil {
		loc = chatAside(q)
	}
	if loc == nil || loc[0] < 8 {
		return "", "", false
	}
	return strings.TrimSpace(q[:loc[0]]) + "?", q[loc[0]:], true
}

// chatAside is where a question ends and an aside in ordinary English words begins, after a
// comma or a question mark: "what is bayan obo, keep seeing it mentioned"; nil when there is
// none. A word that is no ordinary English word ("in Bitcoin") may be what is asked.
func chatAside(q string) []int {
	i := strings.IndexAny(q, ",?")
	if i < 0 || i+1 >= len(q) {
		return nil
	}
	first, rest := plainWords(q[:i]), plainWords(q[i+1:])
	if len(first) < 2 || !questionWords[first[0].fold] && (q[i] != '?' || !hasQuestionWord(first)) || len(rest) < 2 {
		// ("dysprosium — what's it actually for? why …": a question after its subject)
		return nil
	}
	for _, w := range rest {
		if w.upper || !index.IsEnglishWord(w.fold) {
			return nil
		}
	}
	return []int{i, len(q)}
}

// questionWords open a question.
var questionWords = map[string]bool{"what": true, "whats": true, "who": true, "whos": true, "which": true,
	"where": true, "when": true, "why": true, "how": true}

// firstPlace is "number one" written as a superlative ("the world's no.1 deposit", "#1
// producer"): searched as "largest", which the passages say ("the world's largest rare earth
// deposit"), while the reading takes it as the cue it is.
var firstPlace = regexp.MustCompile(`(?i)(?:\bno\.?\s?1|#\s?1|\bnumber\s+(?:one|1))\b`)

// askOnce answers a question as a whole.
func askOnce(ctx context.Context, s Searcher, q string, opt Options) (*Answer, error) {
	n := opt.Passages
	if n <= 0 {
		n = 4
	}
	res, err := s.Search(ctx, firstPlace.ReplaceAllString(withoutChat(q), "largest"), n+2)
	if err != nil {
		return nil, fmt.Errorf("answer %q: %w", q, err)
	}
	b := res.Base
	if p, ok := withoutLead(lexiconFor(b), withoutChat(q), res.Unknown); ok {
		// the question inside a chatty message, searched without the chat before it
		if res, err = s.Search(ctx, p, n+2); err != nil {
			return nil, fmt.Errorf("answer %q: %w", q, err)
		}
		q = p
	}
	a := &Answer{Question: q, Lang: opt.Lang, Result: res}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := read(b, corrected(withoutChat(q), res.Corrections), now)
	if opt.Previous != "" {
		r.after(read(b, opt.Previous, now))
	}
	if !r.FollowUp && r.marker && r.Table == nil && len(r.Rows) > 0 {
		r.standAlone(res)
	}
	a.Reading = r
	r.check(res)
	r.latestInstead()
	unlisted := false
	if r.Table != nil && r.missing == "" && len(r.Rows) == 0 && !r.Total && hasMoney(r.Table) && r.Kind != KindWhy && r.Kind != KindDefine {
		if e := r.unlistedElement(b); e != "" {
			// "sm oxide 2024 avg $/kg?": an element whose oxide the price table does not price
			r.missing, r.Kind, unlisted = e, KindMiss, true
		}
		for _, u := range res.Unknown {
			if index.IsFormula(u) {
				// "What does ThO2 fetch per kg?": the oxide of an element the knowledge base
				// does not have is what is priced
				r.Kind = KindMiss
				noMatch(a, res)
				return a, nil
			}
		}
	}
	if r.Kind == KindMiss && r.Table != nil && r.missing != "" && !unlisted && r.otherMeasure(lexiconFor(b), res) {
		// "What purity is Türkiye reaching at Beylikova for its rare earth product?": purity is
		// no measure of the production table, but a passage states it
		r.Kind, r.missing = KindLookup, ""
	}
	if r.Kind == KindMiss && r.Table != nil && r.missing != "" {
		a.Reading.Kind = KindMiss
		a.Miss = &Miss{Reason: ReasonNoFigure}
		fillMiss(a, res)
		a.Direct = sayNoRow(a.Lang, b, r.Table, r.missing)
		return a, nil
	}
	if len(res.Unknown) == 0 || onlyScope(q, res.Unknown) {
		// ("the biggest copper mine in Chile" is no rare earth mine; "no.1" is "largest")
		r.site = r.siteAsked(lexiconFor(b), firstPlace.ReplaceAllString(q, "largest"))
	}
	if r.unknownSubject(res) {
		// "what rare earth deposits does Ukraine have, the ones in the US minerals deal?":
		// whose deposits are asked is a name the knowledge base lacks, whatever else matches
		noMatch(a, res)
		return a, nil
	}
	if siteSuperlative(a, res, n) {
		// "What is the world's largest rare earth mine?" asks for a deposit, not a country
		return a, nil
	}
	if compareStages(a, res, n) {
		// "China's grip, mining or refining?": two stages weighed, not one table's row
		return a, nil
	}
	if (r.Kind == KindShare || r.Kind == KindValue) && len(r.Rows) == 1 && !r.Total && rowPart(a, res, n) {
		return a, nil
	}
	if r.Table != nil && r.Kind != KindLookup && r.Kind != KindDefine && r.Kind != KindWhy {
		if ok := tableAnswer(a, res); ok {
			if a.Related == nil {
				a.Related = related(res, a.Passage, n-1)
			}
			return a, nil
		}
	}
	if r.Kind == KindLookup && len(r.named) >= 2 && (r.cues[cueCompare] || r.cues[cueTimes]) && !r.cues[cueShare] && !(r.cues[cuePercent] && !strings.Contains(q, "%")) {
		// ("X against Y, what percentage?" asks a share, not a ratio: lookup computes it;
		// "compare on grade (TREO %)" compares two percentages)
		ok, err := compareFacts(ctx, s, a, res, n)
		if err != nil {
			return nil, fmt.Errorf("answer %q: %w", q, err)
		}
		if ok {
			return a, nil
		}
	}
	// A year the table lacks: a passage may still have a figure for it (a forecast by the
	// IEA); if none has, say so.
	lookup(a, res, n)
	return a, nil
}

// unlistedElement is the oxide of an element the question names, by its name or by its
// symbol before "oxide" ("sm oxide"), when the table has no row of that element; "" when it
// names none or the table has its row.
func (r *Reading) unlistedElement(b *knowledge.Base) string {
	for i, w := range r.words {
		f, ok := b.Element(w.raw)
		if !ok {
			continue
		}
		name := knowledge.ElementName(f)
		oxide := i+1 < len(r.words) && strings.HasPrefix(r.words[i+1].fold, "oxide")
		if !strings.EqualFold(name, w.raw) && !oxide {
			// a bare symbol may be a word ("er", "la"); before "oxide" it is the element
			continue
		}
		for _, row := range r.Table.Rows {
			if strings.Contains(strings.ToLower(row.Label), strings.ToLower(name)) {
				return ""
			}
		}
		if pricedElsewhere(b, name) {
			// "yttrium oxide in Europe, $150–200/kg": a passage prices it
			return ""
		}
		return name + " oxide"
	}
	return ""
}

// pricedElsewhere reports whether a passage names an element and states a price.
func pricedElsewhere(b *knowledge.Base, name string) bool {
	name = strings.ToLower(name)
	for _, f := range b.Facts {
		if f.Element != nil || !strings.Contains(strings.ToLower(f.Text), name) {
			continue
		}
		for _, g := range f.Figures {
			if isMoney(g.Unit) && strings.Contains(perYearless(g.Unit), "/") {
				// a price per mass, not a fine or a deal's value
				return true
			}
		}
	}
	return false
}

// chatOpen, chatClose and chatAdverbs are the words of chat around and inside a question
// ("wait which elements actually count as rare earths", "… anyway?"): they name nothing the
// knowledge base could answer and would only dilute the search.
var (
	chatOpen    = regexp.MustCompile(`(?i)^(?:(?:wait|hmm+|hm|um+|uh+|oh|ok|okay|so|well|anyway|hey|hi|btw|quick question|please|pls|lol|lmao|haha+|tbh)\b[\s,.:;!…-]*)+`)
	chatClose   = regexp.MustCompile(`(?i)(?:[\s,]+(?:anyway|anyways|please|pls|thanks|thx|lol|lmao|haha+|ok|okay|tbh|hmm+))+\W*$`)
	chatAdverbs = regexp.MustCompile(`(?i)\b(?:actually|basically|exactly|honestly|lol|tbh)\b[,;]?\s+`)
)

// chat are the words of chatOpen, chatClose and chatAdverbs, and stretched are those that
// may be stretched ("hmmm"): a question with none of them, the common case, skips those
// expressions.
var (
	chat = map[string]bool{"wait": true, "hm": true, "oh": true, "ok": true, "okay": true, "so": true,
		"well": true, "anyway": true, "anyways": true, "hey": true, "hi": true, "btw": true, "quick": true,
		"please": true, "pls": true, "lol": true, "lmao": true, "tbh": true, "thanks": true, "thx": true,
		"actually": true, "basically": true, "exactly": true, "honestly": true}
	stretched = []string{"hmm", "um", "uh", "haha"}
)

// withoutChat is a question without its words of chat, its short year ranges written out.
func withoutChat(q string) string {
	p := strings.TrimSpace(questionPart(q))
	if chatted(p) {
		c := chatAdverbs.ReplaceAllString(chatClose.ReplaceAllString(chatOpen.ReplaceAllString(p, ""), ""), "")
		if strings.TrimSpace(c) != "" {
			p = c
		}
	}
	if strings.ContainsAny(p, "-–/") {
		p = shortRange.ReplaceAllString(p, "${1}${2}–${1}${3}")
	}
	return withoutSpec(shorthand(p))
}

// gradeOf is a word a purity grade follows: an oxide, its formula, or purity itself.
var gradeOf = regexp.MustCompile(`^(?:[A-Z][a-z]?\d*O\d*|(?i:oxides?|purity|pure))$`)

// withoutSpec is a question without the purity grade of a product it quotes ("Tb4O7 of
// 99.99% purity", "Dy2O3 99,5%"): a specification of what is priced, not a figure to check,
// compare or compute with. A grade is a percentage of 99 or more.
func withoutSpec(p string) string {
	for from := 0; ; {
		i := strings.IndexByte(p[from:], '%')
		if i < 0 {
			return p
		}
		i += from
		j := i
		for j > 0 && p[j-1] == ' ' {
			j--
		}
		start := j
		for start > 0 && (isDigit(p[start-1]) || (p[start-1] == '.' || p[start-1] == ',') && start >= 2 && isDigit(p[start-2])) {
			start--
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(p[start:j], ",", "."), 64)
		if start == j || err != nil || v < 99 || v > 100 {
			from = i + 1
			continue
		}
		end := i + 1
		rest := strings.ToLower(p[end:])
		graded := strings.HasPrefix(rest, " purity") || strings.HasPrefix(rest, " pure")
		if graded {
			end += len(" pure")
			for end < len(p) && isLetter(p[end]) {
				end++
			}
		}
		// "Is US net import reliance still 100%?" checks a figure: only a purity, or a
		// grade right after an oxide, is a specification
		if before := strings.Fields(strings.TrimSuffix(strings.TrimSpace(p[:start]), " of")); !graded && (len(before) == 0 || !gradeOf.MatchString(before[len(before)-1])) {
			from = i + 1
			continue
		}
		if low := strings.ToLower(p[:start]); strings.HasSuffix(low, " of ") {
			start -= len("of ")
		}
		p = strings.TrimSpace(p[:start]) + " " + strings.TrimSpace(p[end:])
		from = 0
	}
}

// closesQuote reports whether a text has the quote mark q closing a quotation after a word:
// "'17 rare earths' – which group?" quotes a phrase, and its "'17" is no year.
func closesQuote(text string, q rune) bool {
	for i, r := range text {
		if r == q && i > 0 && unicode.IsLetter(rune(text[i-1])) && (i+utf8.RuneLen(r) == len(text) || !isWordByte(text[i+utf8.RuneLen(r)])) {
			return true
		}
	}
	return false
}

// shorthand writes out a question's shorthands of number: a year written with two digits
// after an apostrophe ("in '24", "the '22 highs") and "how many x", how many times.
func shorthand(p string) string {
	if strings.ContainsAny(p, "'’") {
		var b strings.Builder
		for i := 0; i < len(p); {
			r, n := utf8.DecodeRuneInString(p[i:])
			j := i + n
			if (r == '\'' || r == '’') && j+2 <= len(p) && isDigit(p[j]) && isDigit(p[j+1]) &&
				(j+2 == len(p) || !isWordByte(p[j+2]) || p[j+2] == 's') && (i == 0 || !isWordByte(p[i-1])) && !closesQuote(p[j+2:], r) {
				if p[j] >= '5' {
					b.WriteString("19")
				} else {
					b.WriteString("20")
				}
				b.WriteString(p[j : j+2])
				i = j + 2
				continue
			}
			b.WriteString(p[i:j])
			i = j
		}
		p = b.String()
	}
	p = spacedUnits(p)
	if low := strings.ToLower(p); len(low) == len(p) {
		for _, x := range []string{"how many x ", "how many x's ", "how many xs "} {
			if i := strings.Index(low, x); i >= 0 {
				p = p[:i] + "how many times " + p[i+len(x):]
				low = strings.ToLower(p)
			}
		}
		// "the scale-up factor", "by what factor", "a factor of 3": a multiple of one figure
		// in another; "the capacity factor", "the main factor behind" are no multiple
		for from := 0; ; {
			i := strings.Index(low[from:], "factor")
			if i < 0 {
				break
			}
			i += from
			end := i + len("factor")
			before, after := strings.Fields(low[:i]), strings.TrimLeft(low[end:], " ")
			multiple := len(before) > 0 && (before[len(before)-1] == "what" || strings.HasSuffix(before[len(before)-1], "scale-up") ||
				len(before) > 1 && before[len(before)-2]+" "+before[len(before)-1] == "scale up") ||
				strings.HasPrefix(after, "of ") && len(after) > 3 && isDigit(after[3])
			if multiple && (i == 0 || !isWordByte(low[i-1])) && (end == len(low) || !isWordByte(low[end])) {
				p = p[:i] + "multiple" + p[end:]
				low = strings.ToLower(p)
			}
			from = i + 1
		}
	}
	return p
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// spacedUnits writes a unit typed against its number apart from it, as the knowledge base
// writes it: "12.5mt" is 12.5 Mt, "13kt" 13 kt.
func spacedUnits(p string) string {
	var b strings.Builder
	last := 0
	for i := 1; i < len(p); i++ {
		if !isDigit(p[i-1]) || !isLetter(p[i]) || i >= 2 && isLetter(p[i-2]) {
			continue
		}
		j := i
		for j < len(p) && isLetter(p[j]) {
			j++
		}
		start := i - 1
		for start > 0 && (isDigit(p[start-1]) || p[start-1] == '.' || p[start-1] == ',') {
			start--
		}
		if start > 0 && isLetter(p[start-1]) {
			// "Nd2O3", "MCS2025": a formula or a name, no amount
			continue
		}
		if j == i+1 && (p[i] == 'k' || p[i] == 'K') {
			// "570k t/yr": thousands, written out as the knowledge base writes its figures
			if v, err := strconv.ParseFloat(index.NumberText(p[start:i]), 64); err == nil {
				b.WriteString(p[last:start])
				b.WriteString(strconv.FormatFloat(v*1e3, 'f', -1, 64))
				last = j
				continue
			}
		}
		if money := strings.TrimRight(strings.ToLower(p[:start]), " "); strings.HasSuffix(money, "$") || strings.HasSuffix(money, "€") || strings.HasSuffix(money, "usd") {
			// "$100m", "$5T" are money, not 100 metres or 5 tonnes
			continue
		}
		if u := unitSymbol(p[i:j]); u != "" {
			b.WriteString(p[last:i])
			b.WriteString(" " + u)
			last = j
		}
	}
	if last == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// unitSymbol is a known unit's symbol as the knowledge base writes it, in any case typed: "mt"
// is "Mt"; "" when it is none.
func unitSymbol(s string) string {
	for _, c := range []string{s, strings.ToUpper(s[:1]) + strings.ToLower(s[1:]), strings.ToLower(s)} {
		if _, ok := knowledge.LookupUnit(c); ok {
			return c
		}
	}
	return ""
}

// questionPart is the question inside a chatty message: without a lead of chat before a
// colon or dash ("For the glossary at the back of the briefing – what are the 17 rare
// earths?") and without a remark about the asker after its last question mark ("… ? my
// colleague thinks it's Vietnam", "… ? mine sounds like a tin can"). A lead that names
// something (a capitalised word, a number) may be what is asked about, and stays.
func questionPart(q string) string {
	p := q
	if i := strings.LastIndexByte(p, '?'); i > 0 && i+1 < len(p) {
		if tail := plainWords(p[i+1:]); len(tail) > 0 && (remarkStarts[tail[0].fold] && !hasQuestionWord(tail) && !clarifies(tail) || remarkGerunds[tail[0].fold] || notThe(tail)) {
			// ("Thinking about where supply could come from": the where is the remark's)
			p = p[:i+1]
		}
	}
	return p
}

// clarifies reports whether the words after a question narrow it rather than remark on it:
// "… ? I mean in 2020", "… ? we need the 2024 figure" say what is asked.
func clarifies(tail []word) bool {
	if len(tail) > 1 && tail[0].fold == "i" && (tail[1].fold == "mean" || tail[1].fold == "meant") {
		return true
	}
	for i, w := range tail {
		if w.fold == "" || !unicode.IsDigit(rune(w.fold[0])) {
			continue
		}
		if _, year := yearOf(w.fold); year || i+1 == len(tail) || !quoted(tail[i+1:]) {
			// ("… ? I wish to set it beside the 1.75 % quoted for Beylikova": an amount
			// quoted for something else is the remark's)
			return true
		}
	}
	return false
}

// quoted reports whether the words after an amount say it is one quoted or cited for
// something: "quoted for Beylikova", "cited by the minister".
func quoted(after []word) bool {
	for _, w := range after[:min(len(after), 3)] {
		switch w.fold {
		case "quoted", "cited", "given", "stated", "reported", "mentioned":
			return true
		}
	}
	return false
}

// withoutLead is a question without a lead of chat that names nothing the knowledge base
// knows ("For the glossary at the back of the briefing – what are the 17 rare earths?"); ok
// is false when it has no such lead. A lead that names a place, a table or a synonym ("US
// reserves - on which place worldwide?") is part of the question.
func withoutLead(lx *lexicon, q string, unknown []string) (string, bool) {
	i := leadEnd(q)
	if i == 0 {
		return q, false
	}
	ws := words(q[:i])
	// chat has a word the knowledge base lacks ("glossary", "episode"); "Raw materials to
	// electric motors: …" is all its own words
	lacks := false
	for _, w := range ws {
		for _, u := range unknown {
			lacks = lacks || index.Fold(u) == w.fold
		}
	}
	if !lacks {
		return q, false
	}
	if purposeLead(plainWords(q[:i])) && lacks && unknownLast(ws, unknown) {
		// what the answer is for, a memo or a slide, whatever places it names
		return q[i:], true
	}
	for j := 0; j < len(ws); {
		senses, n := lx.match(ws, j)
		if len(senses) > 0 && !onlyCues(senses) {
			return q, false
		}
		if _, ok := lx.synonyms[ws[j].stem]; ok {
			return q, false
		}
		j += n
	}
	return q[i:], true
}

// leadEnd is where the question after a lead of chat begins, 0 when it has none: the lead ends
// at a colon or a spaced dash, has no question word, no number and no capitalised word but
// its first, and what follows has a question word.
func leadEnd(q string) int {
	for i, r := range q {
		var end int
		switch {
		case r == ':':
			end = i + 1
		case (r == '–' || r == '—' || r == '-') && i > 0 && q[i-1] == ' ':
			end = i + utf8.RuneLen(r)
		case r == ',':
			// "ok forget the 694 headline for a sec, how much …": a lead before a comma
			// only when the question starts right after it
			if rest := plainWords(q[i+1:]); len(rest) == 0 || !questionWords[rest[0].fold] {
				continue
			}
			end = i + 1
		default:
			continue
		}
		lead, rest := plainWords(q[:i]), plainWords(q[end:])
		if r == ':' && purposeLead(lead) && len(rest) >= 2 && !strings.ContainsRune(q[:i], '?') {
			// "for the TR country-risk memo: contained REO at Beylikova?"
			return end
		}
		if len(lead) < 2 || !hasQuestionWord(rest) || hasQuestionWord(lead) || strings.ContainsRune(q[:i], '?') {
			return 0
		}
		for j, w := range lead {
			_, year := yearOf(w.fold)
			if j > 0 && w.upper && w.fold != "i" || strings.ContainsAny(w.raw, "0123456789") && j > 0 && (r != ',' || year) {
				// (a year before a comma is the question's: "in 2024, how much …")
				return 0
			}
		}
		return end
	}
	return 0
}

// purposeLead reports whether a lead says what the answer is for: "for the TR country-risk
// memo", "for our board slide".
func purposeLead(lead []word) bool {
	return len(lead) >= 3 && lead[0].fold == "for"
}

// unknownLast reports whether the last word of a lead is one the knowledge base lacks: the
// memo or slide the answer is for.
func unknownLast(ws []word, unknown []string) bool {
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1].fold
	for _, u := range unknown {
		for _, w := range words(u) {
			if w.fold == last {
				return true
			}
		}
	}
	return false
}

// hasQuestionWord reports whether words have a word that opens a question.
func hasQuestionWord(ws []word) bool {
	for _, w := range ws {
		if questionWords[w.fold] {
			return true
		}
	}
	return false
}

// remarkStarts open a remark about the asker or someone else, not a part of the question.
var remarkStarts = map[string]bool{"my": true, "mine": true, "i": true, "im": true, "we": true, "our": true,
	"he": true, "she": true, "they": true, "that": true, "this": true, "it": true, "its": true}

// notThe reports whether a sentence after the question says what is not asked, in other
// words than the question's ("Not the big ore tonnage, the oxide part."): the question
// already says what is; "Not counting China." narrows it and stays.
func notThe(tail []word) bool {
	return len(tail) > 2 && tail[0].fold == "not" && (tail[1].fold == "the" || tail[1].fold == "a" || tail[1].fold == "an")
}

// remarkGerunds open a sentence after the question that says why it is asked ("Thinking
// about where supply could come from", "Trying to explain to finance …"), not what.
var remarkGerunds = map[string]bool{"thinking": true, "trying": true, "asking": true, "wondering": true,
	"working": true, "writing": true, "preparing": true, "planning": true, "drafting": true, "building": true,
	"putting": true, "hoping": true, "updating": true, "checking": true}

// chatted reports whether any word of a question is a word of chat.
func chatted(q string) bool {
	return anyWord(q, func(w string) bool {
		if chat[w] {
			return true
		}
		for _, s := range stretched {
			if strings.HasPrefix(w, s) && strings.Trim(w[len(s):], s[len(s)-1:]) == "" {
				return true
			}
		}
		return false
	})
}

// anyWord reports whether is holds for any word of a text, lowercased: a cheap look at a
// question before a closer reading.
func anyWord(text string, is func(string) bool) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if is(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// shortRange is a range of years whose end is written with two digits: "2020-23" is 2020 to
// 2023.
var shortRange = regexp.MustCompile(`\b(19|20)(\d\d)\s*[-–/]\s*(\d\d)\b`)

// check tests a reading against what the search found: whether its table can answer for the
// things the question is about, or a passage must, or none.
func (r *Reading) check(res *index.Result) {
	lx := lexiconFor(res.Base)
	if r.Table != nil && r.per == nil {
		// "the lithium carbonate price": a table of rare earth prices does not answer for
		// lithium carbonate; a passage must, or none.
		r.required = inPhrases(res, r.tableSubjects(lx))
		if res.Turkish || r.Kind == KindWhy && r.says("why") {
			// a Turkish word the glossary lacks already weighs against every passage
			// (evidence); it is no subject a passage must also have, nor is an unknown word of
			// a why ("why is China chasing end products"): the reason is a passage's to give
			r.required = slices.DeleteFunc(r.required, func(w string) bool { return slices.Contains(res.Unknown, w) })
		}
		if lx.commodity(r.Table, r.required) {
			// the passage must have what is measured too: a uranium grade is no uranium price
			r.required = append(r.required, r.measured...)
		}
		if len(r.required) > 0 && r.Kind != KindDefine && r.Kind != KindWhy {
			r.Kind = KindLookup
		}
		if len(r.required) > 0 && r.Kind != KindWhy {
			if name := unknownName(res, r.required, lx.own[r.Table]); name != "" {
				// "Kazakhstan's rare earth reserves": a row the table does not have.
				r.missing = name
				r.Kind = KindMiss
			}
		}
	}
	if r.Table != nil && r.missing != "" && len(r.Rows) == 0 && r.Kind != KindMiss && r.Kind != KindDefine && r.Kind != KindWhy {
		// "Which country produces the most neodymium?": neodymium is a row of another table
		r.Kind = KindLookup
	}
	if len(r.measured) == 0 && !r.FollowUp && (len(r.Rows) > 1 || len(r.Rows) == 1 && r.Kind == KindShare && !hasMoney(r.Table)) && r.Kind != KindDefine && r.Kind != KindWhy && r.foreign(lx) {
		// "What portion of US imports … is sourced from Malaysia?": the rows are places the
		// question names, but it says nothing the table measures and something it does not
		// (one row, when a share of it is asked: "the import-source breakdown")
		r.Kind = KindLookup
	}
	if (r.wholeTable || r.Total && len(r.Rows) == 0 && r.namesOrg(lx)) && (r.Kind == KindValue || r.Kind == KindShare) && (r.foreign(lx) || r.namesOrg(lx)) {
		// "What share of Lynas's FY2024 production was NdPr?": Lynas's, not the world's
		r.Total, r.wholeTable, r.Kind = false, false, KindLookup
	}
}

// namesOrg reports whether a question names an organisation: its figures are a passage's,
// not a table's total.
func (r *Reading) namesOrg(lx *lexicon) bool {
	for _, m := range r.named {
		for _, sn := range lx.phrases[phraseKey(m.name)] {
			if sn.org != "" && sn.row == nil {
				return true
			}
		}
	}
	return false
}

// inPhrases drops the words that the search read as part of a phrase of the knowledge base
// ("plant" in "industrial plant"): they name something it knows. nil when no foreign word is
// left.
func inPhrases(res *index.Result, words []string) []string {
	var out []string
	for _, w := range words {
		if k := termOf(res, w); k >= 0 && strings.Contains(strings.TrimSpace(res.Terms[k].Words), " ") && !res.Terms[k].Entity {
			continue
		}
		out = append(out, w)
	}
	return out
}

// unknownName is the one name among a question's subjects that the knowledge base does not
// know as a place, organisation or row ("Kazakhstan", or "Mongolia", which it has only in
// "Inner Mongolia"), when every other subject is known to the table; else "".
func unknownName(res *index.Result, subjects []string, own map[string]bool) string {
	lx := lexiconFor(res.Base)
	name := ""
	for _, s := range subjects {
		unknown := false
		for _, u := range res.Unknown {
			if w := plainWords(u); len(w) > 0 && w[0].raw == s {
				unknown = true
			}
		}
		if k := termOf(res, s); k >= 0 && !res.Terms[k].Entity && nameLike(s) && !own[stem(index.Fold(s))] && !lx.entity(s) {
			unknown = true
		}
		switch {
		case !unknown:
		case name == "" && unicode.IsUpper([]rune(s)[0]) && !index.IsEnglishWord(index.Fold(s)):
			name = s
		default:
			return ""
		}
	}
	for _, s := range subjects {
		if s != name && termOf(res, s) >= 0 && !rowNameOf(res.Base, s) && !own[stem(index.Fold(s))] {
			// "Kazakhstan's uranium reserves": uranium is not what the table measures either
			return ""
		}
	}
	return name
}

// rowNameOf reports whether a word names a row of some table.
func rowNameOf(b *knowledge.Base, w string) bool {
	for _, s := range lexiconFor(b).phrases[stem(index.Fold(w))] {
		if s.row != nil {
			return true
		}
	}
	return false
}

// corrected rewrites the words of a question that the search read as typos of known words.
func corrected(q string, cs []index.Correction) string {
	for _, c := range cs {
		q = strings.Replace(q, c.From, c.To, 1)
	}
	return q
}

// tableAnswer answers from the reading's table; false when the table cannot.
func tableAnswer(a *Answer, res *index.Result) bool {
	r := a.Reading
	t := r.Table
	for _, y := range r.Years {
		if !t.HasYear(y) {
			if hasFigureFor(res, r, y) {
				return false
			}
			missYear(a, res, y)
			return true
		}
	}
	answer, ok := tableKinds[r.Kind]
	ok = ok && answer(a)
	if ok && r.asked != 0 {
		a.Direct = append(sayLatestInstead(a.Lang, r.asked, t.Latest()), a.Direct...)
	}
	return ok
}

// hasFigureFor reports whether a passage found for the question has a figure dated year about
// one of the reading's rows, or about its table's subject.
func hasFigureFor(res *index.Result, r *Reading, year int) bool {
	y := fmt.Sprint(year)
	for i, h := range res.Hits {
		if i == 3 {
			break
		}
		for _, g := range h.Fact.Figures {
			if strings.HasPrefix(g.AsOf, y) && mentionsRows(h.Fact, g, r) && sameKind(g, r) {
				return true
			}
		}
	}
	return false
}

// sameKind reports whether a figure measures what a reading's table does, in a unit it
// converts to, or is the share it asks for: a licence's term in years is no mine production.
func sameKind(g *knowledge.Figure, r *Reading) bool {
	t := r.Table
	if t == nil || g.Unit == "%" && (r.Kind == KindShare || r.cues[cueShare] || r.cues[cuePercent]) {
		return true
	}
	_, err := knowledge.Convert(g.Value, strings.TrimSuffix(g.Unit, "/yr"), strings.TrimSuffix(t.Unit, "/yr"))
	return err == nil
}

// mentionsRows reports whether a figure or its fact names one of the reading's rows.
func mentionsRows(f *knowledge.Fact, g *knowledge.Figure, r *Reading) bool {
	if len(r.Rows) == 0 && r.Total && r.Table != nil {
		// the world's: a figure of the world, not of a deposit
		total := r.Table.Total(r.Table.Latest())
		return total != nil && hasWords(g.Label+" "+f.Title, total.Label)
	}
	if len(r.Rows) == 0 {
		return true
	}
	for _, row := range r.Rows {
		for _, n := range row.Names {
			if hasWords(g.Label+" "+f.Title, n) {
				return true
			}
			for _, p := range append(append([]string{}, f.Places...), f.Elements...) {
				if strings.EqualFold(p, n) {
					return true
				}
			}
		}
	}
	return false
}

// hasWords reports whether text has the words of name in a row, whole: "Nd" is not in
// "and".
func hasWords(text, name string) bool {
	ts, ns := plainWords(text), plainWords(name)
	if len(ns) == 0 {
		return false
	}
	for i := 0; i+len(ns) <= len(ts); i++ {
		ok := true
		for k, n := range ns {
			if ts[i+k].fold != n.fold {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// missYear answers a question about a year the table has no column for: no forecast, or no
// figure that early, with the figure the knowledge base has instead.
func missYear(a *Answer, res *index.Result, year int) {
	r := a.Reading
	t := r.Table
	reason, at := ReasonNoForecast, t.Latest()
	switch {
	case year < t.Years[0]:
		reason, at = ReasonNoFigure, t.Years[0]
	case year < r.now.Year():
		// A past year the table has no column for yet is no forecast.
		reason = ReasonNoFigure
	}
	var g *knowledge.Figure
	switch {
	case len(r.Rows) > 0:
		g = r.Rows[0].Cell(at)
	case t.Total(at) != nil:
		g = t.Total(at)
	default:
		if ranked := t.Ranked(at); len(ranked) > 0 {
			g = ranked[0].Cell(at)
		}
	}
	a.Miss = &Miss{Reason: reason, Latest: g}
	fillMiss(a, res)
	a.Direct = sayMissYear(a.Lang, t, reason, year, g, at > year)
}

// related lists the hits after the first passage, each with its latest figure, leaving out
// the facts already shown.
func related(res *index.Result, first *index.Hit, n int, shown ...*knowledge.Fact) []Related {
	if first != nil {
		shown = append(shown, first.Fact)
	}
	var out []Related
	for i := range res.Hits {
		h := &res.Hits[i]
		if slices.Contains(shown, h.Fact) {
			continue
		}
		if len(out) == n {
			break
		}
		out = append(out, Related{Fact: h.Fact, Figure: Latest(h.Fact)})
	}
	return out
}

// Latest is a fact's most recent figure: the latest date, the first of equal dates; nil for
// a fact without figures.
func Latest(f *knowledge.Fact) *knowledge.Figure { return latestOf(f.Figures) }

// hitFor finds a fact among the hits, or makes a hit for it.
func hitFor(res *index.Result, f *knowledge.Fact) *index.Hit {
	for i := range res.Hits {
		if res.Hits[i].Fact == f {
			return &res.Hits[i]
		}
	}
	return &index.Hit{Fact: f}
}

// says reports whether a question has a word as typed (folded).
func (r *Reading) says(w string) bool {
	return slices.ContainsFunc(r.words, func(x word) bool { return x.fold == w })
}

// onlyScope reports whether every unknown word of a question only says where to look, in
// ordinary words: "on the planet", "anywhere". "in Chile" names a place.
func onlyScope(q string, unknown []string) bool {
	ws := plainWords(q)
	for _, u := range unknown {
		i := slices.IndexFunc(ws, func(w word) bool { return w.raw == u })
		f := index.Fold(u)
		switch {
		case i < 0 || ws[i].upper || !index.IsEnglishWord(f):
			return false
		case strings.HasSuffix(f, "where"):
			// "anywhere", "everywhere"
		case i >= 2 && ws[i-2].fold == "on" && ws[i-1].fold == "the":
			// "on the planet"
		default:
			return false
		}
	}
	return true
}
