package answer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// The direct answers, in English and Turkish. Figures are bold; facts, labels and sources stay
// as the knowledge base writes them, except row names the Turkish glossary translates.

type sentence struct{ segs Sentence }

func (s *sentence) t(format string, args ...any) *sentence {
	s.segs = append(s.segs, Segment{Text: fmt.Sprintf(format, args...)})
	return s
}

func (s *sentence) b(text string) *sentence {
	s.segs = append(s.segs, Segment{Text: text, Bold: true})
	return s
}

func turkish(lang string) bool { return strings.EqualFold(lang, "tr") }

// measure is what a table measures, from its title: "Rare earth mine production by country
// (USGS MCS 2025)" gives "rare earth mine production".
func measure(lang string, t *knowledge.Table) string {
	if turkish(lang) && t.Turkish != "" {
		return t.Turkish
	}
	m := t.Title
	if i := strings.Index(m, " ("); i > 0 {
		m = m[:i]
	}
	if i := strings.Index(m, " by "); i > 0 {
		m = m[:i]
	}
	return lowerFirst(m)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || (len(s) > n && unicode.IsUpper(rune(s[n]))) {
		return s // an acronym: REE, USGS
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// name is a row's name in the answer's language.
func name(lang string, b *knowledge.Base, label string) string {
	if !turkish(lang) {
		return label
	}
	lx := lexiconFor(b)
	cands := []string{label}
	if i := strings.Index(label, " ("); i > 0 {
		cands = append(cands, label[:i], strings.TrimSuffix(label[i+2:], ")"))
	}
	for _, c := range cands {
		if tr, ok := lx.turkish[index.Fold(c)]; ok {
			return tr
		}
	}
	// Word by word when the glossary has every word: "Terbium oxide" is "Terbiyum oksit".
	ws := strings.Fields(label)
	for i, w := range ws {
		tr, ok := lx.turkish[index.Fold(w)]
		if !ok {
			return label
		}
		if i == 0 {
			tr = capitalize(tr)
		}
		ws[i] = tr
	}
	return strings.Join(ws, " ")
}

// q writes a table figure in the answer's language.
func q(lang string, t *knowledge.Table, g *knowledge.Figure) string {
	return localize(lang, t.Quantity(g))
}

var (
	enNumber     = regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	trQualifiers = []struct{ en, tr string }{
		{"more than ", "en az "}, {"less than ", "en çok "}, {"at least ", "en az "},
		{"up to ", "en fazla "}, {"about ", "yaklaşık "},
	}
)

// localize turns an English quantity into Turkish notation: "270,000 t" gives "270.000 t",
// "69.2 %" gives "%69,2", "$810 per kg" gives "$810/kg", "6.0×" gives "6,0 kat".
func localize(lang, s string) string {
	if !turkish(lang) {
		return s
	}
	for _, ql := range trQualifiers {
		if strings.HasPrefix(s, ql.en) {
			return ql.tr + localize(lang, strings.TrimPrefix(s, ql.en))
		}
	}
	sign := ""
	if strings.HasPrefix(s, "−") || strings.HasPrefix(s, "+") {
		_, n := utf8.DecodeRuneInString(s)
		sign, s = s[:n], s[n:]
	}
	s = enNumber.ReplaceAllStringFunc(s, func(n string) string {
		return strings.NewReplacer(",", ".", ".", ",").Replace(n)
	})
	switch {
	case strings.HasSuffix(s, " %"):
		return sign + "%" + strings.TrimSuffix(s, " %")
	case strings.HasSuffix(s, "×"):
		return sign + strings.TrimSuffix(s, "×") + " kat"
	}
	s = strings.NewReplacer(" per kg", "/kg", " per t", "/t", " million a year", " milyon/yıl", " million", " milyon",
		" billion", " milyar", " trillion", " trilyon", " years", " yıl").Replace(s)
	return sign + s
}

func sayValue(lang string, b *knowledge.Base, t *knowledge.Table, label string, y int, g *knowledge.Figure) Sentence {
	s := &sentence{}
	n := name(lang, b, label)
	if turkish(lang) {
		s.b(n).t(" — %s, %d: ", measure(lang, t), y).b(q(lang, t, g)).t(" (%s).", t.Edition)
	} else {
		s.b(n).t(" — %s in %d: ", measure(lang, t), y).b(q(lang, t, g)).t(" (%s).", t.Edition)
	}
	return s.segs
}

func ordinalEN(n int) string {
	switch n {
	case 1:
		return ""
	case 2:
		return "second-"
	case 3:
		return "third-"
	}
	return knowledge.FormatQuantity(float64(n), "rank", 0) + "-"
}

func saySuperlative(lang string, b *knowledge.Base, t *knowledge.Table, row *knowledge.Row, y int, g *knowledge.Figure, nth int, least bool, total *knowledge.Figure, scope string) Sentence {
	s := &sentence{}
	n := name(lang, b, row.Label)
	if turkish(lang) {
		pos := strconv.Itoa(nth) + "."
		if least {
			pos = "sondan " + pos
		}
		if nth == 1 && !least {
			s.t("En yüksek %s%s (%d): ", measure(lang, t), scope, y)
		} else if nth == 1 {
			s.t("En düşük %s%s (%d): ", measure(lang, t), scope, y)
		} else {
			s.t("%s%s (%d), %s sıra: ", capitalize(measure(lang, t)), scope, y, pos)
		}
		s.b(n).t(", ").b(q(lang, t, g))
		if total != nil {
			s.t(", %s toplamı %s içinde %s", lowerFirst(name(lang, b, total.Label)), q(lang, t, total), localize(lang, shareText(t, g, total)))
		}
		s.t(" (%s).", t.Edition)
		return s.segs
	}
	adj := "highest"
	if least {
		adj = "lowest"
	}
	s.b(n).t(" had the %s%s %s%s in %d: ", ordinalEN(nth), adj, measure(lang, t), scope, y).b(q(lang, t, g))
	if total != nil {
		s.t(", %s of the %s total of %s", shareText(t, g, total), lowerFirst(total.Label), q(lang, t, total))
	}
	s.t(" (%s).", t.Edition)
	return s.segs
}

// shareText is a row's share of a total as a reader says it: "69.2 %", or "less than 23.3 %"
// of a total that is a lower bound.
func shareText(t *knowledge.Table, g, total *knowledge.Figure) string {
	v := knowledge.FormatQuantity(t.Value(g)/t.Value(total)*100, "%", 1)
	switch total.Qualifier {
	case "more than", "at least":
		return "less than " + v
	case "less than", "up to":
		return "more than " + v
	case "about":
		return "about " + v
	}
	if g.Qualifier == "about" {
		return "about " + v
	}
	return v
}

// genitive is a name with its English possessive: "Lynas's", "MP Materials'".
func genitive(name string) string {
	if strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ss") {
		return name + "'"
	}
	return name + "'s"
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func sayRank(lang string, b *knowledge.Base, t *knowledge.Table, row *knowledge.Row, y int, g *knowledge.Figure, pos, of int, tied []string, scope string) Sentence {
	s := &sentence{}
	n := name(lang, b, row.Label)
	if turkish(lang) {
		s.b(n).t(", %d %s%s sıralamasında ", y, measure(lang, t), scope).b(fmt.Sprintf("%d içinde %d.", of, pos)).t(": ").b(q(lang, t, g))
		if len(tied) > 0 {
			s.t(" (%s ile eşit)", strings.Join(tied, ", "))
		}
		s.t(" (%s).", t.Edition)
		return s.segs
	}
	s.b(n).t(" ranked ").b(fmt.Sprintf("%s of %d", knowledge.FormatQuantity(float64(pos), "rank", 0), of)).t(" in %s%s in %d: ", measure(lang, t), scope, y).b(q(lang, t, g))
	if len(tied) > 0 {
		s.t(", tied with %s", strings.Join(tied, ", "))
	}
	s.t(" (%s).", t.Edition)
	return s.segs
}

func sayCompare(lang string, b *knowledge.Base, t *knowledge.Table, xl, zl string, y int, x, z *knowledge.Figure, yesNo, lower bool) Sentence {
	s := &sentence{}
	xn, zn := name(lang, b, xl), name(lang, b, zl)
	big, small, bn, sn := x, z, xn, zn
	if t.Value(z) > t.Value(x) {
		big, small, bn, sn = z, x, zn, xn
	}
	if t.Value(x) == t.Value(z) && !turkish(lang) {
		if yesNo {
			s.t("%s", yesNoWord(lang, false))
		}
		s.b(xn).t(" and ").b(zn).t(" had the same %s in %d: ", measure(lang, t), y).b(q(lang, t, x)).t(" (%s).", t.Edition)
		return s.segs
	}
	ratio := knowledge.FormatQuantity(t.Value(big)/t.Value(small), "x", ratioDecimals(t.Value(big)/t.Value(small)))
	diff := t.Format(t.Value(big) - t.Value(small))
	if turkish(lang) {
		if yesNo {
			s.t("%s", yesNoWord(lang, (t.Value(x) > t.Value(z)) != lower))
		}
		s.t("%s (%d): ", capitalize(measure(lang, t)), y).b(xn).t(" ").b(q(lang, t, x)).t(", ").b(zn).t(" ").b(q(lang, t, z)).
			t("; %s / %s oranı ", bn, sn).b(localize(lang, ratio)).t(", fark %s (%s).", localize(lang, diff), t.Edition)
		return s.segs
	}
	if yesNo {
		s.t("%s", yesNoWord(lang, (t.Value(x) > t.Value(z)) != lower))
	}
	s.b(xn).t(" ").b(q(lang, t, x)).t(" against ").b(zn).t(" ").b(q(lang, t, z)).t(" in %s in %d; %s has ", measure(lang, t), y, bn).
		b(ratio).t(" %s figure, %s more (%s).", genitive(sn), diff, t.Edition)
	return s.segs
}

func sayChange(lang string, b *knowledge.Base, t *knowledge.Table, label string, from, to int, x, z *knowledge.Figure, pct float64) Sentence {
	s := &sentence{}
	n := name(lang, b, label)
	d := t.Value(z) - t.Value(x)
	diff := t.Format(d)
	if d >= 0 {
		diff = "+" + diff
	} else {
		diff = "−" + t.Format(-d)
	}
	if turkish(lang) {
		dir := "artış"
		if pct < 0 {
			dir = "düşüş"
		}
		s.b(n).t(" — %s: %d yılında ", measure(lang, t), from).b(q(lang, t, x)).t(", %d yılında ", to).b(q(lang, t, z)).
			t("; %s (", localize(lang, diff)).b(localize(lang, knowledge.FormatQuantity(math.Abs(pct), "%", 1))+" "+dir).t(") (%s).", t.Edition)
		return s.segs
	}
	s.b(n).t(" — %s went from ", measure(lang, t)).b(q(lang, t, x)).t(" in %d to ", from).b(q(lang, t, z)).
		t(" in %d: %s (", to, diff).b(signed(pct, "%")).t(") (%s).", t.Edition)
	return s.segs
}

// sayShare says a row's share of a whole: the table's total, or another row's cell when
// whole names it ("Brazil had 47.7 % of China's rare earth reserves").
func sayShare(lang string, b *knowledge.Base, t *knowledge.Table, label, whole string, y int, g, total *knowledge.Figure) Sentence {
	s := &sentence{}
	n := name(lang, b, label)
	share := shareText(t, g, total)
	if whole != "" {
		w := name(lang, b, whole)
		if turkish(lang) {
			s.b(n).t(", %d %s: %s karşısında ", y, measure(lang, t), w).b(localize(lang, share)).t(": %s / %s (%s).", q(lang, t, g), q(lang, t, total), t.Edition)
			return s.segs
		}
		s.b(n).t(" had ").b(share).t(" of %s's %s in %d: %s of %s (%s).", w, measure(lang, t), y, q(lang, t, g), q(lang, t, total), t.Edition)
		return s.segs
	}
	if turkish(lang) {
		s.b(n).t(", %d %s içinde ", y, measure(lang, t)).b(localize(lang, share)).t(" pay: %s / %s (%s).", q(lang, t, g), q(lang, t, total), t.Edition)
		return s.segs
	}
	s.b(n).t(" had ").b(share).t(" of %s %s in %d: %s of %s (%s).", lowerFirst(total.Label), measure(lang, t), y, q(lang, t, g), q(lang, t, total), t.Edition)
	return s.segs
}

func sayMissYear(lang string, t *knowledge.Table, reason string, year int, g *knowledge.Figure, earliest bool) Sentence {
	s := &sentence{}
	latest := ""
	if g != nil {
		latest = q(lang, t, g)
	}
	at := figureYear(g)
	switch {
	case turkish(lang) && reason == ReasonNoForecast:
		s.t("Tahmin yok: bilgi tabanında %d için %s rakamı yok; en son rakam ", year, measure(lang, t)).b(latest).t(", %s (%s).", at, t.Edition)
	case turkish(lang) && earliest:
		s.t("%d için rakam yok: %s en erken ", year, measure(lang, t)).b(latest).t(", %s (%s).", at, t.Edition)
	case turkish(lang):
		s.t("%d için rakam yok: %s en son ", year, measure(lang, t)).b(latest).t(", %s (%s).", at, t.Edition)
	case reason == ReasonNoForecast:
		s.t("No forecast: the knowledge base has no %s figure for %d; the latest is ", measure(lang, t), year).b(latest).t(", %s (%s).", at, t.Edition)
	case earliest:
		s.t("No figure for %d: the earliest %s figure is ", year, measure(lang, t)).b(latest).t(", %s (%s).", at, t.Edition)
	default:
		s.t("No figure for %d yet: the latest %s figure is ", year, measure(lang, t)).b(latest).t(", %s (%s).", at, t.Edition)
	}
	return s.segs
}

// sayLatestInstead says that the year asked has no figure yet and the latest year answers.
func sayLatestInstead(lang string, asked, latest int) Sentence {
	if turkish(lang) {
		return Sentence{{Text: fmt.Sprintf("%d için henüz rakam yok; en son yıl %d: ", asked, latest)}}
	}
	return Sentence{{Text: fmt.Sprintf("No %d figure yet; in %d, the latest: ", asked, latest)}}
}

func figureYear(g *knowledge.Figure) string {
	if g == nil {
		return ""
	}
	return g.AsOf
}

func sayNoForecast(lang, year string, g *knowledge.Figure, source string, forecast bool) Sentence {
	s := &sentence{}
	if g == nil {
		return sayNoMatch(lang)
	}
	if !forecast && turkish(lang) {
		s.t("%s için rakam yok; en son rakam ", year).b(localize(lang, g.String())).t(", %s (%s).", g.AsOf, source)
		return s.segs
	}
	if !forecast {
		s.t("No figure for %s yet: the latest is ", year).b(g.String()).t(", %s (%s).", g.AsOf, source)
		return s.segs
	}
	if turkish(lang) {
		s.t("Tahmin yok: bilgi tabanında %s için rakam yok; en son rakam ", year).b(localize(lang, g.String())).t(", %s (%s).", g.AsOf, source)
		return s.segs
	}
	s.t("No forecast: the knowledge base has no figure for %s; the latest is ", year).b(g.String()).t(", %s (%s).", g.AsOf, source)
	return s.segs
}

// sayBetween says a passage has no figure for a year, and gives its figures for the years
// nearest before and after it (after may be nil).
func sayBetween(lang, year string, before, after *knowledge.Figure, source string) Sentence {
	s := &sentence{}
	if turkish(lang) {
		s.t("Tahmin yok: bilgi tabanında %s için rakam yok; en yakın rakamlar: ", year).b(localize(lang, before.String())).t(" (%s)", before.AsOf)
		if after != nil {
			s.t(" ve ").b(localize(lang, after.String())).t(" (%s)", after.AsOf)
		}
		s.t(" (%s).", source)
		return s.segs
	}
	s.t("No forecast: the knowledge base has no figure for %s; the nearest are ", year).b(before.String()).t(" for %s", before.AsOf)
	if after != nil {
		s.t(" and ").b(after.String()).t(" for %s", after.AsOf)
	}
	s.t(" (%s).", source)
	return s.segs
}

// sayNoForecastPassage says there is no figure for a year after today, and names the passage that
// has the latest the knowledge base knows, which states it in words.
func sayNoForecastPassage(lang, year string, f *knowledge.Fact) Sentence {
	s := &sentence{}
	if turkish(lang) {
		s.t("Tahmin yok: bilgi tabanında %s için rakam yok; en son bilgi: ", year).b(f.Title).t(".")
		return s.segs
	}
	s.t("No forecast: the knowledge base has no figure for %s; the latest it has is ", year).b(f.Title).t(".")
	return s.segs
}

func sayNoMatch(lang string) Sentence {
	if turkish(lang) {
		return Sentence{{Text: "Eşleşme yok: bilgi tabanında bu sorunun cevabı yok."}}
	}
	return Sentence{{Text: "No match: the knowledge base has no answer to this question."}}
}

// withoutSource drops the name of who gives a figure from the end of its label ("NdFeB market
// (Knowledge Sourcing Intelligence)"): a range across sources names each source after its
// figure, and the label is the measure of all of them. A bracket that is no name ("(2022
// plan)", "(ore)") stays.
func withoutSource(label string) string {
	i := strings.LastIndex(label, " (")
	if i < 0 || !strings.HasSuffix(label, ")") {
		return label
	}
	in := label[i+2 : len(label)-1]
	if in == "" || strings.ContainsAny(in, "0123456789") {
		return label
	}
	for _, w := range strings.Fields(in) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && len(w) > 3 {
			// "of", "and" may join a name's words; a lowercase word is none
			return label
		}
	}
	return label[:i]
}

// sayLookup states the figure of a passage that answers the question, or its first sentence.
func sayLookup(lang string, b *knowledge.Base, f *knowledge.Fact, g *knowledge.Figure, asked map[string]bool) Sentence {
	return sayFigure(lang, b, f, g, asked, true)
}

// sayFigure says a passage's figure; with ranged, the range its sources give when they
// differ, else the figure alone (a question that asks one source's figure).
func sayFigure(lang string, b *knowledge.Base, f *knowledge.Fact, g *knowledge.Figure, asked map[string]bool, ranged bool) Sentence {
	s := &sentence{}
	if g == nil {
		return Sentence{{Text: firstSentence(f.Text)}}
	}
	if f.Formula != nil {
		s.t("%s: ", f.Title).b(localize(lang, g.Quantity()))
		if c := converted(g, asked); c != "" {
			s.t(" = ").b(localize(lang, c))
		}
		s.t(" (%s)", localize(lang, f.Formula.Equation()))
		var stated []*knowledge.Figure
		for _, o := range b.SameMeasure(g) {
			if o.Fact.Formula == nil {
				stated = append(stated, o)
			}
		}
		// Sources that state the figure disagree with what its inputs give: say so, the latest
		// first ("Grade (Eti Maden): 1.75 %"), then how far they range.
		if latest := latestOf(stated); latest != nil {
			s.t("; %s: %s (%s, %s)", latest.Label, localize(lang, latest.String()), latest.AsOf, sourceName(b, latest))
			if lo, hi := spread(g, stated); lo != hi && turkish(lang) {
				s.t("; kaynaklarda %s ile %s arası", localize(lang, lo.String()), localize(lang, hi.String()))
			} else if lo != hi {
				s.t("; sources range from %s to %s", lo.String(), hi.String())
			}
		}
		s.t(".")
		return s.segs
	}
	if t, row := tableOf(b, g); t != nil {
		s.b(name(lang, b, row)).t(" — %s, %s: ", measure(lang, t), g.AsOf).b(q(lang, t, g)).t(" (%s).", t.Edition)
		return s.segs
	}
	label := g.Label
	if g.Unit == "year" {
		// "suspended until: 2026" reads; "suspended until, China: 2026" does not.
	} else if len(f.Places) > 0 && !strings.Contains(strings.ToLower(label+" "+f.Title), strings.ToLower(f.Places[0])) {
		label += ", " + f.Places[0]
	} else if len(f.Places) > 0 && !strings.Contains(strings.ToLower(label), strings.ToLower(f.Places[0])) {
		label = f.Places[0] + " — " + label
	}
	if lo, hi := spread(g, b.SameMeasure(g)); !ranged {
	} else if lo != hi && turkish(lang) {
		s.t("%s: ", withoutSource(label)).b(localize(lang, lo.String())).t(" (%s, %s) ile ", sourceName(b, lo), lo.AsOf).b(localize(lang, hi.String())).t(" (%s, %s) arası; kaynaklar farklı.", sourceName(b, hi), hi.AsOf)
		return s.segs
	} else if lo != hi {
		s.t("%s: ", withoutSource(label)).b(localize(lang, lo.String())).t(" (%s, %s) to ", sourceName(b, lo), lo.AsOf).b(localize(lang, hi.String())).t(" (%s, %s), depending on the source.", sourceName(b, hi), hi.AsOf)
		return s.segs
	}
	shown := g.String()
	if d := dayOfYear(g); d != "" {
		// "suspended until: 10 November 2026", the day its note gives, not only the year
		shown = d
	}
	s.t("%s: ", label).b(localize(lang, shown))
	if c := converted(g, asked); c != "" {
		s.t(" = ").b(localize(lang, c))
	}
	s.t(" (%s, %s).", g.AsOf, sourceName(b, g))
	return s.segs
}

// spread is the lowest and the highest of figures that measure one thing, compared in g's
// unit (one source gives 12.5 Mt, another 130,000 t): the same figure when they agree or
// there is one, nil when there are none.
func spread(g *knowledge.Figure, figs []*knowledge.Figure) (lo, hi *knowledge.Figure) {
	in := func(o *knowledge.Figure) float64 {
		v, err := knowledge.Convert(o.Value, o.Unit, g.Unit)
		if err != nil {
			return o.Value
		}
		return v
	}
	for _, o := range figs {
		if lo == nil || in(o) < in(lo) {
			lo = o
		}
		if hi == nil || in(o) > in(hi) {
			hi = o
		}
	}
	if lo != nil && in(lo) == in(hi) {
		hi = lo
	}
	return lo, hi
}

// latestOf is the most recent of some figures, the first of equal dates; nil for none.
func latestOf(figs []*knowledge.Figure) *knowledge.Figure {
	var best *knowledge.Figure
	for _, g := range figs {
		if best == nil || g.AsOf > best.AsOf {
			best = g
		}
	}
	return best
}

// converted writes a figure in a unit the question asks for, when it is given in another unit
// of the same kind ("403 m" asked in feet gives "1,323 ft"), or "".
func converted(g *knowledge.Figure, asked map[string]bool) string {
	for to := range asked {
		if to == g.Unit || to == "count" {
			continue
		}
		base := strings.TrimSuffix(g.Unit, "/yr")
		v, err := knowledge.Convert(g.Value, base, to)
		if err != nil || base == to {
			continue
		}
		unit := to
		if strings.HasSuffix(g.Unit, "/yr") {
			unit += "/yr"
		}
		d := 0
		if v < 10 {
			d = 2
		}
		return knowledge.FormatQuantity(v, unit, d)
	}
	return ""
}

// firstSentence is the first sentence of a text, or all of it.
func firstSentence(text string) string {
	for i := 0; i+1 < len(text); i++ {
		if (text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i+1] == ' ' && (i == 0 || !unicode.IsDigit(rune(text[i-1])) || i+2 >= len(text) || !unicode.IsDigit(rune(text[i+2]))) {
			// "U.S." and "Mt." are not ends of sentences: the next word starts with a capital
			// after a real end.
			if i >= 2 && text[i-2] == '.' {
				continue
			}
			if i+2 < len(text) && unicode.IsDigit(rune(text[i+2])) {
				// "Announcement No. 18": a number goes on the sentence
				continue
			}
			return text[:i+1]
		}
	}
	return text
}

func sayExampleSuperlative(lang string, t *knowledge.Table) string {
	if turkish(lang) {
		return fmt.Sprintf("En yüksek %s hangisinde?", measure(lang, t))
	}
	return fmt.Sprintf("Which %s has the highest %s?", t.RowKind, measure(lang, t))
}

func sayExampleCompare(lang string, t *knowledge.Table, a, b *knowledge.Row) string {
	return fmt.Sprintf("%s vs %s: %s", a.Label, b.Label, measure(lang, t))
}

func sayExampleChange(lang string, t *knowledge.Table, r *knowledge.Row) string {
	if len(t.Years) < 2 {
		return sayExampleSuperlative(lang, t)
	}
	from, to := t.Years[len(t.Years)-2], t.Latest()
	if turkish(lang) {
		return fmt.Sprintf("%s: %s %d'ten %d'e nasıl değişti?", r.Label, measure(lang, t), from, to)
	}
	return fmt.Sprintf("How did %s change from %d to %d for %s?", measure(lang, t), from, to, r.Label)
}

// sayCompareFacts puts two figures that passages state side by side.
func sayCompareFacts(lang string, b *knowledge.Base, xn, zn string, x, z *knowledge.Figure, zv, ratio float64) Sentence {
	s := &sentence{}
	xs := func(g *knowledge.Figure) string { return sourceName(b, g) + ", " + g.AsOf }
	big, small := xn, zn
	r := ratio
	if ratio < 1 {
		big, small, r = zn, xn, 1/ratio
	}
	times := knowledge.FormatQuantity(r, "x", ratioDecimals(r))
	diff := knowledge.FormatQuantity(math.Abs(x.Value-zv), x.Unit, decimalsFor(math.Abs(x.Value-zv)))
	if x.Unit == "%" {
		// The difference of two percentages is in points.
		diff = knowledge.FormatNumber(math.Abs(x.Value-zv), decimalsFor(math.Abs(x.Value-zv)))
		if turkish(lang) {
			diff += " puan"
		} else {
			diff += " percentage points"
		}
	}
	if turkish(lang) {
		s.b(name(lang, b, xn)).t(" ").b(localize(lang, x.String())).t(" (%s), ", xs(x)).b(name(lang, b, zn)).t(" ").b(localize(lang, z.String())).
			t(" (%s); %s / %s oranı ", xs(z), name(lang, b, big), name(lang, b, small)).b(localize(lang, times)).t(", fark %s.", localize(lang, diff))
		return s.segs
	}
	s.b(xn).t(" ").b(x.String()).t(" (%s) against ", xs(x)).b(zn).t(" ").b(z.String()).
		t(" (%s): %s is ", xs(z), genitive(big)).b(times).t(" %s, %s more.", genitive(small), diff)
	return s.segs
}

// decimalsFor shows a difference with as many decimals as a reader needs.
func decimalsFor(v float64) int {
	switch {
	case v >= 100:
		return 0
	case v >= 1:
		return 1
	}
	return 2
}

// sayNoRow says a table has no figure for a row.
func sayNoRow(lang string, b *knowledge.Base, t *knowledge.Table, row string) Sentence {
	if turkish(lang) {
		return Sentence{{Text: fmt.Sprintf("Rakam yok: %s tablosunda (%s) %s yok.", measure(lang, t), t.Edition, name(lang, b, row))}}
	}
	if len(t.Rows) <= 6 {
		// a short table says what it has: the oxides priced
		var has []string
		for _, r := range t.Rows {
			has = append(has, r.Label)
		}
		return Sentence{{Text: fmt.Sprintf("No figure: the %s table (%s) has no row for %s; it has %s.", measure(lang, t), t.Edition, row, strings.Join(has, ", "))}}
	}
	return Sentence{{Text: fmt.Sprintf("No figure: the %s table (%s) has no row for %s.", measure(lang, t), t.Edition, row)}}
}

// sayFigures lists figures of one passage with their labels, bold, and their source: "Raw
// materials $7 billion, … (Anadolu Agency, 2025-10)."
func sayFigures(lang string, figs []*knowledge.Figure) Sentence {
	s := &sentence{}
	for i, g := range figs {
		if i > 0 {
			s.t(", ")
		}
		s.t("%s ", g.Label).b(localize(lang, g.String()))
	}
	if src := figs[0].Fact.Source; src != nil {
		s.t(" (%s)", shortName(src.Publisher))
	}
	s.t(".")
	return s.segs
}

// sayNoCount says the knowledge base counts no such thing, of the subject when one is named.
func sayNoCount(lang, thing, subject string) Sentence {
	switch {
	case turkish(lang) && subject != "":
		return Sentence{{Text: fmt.Sprintf("Rakam yok: bilgi tabanında %s için %s rakamı yok.", subject, thing)}}
	case turkish(lang):
		return Sentence{{Text: fmt.Sprintf("Rakam yok: bilgi tabanında %s rakamı yok.", thing)}}
	case subject != "":
		return Sentence{{Text: fmt.Sprintf("No figure: the knowledge base has no figure of %s for %s.", thing, subject)}}
	}
	return Sentence{{Text: fmt.Sprintf("No figure: the knowledge base has no figure of %s.", thing)}}
}

func sayTop(lang string, b *knowledge.Base, t *knowledge.Table, y int, rows []*knowledge.Row, least bool, scope string) Sentence {
	s := &sentence{}
	switch {
	case turkish(lang) && least:
		s.t("En düşük %d, %s%s (%d): ", len(rows), measure(lang, t), scope, y)
	case turkish(lang):
		s.t("İlk %d, %s%s (%d): ", len(rows), measure(lang, t), scope, y)
	case least:
		s.t("Bottom %d in %s%s in %d: ", len(rows), measure(lang, t), scope, y)
	default:
		s.t("Top %d in %s%s in %d: ", len(rows), measure(lang, t), scope, y)
	}
	for i, row := range rows {
		if i > 0 {
			s.t(", ")
		}
		s.b(name(lang, b, row.Label)).t(" ").b(q(lang, t, row.Cell(y)))
	}
	s.t(" (%s).", t.Edition)
	return s.segs
}

func sayLargestChange(lang string, b *knowledge.Base, t *knowledge.Table, label string, from, to int, x, z *knowledge.Figure, pct float64, dir int, least, relative bool, scope string) Sentence {
	s := &sentence{}
	n := name(lang, b, label)
	d := t.Value(z) - t.Value(x)
	diff := "+" + t.Format(d)
	if d < 0 {
		diff = "−" + t.Format(-d)
	}
	size, what := changeWords(lang, dir, least, relative)
	if turkish(lang) {
		s.t("%s%s, %d–%d %s %s: ", capitalize(measure(lang, t)), scope, from, to, size, what).b(n).t(", ").b(q(lang, t, x)).t(" → ").b(q(lang, t, z)).
			t(", %s (%s) (%s).", localize(lang, diff), localize(lang, signed(pct, "%")), t.Edition)
		return s.segs
	}
	s.b(n).t(" had the %s %s in %s%s from %d to %d: ", size, what, measure(lang, t), scope, from, to).b(q(lang, t, x)).t(" to ").b(q(lang, t, z))
	if relative {
		s.t(", %s (", diff).b(signed(pct, "%")).t(") (%s).", t.Edition)
		return s.segs
	}
	s.t(", %s (%s) (%s).", diff, signed(pct, "%"), t.Edition)
	return s.segs
}

// changeWords name a largest change in the answer's language: "largest rise", "smallest fall
// in per cent", "en küçük oransal düşüş".
func changeWords(lang string, dir int, least, relative bool) (size, what string) {
	tr := turkish(lang)
	pick := func(en, tr2 string) string {
		if tr {
			return tr2
		}
		return en
	}
	size, what = pick("largest", "en büyük"), pick("rise", "artış")
	if least {
		size = pick("smallest", "en küçük")
	}
	if dir < 0 {
		what = pick("fall", "düşüş")
	}
	if relative {
		what = pick(what+" in per cent", "oransal "+what)
	}
	return size, what
}

// scope says which rows a ranking took part in: " outside China", " in Africa".
func (r *Reading) scope(lang string, b *knowledge.Base) string {
	var names []string
	for _, row := range r.excluded {
		names = append(names, name(lang, b, row.Label))
	}
	for _, g := range r.exclGroup {
		names = append(names, name(lang, b, g))
	}
	group := make([]string, len(r.group))
	for i, g := range r.group {
		group[i] = name(lang, b, g)
	}
	and := " and "
	if turkish(lang) {
		and = " ve "
	}
	var s string
	switch {
	case len(group) > 0 && turkish(lang):
		s = " (" + strings.Join(group, and) + ")"
	case len(group) > 0:
		s = " in " + strings.Join(group, and)
	}
	switch {
	case len(names) > 0 && turkish(lang):
		s += " (" + strings.Join(names, and) + " hariç)"
	case len(names) > 0 && s == "" && (len(r.excluded) == 0 || placeRow(r.Table, r.excluded[0])):
		s += " outside " + strings.Join(names, and)
	case len(names) > 0:
		s += " other than " + strings.Join(names, and)
	}
	if len(r.among) > 0 && len(r.among) < len(r.Table.Rows) {
		among := make([]string, len(r.among))
		for i, row := range r.among {
			among[i] = name(lang, b, row.Label)
		}
		if turkish(lang) {
			s += " (" + strings.Join(among, ", ") + " arasında)"
		} else {
			s += " among " + strings.Join(among, ", ")
		}
	}
	return s
}

// placeRow reports whether a row is a place: its figures' facts are about it.
func placeRow(t *knowledge.Table, row *knowledge.Row) bool {
	for _, y := range t.Years {
		g := row.Cell(y)
		if g == nil {
			continue
		}
		for _, p := range g.Fact.Places {
			for _, n := range row.Names {
				if strings.EqualFold(p, n) {
					return true
				}
			}
		}
	}
	return false
}

// sayPerRatio says what one table's figure of a row is per its figure in another: how long
// reserves last at a year's production.
func sayPerRatio(lang string, b *knowledge.Base, num, den *knowledge.Table, label string, yn, yd int, x, z *knowledge.Figure, res string, years bool) Sentence {
	s := &sentence{}
	n := name(lang, b, label)
	switch {
	case turkish(lang) && years:
		s.b(n).t(" — %s (%d) ", measure(lang, num), yn).b(q(lang, num, x)).t(", %d %s hızıyla (", yd, measure(lang, den)).b(q(lang, den, z)).t(") ").b(localize(lang, res)).t(" yeter (%s).", num.Edition)
	case turkish(lang):
		s.b(n).t(" — %s (%d) ", measure(lang, num), yn).b(q(lang, num, x)).t(", %s (%d) ", measure(lang, den), yd).b(q(lang, den, z)).t(": oran ").b(localize(lang, res)).t(" (%s).", num.Edition)
	case years:
		s.b(n).t(" — %s of ", measure(lang, num)).b(q(lang, num, x)).t(" (%d) would last ", yn).b(res).t(" at the %d %s of ", yd, measure(lang, den)).b(q(lang, den, z)).t(" a year (%s).", num.Edition)
	default:
		s.b(n).t(" — %s of ", measure(lang, num)).b(q(lang, num, x)).t(" (%d) are ", yn).b(res).t(" its %s of ", measure(lang, den)).b(q(lang, den, z)).t(" (%d) (%s).", yd, num.Edition)
	}
	return s.segs
}

// saySum says what rows add up to, and their share of the total when there is one.
func saySum(lang string, b *knowledge.Base, t *knowledge.Table, labels []string, y int, total, pct string) Sentence {
	s := &sentence{}
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = name(lang, b, l)
	}
	if turkish(lang) {
		s.b(strings.Join(names, " ve ")).t(" birlikte — %s, %d: ", measure(lang, t), y).b(localize(lang, total))
		if pct != "" {
			s.t(", dünya toplamının ").b(localize(lang, pct))
		}
		s.t(" (%s).", t.Edition)
		return s.segs
	}
	s.b(strings.Join(names, " and ")).t(" together — %s in %d: ", measure(lang, t), y).b(total)
	if pct != "" {
		s.t(", ").b(pct).t(" of the world total")
	}
	s.t(" (%s).", t.Edition)
	return s.segs
}

// sayRest says what the total comes to without the rows left out, scope saying which.
func sayRest(lang string, t *knowledge.Table, scope string, y int, v, pct, eq string) Sentence {
	s := &sentence{}
	if turkish(lang) {
		s.t("%s%s, %d: ", capitalize(measure(lang, t)), scope, y).b(localize(lang, v))
		if pct != "" {
			s.t(", dünya toplamının ").b(localize(lang, pct))
		}
		s.t(" (%s; %s).", localize(lang, eq), t.Edition)
		return s.segs
	}
	s.t("%s%s in %d: ", capitalize(measure(lang, t)), scope, y).b(v)
	if pct != "" {
		s.t(", ").b(pct).t(" of the world total")
	}
	s.t(" (%s; %s).", eq, t.Edition)
	return s.segs
}

// sayWorked says a figure worked out from one the passage states: what a money figure comes
// to per unit of mass ("per unit", "birim başına"), what an amount of ore holds at its grade.
// en and tr say what was worked out.
func sayWorked(lang string, g *knowledge.Figure, en, tr, got, eq, source string) Sentence {
	s := &sentence{}
	if turkish(lang) {
		s.t("%s, %s (%s): ", g.Label, tr, figureYear(g)).b(localize(lang, got)).t(" (%s; %s).", localize(lang, eq), source)
		return s.segs
	}
	s.t("%s%s (%s): ", g.Label, en, figureYear(g)).b(got).t(" (%s; %s).", eq, source)
	return s.segs
}

// sayPartShare says what share of a whole one of its parts is, both figures of one passage.
func sayPartShare(lang string, b *knowledge.Base, part, whole *knowledge.Figure, pct string) Sentence {
	s := &sentence{}
	when := figureYear(part)
	if turkish(lang) {
		s.t("%s: %s içinde ", part.Label, whole.Label).b(localize(lang, pct)).t(" pay (%s ÷ %s; %s, %s).",
			localize(lang, part.String()), localize(lang, whole.String()), when, sourceName(b, part))
		return s.segs
	}
	s.t("%s: ", part.Label).b(pct).t(" of %s (%s ÷ %s; %s, %s).", whole.Label, part.String(), whole.String(), when, sourceName(b, part))
	return s.segs
}

// sayBestYear says in which year a row's figure was highest or lowest.
func sayBestYear(lang string, b *knowledge.Base, t *knowledge.Table, label string, year int, g *knowledge.Figure, from, to int, least bool) Sentence {
	s := &sentence{}
	n := name(lang, b, label)
	if turkish(lang) {
		adj := "en yüksek"
		if least {
			adj = "en düşük"
		}
		s.b(n).t(" — %s, %d–%d arasında %s: ", measure(lang, t), from, to, adj).b(strconv.Itoa(year)).t(", ").b(q(lang, t, g)).t(" (%s).", t.Edition)
		return s.segs
	}
	adj := "highest"
	if least {
		adj = "lowest"
	}
	s.b(n).t(" — %s, %s of %d–%d in ", measure(lang, t), adj, from, to).b(strconv.Itoa(year)).t(": ").b(q(lang, t, g)).t(" (%s).", t.Edition)
	return s.segs
}

// sayPassageSuperlative says which subject's figure of a kind that passages state is the
// largest or smallest, and the next one.
func sayPassageSuperlative(lang string, b *knowledge.Base, top string, g *knowledge.Figure, next string, ng *knowledge.Figure, of int, least bool) Sentence {
	s := &sentence{}
	if turkish(lang) {
		word := "en yüksek"
		if least {
			word = "en düşük"
		}
		s.b(top).t(": ").b(localize(lang, g.String())).t(" (%s; %s, %s), bilgi tabanındaki %d benzer değerin %si; ardından %s, %s.",
			g.Label, sourceName(b, g), g.AsOf, of, word, next, localize(lang, ng.String()))
		return s.segs
	}
	word := "highest"
	if least {
		word = "lowest"
	}
	s.b(top).t(": ").b(g.String()).t(" (%s; %s, %s), the %s of %d such figures in the knowledge base; next, %s at %s.",
		g.Label, sourceName(b, g), g.AsOf, word, of, next, ng.String())
	return s.segs
}

// dayInNote is a date written out ("10 November 2026").
var dayInNote = regexp.MustCompile(`\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b`)

// dayOfYear is the day a year figure's note gives in that year, "" when it gives none.
func dayOfYear(g *knowledge.Figure) string {
	if g.Unit != "year" {
		return ""
	}
	m := dayInNote.FindStringSubmatch(g.Note)
	if m == nil || m[1] != strconv.Itoa(int(g.Value)) {
		// "Pilot plant opened: 18 April 2023": the day the figure is dated, when it is of
		// the year stated
		if d, err := time.Parse("2006-01-02", g.AsOf); err == nil && d.Year() == int(g.Value) {
			return d.Format("2 January 2006")
		}
		return ""
	}
	return m[0]
}

// sayRankInPassage says where a figure comes among its passage's list: "Japan ranked 3rd of 4
// named: 6 % (2023, U.S. Geological Survey)."
func sayRankInPassage(lang string, b *knowledge.Base, g *knowledge.Figure, pos, of int) Sentence {
	s := &sentence{}
	n := name(lang, b, g.Label)
	if turkish(lang) {
		s.b(n).t(", listede ").b(fmt.Sprintf("%d içinde %d.", of, pos)).t(": ").b(localize(lang, g.String())).t(" (%s, %s).", g.AsOf, sourceName(b, g))
		return s.segs
	}
	s.b(n).t(" ranked ").b(fmt.Sprintf("%s of %d", knowledge.FormatQuantity(float64(pos), "rank", 0), of)).t(" named: ").b(g.String()).t(" (%s, %s).", g.AsOf, sourceName(b, g))
	return s.segs
}

// sayStages compares one subject's shares at two stages: "Higher in refining — China's share
// of refining (IEA): 92 % (2023, IEA); China's share of mining (IEA): 62 % (2023, IEA)."
func sayStages(lang string, b *knowledge.Base, hi, lo string, g1, g2 *knowledge.Figure) Sentence {
	s := &sentence{}
	if turkish(lang) {
		s.t("%s daha yüksek: ", hi).b(localize(lang, g1.String())).t(" (%s, %s); %s: ", g1.AsOf, sourceName(b, g1), lo).b(localize(lang, g2.String())).t(" (%s, %s).", g2.AsOf, sourceName(b, g2))
		return s.segs
	}
	s.t("Higher in %s — %s: ", hi, g1.Label).b(g1.String()).t(" (%s, %s); %s: ", g1.AsOf, sourceName(b, g1), g2.Label).b(g2.String()).t(" (%s, %s).", g2.AsOf, sourceName(b, g2))
	return s.segs
}

// sayPassageChange says how a passage's figure changed between two of its years.
func sayPassageChange(lang string, f *knowledge.Fact, x, z *knowledge.Figure, diff string, pct float64, source string) Sentence {
	s := &sentence{}
	what, _, _ := strings.Cut(f.Title, ":")
	if turkish(lang) {
		s.t("%s: %s yılında ", what, figureYear(x)).b(localize(lang, x.String())).t(", %s yılında ", figureYear(z)).b(localize(lang, z.String())).
			t("; değişim %s (%s) (%s).", localize(lang, diff), localize(lang, signed(pct, "%")), source)
		return s.segs
	}
	s.t("%s went from ", what).b(x.String()).t(" in %s to ", figureYear(x)).b(z.String()).t(" in %s: %s", figureYear(z), diff)
	if x.Unit != "%" {
		s.t(" (").b(signed(pct, "%")).t(")")
	}
	s.t(" (%s).", source)
	return s.segs
}
