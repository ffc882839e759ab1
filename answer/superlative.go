package answer

import (
	"unicode"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// minKind is how many subjects must state a kind of figure for a superlative to rank them.
const minKind = 3

// passageSuperlative answers "Which deposit has the richest ore, in % TREO?" from the figures
// of one kind that passages state for different subjects (deposits' grades): the largest or
// the smallest, with the runner-up. The kind is what the figures' labels share with the
// question, in the knowledge base's synonyms; a label that names something the question does
// not (a niobium grade, Nb2O5) is of another kind. false when fewer than three subjects state
// such a figure.
func passageSuperlative(a *Answer, res *index.Result, n int) bool {
	r := a.Reading
	if r.Table != nil || r.cues[cueMost] == r.cues[cueLeast] || !r.cues[cueWhich] && !r.opensSuperlative() || len(r.named) > 0 || r.cues[cueWhy] {
		return false
	}
	lx := lexiconFor(res.Base)
	asked := map[string]bool{}
	for _, c := range lx.concepts(withoutChat(a.Question)) {
		if subjectStops[c] || cueWords[c] != 0 {
			continue
		}
		asked[c] = true
	}
	unit := ""
	if r.cues[cuePercent] {
		unit = "%"
	}
	type candidate struct {
		g       *knowledge.Figure
		subject string
		shared  map[string]bool
	}
	var all []candidate
	count := map[string]map[string]bool{} // concept → subjects whose figures' labels have it
	for _, f := range res.Base.Facts {
		subject := subjectOf(f)
		if f.Formula != nil || subject == "" {
			continue
		}
		for _, g := range f.Figures {
			if t, _ := tableOf(res.Base, g); t != nil || unit != "" && g.Unit != unit {
				continue
			}
			shared := map[string]bool{}
			for _, c := range lx.labelConcepts(g.Label) {
				if asked[c] {
					shared[c] = true
				}
			}
			if len(shared) == 0 || namesFormula(g.Label) {
				continue
			}
			all = append(all, candidate{g, subject, shared})
			for c := range shared {
				if count[c] == nil {
					count[c] = map[string]bool{}
				}
				count[c][subject] = true
			}
		}
	}
	// the kind: every concept of the question that enough subjects' figures have
	kind := map[string]bool{}
	for c, subjects := range count {
		if len(subjects) >= minKind {
			kind[c] = true
		}
	}
	for len(kind) > 1 {
		// "highest grade REE deposit": a concept few figures share with the others ("REE"
		// beside "grade") narrows the kind to too few subjects; the widest concepts stay
		with := map[string]bool{}
		for _, c := range all {
			ok := true
			for k := range kind {
				ok = ok && c.shared[k]
			}
			if ok {
				with[c.subject] = true
			}
		}
		if len(with) >= minKind {
			break
		}
		narrowest := ""
		for k := range kind {
			if narrowest == "" || len(count[k]) < len(count[narrowest]) || len(count[k]) == len(count[narrowest]) && k < narrowest {
				narrowest = k
			}
		}
		delete(kind, narrowest)
	}
	if len(kind) == 0 {
		return false
	}
	best := map[string]*knowledge.Figure{} // subject → its largest (or smallest) figure
	var order []string
	units := map[string]int{}
	for _, c := range all {
		ok := true
		for k := range kind {
			ok = ok && c.shared[k]
		}
		if !ok {
			continue
		}
		units[c.g.Unit]++
		if b, seen := best[c.subject]; !seen {
			order = append(order, c.subject)
			best[c.subject] = c.g
		} else if r.cues[cueLeast] == (c.g.Value < b.Value) {
			best[c.subject] = c.g
		}
	}
	// one unit: the one most of the figures are in
	if unit == "" {
		for u, k := range units {
			if k > units[unit] {
				unit = u
			}
		}
	}
	var ranked []*knowledge.Figure
	var subjects []string
	for _, s := range order {
		if best[s].Unit == unit {
			ranked = append(ranked, best[s])
			subjects = append(subjects, s)
		}
	}
	if len(ranked) < minKind {
		return false
	}
	top, second := -1, -1
	for i, g := range ranked {
		better := func(j int) bool {
			return j < 0 || r.cues[cueLeast] == (g.Value < ranked[j].Value) && g.Value != ranked[j].Value
		}
		switch {
		case better(top):
			top, second = i, top
		case better(second):
			second = i
		}
	}
	h := hitFor(res, ranked[top].Fact)
	a.Reading.Kind = KindSuperlative
	a.Passage = h
	a.Direct = sayPassageSuperlative(a.Lang, res.Base, subjects[top], ranked[top], subjects[second], ranked[second], len(ranked), r.cues[cueLeast])
	a.Related = related(res, h, n-1)
	return true
}

// subjectOf is what a fact's figures are of: its first place, else its first organisation.
func subjectOf(f *knowledge.Fact) string {
	if len(f.Places) > 0 {
		return f.Places[0]
	}
	if len(f.Orgs) > 0 {
		return f.Orgs[0]
	}
	return ""
}

// namesFormula reports whether a label names a chemical formula ("Nb2O5", "U3O8"): the
// figure is of that compound, not of the ore as a whole.
func namesFormula(label string) bool {
	for _, w := range plainWords(label) {
		letters, digits := false, false
		for _, r := range w.raw {
			letters = letters || unicode.IsLetter(r)
			digits = digits || unicode.IsDigit(r)
		}
		if letters && digits {
			return true
		}
	}
	return false
}

// opensSuperlative reports whether a question is a noun phrase that opens with a superlative,
// which asks which as plainly as "which": "highest grade deposit we have?"
func (r *Reading) opensSuperlative() bool {
	i := 0
	for i < len(r.words) && (r.words[i].fold == "the" || r.words[i].fold == "our") {
		i++
	}
	if i == len(r.words) {
		return false
	}
	c, ok := cueWords[r.words[i].fold]
	return ok && (c == cueMost || c == cueLeast)
}

// sites are the nouns of a place that is mined or could be: a superlative of one asks for a
// deposit, not a table's country.
var sites = map[string]bool{"mine": true, "deposit": true, "orebody": true}

// sizes are the superlatives of size: "the highest-grade deposit" ranks by a measure.
var sizes = map[string]bool{"largest": true, "biggest": true, "greatest": true, "smallest": true, "tiniest": true}

// siteAsked is the site a superlative asks for ("What is the world's largest rare earth
// mine?", "Dünyanın en büyük nadir toprak madeni hangisi?"), "" when it asks none: the noun
// ends the words after the superlative, and no country is asked.
func (r *Reading) siteAsked(lx *lexicon, q string) string {
	if !r.cues[cueMost] && !r.cues[cueLeast] || len(r.Rows) > 0 || len(r.named) > 0 || r.Question ||
		r.cues[cueExclude] || r.cues[cueAfter] || r.Nth > 1 {
		// ("the largest mine outside China" is not the world's largest; "Is Beylikova the
		// largest deposit?" checks a claim of Beylikova)
		return ""
	}
	ws := plainWords(lx.inEnglish(q))
	for _, w := range ws {
		if w.fold == "country" || w.fold == "countries" {
			return ""
		}
	}
	// "the biggest deposit in Africa" is no world's largest: no passage ranks a region's sites
	for stemmed, i := words(lx.inEnglish(q)), 0; i < len(stemmed); i++ {
		senses, _ := lx.match(stemmed, i)
		for _, s := range senses {
			if s.group != "" || s.place != "" {
				return ""
			}
		}
	}
	for i, w := range ws {
		if !sizes[w.fold] {
			continue
		}
		// "the largest rare earth mine", "which mine is the biggest"
		for k := max(0, i-4); k < len(ws) && k <= i+4; k++ {
			if sites[ws[k].fold] && (k+1 == len(ws) || !lx.tableWord(ws[k+1].fold)) && (k > i || r.cues[cueWhich]) {
				return ws[k].fold
			}
		}
	}
	return ""
}

// siteSuperlative answers a superlative of sites with the passage that states it: "Bayan
// Obo …, the world's largest rare earth deposit". false when no passage says so.
func siteSuperlative(a *Answer, res *index.Result, n int) bool {
	r := a.Reading
	if r.site == "" {
		return false
	}
	for _, f := range res.Base.Facts {
		for _, s := range sentences(f.Text) {
			if statesSiteSuperlative(s, r.cues[cueLeast] && !r.cues[cueMost]) {
				h := hitFor(res, f)
				a.Reading.Kind = KindLookup
				a.Passage = h
				a.Direct = Sentence{{Text: s}}
				a.Related = related(res, h, n-1)
				return true
			}
		}
	}
	return false
}

// statesSiteSuperlative reports whether a sentence calls a site the world's largest (or
// smallest): "the world's largest rare earth deposit", not "the world's second-largest".
func statesSiteSuperlative(s string, least bool) bool {
	ws := plainWords(s)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i].fold != "world" && ws[i].fold != "worlds" {
			continue
		}
		c := cueWords[ws[i+1].fold]
		if !sizes[ws[i+1].fold] || (c == cueLeast) != least {
			continue
		}
		for k := i + 2; k < len(ws) && k <= i+5; k++ {
			if sites[ws[k].fold] {
				return true
			}
		}
	}
	return false
}

// tableWord reports whether a word says what a table measures: "output", "production".
func (lx *lexicon) tableWord(w string) bool {
	senses, _ := lx.match(words(w), 0)
	for _, s := range senses {
		if s.table != nil && s.row == nil && !s.total && !s.rowKind && s.group == "" {
			return true
		}
	}
	return false
}
