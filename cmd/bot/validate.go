package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/reedesk/reedesk/knowledge"
)

func validateCommand() subcommand {
	return subcommand{
		name:    "validate",
		args:    "[DIR]",
		summary: "Check fact files (the built-in ones, or those in DIR), printing every problem as file:line: field: message.",
		run: func(ctx context.Context, s stdio, args []string) error {
			if len(args) > 1 {
				return usageError{cmd: "validate", msg: "give at most one directory"}
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
					fmt.Fprintln(s.stdout, p)
				}
				return fmt.Errorf("%s: %d problem(s) found", name, len(ve.Problems))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(s.stdout, "%s is valid: %s in %d topics, %d synonym groups (version %s)\n",
				name, base.Size(), len(base.Topics), len(base.Synonyms), base.Version)
			return nil
		},
	}
}
