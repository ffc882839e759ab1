package bot

import (
	"context"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// reindexResult says in a few words how a reindex went.
func reindexResult(l locale, report *index.Report, err error) string {
	switch {
	case err != nil:
		return l.f("failed: %s", firstLine(err.Error()))
	case report.Unchanged():
		return l.t("nothing changed")
	}
	return l.f("%d added, %d changed, %d removed in %s", len(report.Added), len(report.Changed), len(report.Removed), l.duration(report.Took.Round(time.Millisecond)))
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
	l := localeOf(r.i)
	base := b.idx.Base()
	last := l.t("none since start-up")
	if b.reindex != nil {
		if run, ok := b.reindex.Last(); ok {
			last = l.f("%s by %s: %s", run.At.UTC().Format(time.RFC3339), escapeInput(run.By), escapeMarkdown(reindexResult(l, run.Report, b.hidePaths(run.Err))))
		}
	}
	e := &discordgo.MessageEmbed{
		Title:       "REE Desk",
		Description: l.f("Sourced answers about rare earth elements. %s.", b.table.list(l)),
		Color:       colorFact,
		Fields: []*discordgo.MessageEmbedField{
			{Name: l.t("Facts indexed"), Value: size(l, base), Inline: true},
			{Name: l.t("Knowledge version"), Value: "`" + base.Version + "`", Inline: true},
			{Name: l.t("Last reindex"), Value: last},
			{Name: l.t("Stale facts"), Value: staleness(l, base, b.now())},
			{Name: l.t("Uptime"), Value: l.duration(b.now().Sub(b.started).Round(time.Second)), Inline: true},
			{Name: l.t("Build"), Value: buildVersion(b.version), Inline: true},
		},
	}
	if b.questions != nil {
		t, err := b.questions.Totals(ctx, b.now().AddDate(0, 0, -30))
		value := l.f("%d asked; %s found nothing; %s of %d votes said helpful", t.Questions, l.percent(t.MissRate()), l.percent(t.HelpfulRate()), t.Votes)
		if err != nil {
			b.log.WarnContext(ctx, "question log totals", "err", err)
			value = l.t("the question log does not answer right now")
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.t("Questions, last 30 days"), Value: value})
	}
	return message(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}), nil
}

// size says how much the knowledge base holds, as knowledge.Base.Size does in English.
func size(l locale, base *knowledge.Base) string {
	computed := 0
	for _, f := range base.Facts {
		if f.Formula != nil {
			computed++
		}
	}
	return l.f("%d facts and %d computed figures, %d sources", len(base.Facts)-computed, computed, len(base.Sources))
}

// staleness says how many facts are past their dates, so that admins know to look.
func staleness(l locale, base *knowledge.Base, now time.Time) string {
	lapsed, review := knowledge.CountStale(base.Stale(now))
	if lapsed+review == 0 {
		return l.t("none: every fact is within its dates")
	}
	return l.f("%d lapsed, %d due for review (`reedesk validate` lists them)", lapsed, review)
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
