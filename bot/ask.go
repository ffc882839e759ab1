package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"

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

func (b *Bot) ask(ctx context.Context, r request) *discordgo.InteractionResponse {
	q := strings.TrimSpace(r.str("question"))
	if q == "" {
		return errorResponse("Ask a question, for example: /ask question:" + exampleQuestions[0])
	}
	res, err := b.search.Search(ctx, q, 4)
	if err != nil {
		b.log.ErrorContext(ctx, "search failed", "err", err)
		return errorResponse("Sorry, the search failed. Please try again in a moment.")
	}
	data := answer(res)
	if r.flag("hide") {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
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
	data.Embeds = []*discordgo.MessageEmbed{factEmbed(res.Base, res.Hits[0])}
	if len(res.Hits) > 1 {
		var lines []string
		for _, h := range res.Hits[1:] {
			lines = append(lines, fmt.Sprintf("• %s (`/fact %s`)", escapeMarkdown(h.Fact.Title), h.Fact.ID))
		}
		data.Embeds = append(data.Embeds, &discordgo.MessageEmbed{
			Title:       "Also relevant",
			Description: strings.Join(lines, "\n"),
			Color:       colorMiss,
		})
	}
	return data
}

// factEmbed shows one passage: its text with the matched words in bold, its figures, the
// formula and inputs of a computed figure, other sources' values for the same measure, and
// where it comes from.
func factEmbed(base *knowledge.Base, h index.Hit) *discordgo.MessageEmbed {
	f := h.Fact
	e := &discordgo.MessageEmbed{
		Title:       f.Title,
		Description: highlight(f.Text, h.TextSpans),
		Color:       colorFact,
	}
	var fields []*discordgo.MessageEmbedField
	switch {
	case f.Formula != nil:
		e.Color = colorComputed
		e.Description += "\n\n**" + escapeMarkdown(f.Formula.Equation()) + "**"
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Inputs", Value: inputsList(base, f)})
	case f.Quote != nil:
		e.Color = colorQuote
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Said by", Value: quoteLine(f.Quote)})
	}
	fields = append(fields, disagreements(base, f)...)
	if len(f.Figures) > 0 && f.Formula == nil {
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Figures", Value: figureList(f.Figures, 6, f.ID)})
	}
	e.Fields = fields
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer(f)}
	if srcs := f.Sources(); len(srcs) == 1 && srcs[0].URL != "" {
		e.URL = srcs[0].URL
	}
	// Drop the least important fields until the answer is focused.
	for len(e.Fields) > 0 && EmbedLength(e) > firstEmbedBudget {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if EmbedLength(e) > firstEmbedBudget {
		e.Description = truncate(e.Description, utf8Len(e.Description)-(EmbedLength(e)-firstEmbedBudget))
	}
	return e
}

func utf8Len(s string) int { return len([]rune(s)) }

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
	desc += "\n\nTry one of these:"
	for _, q := range exampleQuestions {
		desc += "\n• /ask question:" + q
	}
	return &discordgo.MessageEmbed{Title: "No match", Description: desc, Color: colorMiss}
}
