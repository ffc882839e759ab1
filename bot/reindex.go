package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
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
	l := localeOf(r.i)
	b.log.InfoContext(ctx, "reindex requested", "user", userID(r), "joined", joined)
	return Reply{
		// Private: progress and errors, which name files, are for the admin who asked.
		Response: &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
		},
		Later: func(ctx context.Context, edit func(*discordgo.WebhookEdit) error) error {
			return b.followReindex(ctx, l, run, joined, edit)
		},
	}, nil
}

// followReindex edits the deferred message with the build's progress, then its result, and
// returns the build's error.
func (b *Bot) followReindex(ctx context.Context, l locale, run *index.Run, joined bool, edit func(*discordgo.WebhookEdit) error) error {
	title := l.t("Reindexing")
	if joined {
		title = l.t("Reindexing (joined the build already running)")
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
		if err := edit(embedEdit(progressEmbed(l, title, p))); err != nil {
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
	if e := edit(embedEdit(resultEmbed(l, report, b.hidePaths(err)))); e != nil {
		b.log.WarnContext(ctx, "reindex result edit failed", "err", e)
	}
	return err
}

func embedEdit(e *discordgo.MessageEmbed) *discordgo.WebhookEdit {
	empty := ""
	embeds := []*discordgo.MessageEmbed{e}
	return &discordgo.WebhookEdit{Content: &empty, Embeds: &embeds}
}

func progressEmbed(l locale, title string, p index.Progress) *discordgo.MessageEmbed {
	desc := l.phase(p.Phase)
	if p.Phase == "" {
		desc = l.t("starting")
	}
	if p.Total > 0 {
		desc = l.f("%s: %d of %d facts (%s)", desc, p.Done, p.Total, l.quantity(fmt.Sprintf("%d %%", p.Done*100/p.Total)))
	}
	return &discordgo.MessageEmbed{Title: title, Description: desc + l.t("\nThe current index keeps answering meanwhile."), Color: colorMiss}
}

// maxProblemLines is how many fact-file problems a failed reindex lists.
const maxProblemLines = 15

func resultEmbed(l locale, report *index.Report, err error) *discordgo.MessageEmbed {
	if err != nil {
		e := &discordgo.MessageEmbed{Title: l.t("Reindex failed: the old index keeps answering"), Color: 0xc53030}
		var ve *knowledge.ValidationError
		if errors.As(err, &ve) {
			var lines []string
			for k, p := range ve.Problems {
				if k == maxProblemLines {
					lines = append(lines, l.f("… and %d more; run bot validate for all of them", len(ve.Problems)-k))
					break
				}
				lines = append(lines, p.String())
			}
			e.Description = l.f("%d problem(s) in the fact files. Fix them and run /reindex again.\n```\n%s\n```", len(ve.Problems), strings.ReplaceAll(strings.Join(lines, "\n"), "```", "'''"))
			return e
		}
		e.Description = "```\n" + strings.ReplaceAll(err.Error(), "```", "'''") + "\n```"
		return e
	}
	e := &discordgo.MessageEmbed{Title: l.t("Reindexed"), Color: 0x2f855a}
	if report.Unchanged() {
		e.Description = l.f("Nothing changed: %d facts, knowledge version `%s`.", report.Facts, report.Version)
		return e
	}
	e.Description = l.f("%d facts now, knowledge version `%s` (was `%s`), in %s.", report.Facts, report.Version, report.Previous, l.duration(report.Took.Round(time.Millisecond)))
	for _, part := range []struct {
		name string
		ids  []string
	}{{l.f("Added (%d)", len(report.Added)), report.Added}, {l.f("Changed (%d)", len(report.Changed)), report.Changed}, {l.f("Removed (%d)", len(report.Removed)), report.Removed}} {
		value := l.t("none")
		if len(part.ids) > 0 {
			value = "`" + strings.Join(limitLines(l, part.ids, 20), "`, `") + "`"
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: part.name, Value: value})
	}
	return e
}

// hidePaths rewrites the server's paths in a reindex error for Discord: fact files relative
// to KNOWLEDGE_DIR, the folders themselves by their variable names. A *knowledge.ValidationError
// stays one, so its problems are still listed one by one.
func (b *Bot) hidePaths(err error) error {
	if err == nil || b.paths == nil {
		return err
	}
	var ve *knowledge.ValidationError
	if errors.As(err, &ve) {
		out := &knowledge.ValidationError{Problems: make([]knowledge.Problem, len(ve.Problems))}
		for k, p := range ve.Problems {
			p.File = b.paths.Replace(p.File)
			p.Msg = b.paths.Replace(p.Msg)
			out.Problems[k] = p
		}
		return out
	}
	return errors.New(b.paths.Replace(err.Error()))
}

// pathReplacer shows KNOWLEDGE_DIR and INDEX_DIR, as given and absolute, by their names; a file
// in KNOWLEDGE_DIR by its name alone. nil when neither is set.
func pathReplacer(knowledgeDir, indexDir string) *strings.Replacer {
	var pairs []string
	add := func(dir, name string, files bool) {
		if dir == "" {
			return
		}
		forms := []string{filepath.Clean(dir)}
		if abs, err := filepath.Abs(dir); err == nil && abs != forms[0] {
			forms = append(forms, abs)
		}
		for _, f := range forms {
			if files {
				pairs = append(pairs, f+string(filepath.Separator), "")
			} else {
				pairs = append(pairs, f+string(filepath.Separator), name+string(filepath.Separator))
			}
		}
		for _, f := range forms {
			pairs = append(pairs, f, name)
		}
	}
	add(knowledgeDir, "KNOWLEDGE_DIR", true)
	add(indexDir, "INDEX_DIR", false)
	if len(pairs) == 0 {
		return nil
	}
	return strings.NewReplacer(pairs...)
}
