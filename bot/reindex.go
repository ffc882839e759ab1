package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// reindexCommand rebuilds the index in the background for an admin, showing progress and then
// what changed, or exactly what is wrong while the old index keeps answering.
func (b *Bot) reindexCommand(ctx context.Context, r request) (Reply, error) {
	u := r.user()
	who := "someone"
	if u != nil {
		who = u.Username
	}
	if b.reindex == nil {
		return Reply{}, refused("Reindexing is not available here: the bot serves its built-in knowledge base.")
	}
	run, joined := b.reindex.Reindex(who)
	b.log.InfoContext(ctx, "reindex requested", "user", userID(r), "joined", joined)
	return Reply{
		Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
		Later: func(ctx context.Context, edit func(*discordgo.WebhookEdit) error) error {
			return b.followReindex(ctx, run, joined, edit)
		},
	}, nil
}

// followReindex edits the deferred message with the build's progress, then its result, and
// returns the build's error.
func (b *Bot) followReindex(ctx context.Context, run *index.Run, joined bool, edit func(*discordgo.WebhookEdit) error) error {
	title := "Reindexing"
	if joined {
		title = "Reindexing (joined the build already running)"
	}
	tick := time.NewTicker(b.progress)
	defer tick.Stop()
	shown := index.Progress{Phase: "not shown yet"} // the first state is always shown
	show := func() {
		p := run.Progress()
		if p == shown {
			return
		}
		shown = p
		if err := edit(embedEdit(progressEmbed(title, p))); err != nil {
			b.log.WarnContext(ctx, "reindex progress edit failed", "err", err)
		}
	}
	show()
	for done := false; !done; {
		select {
		case <-run.Done():
			done = true
		case <-tick.C:
			show()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	report, err := run.Wait(ctx)
	if !joined { // the run is counted and logged once, by who started it
		took := time.Duration(0)
		if report != nil {
			took = report.Took
		}
		b.observe.Reindex(ReindexOutcome(report, err), took)
		if err != nil {
			b.log.ErrorContext(ctx, "reindex failed; the old index keeps answering", "err", err)
		}
	}
	if e := edit(embedEdit(resultEmbed(report, err))); e != nil {
		b.log.WarnContext(ctx, "reindex result edit failed", "err", e)
	}
	return err
}

func embedEdit(e *discordgo.MessageEmbed) *discordgo.WebhookEdit {
	empty := ""
	embeds := []*discordgo.MessageEmbed{e}
	return &discordgo.WebhookEdit{Content: &empty, Embeds: &embeds}
}

func progressEmbed(title string, p index.Progress) *discordgo.MessageEmbed {
	desc := p.Phase
	if p.Phase == "" {
		desc = "starting"
	}
	if p.Total > 0 {
		desc = fmt.Sprintf("%s: %d of %d facts (%d %%)", desc, p.Done, p.Total, p.Done*100/p.Total)
	}
	return &discordgo.MessageEmbed{Title: title, Description: desc + "\nThe current index keeps answering meanwhile.", Color: colorMiss}
}

// maxProblemLines is how many fact-file problems a failed reindex lists.
const maxProblemLines = 15

func resultEmbed(report *index.Report, err error) *discordgo.MessageEmbed {
	if err != nil {
		e := &discordgo.MessageEmbed{Title: "Reindex failed: the old index keeps answering", Color: 0xc53030}
		var ve *knowledge.ValidationError
		if errors.As(err, &ve) {
			var lines []string
			for k, p := range ve.Problems {
				if k == maxProblemLines {
					lines = append(lines, fmt.Sprintf("… and %d more; run bot validate for all of them", len(ve.Problems)-k))
					break
				}
				lines = append(lines, p.String())
			}
			e.Description = fmt.Sprintf("%d problem(s) in the fact files. Fix them and run /reindex again.\n```\n%s\n```", len(ve.Problems), strings.ReplaceAll(strings.Join(lines, "\n"), "```", "'''"))
			return e
		}
		e.Description = "```\n" + strings.ReplaceAll(err.Error(), "```", "'''") + "\n```"
		return e
	}
	e := &discordgo.MessageEmbed{Title: "Reindexed", Color: 0x2f855a}
	if report.Unchanged() {
		e.Description = fmt.Sprintf("Nothing changed: %d facts, knowledge version `%s`.", report.Facts, report.Version)
		return e
	}
	e.Description = fmt.Sprintf("%d facts now, knowledge version `%s` (was `%s`), in %s.", report.Facts, report.Version, report.Previous, report.Took.Round(time.Millisecond))
	for _, part := range []struct {
		name string
		ids  []string
	}{{"Added", report.Added}, {"Changed", report.Changed}, {"Removed", report.Removed}} {
		value := "none"
		if len(part.ids) > 0 {
			value = "`" + strings.Join(limitLines(part.ids, 20), "`, `") + "`"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: fmt.Sprintf("%s (%d)", part.name, len(part.ids)), Value: value})
	}
	return e
}
