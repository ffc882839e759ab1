package main

import (
	"context"
	"flag"
	"strings"

	"github.com/reedesk/reedesk/bot"
)

func askCommand() subcommand {
	var asJSON bool
	var locale string
	return subcommand{
		name:    "ask",
		args:    "[--json] [--locale tr] QUESTION",
		summary: "Answer a question as /ask does, from the built-in knowledge base (or KNOWLEDGE_DIR).",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the Discord interaction response ({\"type\":4,\"data\":…}) instead of text")
			localeFlag(fs, &locale)
		},
		run: func(ctx context.Context, s stdio, args []string) error {
			q := strings.TrimSpace(strings.Join(args, " "))
			if q == "" {
				return usageError{cmd: "ask", msg: `give a question, for example: ` + program + ` ask "How much rare earth oxide is at Beylikova?"`}
			}
			i := bot.Interaction("ask", map[string]any{"question": q})
			if err := setLocale(i, locale); err != nil {
				return usageError{cmd: "ask", msg: err.Error()}
			}
			return runInteraction(ctx, s, i, output{json: asJSON})
		},
	}
}
