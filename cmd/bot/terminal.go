package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot"
	"golang.org/x/term"
)

// output says how the terminal prints an answer: as JSON payloads, and into which folder the
// files a reply uploads (charts) are written.
type output struct {
	json bool
	out  string
}

// localeFlag adds --locale: the Discord client locale the terminal answers as.
func localeFlag(fs *flag.FlagSet, locale *string) {
	fs.StringVar(locale, "locale", "", "answer as to a Discord client in `LOCALE`, such as tr (Turkish) or en-US (the default)")
}

// setLocale gives an interaction the locale of --locale: a Discord locale, "tr" or "en-US";
// "en" stands for en-US. "" leaves it as it is (English).
func setLocale(i *discordgo.Interaction, locale string) error {
	switch {
	case locale == "":
		return nil
	case locale == "en":
		locale = string(discordgo.EnglishUS)
	case discordgo.Locales[discordgo.Locale(locale)] == "":
		return fmt.Errorf("--locale: %q is not a Discord locale, such as tr or en-US", locale)
	}
	i.Locale = discordgo.Locale(locale)
	return nil
}

// runInteraction runs one interaction through the bot in the terminal and prints the
// response (and its later edits). A command that could not be done (an unknown topic, a
// missing option, a failed reindex) has said why in its response, and exits with 1.
func runInteraction(ctx context.Context, s stdio, i *discordgo.Interaction, o output) error {
	c, err := terminalConfig(s.getenv)
	if err != nil {
		return err
	}
	name := ""
	if i.Type == discordgo.InteractionApplicationCommand {
		name = i.ApplicationCommandData().Name
	}
	// /reindex compares with what was served; /curate reads the question log. Nothing else
	// records or reads it: a terminal's questions are not the team's.
	a, release, err := terminalApp(ctx, c, newLogger(c, s.stderr), appOptions{terminal: true, baseline: name == "reindex", questions: name == "curate"})
	if err != nil {
		return err
	}
	defer release()
	return a.runInteraction(ctx, s, i, o)
}

// terminalConfig is the configuration a terminal command runs with.
func terminalConfig(getenv func(string) string) (config, error) {
	c, err := loadConfig(getenv, needNothing)
	if c.LogLevel == "info" {
		c.LogLevel = "warn" // the answer is the output; progress logs would clutter it
	}
	return c, err
}

// terminalApp opens the app a terminal command runs on, and returns what lets it go. The
// tests replace it to share one app among the commands that need only the built-in knowledge:
// building the index costs more than most commands.
var terminalApp = func(ctx context.Context, c config, log *slog.Logger, o appOptions) (*app, func() error, error) {
	a, err := openApp(ctx, c, log, o)
	if err != nil {
		return nil, nil, err
	}
	return a, a.Close, nil
}

// runInteraction runs one interaction through the app's bot and prints the response.
func (a *app) runInteraction(ctx context.Context, s stdio, i *discordgo.Interaction, o output) error {
	tty := isTerminal(s.stdout)
	failed, err := bot.RunTerminal(ctx, a.bot, i, s.stdout, bot.TerminalOptions{
		JSON:  o.json,
		ANSI:  tty && s.getenv("NO_COLOR") == "",
		Width: width(s.stdout, tty),
		Out:   o.out,
		Paths: s.stderr,
	})
	if err != nil {
		return err
	}
	if failed {
		return errReported
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// width is the terminal's width in columns, or 80 when w is not a terminal.
func width(w io.Writer, tty bool) int {
	if tty {
		if cols, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil && cols > 20 {
			return cols
		}
	}
	return 80
}
