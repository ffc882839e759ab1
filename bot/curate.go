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
		return Reply{}, err
	}
	since := b.now().AddDate(0, 0, -days)
	rep, err := b.questions.Report(ctx, since, curateItems)
	if err != nil {
		return Reply{}, fmt.Errorf("curate report: %w", err)
	}
	data := &discordgo.InteractionResponseData{Embeds: curateEmbeds(localeOf(r.i), rep, days), Flags: discordgo.MessageFlagsEphemeral}
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
		return 0, badInput("%q is not a number of days, such as 7d or 30d", s)
	}
	return n, nil
}

// CurateEmbeds renders a report as the embeds /curate shows, in English.
func CurateEmbeds(rep *questions.Report, days int) []*discordgo.MessageEmbed {
	return curateEmbeds(english, rep, days)
}

func curateEmbeds(l locale, rep *questions.Report, days int) []*discordgo.MessageEmbed {
	t := rep.Totals
	summary := l.f("**%d** questions in the last %d days; **%s** found nothing.", t.Questions, days, l.percent(t.MissRate()))
	if t.Votes > 0 {
		summary += l.f(" **%s** of %d votes said helpful.", l.percent(t.HelpfulRate()), t.Votes)
	} else {
		summary += l.t(" No votes yet.")
	}
	e := &discordgo.MessageEmbed{Title: l.t("What the team asked"), Description: summary, Color: colorFact}

	var gaps []string
	for _, g := range rep.Unanswered {
		line := fmt.Sprintf("• %d× “%s”", g.Count, escapeInput(truncate(g.Question, 120)))
		if g.Users > 1 {
			line += l.f(", by %d people", g.Users)
		}
		if len(g.Wordings) > 0 {
			var w []string
			for _, x := range g.Wordings {
				w = append(w, "“"+escapeInput(truncate(x, 60))+"”")
			}
			line += l.f("; also %s", strings.Join(w, ", "))
		}
		gaps = append(gaps, line)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Unanswered, most asked"), Value: orNone(gaps, l.t("Every question found an answer."))})

	var facts []string
	for _, f := range rep.Unhelpful {
		facts = append(facts, l.f("• `%s`: %d not helpful, %d helpful", f.FactID, f.NotHelpful, f.Helpful))
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Facts voted not helpful"), Value: orNone(facts, l.t("None."))})

	var comments []string
	for _, c := range rep.Comments {
		line := fmt.Sprintf("• %s: “%s”", l.dayMonth(c.At.UTC()), escapeInput(truncate(c.Text, 160)))
		if c.Question != "" {
			line += l.f(" on “%s”", escapeInput(truncate(c.Question, 80)))
		}
		if c.FactID != "" {
			line += " (`" + c.FactID + "`)"
		}
		comments = append(comments, line)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Latest comments"), Value: orNone(comments, l.t("None."))})

	var weeks []string
	for _, w := range rep.Weeks {
		line := l.f("• week of %s: %d questions, %s found nothing", l.dayMonth(w.Start.UTC()), w.Questions, l.percent(w.MissRate()))
		if w.Votes > 0 {
			line += l.f(", %d of %d votes helpful", w.Helpful, w.Votes)
		}
		weeks = append(weeks, line)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("By week"), Value: orNone(limitLines(l, weeks, 6), l.t("No questions yet."))})
	e.Footer = &discordgo.MessageEmbedFooter{Text: l.f("From %s to %s · only you can see this", rep.Since.UTC().Format(time.DateOnly), rep.Until.UTC().Format(time.DateOnly))}
	return []*discordgo.MessageEmbed{e}
}

func orNone(lines []string, none string) string {
	if len(lines) == 0 {
		return none
	}
	return strings.Join(lines, "\n")
}
