package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

const usage = `REE Desk answers questions about rare earth elements from a curated knowledge base.

Usage:
  bot ask [--json] QUESTION        answer a question as /ask does, in the terminal
  bot run [--json] [--complete] '/COMMAND option:value …'
                                   run any slash command in the terminal, e.g.
                                   bot run '/stats topic:beylikova'
  bot validate [DIR]               check fact files (default: the built-in knowledge base)
  bot serve [--register] [--http ADDR]
                                   answer interactions: over the gateway, or as Discord's
                                   Interactions Endpoint URL on ADDR
  bot register                     replace the bot's slash commands on Discord
  bot help                         show this help

Slash commands: /ask, /stats, /element, /fact, /compare, /reindex, /about.
Configuration comes from the environment and a .env file; see .env.example.
`

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + "\n\n" + usage }

// exitCode maps an error from run to the process exit status.
func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// run is the whole program behind main, so tests can call it with their own arguments,
// environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	flags, words := splitFlags(rest)
	switch cmd {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	case "ask":
		if err := onlyFlags(flags, "json"); err != nil {
			return err
		}
		q := strings.TrimSpace(strings.Join(words, " "))
		if q == "" {
			return usageError{`ask needs a question, for example: bot ask "How much rare earth oxide is at Beylikova?"`}
		}
		return runCommand(ctx, getenv, stdout, bot.Interaction("ask", map[string]any{"question": q}), flags["json"])
	case "run":
		if err := onlyFlags(flags, "json", "complete"); err != nil {
			return err
		}
		line := strings.TrimSpace(strings.Join(words, " "))
		if line == "" {
			return usageError{`run needs a slash command, for example: bot run '/stats topic:beylikova'`}
		}
		i, err := bot.ParseCommand(line, flags["complete"])
		if err != nil {
			return usageError{err.Error()}
		}
		return runCommand(ctx, getenv, stdout, i, flags["json"])
	case "validate":
		if len(flags) > 0 || len(words) > 1 {
			return usageError{"validate takes at most one directory"}
		}
		return runValidate(words, stdout)
	case "serve":
		return runServe(ctx, rest, getenv)
	case "register":
		if err := onlyFlags(flags); err != nil {
			return err
		}
		return register(ctx, getenv, stdout)
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// splitFlags separates --name flags, wherever they are, from the other words.
func splitFlags(args []string) (map[string]bool, []string) {
	flags := map[string]bool{}
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") && len(a) > 1 && !strings.Contains(a, " ") {
			flags[strings.TrimLeft(a, "-")] = true
			continue
		}
		words = append(words, a)
	}
	return flags, words
}

func onlyFlags(flags map[string]bool, allowed ...string) error {
	for f := range flags {
		ok := false
		for _, a := range allowed {
			ok = ok || f == a
		}
		if !ok {
			return usageError{fmt.Sprintf("unknown flag --%s", f)}
		}
	}
	return nil
}

// knowledgeLoader reads KNOWLEDGE_DIR when it is set, else the built-in knowledge base.
func knowledgeLoader(dir string) index.Loader {
	return func(context.Context) (*knowledge.Base, error) {
		if dir != "" {
			return knowledge.LoadDir(dir)
		}
		return knowledge.Embedded()
	}
}

// newBot loads the knowledge, opens the index and builds the bot on it.
func newBot(ctx context.Context, c config, log *slog.Logger, observer bot.Observer) (*bot.Bot, *index.Index, error) {
	load := knowledgeLoader(c.KnowledgeDir)
	base, err := load(ctx)
	if err != nil {
		return nil, nil, err
	}
	idx, err := index.Open(ctx, base, index.Options{Dir: c.IndexDir, Log: log})
	if err != nil {
		return nil, nil, err
	}
	opts := bot.Options{
		Index: idx, Reindexer: idx,
		AdminRoleIDs: c.AdminRoleIDs, AdminUserIDs: c.AdminUserIDs,
		RatePerMinute: c.RatePerMinute, RateBurst: c.RateBurst,
		Version: version, Log: log, Observer: observer,
	}
	if c.KnowledgeDir != "" {
		opts.Load = load
	}
	return bot.New(opts), idx, nil
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// runCommand answers one interaction in the terminal.
func runCommand(ctx context.Context, getenv func(string) string, stdout io.Writer, i *discordgo.Interaction, asJSON bool) error {
	c, err := loadConfig(getenv, needNothing)
	if err != nil {
		return err
	}
	c.RatePerMinute = 0 // one person at a terminal
	if c.LogLevel == "info" {
		c.LogLevel = "warn"
	}
	b, idx, err := newBot(ctx, c, newLogger(c, os.Stderr), nil)
	if err != nil {
		return err
	}
	defer idx.Close()
	return bot.RunTerminal(ctx, b, i, stdout, asJSON, isTerminal(stdout))
}

func runValidate(args []string, stdout io.Writer) error {
	var (
		base *knowledge.Base
		err  error
		name = "the built-in knowledge base"
	)
	if len(args) == 1 {
		name = args[0]
		base, err = knowledge.LoadDir(args[0])
	} else {
		base, err = knowledge.Embedded()
	}
	var ve *knowledge.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintln(stdout, p)
		}
		return fmt.Errorf("%s: %d problem(s) found", name, len(ve.Problems))
	}
	if err != nil {
		return err
	}
	computed := 0
	for _, f := range base.Facts {
		if f.Formula != nil {
			computed++
		}
	}
	fmt.Fprintf(stdout, "%s is valid: %d topics, %d facts, %d computed figures, %d sources, %d synonym groups (version %s)\n",
		name, len(base.Topics), len(base.Facts)-computed, computed, len(base.Sources), len(base.Synonyms), base.Version)
	return nil
}

// isTerminal reports whether w is a terminal that shows bold text; NO_COLOR turns it off.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
