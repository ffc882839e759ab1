package main

import (
	"context"
	"flag"
	"strings"

	"github.com/reedesk/reedesk/bot"
)

func runCommand() subcommand {
	var asJSON, complete bool
	var out, locale string
	return subcommand{
		name: "run",
		args: "[--json] [--out DIR] [--complete] [--locale tr] '/COMMAND option:value …'",
		summary: "Run any slash command through the same handler as Discord, e.g. " + program + " run '/stats topic:beylikova'.\n" +
			"With --out, write the charts a reply uploads into DIR and print their paths.\n" +
			"With --complete, show the autocomplete choices for the last option, with the values the option takes.\n" +
			"With --locale tr, answer as to a Turkish Discord client; commands and options may then be named in Turkish too.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the response, then each edit of it, as one JSON document per line (files listed in its attachments)")
			fs.StringVar(&out, "out", "", "write the files a reply uploads (charts) into `DIR`; with --json their paths go to stderr")
			fs.BoolVar(&complete, "complete", false, "show the autocomplete choices for the last option given")
			localeFlag(fs, &locale)
		},
		run: func(ctx context.Context, s stdio, args []string) error {
			line := strings.TrimSpace(strings.Join(args, " "))
			if line == "" {
				return usageError{cmd: "run", msg: "give a slash command, for example: " + program + " run '/stats topic:beylikova'"}
			}
			i, err := bot.ParseCommand(line, complete)
			if err != nil {
				return usageError{cmd: "run", msg: err.Error()}
			}
			if err := setLocale(i, locale); err != nil {
				return usageError{cmd: "run", msg: err.Error()}
			}
			return runInteraction(ctx, s, i, output{json: asJSON, out: out})
		},
	}
}
