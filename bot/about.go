package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// reindexResult says in a few words how a reindex went.
func reindexResult(report *index.Report, err error) string {
	switch {
	case err != nil:
		return "failed: " + firstLine(err.Error())
	case report.Unchanged():
		return "nothing changed"
	}
	return fmt.Sprintf("%d added, %d changed, %d removed in %s", len(report.Added), len(report.Changed), len(report.Removed), report.Took.Round(time.Millisecond))
}

// firstLine is the first line of s.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// about says what the bot serves.
func (b *Bot) about(ctx context.Context, r request) (Reply, error) {
	base := b.idx.Base()
	last := "none since start-up"
	if b.reindex != nil {
		if l, ok := b.reindex.Last(); ok {
			last = fmt.Sprintf("%s by %s: %s", l.At.UTC().Format(time.RFC3339), escapeInput(l.By), escapeMarkdown(reindexResult(l.Report, l.Err)))
		}
	}
	e := &discordgo.MessageEmbed{
		Title:       "REE Desk",
		Description: "Sourced answers about rare earth elements. " + b.table.list() + ".",
		Color:       colorFact,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Facts indexed", Value: base.Size(), Inline: true},
			{Name: "Knowledge version", Value: "`" + base.Version + "`", Inline: true},
			{Name: "Last reindex", Value: last},
			{Name: "Stale facts", Value: staleness(base, b.now())},
			{Name: "Uptime", Value: b.now().Sub(b.started).Round(time.Second).String(), Inline: true},
			{Name: "Build", Value: buildVersion(b.version), Inline: true},
		},
	}
	if b.questions != nil {
		t, err := b.questions.Totals(ctx, b.now().AddDate(0, 0, -30))
		value := fmt.Sprintf("%d asked; %s found nothing; %s of %d votes said helpful", t.Questions, percent(t.MissRate()), percent(t.HelpfulRate()), t.Votes)
		if err != nil {
			b.log.WarnContext(ctx, "question log totals", "err", err)
			value = "the question log does not answer right now"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Questions, last 30 days", Value: value})
	}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}

// staleness says how many facts are past their dates, so that admins know to look.
func staleness(base *knowledge.Base, now time.Time) string {
	lapsed, review := knowledge.CountStale(base.Stale(now))
	if lapsed+review == 0 {
		return "none: every fact is within its dates"
	}
	return fmt.Sprintf("%d lapsed, %d due for review (`reedesk validate` lists them)", lapsed, review)
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
