package main

import (
	"context"
	"flag"
	"strings"

	"github.com/reedesk/reedesk/bot"
)

func askCommand() subcommand {
	var asJSON bool
	return subcommand{
		name:    "ask",
		args:    "[--json] QUESTION",
		summary: "Answer a question as /ask does, from the built-in knowledge base (or KNOWLEDGE_DIR).",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the Discord interaction response ({\"type\":4,\"data\":…}) instead of text")
		},
		run: func(ctx context.Context, s stdio, args []string) error {
			q := strings.TrimSpace(strings.Join(args, " "))
			if q == "" {
				return usageError{cmd: "ask", msg: `give a question, for example: ` + program + ` ask "How much rare earth oxide is at Beylikova?"`}
			}
			return answer(ctx, s, bot.Interaction("ask", map[string]any{"question": q}), output{json: asJSON})
		},
	}
}
