package bot

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Embed colours by kind of passage.
const (
	colorFact     = 0x2b6cb0
	colorComputed = 0x805ad5
	colorQuote    = 0xd69e2e
	colorMiss     = 0x718096
)

func kindColor(f *knowledge.Fact) int {
	switch {
	case f.Formula != nil:
		return colorComputed
	case f.Quote != nil:
		return colorQuote
	}
	return colorFact
}

// factEmbed shows one passage: its text with the bold spans in bold (the answer's figures),
// its figures, the formula and inputs of a computed figure, other sources' values for the same
// measure, and where it comes from.
//
// The embed is cut to budget characters, dropping the least important fields first, and shows
// at most maxFigures figures.
func factEmbed(l locale, base *knowledge.Base, h index.Hit, budget, maxFigures int, bold []index.Span) *discordgo.MessageEmbed {
	f := h.Fact
	e := &discordgo.MessageEmbed{
		Title:       f.Title,
		Description: highlight(f.Text, bold),
		Color:       kindColor(f),
	}
	var fields []*discordgo.MessageEmbedField
	switch {
	case f.Formula != nil:
		e.Description += "\n\n**" + escapeMarkdown(l.equation(f.Formula.Equation())) + "**"
		fields = append(fields, &discordgo.MessageEmbedField{Name: l.t("Inputs"), Value: inputsList(l, base, f)})
	case f.Quote != nil:
		fields = append(fields, &discordgo.MessageEmbedField{Name: l.t("Said by"), Value: quoteLine(f.Quote)})
	}
	fields = append(fields, disagreements(l, base, f)...)
	if len(f.Figures) > 0 && f.Formula == nil {
		fields = append(fields, &discordgo.MessageEmbedField{Name: l.t("Figures"), Value: figureList(l, f.Figures, maxFigures, f.ID)})
	}
	e.Fields = fields
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer(l, f)}
	if srcs := f.Sources(); len(srcs) == 1 && srcs[0].URL != "" {
		e.URL = srcs[0].URL
	}
	fitBudget(e, budget)
	return e
}

// fitBudget keeps an embed within budget characters, dropping the least important (last)
// fields first, then cutting the description.
func fitBudget(e *discordgo.MessageEmbed, budget int) {
	for len(e.Fields) > 0 && EmbedLength(e) > budget {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if EmbedLength(e) > budget {
		e.Description = truncate(e.Description, utf8.RuneCountInString(e.Description)-(EmbedLength(e)-budget))
	}
}

// figureNumber finds the numbers of a sentence's bold parts, as they are written in a passage.
var figureNumber = regexp.MustCompile(`\d[\d,.]*\d|\d`)

// boldSpans finds where a passage's text gives the figures the direct answer makes bold, so
// that the passage marks the answer, not the question's words. A Turkish answer writes 12,5
// and 270.000 where the passage writes 12.5 and 270,000.
func boldSpans(l locale, text string, direct answer.Sentence) []index.Span {
	var spans []index.Span
	seen := map[string]bool{}
	for _, seg := range direct {
		if !seg.Bold {
			continue
		}
		for _, n := range figureNumber.FindAllString(seg.Text, -1) {
			if l == turkish {
				n = strings.NewReplacer(",", ".", ".", ",").Replace(n)
			}
			if seen[n] || len(n) < 2 {
				continue // a lone digit would mark too much
			}
			seen[n] = true
			for at := 0; ; { // the first whole occurrence: the others are context
				k := strings.Index(text[at:], n)
				if k < 0 {
					break
				}
				start, end := at+k, at+k+len(n)
				at = end
				// Whole numbers only: 270 is not the start of 270,000.
				if (start > 0 && isNumberByte(text[start-1])) || (end < len(text) && (isNumberByte(text[end]) || (end+1 < len(text) && (text[end] == ',' || text[end] == '.') && isNumberByte(text[end+1])))) {
					continue
				}
				spans = append(spans, index.Span{Start: start, End: end})
				break
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return spans
}

func isNumberByte(c byte) bool { return c >= '0' && c <= '9' }

// highlight writes text with the matched spans in bold, escaping everything else.
func highlight(text string, spans []index.Span) string {
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(escapeMarkdown(text[at:s.Start]))
		b.WriteString("**" + escapeMarkdown(text[s.Start:s.End]) + "**")
		at = s.End
	}
	b.WriteString(escapeMarkdown(text[at:]))
	return b.String()
}

func quoteLine(q *knowledge.Quote) string {
	s := escapeMarkdown(q.By)
	if q.Role != "" {
		s += ", " + escapeMarkdown(q.Role)
	}
	s += " (" + q.Said
	if q.Context != "" {
		s += ", " + escapeMarkdown(q.Context)
	}
	return s + ")"
}

// figureList writes up to max figures, one per line, with their dates.
func figureList(l locale, figs []*knowledge.Figure, max int, id string) string {
	var lines []string
	for i, g := range figs {
		if i == max {
			lines = append(lines, l.f("… and %d more: `/fact %s`", len(figs)-max, id))
			break
		}
		line := fmt.Sprintf("%s: **%s** (%s)", escapeMarkdown(g.Label), escapeMarkdown(l.figure(g)), g.AsOf)
		if g.Note != "" {
			line += ", " + escapeMarkdown(g.Note)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// inputsList writes each input of a computed figure with its source.
func inputsList(l locale, base *knowledge.Base, f *knowledge.Fact) string {
	var lines []string
	for _, in := range f.Formula.Inputs {
		lines = append(lines, fmt.Sprintf("%s: %s, %s", escapeMarkdown(in.Label), escapeMarkdown(l.figure(in)), origin(l, in)))
	}
	for _, s := range f.Formula.Series {
		list := base.Series(s)
		if len(list) == 0 {
			continue
		}
		lines = append(lines, l.f("%s: %d figures, largest %s (%s), %s", s, len(list), escapeMarkdown(l.figure(list[0])), escapeMarkdown(list[0].Label), origin(l, list[0])))
	}
	return strings.Join(lines, "\n")
}

// origin says where a figure comes from: its source and date, or "computed".
func origin(l locale, g *knowledge.Figure) string {
	if g.Source == nil {
		return l.f("computed (`/fact %s`)", g.Fact.ID)
	}
	return escapeMarkdown(g.Source.Publisher) + " " + g.AsOf
}

// disagreements lists, for each figure of f that sources give differently, every value side
// by side with its source.
func disagreements(l locale, base *knowledge.Base, f *knowledge.Fact) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	seen := map[string]bool{}
	for _, g := range f.Figures {
		others := base.SameMeasure(g)
		if others == nil || seen[g.Measure] {
			continue
		}
		seen[g.Measure] = true
		sorted := append([]*knowledge.Figure{}, others...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].AsOf > sorted[j].AsOf })
		var lines []string
		for _, o := range sorted {
			line := fmt.Sprintf("**%s**: %s", escapeMarkdown(l.figure(o)), origin(l, o))
			if o.Note != "" {
				line += ", " + escapeMarkdown(o.Note)
			}
			if o == g {
				line += l.t(" ← this answer")
			}
			lines = append(lines, "• "+line)
		}
		out = append(out, &discordgo.MessageEmbedField{Name: l.f("Sources differ: %s", g.Label), Value: strings.Join(lines, "\n")})
	}
	return out
}

func footer(l locale, f *knowledge.Fact) string {
	if f.Formula != nil {
		return l.f("Computed by REE Desk from the inputs above · /fact %s", f.ID)
	}
	s := f.Source
	return l.f("Source: %s, %s (%s) · /fact %s", s.Publisher, s.Title, s.Date, f.ID)
}

// relatedLine is one line of "Also relevant": the title, its latest figure with its date when
// the title does not already give it, and how to see it all.
func relatedLine(l locale, r answer.Related) string {
	f := r.Fact
	line := escapeMarkdown(f.Title)
	if g := r.Figure; g != nil {
		if q := g.Quantity(); !strings.Contains(f.Title, knowledge.FormatNumber(g.Value, -1)) && !strings.Contains(f.Title, q) {
			line += ": **" + escapeMarkdown(l.figure(g)) + "** (" + g.AsOf + ")"
		}
	}
	return line + " (`" + l.f("/fact %s", f.ID) + "`)"
}

// conversions shows a passage's figures in the units a question names, when they are given
// in another unit of the same kind: "How many feet per site?" on a figure in metres.
func conversions(l locale, units []string, f *knowledge.Fact) string {
	var lines []string
	for _, to := range units {
		for _, g := range f.Figures {
			base := strings.TrimSuffix(g.Unit, "/yr")
			if base == to || g.Unit == to {
				continue
			}
			v, err := knowledge.Convert(g.Value, base, to)
			if err != nil {
				continue
			}
			unit := to
			if strings.HasSuffix(g.Unit, "/yr") {
				unit += "/yr"
			}
			lines = append(lines, escapeMarkdown(g.Label)+": **"+escapeMarkdown(l.amount(g)+" = "+l.format(v, unit, decimalsFor(v)))+"**")
		}
	}
	return strings.Join(limitLines(l, lines, 4), "\n")
}

// limitLines keeps the first max lines and says how many more there are.
func limitLines(l locale, lines []string, max int) []string {
	if len(lines) <= max {
		return lines
	}
	return append(lines[:max:max], l.f("… and %d more", len(lines)-max))
}

// decimalsFor shows about three significant digits.
func decimalsFor(v float64) int {
	switch a := math.Abs(v); {
	case a == 0 || a >= 100:
		return 0
	case a >= 10:
		return 1
	case a >= 1:
		return 2
	}
	return 3
}

// escapeMarkdown escapes the characters that format text in Discord, so that curated text
// shows as written.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '~', '`', '|':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeInput makes echoed user input inert: no formatting, no line breaks, and no mention,
// channel or emoji syntax (allowed_mentions is empty as well, so nothing could ping anyway).
func escapeInput(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = escapeMarkdown(s)
	s = strings.ReplaceAll(s, "@", "@\u200b")
	s = strings.ReplaceAll(s, "<", "<\u200b")
	s = strings.ReplaceAll(s, "](", "]\u200b(")
	return s
}
