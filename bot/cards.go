package bot

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/chart"
	"github.com/reedesk/reedesk/knowledge"
)

// The quick-stats cards (/stats, /element, /compare) are read at a glance: each figure is a
// tile, an inline field whose name is the figure, so that the figures of a row line up
// however their labels wrap below them; the label says what it is, the source line where it
// comes from (a publication's edition, or publisher and month). Fact ids, which break at
// their hyphens in a narrow column, stay out of the tiles: one full-width field lists them.

// tiles builds a card's tiles and gathers the notes of their figures as footnotes: a note
// qualifies a figure ("not a JORC-certified reserve", "suspended until 10 November 2026") and
// a card must not drop it, but written out in a tile it would take more lines than the figure.
type tiles struct {
	l     locale
	base  *knowledge.Base
	now   time.Time // a fact whose validity ended by now says so
	notes []string
}

// superscripts mark footnotes.
var superscripts = []string{"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}

// tile shows one figure. On a card titled by what it is about, a label that starts with it
// says so once: "Implied ore grade" under "Beylikova rare earth deposit", not "Beylikova's
// implied ore grade".
func (t *tiles) tile(g *knowledge.Figure, cardTitle string) *discordgo.MessageEmbedField {
	label := cardLabel(t.l, t.base, g)
	if owner, rest, ok := strings.Cut(label, "'s "); ok && !strings.Contains(owner, " ") && rest != "" && strings.Contains(cardTitle, owner) {
		r := []rune(rest)
		label = string(unicode.ToUpper(r[0])) + string(r[1:])
	}
	return t.labelled(g, label)
}

// labelled shows a figure under a label of the caller's.
func (t *tiles) labelled(g *knowledge.Figure, label string) *discordgo.MessageEmbedField {
	label = escapeMarkdown(label)
	n := cardNote(g, label)
	if lapsed := t.l.lapsedNote(g.Fact, t.now); lapsed != "" {
		n = strings.TrimSpace(strings.TrimSuffix(n, ".") + ". " + lapsed)
		n = strings.TrimPrefix(n, ". ")
	}
	if n != "" {
		k := slices.Index(t.notes, n)
		if k < 0 && len(t.notes) < len(superscripts) {
			t.notes = append(t.notes, n)
			k = len(t.notes) - 1
		}
		if k >= 0 {
			label += "\u00a0" + superscripts[k]
		}
	}
	value := label + "\n" + escapeMarkdown(sourceLine(t.l, t.base, g))
	if n := len(t.base.SameMeasure(g)); n > 1 {
		value += t.l.f("\n%d sources differ", n)
	}
	return &discordgo.MessageEmbedField{Name: escapeMarkdown(t.l.figure(g)), Value: value, Inline: true}
}

// notesField lists the footnotes, or is nil.
func (t *tiles) notesField() *discordgo.MessageEmbedField {
	if len(t.notes) == 0 {
		return nil
	}
	lines := make([]string, len(t.notes))
	for i, n := range t.notes {
		lines[i] = superscripts[i] + " " + escapeMarkdown(n)
	}
	return &discordgo.MessageEmbedField{Name: t.l.t("Notes"), Value: strings.Join(lines, "\n")}
}

// cardNote is the first sentence of a figure's note without what the source line or the label
// says already ("USGS MCS 2025 edition; estimate" gives "Estimate"), or "".
func cardNote(g *knowledge.Figure, label string) string {
	first := strings.TrimSuffix(strings.TrimSpace(firstSentence(g.Note)), ".")
	var keep []string
	for _, clause := range strings.Split(first, "; ") {
		clause = strings.TrimSpace(clause)
		if clause == "" || g.Source != nil && restatesSource(clause, g.Source) || strings.Contains(strings.ToLower(label), strings.ToLower(clause)) {
			continue
		}
		keep = append(keep, clause)
	}
	if len(keep) == 0 {
		return ""
	}
	out := []rune(strings.Join(keep, "; "))
	return string(unicode.ToUpper(out[0])) + string(out[1:])
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{"No": true, "Nos": true, "Art": true, "e.g": true, "i.e": true, "U.S": true, "St": true, "Mt": true, "approx": true, "vs": true}

// firstSentence is s up to the full stop that ends its first sentence: one followed by a space
// and a capital, after a word that is no abbreviation ("Announcement No. 57 was …").
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' || !unicode.IsUpper(rune(s[i+2])) {
			continue
		}
		word := s[strings.LastIndexAny(s[:i], " (")+1 : i]
		if !abbreviations[word] {
			return s[:i+1]
		}
	}
	return s
}

// restatesSource reports whether a clause of a note only names the figure's source: "USGS MCS
// 2025 edition", "USGS MCS 2025 (Argus)".
func restatesSource(clause string, s *knowledge.Source) bool {
	e := s.Edition()
	return e != "" && strings.HasPrefix(clause, e) && (clause == e || strings.HasPrefix(clause, e+" edition") || strings.HasPrefix(clause, e+" ("))
}

// figureSources are the publications a figure comes from: its source, or for a computed one
// those of its inputs and of the series it ranks or sums.
func figureSources(base *knowledge.Base, g *knowledge.Figure) []*knowledge.Source {
	if g.Source != nil {
		return []*knowledge.Source{g.Source}
	}
	out := g.Fact.Sources()
	seen := map[*knowledge.Source]bool{}
	for _, s := range out {
		seen[s] = true
	}
	if f := g.Fact.Formula; f != nil {
		for _, name := range f.Series {
			for _, sg := range base.Series(name) {
				for _, s := range figureSources(base, sg) {
					if !seen[s] {
						seen[s] = true
						out = append(out, s)
					}
				}
			}
		}
	}
	return out
}

// sourceName names a source as briefly as a tile allows: its edition ("USGS MCS 2025"), else
// its publisher's short name.
func sourceName(s *knowledge.Source) string {
	if e := s.Edition(); e != "" {
		return unbroken(e)
	}
	return shortPublisher(s.Publisher)
}

var (
	acronymInParens = regexp.MustCompile(`\(([A-Z][A-Z0-9&]+)\)`)
	parenthetical   = regexp.MustCompile(`\s*\([^)]*\)`)
)

// shortPublisher is the acronym a publisher gives in parentheses ("International Energy
// Agency (IEA)"), else its name before any comma and without asides: "Brink News (Xianbin
// Yao)" gives Brink News. /fact names the publisher in full.
func shortPublisher(p string) string {
	if m := acronymInParens.FindStringSubmatch(p); m != nil {
		return m[1]
	}
	name, _, _ := strings.Cut(p, ",")
	if short := strings.TrimSpace(parenthetical.ReplaceAllString(name, "")); short != "" {
		return short
	}
	return p
}

// sourceLine says where a figure comes from. An edition needs no date; another source gets
// its month, which cannot break across lines ("Anadolu Agency, Oct 2025"); a computed figure
// names the sources of its inputs.
func sourceLine(l locale, base *knowledge.Base, g *knowledge.Figure) string {
	if g.Source != nil {
		if e := g.Source.Edition(); e != "" {
			return unbroken(e)
		}
		return shortPublisher(g.Source.Publisher) + ", " + cardDate(l, g.Source.Date)
	}
	names := uniqueNames(figureSources(base, g))
	if len(names) > 2 {
		return l.f("computed from %d sources", len(names))
	}
	if len(names) == 0 {
		return l.t("computed")
	}
	return l.f("computed from %s", strings.Join(names, l.t(" and ")))
}

// unbroken joins the words of a short name with no-break spaces, so that "USGS MCS 2025" is
// never split across the lines of a narrow tile.
func unbroken(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

func uniqueNames(srcs []*knowledge.Source) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range srcs {
		if n := sourceName(s); !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// cardDate writes a date as a tile shows it, with a no-break space so that it stays on one
// line: "Oct 2025" ("Eki 2025" in Turkish), "2024". A day is shown as its month: the source
// line is not the place for it, /fact is.
func cardDate(l locale, s string) string {
	p, err := knowledge.ParsePeriod(s)
	if err != nil {
		return s
	}
	if p.Precision == "year" {
		return p.First.Format("2006")
	}
	return l.month(p.First) + "\u00a0" + p.First.Format("2006")
}

// cardLabel is a figure's label as a tile shows it. An aside that the source line already
// gives goes ("(USGS MCS 2025)", "(AA)", "(IEA)"), as does a computed figure's aside that
// restates its inputs ("(12.5 Mt of oxides in 694 Mt of ore)"): /fact shows the equation.
// A figure for another time than its source's date says when: "China, 2024" from the 2025
// edition.
func cardLabel(l locale, base *knowledge.Base, g *knowledge.Figure) string {
	return cardLabelOf(l, base, g, g.Label)
}

// cardLabelOf is cardLabel for a label of the caller's.
func cardLabelOf(l locale, base *knowledge.Base, g *knowledge.Figure, label string) string {
	srcs := figureSources(base, g)
	if i := strings.LastIndex(label, " ("); i > 0 && strings.HasSuffix(label, ")") {
		aside := label[i+2 : len(label)-1]
		if namesSource(aside, srcs) || g.Source == nil && strings.ContainsAny(aside, "0123456789") {
			label = label[:i]
		}
	}
	if g.AsOf == "" || strings.Contains(label, g.AsOf[:min(4, len(g.AsOf))]) {
		return label
	}
	for _, s := range srcs {
		if strings.HasPrefix(s.Date, g.AsOf) || strings.HasPrefix(g.AsOf, s.Date) || cardDate(english, s.Date) == cardDate(english, g.AsOf) {
			return label
		}
	}
	return label + ", " + cardDate(l, g.AsOf)
}

// namesSource reports whether an aside names one of the sources: its edition, its publisher
// or the publisher's initials.
func namesSource(aside string, srcs []*knowledge.Source) bool {
	for _, s := range srcs {
		if aside == s.Edition() || aside == shortPublisher(s.Publisher) || strings.HasPrefix(s.Publisher, aside) || aside == initialsOf(s.Publisher) {
			return true
		}
	}
	return false
}

// initialsOf is "AA" for Anadolu Agency.
func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if r := []rune(w)[0]; unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// factLineWidth is how many characters a line of fact ids may take: the width of an embed on a
// phone, so that the lines break where they are written and never inside an id.
const factLineWidth = 40

// minGroup is how many ids must share a prefix ("usgs-mine-") to be listed under it: the rows
// of a table that a chart draws.
const minGroup = 3

// factsField lists fact ids as /fact takes them. Ids that share a prefix are listed under it
// ("`usgs-mine-…` china, us, burma"), the others several to a line; no line is wider than a
// phone's embed, so a line breaks where it is written, never inside an id.
func factsField(name string, ids []string) *discordgo.MessageEmbedField {
	groups := map[string][]string{}
	var order []string // prefixes, and ids of no group, in order of first appearance
	for _, id := range ids {
		p := groupPrefix(id, ids)
		if p == "" {
			order = append(order, id)
			continue
		}
		if groups[p] == nil {
			order = append(order, p)
		}
		groups[p] = append(groups[p], strings.TrimPrefix(id, p))
	}
	var lines []string
	line, n := "", 0
	flush := func() {
		if line != "" {
			lines = append(lines, line)
			line, n = "", 0
		}
	}
	for _, item := range order {
		if rest, ok := groups[item]; ok {
			flush()
			// non-breaking hyphens: "suspension-nov-2025" stays on one line
			lines = append(lines, "`"+item+"…` "+strings.ReplaceAll(strings.Join(rest, ", "), "-", "\u2011"))
			continue
		}
		w := len([]rune(item))
		if n > 0 && n+3+w > factLineWidth {
			flush()
		}
		if n > 0 {
			line += " · "
			n += 3
		}
		line += "`" + item + "`"
		n += w
	}
	flush()
	return &discordgo.MessageEmbedField{Name: name, Value: strings.Join(lines, "\n")}
}

// groupPrefix is the longest prefix ending in a hyphen that id shares with at least minGroup
// of ids, or "".
func groupPrefix(id string, ids []string) string {
	for end := strings.LastIndex(id, "-"); end > 0; end = strings.LastIndex(id[:end], "-") {
		p := id[:end+1]
		n := 0
		for _, other := range ids {
			if strings.HasPrefix(other, p) && other != p {
				n++
			}
		}
		if n >= minGroup {
			return p
		}
	}
	return ""
}

// appendIDs adds ids not yet in list.
func appendIDs(list []string, ids ...string) []string {
	for _, id := range ids {
		found := false
		for _, have := range list {
			if have == id {
				found = true
				break
			}
		}
		if !found {
			list = append(list, id)
		}
	}
	return list
}

// showCharts puts charts on a card: the first as the card's image, any other in an embed of
// its own, and every chart as a file the message uploads.
func showCharts(data *discordgo.InteractionResponseData, charts []*chart.Chart) {
	for i, c := range charts {
		img := &discordgo.MessageEmbedImage{URL: "attachment://" + c.File()}
		if i == 0 {
			data.Embeds[0].Image = img
		} else {
			data.Embeds = append(data.Embeds, &discordgo.MessageEmbed{Color: data.Embeds[0].Color, Image: img})
		}
		data.Files = append(data.Files, chartFile(c))
	}
}

// significant counts the significant digits of a figure as written: 270,000 has 2, 12.5 has
// 3, 1.80 has 3, 0.05 has 1.
func significant(g *knowledge.Figure) int {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' {
			return r
		}
		return -1
	}, numberPart(g.Quantity()))
	intPart, frac, dotted := strings.Cut(digits, ".")
	if !dotted {
		intPart = strings.TrimRight(intPart, "0")
	}
	all := strings.TrimLeft(intPart+frac, "0")
	return max(len(all), 1)
}

// writtenDecimals counts the decimals of a figure as written: 1.80 % has 2.
func writtenDecimals(g *knowledge.Figure) int {
	if _, frac, ok := strings.Cut(numberPart(g.Quantity()), "."); ok {
		return len(frac)
	}
	return 0
}

// numberPart is the first number of a quantity as written: "270,000" of "270,000 t".
func numberPart(q string) string {
	start := strings.IndexFunc(q, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return ""
	}
	end := start
	for end < len(q) && (q[end] >= '0' && q[end] <= '9' || q[end] == ',' || q[end] == '.' && end+1 < len(q) && q[end+1] >= '0' && q[end+1] <= '9') {
		end++
	}
	return q[start:end]
}

// roundSignificant writes v with n significant digits and no trailing zeros: 6 with 2 digits
// is "6", 571.4 is "570", 0.01801 with 3 is "0.018".
func roundSignificant(v float64, n int) string {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return knowledge.FormatNumber(v, 0)
	}
	d := n - 1 - int(math.Floor(math.Log10(math.Abs(v))))
	p := math.Pow10(d)
	r := math.Round(v*p) / p
	s := knowledge.FormatNumber(r, max(d, 0))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
