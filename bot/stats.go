package bot

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"time"

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
	if choices := b.idx.Complete(set, typed); len(choices) > 0 {
		return get(choices[0].Value)
	}
	var zero T
	return zero, false
}

// stats shows the key figures of a topic, as its fact file's card lists them.
func (b *Bot) stats(ctx context.Context, r request) Reply {
	base := b.idx.Base()
	typed := strings.TrimSpace(r.str("topic"))
	t, ok := resolve(b, index.CompleteTopics, typed, base.Topic)
	if !ok {
		var ids []string
		for _, t := range base.Topics {
			ids = append(ids, t.ID)
		}
		return failure(OutcomeBadInput, "I have no topic called “"+escapeInput(truncate(typed, 60))+"”. Topics: "+strings.Join(ids, ", ")+".")
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
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// element describes one of the 17 elements and what the knowledge base says about it
// elsewhere: Beylikova, the pilot plant, prices, export controls.
func (b *Bot) element(ctx context.Context, r request) Reply {
	base := b.idx.Base()
	typed := strings.TrimSpace(r.str("name"))
	f, ok := resolve(b, index.CompleteElements, typed, base.Element)
	if !ok {
		return failure(OutcomeBadInput, "“"+escapeInput(truncate(typed, 60))+"” is not one of the 17 rare earth elements. Try a name such as neodymium or a symbol such as Nd.")
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
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
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

func limitLines(lines []string, max int) []string {
	if len(lines) <= max {
		return lines
	}
	return append(lines[:max:max], fmt.Sprintf("… and %d more", len(lines)-max))
}

// fact shows one fact or computed figure in full.
func (b *Bot) fact(ctx context.Context, r request) Reply {
	base := b.idx.Base()
	id := strings.TrimSpace(r.str("id"))
	f, ok := base.Fact(id)
	if !ok {
		if choices := b.idx.Complete(index.CompleteFacts, id); len(choices) > 0 {
			return failure(OutcomeBadInput, "I have no fact with the id “"+escapeInput(truncate(id, 80))+"”. Did you mean `"+choices[0].Value+"`?")
		}
		return failure(OutcomeBadInput, "I have no fact with the id “"+escapeInput(truncate(id, 80))+"”. /ask finds facts by their content.")
	}
	e := factEmbed(base, index.Hit{Fact: f}, MaxEmbedsTotal, 20)
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// compare shows the ratio and difference of two figures, after converting the second to the
// first one's unit; figures of different dimensions are not compared.
func (b *Bot) compare(ctx context.Context, r request) Reply {
	base := b.idx.Base()
	var figs [2]*knowledge.Figure
	for k, opt := range []string{"a", "b"} {
		name := strings.TrimSpace(r.str(opt))
		g, ok := resolve(b, index.CompleteFigures, name, base.Figure)
		if !ok {
			return failure(OutcomeBadInput, "I have no figure called “"+escapeInput(truncate(name, 80))+"”. Start typing and pick one from the list.")
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
		return failure(OutcomeBadInput, fmt.Sprintf("%s (%s) and %s (%s) measure different things, so I can't compare them.", escapeMarkdown(a.Label), a.Unit, escapeMarkdown(bf.Label), bf.Unit))
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
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
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

// reindexRecord is what /about says of the last reindex.
type reindexRecord struct {
	at     time.Time
	by     string
	result string
}

// RecordReindex notes a reindex started outside Discord (a watched folder), for /about.
func (b *Bot) RecordReindex(by string, report *index.Report, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.last = &reindexRecord{at: b.now(), by: by, result: reindexResult(report, err)}
	switch {
	case err != nil:
		b.observe.Reindex(OutcomeError, 0)
	case report.Unchanged():
		b.observe.Reindex("unchanged", report.Took)
	default:
		b.observe.Reindex(OutcomeOK, report.Took)
	}
}

func reindexResult(report *index.Report, err error) string {
	switch {
	case err != nil:
		return "failed: " + firstLine(err.Error())
	case report.Unchanged():
		return "nothing changed"
	}
	return fmt.Sprintf("%d added, %d changed, %d removed in %s", len(report.Added), len(report.Changed), len(report.Removed), report.Took.Round(time.Millisecond))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// about says what the bot serves.
func (b *Bot) about(ctx context.Context, r request) Reply {
	base := b.idx.Base()
	computed := 0
	for _, f := range base.Facts {
		if f.Formula != nil {
			computed++
		}
	}
	last := "none since start-up"
	b.mu.Lock()
	if b.last != nil {
		last = fmt.Sprintf("%s by %s: %s", b.last.at.UTC().Format(time.RFC3339), escapeInput(b.last.by), escapeMarkdown(b.last.result))
	}
	b.mu.Unlock()
	e := &discordgo.MessageEmbed{
		Title:       "REE Desk",
		Description: "Sourced answers about rare earth elements. " + commandList() + ".",
		Color:       colorFact,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Facts indexed", Value: fmt.Sprintf("%d facts and %d computed figures, %d sources", len(base.Facts)-computed, computed, len(base.Sources)), Inline: true},
			{Name: "Knowledge version", Value: "`" + base.Version + "`", Inline: true},
			{Name: "Last reindex", Value: last},
			{Name: "Uptime", Value: b.now().Sub(b.started).Round(time.Second).String(), Inline: true},
			{Name: "Build", Value: buildVersion(b.version), Inline: true},
		},
	}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// buildVersion adds the commit the binary was built from, when Go recorded it.
func buildVersion(v string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return v + " (" + s.Value[:12] + ")"
		}
	}
	return v
}
