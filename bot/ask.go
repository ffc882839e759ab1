package bot

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/chart"
	"github.com/reedesk/reedesk/knowledge"
)

// firstEmbedBudget keeps the best answer focused: one fact or figure and its context.
const firstEmbedBudget = 1400

// ask answers a question: a sentence that answers it first, then the passage or the working
// behind it, then a short list of other passages.
func (b *Bot) ask(ctx context.Context, r request) (Reply, error) {
	q := strings.TrimSpace(r.str("question"))
	reply, err := b.answer(ctx, r, q, "")
	if err != nil {
		return Reply{}, err
	}
	if r.flag("hide") {
		reply.Response.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return reply, nil
}

// answer answers q, read as a follow-up of previous when that is not "".
func (b *Bot) answer(ctx context.Context, r request, q, previous string) (Reply, error) {
	start := time.Now()
	opt := answer.Options{Lang: lang(r.i), Previous: previous, Now: b.now()}
	var a *answer.Answer
	var err error
	if b.answers != nil {
		a, err = b.answers.Ask(ctx, b.idx, q, opt)
	} else {
		a, err = answer.Ask(ctx, b.idx, q, opt)
	}
	if err != nil {
		return Reply{}, err
	}
	data := render(a, b.now())
	if w := a.Working; a.Kind() == answer.KindCompare && w != nil && len(w.Inputs) == 2 && len(data.Embeds) > 0 {
		// Two figures side by side read faster as two bars.
		if c, err := b.charts.Compare(a.Result.Base, w.Inputs[0], w.Inputs[1]); err == nil {
			showCharts(data, []*chart.Chart{c})
		} else {
			b.log.WarnContext(ctx, "draw the comparison", "question", q, "err", err)
		}
	}
	if previous != "" {
		// A modal's text is not shown in the channel: say what was asked.
		data.Content += "\n-# Follow-up: “" + escapeInput(truncate(q, 200)) + "”, after “" + escapeInput(truncate(previous, 200)) + "”"
	}
	data.Components = askButtons(a)
	if id := b.record(ctx, r, q, a, time.Since(start)); id != "" {
		data.Components = append(data.Components, voteButtons(id))
	}
	reply := message(data)
	if a.Miss != nil {
		reply.Outcome = OutcomeMiss
	}
	return reply, nil
}

// lang is the language the bot writes in for an interaction: Turkish for a Turkish client.
func lang(i *discordgo.Interaction) string {
	if strings.HasPrefix(string(i.Locale), "tr") {
		return "tr"
	}
	return "en"
}

// Buttons carry the question in their custom id, so that any replica can answer a click.
const (
	moreButton     = "more:"
	sourcesButton  = "sources:"
	followUpButton = "follow:"
	followUpModal  = "followup:"
)

// customID is prefix+state, the state cut on a rune boundary to Discord's 100 characters.
func customID(prefix, state string) string {
	max := 100 - len(prefix)
	for len(state) > max {
		_, size := utf8.DecodeLastRuneInString(state)
		state = state[:len(state)-size]
	}
	return prefix + state
}

func askButtons(a *answer.Answer) []discordgo.MessageComponent {
	q := a.Question
	var buttons []discordgo.MessageComponent
	if a.Miss == nil && len(a.Related) > 0 {
		buttons = append(buttons, discordgo.Button{Label: "More results", Style: discordgo.PrimaryButton, CustomID: customID(moreButton, q)})
	}
	if a.Miss == nil {
		buttons = append(buttons, discordgo.Button{Label: "Sources", Style: discordgo.SecondaryButton, CustomID: customID(sourcesButton, q)})
	}
	if a.Miss == nil {
		buttons = append(buttons, discordgo.Button{Label: "Follow up", Style: discordgo.SecondaryButton, CustomID: customID(followUpButton, q)})
	}
	if len(buttons) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// more shows the passages after the best one, each highlighted.
func (b *Bot) more(ctx context.Context, _ request, q string) (Reply, error) {
	res, err := b.idx.Search(ctx, q, 6)
	if err != nil {
		return Reply{}, err
	}
	if res.Miss || len(res.Hits) < 2 {
		return Reply{}, missed("There are no more results for that question.")
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
	return message(data), nil
}

// sources lists every source behind the answer to q, with links.
func (b *Bot) sources(ctx context.Context, _ request, q string) (Reply, error) {
	res, err := b.idx.Search(ctx, q, 4)
	if err != nil {
		return Reply{}, err
	}
	if res.Miss || len(res.Hits) == 0 {
		return Reply{}, missed("I found no sources for that question.")
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
	return message(data), nil
}

// render shows an answer: the direct sentence as the message content, then the working of a
// computed answer or the passage that supports it, then "Also relevant"; or, for a miss, where
// to look instead.
func render(a *answer.Answer, now time.Time) *discordgo.InteractionResponseData {
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	data.Content = a.Direct.Markdown(escapeMarkdown)
	if a.Miss != nil {
		data.Embeds = []*discordgo.MessageEmbed{missEmbed(a)}
		return data
	}
	if a.Passage != nil {
		if note := a.Passage.Fact.LapsedNote(now); note != "" {
			// First: what follows no longer holds as stated.
			data.Content = "**" + escapeMarkdown(note) + "** What it said: " + data.Content
		}
	}
	if len(a.Result.Corrections) > 0 {
		var parts []string
		for _, c := range a.Result.Corrections {
			parts = append(parts, fmt.Sprintf("“%s” for “%s”", escapeInput(c.To), escapeInput(c.From)))
		}
		data.Content += "\n-# Searched " + strings.Join(parts, ", ") + "."
	}
	var first *discordgo.MessageEmbed
	switch {
	case a.Working != nil:
		first = workingEmbed(a)
	case a.Passage != nil:
		first = factEmbed(a.Result.Base, *a.Passage, firstEmbedBudget, 6, boldSpans(a.Passage.Fact.Text, a.Direct))
		if c := conversions(a.Result.Units, a.Passage.Fact); c != "" {
			// Before the other fields: the question asked for this unit.
			first.Fields = append([]*discordgo.MessageEmbedField{{Name: "In the unit asked", Value: c}}, first.Fields...)
			fitBudget(first, firstEmbedBudget)
		}
	}
	if first != nil {
		data.Embeds = append(data.Embeds, first)
	}
	if len(a.Related) > 0 {
		var lines []string
		for _, r := range a.Related {
			lines = append(lines, "• "+relatedLine(r))
		}
		data.Embeds = append(data.Embeds, &discordgo.MessageEmbed{
			Title:       "Also relevant",
			Description: strings.Join(lines, "\n"),
			Color:       colorMiss,
		})
	}
	return data
}

// workingEmbed shows how a figure no source states was computed: the equation, each input
// with its source and date, and the table it comes from.
func workingEmbed(a *answer.Answer) *discordgo.MessageEmbed {
	w := a.Working
	title := "How REE Desk computed it"
	if w.Table != nil {
		title = w.Table.Title
	}
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: "**" + escapeMarkdown(w.Equation) + "**",
		Color:       colorComputed,
	}
	var lines, ids []string
	for _, in := range w.Inputs {
		from := origin(in)
		if w.Table != nil && w.Table.Edition != "" {
			from = w.Table.Edition // the data year is the figure's own
		}
		lines = append(lines, fmt.Sprintf("%s: %s (%s), %s", escapeMarkdown(in.Label), escapeMarkdown(in.String()), in.AsOf, escapeMarkdown(from)))
		ids = append(ids, "/fact "+in.Fact.ID)
	}
	if len(lines) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Inputs", Value: strings.Join(limitLines(lines, 6), "\n")})
	}
	var cites []string
	for _, s := range w.Sources {
		if e := s.Edition(); e != "" {
			cites = append(cites, e)
		} else {
			cites = append(cites, s.Publisher+", "+s.Title)
		}
	}
	// Ids in the footer: there they do not wrap mid-line like code spans do.
	e.Footer = &discordgo.MessageEmbedFooter{Text: "Computed by REE Desk from " + strings.Join(cites, "; ") + " · " + strings.Join(ids, " · ")}
	fitBudget(e, firstEmbedBudget)
	return e
}

// missEmbed says where to look when the knowledge base has no answer.
func missEmbed(a *answer.Answer) *discordgo.MessageEmbed {
	m := a.Miss
	parts := []string{"I found nothing in the knowledge base that answers “" + escapeInput(truncate(a.Question, 200)) + "”."}
	if m.Latest != nil {
		parts = append(parts, fmt.Sprintf("The latest figure I have: %s: **%s** (%s), %s (`/fact %s`).",
			escapeMarkdown(m.Latest.Label), escapeMarkdown(m.Latest.String()), m.Latest.AsOf, origin(m.Latest), m.Latest.Fact.ID))
	}
	if len(m.Suggestions) > 0 {
		parts = append(parts, "Closest words I know: "+escapeMarkdown(strings.Join(m.Suggestions, ", "))+".")
	}
	if len(m.Topics) > 0 {
		parts = append(parts, "Nearest topics: "+escapeMarkdown(strings.Join(m.Topics, "; "))+".")
	}
	if len(m.Examples) > 0 {
		ex := "Try one of these:"
		for _, q := range m.Examples {
			ex += "\n• /ask question:" + escapeMarkdown(q)
		}
		parts = append(parts, ex)
	}
	title := "No match"
	switch m.Reason {
	case answer.ReasonNoForecast:
		title = "No forecast"
	case answer.ReasonNoFigure:
		title = "No figure for that year"
	}
	return &discordgo.MessageEmbed{Title: title, Description: strings.Join(parts, "\n\n"), Color: colorMiss}
}
