package bot

import (
	"context"
	"fmt"
	"slices"
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
	l := localeOf(r.i)
	opt := answer.Options{Lang: string(l), Previous: previous, Now: b.now()}
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
	data := b.rendering(l, a)
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
		data.Content += l.f("\n-# Follow-up: “%s”, after “%s”", escapeInput(truncate(q, 200)), escapeInput(truncate(previous, 200)))
	}
	data.Components = askButtons(l, a)
	if id := b.record(ctx, r, q, a, time.Since(start)); id != "" {
		data.Components = append(data.Components, voteButtons(l, id))
	}
	reply := message(data)
	if a.Miss != nil {
		reply.Outcome = OutcomeMiss
	}
	return reply, nil
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

func askButtons(l locale, a *answer.Answer) []discordgo.MessageComponent {
	q := a.Question
	var buttons []discordgo.MessageComponent
	if a.Miss == nil && len(a.Related) > 0 {
		buttons = append(buttons, discordgo.Button{Label: l.t("More results"), Style: discordgo.PrimaryButton, CustomID: customID(moreButton, q)})
	}
	if a.Miss == nil {
		buttons = append(buttons, discordgo.Button{Label: l.t("Sources"), Style: discordgo.SecondaryButton, CustomID: customID(sourcesButton, q)})
	}
	if a.Miss == nil {
		buttons = append(buttons, discordgo.Button{Label: l.t("Follow up"), Style: discordgo.SecondaryButton, CustomID: customID(followUpButton, q)})
	}
	if len(buttons) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// more shows the passages after the best one, each highlighted.
func (b *Bot) more(ctx context.Context, r request, q string) (Reply, error) {
	l := localeOf(r.i)
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
			Footer:      &discordgo.MessageEmbedFooter{Text: footer(l, h.Fact)},
		})
	}
	return message(data), nil
}

// sources lists every source behind the answer to q, with links.
func (b *Bot) sources(ctx context.Context, r request, q string) (Reply, error) {
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
		Embeds: []*discordgo.MessageEmbed{{Title: localeOf(r.i).t("Sources"), Description: strings.Join(lines, "\n"), Color: colorMiss}},
	}
	return message(data), nil
}

// render shows an answer: the direct sentence as the message content, then the working of a
// computed answer or the passage that supports it, then "Also relevant"; or, for a miss, where
// to look instead.
func render(l locale, a *answer.Answer, now time.Time) *discordgo.InteractionResponseData {
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	data.Content = a.Direct.Markdown(escapeMarkdown)
	if a.Miss != nil {
		data.Embeds = []*discordgo.MessageEmbed{missEmbed(l, a)}
		return data
	}
	if a.Passage != nil {
		if note := l.lapsedNote(a.Passage.Fact, now); note != "" {
			// First: what follows no longer holds as stated.
			data.Content = l.f("**%s** What it said: %s", escapeMarkdown(note), data.Content)
		}
	}
	if len(a.Result.Corrections) > 0 {
		var parts []string
		for _, c := range a.Result.Corrections {
			parts = append(parts, l.f("“%s” for “%s”", escapeInput(c.To), escapeInput(c.From)))
		}
		data.Content += l.f("\n-# Searched %s.", strings.Join(parts, ", "))
	}
	var first *discordgo.MessageEmbed
	switch {
	case a.Working != nil:
		first = workingEmbed(l, a)
	case a.Passage != nil:
		first = factEmbed(l, a.Result.Base, *a.Passage, firstEmbedBudget, 6, boldSpans(l, a.Passage.Fact.Text, a.Direct))
		if c := conversions(l, a.Result.Units, a.Passage.Fact); c != "" {
			// Before the other fields: the question asked for this unit.
			first.Fields = append([]*discordgo.MessageEmbedField{{Name: l.t("In the unit asked"), Value: c}}, first.Fields...)
			fitBudget(first, firstEmbedBudget)
		}
	}
	if first != nil {
		data.Embeds = append(data.Embeds, first)
	}
	if len(a.Related) > 0 {
		var lines []string
		for _, r := range a.Related {
			lines = append(lines, "• "+relatedLine(l, r))
		}
		data.Embeds = append(data.Embeds, &discordgo.MessageEmbed{
			Title:       l.t("Also relevant"),
			Description: strings.Join(lines, "\n"),
			Color:       colorMiss,
		})
	}
	return data
}

// renderKey names one rendering of a cached answer: an answer renders the same in one locale
// on one day (the day decides whether a fact has lapsed).
type renderKey struct {
	a   *answer.Answer
	l   locale
	day string
}

// rendering renders a, once per answer, locale and day when answers are cached, so that a
// team's repeated questions cost a copy. What it returns is the caller's to change.
func (b *Bot) rendering(l locale, a *answer.Answer) *discordgo.InteractionResponseData {
	now := b.now()
	if b.answers == nil {
		return render(l, a, now)
	}
	b.renderedMu.Lock()
	if v := a.Result.Base.Version; v != b.renderedVersion {
		b.rendered.Purge() // a reindex: the old answers, and their knowledge, may go
		b.renderedVersion = v
	}
	b.renderedMu.Unlock()
	k := renderKey{a, l, now.Format(time.DateOnly)}
	d, ok := b.rendered.Get(k)
	if !ok {
		d = render(l, a, now)
		b.rendered.Add(k, d)
	}
	return cloneData(d)
}

// cloneData copies what render makes, deeply enough that changing the copy's content, embeds
// and their parts leaves the original as it was.
func cloneData(d *discordgo.InteractionResponseData) *discordgo.InteractionResponseData {
	c := *d
	c.AllowedMentions = clonePtr(d.AllowedMentions)
	c.Embeds = make([]*discordgo.MessageEmbed, len(d.Embeds))
	for i, e := range d.Embeds {
		ec := *e
		ec.Fields = make([]*discordgo.MessageEmbedField, len(e.Fields))
		for j, f := range e.Fields {
			ec.Fields[j] = clonePtr(f)
		}
		ec.Footer, ec.Image = clonePtr(e.Footer), clonePtr(e.Image)
		ec.Thumbnail, ec.Author = clonePtr(e.Thumbnail), clonePtr(e.Author)
		c.Embeds[i] = &ec
	}
	c.Components = slices.Clone(d.Components)
	c.Files = slices.Clone(d.Files)
	return &c
}

// clonePtr returns a pointer to a copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// workingEmbed shows how a figure no source states was computed: the equation, each input
// with its source and date, and the table it comes from.
func workingEmbed(l locale, a *answer.Answer) *discordgo.MessageEmbed {
	w := a.Working
	title := l.t("How REE Desk computed it")
	if w.Table != nil {
		title = w.Table.Title
	}
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: "**" + escapeMarkdown(l.equation(w.Equation)) + "**",
		Color:       colorComputed,
	}
	var lines, ids []string
	for _, in := range w.Inputs {
		from := origin(l, in)
		if w.Table != nil && w.Table.Edition != "" {
			from = w.Table.Edition // the data year is the figure's own
		}
		lines = append(lines, fmt.Sprintf("%s: %s (%s), %s", escapeMarkdown(in.Label), escapeMarkdown(l.figure(in)), in.AsOf, escapeMarkdown(from)))
		ids = append(ids, l.f("/fact %s", in.Fact.ID))
	}
	if len(lines) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Inputs"), Value: strings.Join(limitLines(l, lines, 6), "\n")})
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
	e.Footer = &discordgo.MessageEmbedFooter{Text: l.f("Computed by REE Desk from %s · %s", strings.Join(cites, "; "), strings.Join(ids, " · "))}
	fitBudget(e, firstEmbedBudget)
	return e
}

// missEmbed says where to look when the knowledge base has no answer.
func missEmbed(l locale, a *answer.Answer) *discordgo.MessageEmbed {
	m := a.Miss
	parts := []string{l.f("I found nothing in the knowledge base that answers “%s”.", escapeInput(truncate(a.Question, 200)))}
	if m.Latest != nil {
		parts = append(parts, l.f("The latest figure I have: %s: **%s** (%s), %s (`/fact %s`).",
			escapeMarkdown(m.Latest.Label), escapeMarkdown(l.figure(m.Latest)), m.Latest.AsOf, origin(l, m.Latest), m.Latest.Fact.ID))
	}
	if len(m.Suggestions) > 0 {
		parts = append(parts, l.f("Closest words I know: %s.", escapeMarkdown(strings.Join(m.Suggestions, ", "))))
	}
	if len(m.Topics) > 0 {
		parts = append(parts, l.f("Nearest topics: %s.", escapeMarkdown(strings.Join(m.Topics, "; "))))
	}
	if len(m.Examples) > 0 {
		ex := l.t("Try one of these:")
		for _, q := range m.Examples {
			ex += l.f("\n• /ask question:%s", escapeMarkdown(q))
		}
		parts = append(parts, ex)
	}
	title := l.t("No match")
	switch m.Reason {
	case answer.ReasonNoForecast:
		title = l.t("No forecast")
	case answer.ReasonNoFigure:
		// Without a latest figure, what is missing is a row or a count, not a year.
		title = l.t("No figure")
		if m.Latest != nil {
			title = l.t("No figure for that year")
		}
	}
	return &discordgo.MessageEmbed{Title: title, Description: strings.Join(parts, "\n\n"), Color: colorMiss}
}
