package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/questions"
)

// curateItems is how many entries each list of /curate shows.
const curateItems = 8

// curate shows curators what the team asked and how the answers were rated: the questions
// that found nothing, the facts voted not helpful, the latest comments, and counts by week.
func (b *Bot) curate(ctx context.Context, r request) (Reply, error) {
	if b.questions == nil {
		return Reply{}, refused("Questions are not recorded on this bot (QUESTION_LOG is off), so there is nothing to curate.")
	}
	days, err := ParseDays(r.str("since"))
	if err != nil {
		return Reply{}, badInput(err.Error())
	}
	since := b.now().AddDate(0, 0, -days)
	rep, err := b.questions.Report(ctx, since, curateItems)
	if err != nil {
		return Reply{}, fmt.Errorf("curate report: %w", err)
	}
	data := &discordgo.InteractionResponseData{Embeds: CurateEmbeds(rep, days), Flags: discordgo.MessageFlagsEphemeral}
	return message(data), nil
}

// ParseDays reads how far back a report goes: "7d", "30d", "30" or "" (7 days).
func ParseDays(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "d"))
	if s == "" {
		return 7, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 3650 {
		return 0, fmt.Errorf("%q is not a number of days, such as 7d or 30d", s)
	}
	return n, nil
}

// CurateEmbeds renders a report as the embeds /curate shows.
func CurateEmbeds(rep *questions.Report, days int) []*discordgo.MessageEmbed {
	t := rep.Totals
	summary := fmt.Sprintf("**%d** questions in the last %d days; **%s** found nothing.", t.Questions, days, percent(t.MissRate()))
	if t.Votes > 0 {
		summary += fmt.Sprintf(" **%s** of %d votes said helpful.", percent(t.HelpfulRate()), t.Votes)
	} else {
		summary += " No votes yet."
	}
	e := &discordgo.MessageEmbed{Title: "What the team asked", Description: summary, Color: colorFact}

	var gaps []string
	for _, g := range rep.Unanswered {
		line := fmt.Sprintf("• %d× “%s”", g.Count, escapeInput(truncate(g.Question, 120)))
		if g.Users > 1 {
			line += fmt.Sprintf(", by %d people", g.Users)
		}
		if len(g.Wordings) > 0 {
			var w []string
			for _, x := range g.Wordings {
				w = append(w, "“"+escapeInput(truncate(x, 60))+"”")
			}
			line += "; also " + strings.Join(w, ", ")
		}
		gaps = append(gaps, line)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Unanswered, most asked", Value: orNone(gaps, "Every question found an answer.")})

	var facts []string
	for _, f := range rep.Unhelpful {
		facts = append(facts, fmt.Sprintf("• `%s`: %d not helpful, %d helpful", f.FactID, f.NotHelpful, f.Helpful))
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Facts voted not helpful", Value: orNone(facts, "None.")})

	var comments []string
	for _, c := range rep.Comments {
		line := fmt.Sprintf("• %s: “%s”", c.At.UTC().Format("2 Jan"), escapeInput(truncate(c.Text, 160)))
		if c.Question != "" {
			line += " on “" + escapeInput(truncate(c.Question, 80)) + "”"
		}
		if c.FactID != "" {
			line += " (`" + c.FactID + "`)"
		}
		comments = append(comments, line)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Latest comments", Value: orNone(comments, "None.")})

	var weeks []string
	for _, w := range rep.Weeks {
		line := fmt.Sprintf("• week of %s: %d questions, %s found nothing", w.Start.UTC().Format("2 Jan"), w.Questions, percent(w.MissRate()))
		if w.Votes > 0 {
			line += fmt.Sprintf(", %d of %d votes helpful", w.Helpful, w.Votes)
		}
		weeks = append(weeks, line)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "By week", Value: orNone(limitLines(weeks, 6), "No questions yet.")})
	e.Footer = &discordgo.MessageEmbedFooter{Text: "From " + rep.Since.UTC().Format(time.DateOnly) + " to " + rep.Until.UTC().Format(time.DateOnly) + " · only you can see this"}
	return []*discordgo.MessageEmbed{e}
}

func orNone(lines []string, none string) string {
	if len(lines) == 0 {
		return none
	}
	return strings.Join(lines, "\n")
}

// percent writes a share as a whole per cent: 0.173 is "17 %".
func percent(share float64) string {
	return fmt.Sprintf("%.0f %%", share*100)
}
