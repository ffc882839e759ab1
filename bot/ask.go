package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// firstEmbedBudget keeps the best answer focused: one fact or figure and its context.
const firstEmbedBudget = 1400

// exampleQuestions are offered when a question finds nothing.
var exampleQuestions = []string{
	"How much rare earth oxide is at Beylikova?",
	"What share of world mine production comes from China?",
	"How much does the value multiply from magnets to electric motors?",
}

// ask answers a question with the passage that answers it best, focused, and a short list of
// others.
func (b *Bot) ask(ctx context.Context, r request) (Reply, error) {
	q := strings.TrimSpace(r.str("question"))
	res, err := b.idx.Search(ctx, q, 4)
	if err != nil {
		return Reply{}, err
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
	return reply, nil
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
	if c := conversions(res.Units, res.Hits[0].Fact); c != "" {
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
