package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/reedesk/reedesk/bot"
	"github.com/reedesk/reedesk/questions"
)

func curateCommand() subcommand {
	var since string
	var asCSV bool
	return subcommand{
		name:    "curate",
		args:    "[--since 7d|30d] [--csv]",
		summary: "Show what the team asked (from the question log in DATA_DIR or DATABASE_URL): the questions that found nothing, the facts voted not helpful, the latest comments, and counts by week, as /curate does.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&since, "since", "7d", "how far back, in days: 7d, 30d …")
			fs.BoolVar(&asCSV, "csv", false, "print the report as CSV (section,item,count,users,not_helpful,helpful,last,detail)")
		},
		run: func(ctx context.Context, s stdio, args []string) error {
			if len(args) > 0 {
				return usageError{cmd: "curate", msg: "takes no arguments"}
			}
			days, err := bot.ParseDays(since)
			if err != nil {
				return usageError{cmd: "curate", msg: "--since: " + err.Error()}
			}
			if !asCSV {
				return runInteraction(ctx, s, bot.Interaction("curate", map[string]any{"since": strconv.Itoa(days) + "d"}), output{})
			}
			c, err := loadConfig(s.getenv, needNothing)
			if err != nil {
				return err
			}
			if !c.QuestionLog {
				return fmt.Errorf("QUESTION_LOG is off: there is no question log to read")
			}
			store, err := questions.Open(ctx, questions.Options{DatabaseURL: c.DatabaseURL, DataDir: c.DataDir, Key: []byte(c.QuestionLogKey), Log: newLogger(c, s.stderr)})
			if err != nil {
				return fmt.Errorf("open the question log: %w", err)
			}
			defer store.Close(ctx)
			rep, err := store.Report(ctx, s.now().AddDate(0, 0, -days), 100)
			if err != nil {
				return err
			}
			return writeCSV(s.stdout, rep)
		},
	}
}

// writeCSV writes a curator's report as one table: a row per item, the section first.
func writeCSV(w io.Writer, rep *questions.Report) error {
	cw := csv.NewWriter(w)
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	rows := [][]string{{"section", "item", "count", "users", "not_helpful", "helpful", "last", "detail"}}
	t := rep.Totals
	rows = append(rows, []string{"total", day(rep.Since) + ".." + day(rep.Until), n(t.Questions), "", n(t.Votes - t.Helpful), n(t.Helpful), "", fmt.Sprintf("misses=%d", t.Misses)})
	for _, wk := range rep.Weeks {
		rows = append(rows, []string{"week", day(wk.Start), n(wk.Questions), "", n(wk.Votes - wk.Helpful), n(wk.Helpful), "", fmt.Sprintf("misses=%d", wk.Misses)})
	}
	for _, g := range rep.Unanswered {
		detail := ""
		for k, x := range g.Wordings {
			if k > 0 {
				detail += " | "
			}
			detail += x
		}
		rows = append(rows, []string{"unanswered", g.Question, n(g.Count), n(g.Users), "", "", day(g.Last), detail})
	}
	for _, f := range rep.Unhelpful {
		rows = append(rows, []string{"unhelpful", f.FactID, "", "", n(f.NotHelpful), n(f.Helpful), day(f.Last), ""})
	}
	for _, c := range rep.Comments {
		helpful := "0"
		if c.Helpful {
			helpful = "1"
		}
		rows = append(rows, []string{"comment", c.Text, "", "", "", helpful, day(c.At), c.Question + " (" + c.FactID + ")"})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}
