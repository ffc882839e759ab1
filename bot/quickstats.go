package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
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

// stats shows the key figures of a topic, as its fact file's card lists them.
func (b *Bot) stats(ctx context.Context, r request) (Reply, error) {
	base := b.idx.Base()
	typed := strings.TrimSpace(r.str("topic"))
	t, ok := resolve(b, index.CompleteTopics, typed, base.Topic)
	if !ok {
		var ids []string
		for _, t := range base.Topics {
			ids = append(ids, t.ID)
		}
		return Reply{}, badInput("I have no topic called “" + escapeInput(truncate(typed, 60)) + "”. Topics: " + strings.Join(ids, ", ") + ".")
	}
	e := &discordgo.MessageEmbed{Title: t.Title, Description: escapeMarkdown(t.Summary), Color: colorFact}
	for _, name := range t.Card {
		g, ok := base.Figure(name)
		if !ok {
			continue
		}
		value := "**" + escapeMarkdown(g.String()) + "**\n" + origin(g)
		if others := base.SameMeasure(g); len(others) > 1 {
			value += fmt.Sprintf("\n%d sources differ: `/fact %s`", len(others), g.Fact.ID)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: g.Label, Value: value, Inline: true})
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Topic %s · knowledge %s · /ask for anything else", t.ID, base.Version)}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}

// element describes one of the 17 elements and what the knowledge base says about it
// elsewhere: Beylikova, the pilot plant, prices, export controls.
func (b *Bot) element(ctx context.Context, r request) (Reply, error) {
	base := b.idx.Base()
	typed := strings.TrimSpace(r.str("name"))
	f, ok := resolve(b, index.CompleteElements, typed, base.Element)
	if !ok {
		return Reply{}, badInput("“" + escapeInput(truncate(typed, 60)) + "” is not one of the 17 rare earth elements. Try a name such as neodymium or a symbol such as Nd.")
	}
	el := f.Element
	name := knowledge.ElementName(f)
	e := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("%s (%s)", name, el.Symbol),
		Description: escapeMarkdown(f.Text),
		Color:       colorFact,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Atomic number", Value: fmt.Sprint(el.Number), Inline: true},
			{Name: "Class (USGS)", Value: el.Class, Inline: true},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: footer(f)},
	}
	if len(el.Uses) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Principal uses", Value: escapeMarkdown(strings.Join(el.Uses, ", "))})
	}
	var beylikova, elsewhere []string
	for _, m := range base.Mentions(el.Symbol) {
		line := fmt.Sprintf("• %s (`/fact %s`)", escapeMarkdown(m.Title), m.ID)
		if concernsBeylikova(m) {
			beylikova = append(beylikova, line)
		} else {
			elsewhere = append(elsewhere, line)
		}
	}
	if len(beylikova) == 0 {
		beylikova = []string{"No fact names " + name + " at Beylikova or its pilot plant."}
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Beylikova and the pilot plant", Value: strings.Join(limitLines(beylikova, 5), "\n")})
	if len(elsewhere) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Also in", Value: strings.Join(limitLines(elsewhere, 6), "\n")})
	}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
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
			return Reply{}, badInput("I have no fact with the id “" + escapeInput(truncate(id, 80)) + "”. Did you mean `" + choices[0].Value + "`?")
		}
		return Reply{}, badInput("I have no fact with the id “" + escapeInput(truncate(id, 80)) + "”. /ask finds facts by their content.")
	}
	e := factEmbed(base, index.Hit{Fact: f}, MaxEmbedsTotal, 20, nil)
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}

// compare shows the ratio and difference of two figures, after converting the second to the
// first one's unit; figures of different dimensions are not compared.
func (b *Bot) compare(ctx context.Context, r request) (Reply, error) {
	base := b.idx.Base()
	var figs [2]*knowledge.Figure
	for k, opt := range []string{"a", "b"} {
		name := strings.TrimSpace(r.str(opt))
		g, ok := resolve(b, index.CompleteFigures, name, base.Figure)
		if !ok {
			return Reply{}, badInput("I have no figure called “" + escapeInput(truncate(name, 80)) + "”. Start typing and pick one from the list.")
		}
		figs[k] = g
	}
	a, bf := figs[0], figs[1]
	name := func(g *knowledge.Figure) string {
		if len(g.Label) < 25 && g.Fact.Formula == nil {
			return g.Label + " · " + g.Fact.Title // "China" alone does not say of what
		}
		return g.Label
	}
	bv, err := knowledge.Convert(bf.Value, bf.Unit, a.Unit)
	if err != nil {
		return Reply{}, badInput(fmt.Sprintf("%s (%s) and %s (%s) measure different things, so I can't compare them.", escapeMarkdown(a.Label), a.Unit, escapeMarkdown(bf.Label), bf.Unit))
	}
	e := &discordgo.MessageEmbed{
		Title: truncate(a.Label+" vs "+bf.Label, MaxEmbedTitle),
		Color: colorComputed,
		Fields: []*discordgo.MessageEmbedField{
			{Name: name(a), Value: "**" + escapeMarkdown(a.String()) + "**\n" + origin(a), Inline: true},
			{Name: name(bf), Value: "**" + escapeMarkdown(bf.String()) + "**\n" + origin(bf), Inline: true},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "Computed by REE Desk from the two figures above"},
	}
	bq := knowledge.FormatQuantity(bv, a.Unit, decimalsFor(bv))
	if a.Unit != bf.Unit {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "In the same unit", Value: escapeMarkdown(bf.Quantity() + " = " + bq)})
	}
	if bv != 0 {
		ratio := a.Value / bv
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Ratio", Value: escapeMarkdown(fmt.Sprintf("%s ÷ %s = %s", a.Quantity(), bq, knowledge.FormatQuantity(ratio, "x", decimalsFor(ratio))))})
	}
	diff := a.Value - bv
	if a.Unit == "%" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Difference", Value: escapeMarkdown(fmt.Sprintf("%s − %s = %s percentage points", a.Quantity(), bq, knowledge.FormatNumber(diff, decimalsFor(diff))))})
	} else {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Difference", Value: escapeMarkdown(fmt.Sprintf("%s − %s = %s", a.Quantity(), bq, knowledge.FormatQuantity(diff, a.Unit, decimalsFor(diff))))})
	}
	if a.Qualifier != "" || bf.Qualifier != "" {
		e.Description = "One of the figures is approximate or a bound, so the result is too."
	}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}
