package main

import (
	"context"
	"encoding/json"
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
  bot ask [--json] QUESTION   answer a question as /ask would, in the terminal
  bot validate [DIR]          check fact files (default: the built-in knowledge base)
  bot help                    show this help

Configuration comes from the environment (and a .env file); see .env.example.
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
	switch cmd {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	case "ask":
		return runAsk(ctx, rest, getenv, stdout)
	case "validate":
		return runValidate(rest, stdout)
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// loadKnowledge reads KNOWLEDGE_DIR when it is set, else the built-in knowledge base.
func loadKnowledge(getenv func(string) string) (*knowledge.Base, error) {
	if dir := getenv("KNOWLEDGE_DIR"); dir != "" {
		return knowledge.LoadDir(dir)
	}
	return knowledge.Embedded()
}

func newLogger(getenv func(string) string) *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

func runAsk(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	asJSON := false
	var words []string
	for _, a := range args {
		switch a {
		case "--json", "-json":
			asJSON = true
		default:
			words = append(words, a)
		}
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	if question == "" {
		return usageError{`ask needs a question, for example: bot ask "How much rare earth oxide is at Beylikova?"`}
	}
	base, err := loadKnowledge(getenv)
	if err != nil {
		return err
	}
	idx, err := index.New(ctx, base)
	if err != nil {
		return err
	}
	defer idx.Close()
	b := bot.New(idx, newLogger(getenv))
	resp := b.Respond(ctx, bot.Interaction("ask", map[string]any{"question": question}))
	return write(stdout, resp, asJSON)
}

// write prints a response as the JSON that Discord receives, or as text for a terminal.
func write(w io.Writer, resp *discordgo.InteractionResponse, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(resp)
	}
	_, err := io.WriteString(w, bot.Text(resp, isTerminal(w)))
	return err
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

func runValidate(args []string, stdout io.Writer) error {
	if len(args) > 1 {
		return usageError{"validate takes at most one directory"}
	}
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
