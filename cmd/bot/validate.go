package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/reedesk/reedesk/knowledge"
)

func validateCommand() subcommand {
	var strict bool
	return subcommand{
		name:    "validate",
		args:    "[--strict] [DIR]",
		summary: "Check fact files (the built-in ones, or those in DIR), printing every problem as file:line: field: message, and a warning for every fact past its valid_until or review_by date.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&strict, "strict", false, "fail on warnings too (facts that lapsed or are due for review)")
		},
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
			stale := base.Stale(s.now())
			for _, st := range stale {
				fmt.Fprintln(s.stdout, "warning: "+st.String())
			}
			fmt.Fprintf(s.stdout, "%s is valid: %s in %d topics, %d synonym groups (version %s)\n",
				name, base.Size(), len(base.Topics), len(base.Synonyms), base.Version)
			if len(stale) > 0 {
				fmt.Fprintf(s.stdout, "%s, as of %s.\n", staleSummary(stale), s.now().Format("2 January 2006"))
				if strict {
					return fmt.Errorf("%s: %d warning(s), and --strict fails on them", name, len(stale))
				}
			}
			return nil
		},
	}
}

// staleSummary counts the facts past their dates: "2 facts have lapsed and 44 are due for
// review".
func staleSummary(stale []knowledge.Staleness) string {
	lapsed, review := knowledge.CountStale(stale)
	return fmt.Sprintf("%d fact(s) have lapsed and %d are due for review", lapsed, review)
}
