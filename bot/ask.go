package bot

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// firstEmbedBudget keeps the best answer focused: one fact or figure and its context.
const firstEmbedBudget = 1400

// Embed colours by kind of passage.
const (
	colorFact     = 0x2b6cb0
	colorComputed = 0x805ad5
	colorQuote    = 0xd69e2e
	colorMiss     = 0x718096
)

// exampleQuestions are offered when a question finds nothing.
var exampleQuestions = []string{
	"How much rare earth oxide is at Beylikova?",
	"What share of world mine production comes from China?",
	"How much does the value multiply from magnets to electric motors?",
}

func (b *Bot) ask(ctx context.Context, r request) Reply {
	q := strings.TrimSpace(r.str("question"))
	res, err := b.idx.Search(ctx, q, 4)
	if err != nil {
		b.log.ErrorContext(ctx, "search failed", "err", err)
		return failure(OutcomeError, "Sorry, the search failed. Please try again in a moment.")
	}
	data := answer(res)
	if !res.Miss && len(res.Hits) > 0 {
		data.Components = askButtons(q, len(res.Hits) > 1)
	}
	if r.flag("hide") {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	reply := message(data)
	if res.Miss || len(res.Hits) == 0 {
		reply.Outcome = OutcomeMiss
	}
	return reply
}

// Buttons carry the question in their custom id, so that any replica can answer a click.
const (
	moreButton    = "more:"
	sourcesButton = "sources:"
)

func customID(prefix, q string) string {
	max := 100 - len(prefix)
	for len(q) > max {
		_, size := utf8.DecodeLastRuneInString(q)
		q = q[:len(q)-size]
	}
	return prefix + q
}

func askButtons(q string, more bool) []discordgo.MessageComponent {
	var buttons []discordgo.MessageComponent
	if more {
		buttons = append(buttons, discordgo.Button{Label: "More results", Style: discordgo.PrimaryButton, CustomID: customID(moreButton, q)})
	}
	buttons = append(buttons, discordgo.Button{Label: "Sources", Style: discordgo.SecondaryButton, CustomID: customID(sourcesButton, q)})
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// component answers a button click, only to the user who clicked.
func (b *Bot) component(ctx context.Context, i *discordgo.Interaction) Reply {
	id := i.MessageComponentData().CustomID
	switch {
	case strings.HasPrefix(id, moreButton):
		return b.more(ctx, strings.TrimPrefix(id, moreButton))
	case strings.HasPrefix(id, sourcesButton):
		return b.sources(ctx, strings.TrimPrefix(id, sourcesButton))
	}
	return failure(OutcomeBadInput, "That button is no longer supported; ask again with /ask.")
}

// more shows the passages after the best one, each highlighted.
func (b *Bot) more(ctx context.Context, q string) Reply {
	res, err := b.idx.Search(ctx, q, 6)
	if err != nil || res.Miss || len(res.Hits) < 2 {
		return failure(OutcomeMiss, "There are no more results for that question.")
	}
	data := &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	for _, h := range res.Hits[1:] {
		_, text := b.idx.Highlight(q, h.Fact)
		data.Embeds = append(data.Embeds, &discordgo.MessageEmbed{
			Title:       h.Fact.Title,
			Description: truncate(highlight(h.Fact.Text, text), 600),
			Color:       kindColor(h.Fact),
			Footer:      &discordgo.MessageEmbedFooter{Text: footer(h.Fact)},
		})
	}
	return message(data)
}

// sources lists every source behind the answer to q, with links.
func (b *Bot) sources(ctx context.Context, q string) Reply {
	res, err := b.idx.Search(ctx, q, 4)
	if err != nil || res.Miss || len(res.Hits) == 0 {
		return failure(OutcomeMiss, "I found no sources for that question.")
	}
	seen := map[*knowledge.Source]bool{}
	var lines []string
	add := func(s *knowledge.Source) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		line := "• " + escapeMarkdown(s.Cite())
		if s.URL != "" {
			line += "\n  <" + s.URL + ">"
		}
		if s.Note != "" {
			line += "\n  " + escapeMarkdown(truncate(s.Note, 200))
		}
		lines = append(lines, line)
	}
	for _, h := range res.Hits {
		for _, s := range h.Fact.Sources() {
			add(s)
		}
		for _, g := range h.Fact.Figures {
			for _, o := range res.Base.SameMeasure(g) {
				for _, s := range o.Fact.Sources() {
					add(s)
				}
			}
		}
	}
	data := &discordgo.InteractionResponseData{
		Flags:  discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{{Title: "Sources", Description: strings.Join(lines, "\n"), Color: colorMiss}},
	}
	return message(data)
}

func kindColor(f *knowledge.Fact) int {
	switch {
	case f.Formula != nil:
		return colorComputed
	case f.Quote != nil:
		return colorQuote
	}
	return colorFact
}

// answer renders a search result: the best passage as the first embed, and a short list of
// other passages that match.
func answer(res *index.Result) *discordgo.InteractionResponseData {
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if res.Miss || len(res.Hits) == 0 {
		data.Embeds = []*discordgo.MessageEmbed{missEmbed(res)}
		return data
	}
	if len(res.Corrections) > 0 {
		var parts []string
		for _, c := range res.Corrections {
			parts = append(parts, fmt.Sprintf("“%s” for “%s”", escapeInput(c.To), escapeInput(c.From)))
		}
		data.Content = "Searched " + strings.Join(parts, ", ") + "."
	}
	first := factEmbed(res.Base, res.Hits[0], firstEmbedBudget, 6)
	if c := conversions(res.Query, res.Hits[0].Fact); c != "" {
		// Before the other fields: the question asked for this unit.
		first.Fields = append([]*discordgo.MessageEmbedField{{Name: "In the unit asked", Value: c}}, first.Fields...)
	}
	data.Embeds = []*discordgo.MessageEmbed{first}
	if len(res.Hits) > 1 {
		var lines []string
		for _, h := range res.Hits[1:] {
			lines = append(lines, "• "+relatedLine(h.Fact))
		}
		data.Embeds = append(data.Embeds, &discordgo.MessageEmbed{
			Title:       "Also relevant",
			Description: strings.Join(lines, "\n"),
			Color:       colorMiss,
		})
	}
	return data
}

// unitWords are the ways a question names a unit it wants an answer in.
var unitWords = regexp.MustCompile(`(?i)\b(feet|foot|ft|metres?|meters?|kilomet(?:re|er)s?|km|kilograms?|kg|(?:thousand|million|billion) (?:tonnes|tons)|kt|tonnes?|tons?)\b`)

var unitOf = map[string]string{
	"feet": "ft", "foot": "ft", "ft": "ft", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
	"kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "km": "km",
	"kilogram": "kg", "kilograms": "kg", "kg": "kg", "kt": "kt",
	"thousand tonnes": "kt", "thousand tons": "kt", "million tonnes": "Mt", "million tons": "Mt",
	"billion tonnes": "Bt", "billion tons": "Bt", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
}

// conversions shows a passage's figures in the units a question names, when they are given
// in another unit of the same kind: "How many feet per site?" on a figure in metres.
func conversions(q string, f *knowledge.Fact) string {
	var lines []string
	seen := map[string]bool{}
	for _, w := range unitWords.FindAllString(q, -1) {
		to := unitOf[strings.ToLower(w)]
		if seen[to] {
			continue
		}
		seen[to] = true
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
			lines = append(lines, escapeMarkdown(g.Label)+": **"+escapeMarkdown(g.Quantity()+" = "+knowledge.FormatQuantity(v, unit, decimalsFor(v)))+"**")
		}
	}
	return strings.Join(limitLines(lines, 4), "\n")
}

// relatedLine is one line of "Also relevant": the title, its main figure when the title does
// not already give it, and how to see it all.
func relatedLine(f *knowledge.Fact) string {
	line := escapeMarkdown(f.Title)
	if len(f.Figures) > 0 {
		g := f.Figures[0]
		if q := g.Quantity(); !strings.Contains(f.Title, knowledge.FormatNumber(g.Value, -1)) && !strings.Contains(f.Title, q) {
			line += ": **" + escapeMarkdown(g.String()) + "**"
		}
	}
	return line + " (`/fact " + f.ID + "`)"
}

// factEmbed shows one passage: its text with the matched words in bold, its figures, the
// formula and inputs of a computed figure, other sources' values for the same measure, and
// where it comes from.
//
// The embed is cut to budget characters, dropping the least important fields first, and shows
// at most maxFigures figures.
func factEmbed(base *knowledge.Base, h index.Hit, budget, maxFigures int) *discordgo.MessageEmbed {
	f := h.Fact
	e := &discordgo.MessageEmbed{
		Title:       f.Title,
		Description: highlight(f.Text, h.TextSpans),
		Color:       kindColor(f),
	}
	var fields []*discordgo.MessageEmbedField
	switch {
	case f.Formula != nil:
		e.Description += "\n\n**" + escapeMarkdown(f.Formula.Equation()) + "**"
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Inputs", Value: inputsList(base, f)})
	case f.Quote != nil:
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Said by", Value: quoteLine(f.Quote)})
	}
	fields = append(fields, disagreements(base, f)...)
	if len(f.Figures) > 0 && f.Formula == nil {
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Figures", Value: figureList(f.Figures, maxFigures, f.ID)})
	}
	e.Fields = fields
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer(f)}
	if srcs := f.Sources(); len(srcs) == 1 && srcs[0].URL != "" {
		e.URL = srcs[0].URL
	}
	// Drop the least important fields until the answer is focused.
	for len(e.Fields) > 0 && EmbedLength(e) > budget {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if EmbedLength(e) > budget {
		e.Description = truncate(e.Description, utf8.RuneCountInString(e.Description)-(EmbedLength(e)-budget))
	}
	return e
}

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
func figureList(figs []*knowledge.Figure, max int, id string) string {
	var lines []string
	for i, g := range figs {
		if i == max {
			lines = append(lines, fmt.Sprintf("… and %d more: `/fact %s`", len(figs)-max, id))
			break
		}
		line := fmt.Sprintf("%s: **%s** (%s)", escapeMarkdown(g.Label), escapeMarkdown(g.String()), g.AsOf)
		if g.Note != "" {
			line += ", " + escapeMarkdown(g.Note)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// inputsList writes each input of a computed figure with its source.
func inputsList(base *knowledge.Base, f *knowledge.Fact) string {
	var lines []string
	for _, in := range f.Formula.Inputs {
		lines = append(lines, fmt.Sprintf("%s: %s, %s", escapeMarkdown(in.Label), escapeMarkdown(in.String()), origin(in)))
	}
	for _, s := range f.Formula.Series {
		list := base.Series(s)
		if len(list) == 0 {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %d figures, largest %s (%s), %s", s, len(list), escapeMarkdown(list[0].String()), escapeMarkdown(list[0].Label), origin(list[0])))
	}
	return strings.Join(lines, "\n")
}

// origin says where a figure comes from: its source and date, or "computed".
func origin(g *knowledge.Figure) string {
	if g.Source == nil {
		return "computed (`/fact " + g.Fact.ID + "`)"
	}
	return escapeMarkdown(g.Source.Publisher) + " " + g.AsOf
}

// disagreements lists, for each figure of f that sources give differently, every value side
// by side with its source.
func disagreements(base *knowledge.Base, f *knowledge.Fact) []*discordgo.MessageEmbedField {
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
			line := fmt.Sprintf("**%s**: %s", escapeMarkdown(o.String()), origin(o))
			if o.Note != "" {
				line += ", " + escapeMarkdown(o.Note)
			}
			if o == g {
				line += " ← this answer"
			}
			lines = append(lines, "• "+line)
		}
		out = append(out, &discordgo.MessageEmbedField{Name: "Sources differ: " + g.Label, Value: strings.Join(lines, "\n")})
	}
	return out
}

func footer(f *knowledge.Fact) string {
	if f.Formula != nil {
		return "Computed by REE Desk from the inputs above · /fact " + f.ID
	}
	s := f.Source
	return "Source: " + s.Publisher + ", " + s.Title + " (" + s.Date + ") · /fact " + f.ID
}

func missEmbed(res *index.Result) *discordgo.MessageEmbed {
	desc := "I found nothing in the knowledge base that answers “" + escapeInput(truncate(res.Query, 200)) + "”."
	if len(res.Suggestions) > 0 {
		desc += "\n\nClosest words I know: " + escapeMarkdown(strings.Join(res.Suggestions, ", ")) + "."
	}
	var topics []string
	for _, t := range res.Base.Topics {
		topics = append(topics, t.Title)
	}
	desc += "\n\nI know about: " + escapeMarkdown(strings.Join(topics, "; ")) + "."
	desc += "\n\nTry one of these:"
	for _, q := range exampleQuestions {
		desc += "\n• /ask question:" + q
	}
	return &discordgo.MessageEmbed{Title: "No match", Description: desc, Color: colorMiss}
}
