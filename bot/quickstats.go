package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/chart"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// resolve finds what a user meant: the entry they typed, or else the best autocomplete choice,
// since people type "nd" or "value chain" rather than ids.
func resolve[T any](b *Bot, set, typed string, get func(string) (T, bool)) (T, bool) {
	if v, ok := get(typed); ok {
		return v, true
	}
	if choices := b.idx.Complete(set, typed, 1); len(choices) > 0 {
		return get(choices[0].Value)
	}
	var zero T
	return zero, false
}

// resolveOption resolves what the user typed for an option, and returns it too.
func resolveOption[T any](b *Bot, r request, name, set string, get func(string) (T, bool)) (T, string, bool) {
	typed := strings.TrimSpace(r.str(name))
	v, ok := resolve(b, set, typed, get)
	return v, typed, ok
}

// stats shows the key figures of a topic, as its fact file's card lists them.
func (b *Bot) stats(ctx context.Context, r request) (Reply, error) {
	l := localeOf(r.i)
	base := b.idx.Base()
	t, typed, ok := resolveOption(b, r, "topic", index.CompleteTopics, base.Topic)
	if !ok {
		var ids []string
		for _, t := range base.Topics {
			ids = append(ids, t.ID)
		}
		return Reply{}, badInput("I have no topic called “%s”. Topics: %s.", escapeInput(truncate(typed, 60)), strings.Join(ids, ", "))
	}
	// The topic's summary describes all its facts, not the card: it would promise figures the
	// card does not show.
	e := &discordgo.MessageEmbed{Title: t.Title, Color: colorFact}
	ts := &tiles{l: l, base: base, now: b.now()}
	var ids []string
	for _, name := range t.Card {
		g, ok := base.Figure(name)
		if !ok {
			continue
		}
		e.Fields = append(e.Fields, ts.tile(g, t.Title))
		ids = appendIDs(ids, g.Fact.ID)
	}
	data := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}
	charts, err := b.charts.ForTopic(base, t.ID)
	if err != nil {
		// the figures are the answer; a chart that cannot be drawn is logged, not fatal
		b.log.ErrorContext(ctx, "draw the topic's charts", "topic", t.ID, "err", err)
		charts = nil
	}
	for _, c := range charts {
		ids = appendIDs(ids, c.Facts()...)
	}
	if n := ts.notesField(); n != nil {
		e.Fields = append(e.Fields, n)
	}
	if len(ids) > 0 {
		e.Fields = append(e.Fields, factsField(l.t("In full: /fact ID"), ids))
	}
	showCharts(data, charts)
	e.Footer = &discordgo.MessageEmbedFooter{Text: l.f("Topic %s · /ask for anything else", t.ID)}
	return message(data), nil
}

// element describes one of the 17 elements and what the knowledge base says about it
// elsewhere: Beylikova, the pilot plant, prices, export controls.
func (b *Bot) element(ctx context.Context, r request) (Reply, error) {
	l := localeOf(r.i)
	base := b.idx.Base()
	f, typed, ok := resolveOption(b, r, "name", index.CompleteElements, base.Element)
	if !ok {
		return Reply{}, badInput("“%s” is not one of the 17 rare earth elements. Try a name such as neodymium or a symbol such as Nd.", escapeInput(truncate(typed, 60)))
	}
	el := f.Element
	name := knowledge.ElementName(f)
	e := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("%s (%s)", name, el.Symbol),
		Description: escapeMarkdown(f.Text),
		Color:       colorFact,
		Fields: []*discordgo.MessageEmbedField{
			{Name: fmt.Sprint(el.Number), Value: l.t("Atomic number"), Inline: true},
			{Name: escapeMarkdown(elementClass(l, el.Class)), Value: l.t("Class (USGS)"), Inline: true},
		},
		// short, so that the id does not break across lines
		Footer: &discordgo.MessageEmbedFooter{Text: l.f("Source: %s, %s · /fact %s", shortPublisher(f.Source.Publisher), cardDate(l, f.Source.Date), f.ID)},
	}
	// the element's latest figure in every table that has a row for it: its oxide's price
	ts := &tiles{l: l, base: base, now: b.now()}
	for _, tb := range base.Tables() {
		if row, ok := tb.Row(el.Symbol); ok {
			if g := row.Cell(tb.Latest()); g != nil {
				e.Fields = append(e.Fields, ts.tile(g, ""))
			}
		}
	}
	if n := ts.notesField(); n != nil {
		e.Fields = append(e.Fields, n)
	}
	if len(el.Uses) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Principal uses"), Value: escapeMarkdown(strings.Join(el.Uses, ", "))})
	}
	var beylikova, elsewhere []string
	// facts about this element and few others first; those about the whole group last
	mentions := base.Mentions(el.Symbol)
	sort.SliceStable(mentions, func(i, j int) bool { return len(mentions[i].Elements) < len(mentions[j].Elements) })
	for _, m := range mentions {
		// the id first: at the start of a line it never breaks at its hyphens
		line := fmt.Sprintf("`%s` %s", m.ID, escapeMarkdown(m.Title))
		if concernsBeylikova(m) {
			beylikova = append(beylikova, line)
		} else {
			elsewhere = append(elsewhere, line)
		}
	}
	if len(beylikova) == 0 {
		beylikova = []string{l.f("No fact names %s at Beylikova or its pilot plant.", name)}
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Beylikova and the pilot plant"), Value: strings.Join(limitLines(l, beylikova, 5), "\n")})
	if len(elsewhere) > 0 {
		lines := limitLines(l, elsewhere, 6)
		if len(elsewhere) > 6 {
			lines[len(lines)-1] += l.f(": `/ask %s`", strings.ToLower(name))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Also in (/fact ID)"), Value: strings.Join(lines, "\n")})
	}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}

// elementClass names USGS's class of an element, light or heavy rare earth (or neither).
func elementClass(l locale, class string) string {
	switch class {
	case "light":
		return l.t("light")
	case "heavy":
		return l.t("heavy")
	case "neither":
		return l.t("neither")
	}
	return class
}

func concernsBeylikova(f *knowledge.Fact) bool {
	if f.Topic == "beylikova" || f.Topic == "pilot-plant" {
		return true
	}
	for _, p := range f.Places {
		if p == "Beylikova" {
			return true
		}
	}
	return false
}

// fact shows one fact or computed figure in full.
func (b *Bot) fact(ctx context.Context, r request) (Reply, error) {
	base := b.idx.Base()
	id := strings.TrimSpace(r.str("id"))
	f, ok := base.Fact(id)
	if !ok {
		if choices := b.idx.Complete(index.CompleteFacts, id, 1); len(choices) > 0 {
			return Reply{}, badInput("I have no fact with the id “%s”. Did you mean `%s`?", escapeInput(truncate(id, 80)), choices[0].Value)
		}
		return Reply{}, badInput("I have no fact with the id “%s”. /ask finds facts by their content.", escapeInput(truncate(id, 80)))
	}
	e := factEmbed(localeOf(r.i), base, index.Hit{Fact: f}, MaxEmbedsTotal, 20, nil)
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}

// compare shows the ratio and difference of two figures, after converting the second to the
// first one's unit; figures of different dimensions are not compared.
func (b *Bot) compare(ctx context.Context, r request) (Reply, error) {
	l := localeOf(r.i)
	base := b.idx.Base()
	var figs [2]*knowledge.Figure
	for k, opt := range []string{"a", "b"} {
		name := strings.TrimSpace(r.str(opt))
		g, ok := resolve(b, index.CompleteFigures, name, base.Figure)
		if !ok {
			return Reply{}, badInput("I have no figure called “%s”. Start typing and pick one from the list.", escapeInput(truncate(name, 80)))
		}
		figs[k] = g
	}
	a, bf := figs[0], figs[1]
	bv, err := knowledge.Convert(bf.Value, bf.Unit, a.Unit)
	if err != nil {
		return Reply{}, badInput("%s (%s) and %s (%s) measure different things, so I can't compare them.", escapeMarkdown(a.Label), a.Unit, escapeMarkdown(bf.Label), bf.Unit)
	}
	e := &discordgo.MessageEmbed{
		Title:  truncate(l.f("%s vs %s", a.Label, bf.Label), MaxEmbedTitle),
		Color:  colorComputed,
		Footer: &discordgo.MessageEmbedFooter{Text: l.t("Computed by REE Desk from the two figures above")},
	}
	ts := &tiles{l: l, base: base, now: b.now()}
	if tb := tableOfBoth(base, a, bf); tb != nil {
		// two rows of one table: the table says of what, the rows which
		e.Title = truncate(l.f("%s: %s vs %s", tableTitle(tb), a.Label, bf.Label), MaxEmbedTitle)
		e.Fields = []*discordgo.MessageEmbedField{ts.labelled(a, cardLabel(l, base, a)), ts.labelled(bf, cardLabel(l, base, bf))}
	} else {
		e.Fields = []*discordgo.MessageEmbedField{ts.labelled(a, compareLabel(l, base, a)), ts.labelled(bf, compareLabel(l, base, bf))}
	}
	bq := l.format(bv, a.Unit, decimalsFor(bv))
	diffDecimals := decimalsFor(a.Value - bv)
	if a.Unit != bf.Unit {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("In the same unit"), Value: escapeMarkdown(l.amount(bf) + " = " + bq)})
	} else {
		bq = l.amount(bf)
		diffDecimals = max(writtenDecimals(a), writtenDecimals(bf))
	}
	if bv != 0 {
		// no more digits than the less precise figure has: 270,000 t ÷ 45,000 t = 6×
		ratio := roundSignificant(a.Value/bv, max(2, min(significant(a), significant(bf))))
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Ratio"), Value: escapeMarkdown(l.amount(a)+" ÷ "+bq+" = ") + "**" + l.quantity(ratio+"×") + "**"})
	}
	diff := a.Value - bv
	diffText := l.format(diff, a.Unit, diffDecimals)
	if a.Unit == "%" {
		diffText = l.f("%s percentage points", l.number(knowledge.FormatNumber(diff, diffDecimals)))
	}
	diffText = strings.Replace(diffText, "-", "−", 1) // a minus sign, as in the formula
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Difference"), Value: escapeMarkdown(l.amount(a)+" − "+bq+" = ") + "**" + escapeMarkdown(diffText) + "**"})
	if a.Qualifier != "" || bf.Qualifier != "" {
		e.Description = l.t("One of the figures is approximate or a bound, so the result is too.")
	}
	if n := ts.notesField(); n != nil {
		e.Fields = append(e.Fields, n)
	}
	ids := appendIDs(nil, a.Fact.ID, bf.Fact.ID)
	data := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}
	if a != bf {
		c, err := b.charts.Compare(base, a, bf)
		if err != nil {
			b.log.ErrorContext(ctx, "draw the comparison", "a", a.Name, "b", bf.Name, "err", err)
		} else {
			ids = appendIDs(ids, c.Facts()...)
			e.Fields = append(e.Fields, factsField(l.t("In full: /fact ID"), ids))
			showCharts(data, []*chart.Chart{c})
			return message(data), nil
		}
	}
	e.Fields = append(e.Fields, factsField(l.t("In full: /fact ID"), ids))
	return message(data), nil
}

// compareLabel says what a compared figure is: a short label such as "China" alone does not
// say of what, so its fact's title, up to any colon, goes with it.
func compareLabel(l locale, base *knowledge.Base, g *knowledge.Figure) string {
	if len(g.Label) < 25 && g.Fact.Formula == nil {
		title, _, _ := strings.Cut(g.Fact.Title, ": ")
		if strings.Contains(title, g.Label) {
			return cardLabelOf(l, base, g, title) // "China's rare earth reserves", not "China · China's …"
		}
		return cardLabelOf(l, base, g, g.Label+" · "+title)
	}
	return cardLabel(l, base, g)
}

// tableOfBoth is the table that has both figures as cells, or nil.
func tableOfBoth(base *knowledge.Base, a, b *knowledge.Figure) *knowledge.Table {
	for _, tb := range base.Tables() {
		var hasA, hasB bool
		for _, r := range tb.Rows {
			for _, y := range tb.Years {
				switch r.Cell(y) {
				case a:
					hasA = true
				case b:
					hasB = true
				}
			}
		}
		if hasA && hasB {
			return tb
		}
	}
	return nil
}

// tableTitle is a table's title without the edition the tiles name: "Rare earth mine
// production by country".
func tableTitle(tb *knowledge.Table) string {
	return strings.TrimSuffix(tb.Title, " ("+tb.Edition+")")
}
