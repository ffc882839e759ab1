package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/reedesk/reedesk/bot"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
	"github.com/reedesk/reedesk/metrics"
	"github.com/reedesk/reedesk/questions"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// app is the bot wired to its knowledge, index, metrics and question log.
type app struct {
	idx       *index.Index
	metrics   *metrics.Metrics // nil in the terminal
	questions *questions.Store // nil when not recorded
	bot       *bot.Bot
}

// appOptions say what a subcommand needs beyond the bot.
type appOptions struct {
	metrics bool // serve: count what the bot does
	// baseline: a terminal /reindex compares the fact files with what INDEX_DIR holds, or
	// with the built-in knowledge base, rather than with themselves.
	baseline bool
	terminal bool // one person at a terminal: no rate limit
	// questions: record what is asked (serve), or read the log (curate), unless
	// QUESTION_LOG=off.
	questions bool
}

// openApp opens the knowledge, then the index, then the metrics, then the question log, then
// the bot.
func openApp(ctx context.Context, c config, log *slog.Logger, o appOptions) (*app, error) {
	load := knowledgeLoader(c.KnowledgeDir)
	base, err := load(ctx)
	if err != nil {
		return nil, err
	}
	iopts := index.Options{Dir: c.IndexDir, Log: log}
	if c.KnowledgeDir != "" {
		iopts.Load = load
		if c.KnowledgeWatch {
			iopts.Watch = c.KnowledgeDir
		}
	}
	if o.baseline {
		if iopts.Baseline, err = baseline(c); err != nil {
			return nil, err
		}
	}
	idx, err := index.Open(ctx, base, iopts)
	if err != nil {
		return nil, err
	}

	a := &app{idx: idx}
	bopts := bot.Options{
		Index:        idx,
		AdminRoleIDs: c.AdminRoleIDs, AdminUserIDs: c.AdminUserIDs,
		RatePerMinute: c.RatePerMinute, RateBurst: c.RateBurst,
		Version: version, Log: log,
	}
	if o.metrics {
		a.metrics = metrics.New(func() (int, string, time.Time) {
			b := idx.Base()
			return len(b.Facts), b.Version, idx.Built()
		})
		bopts.Observer = a.metrics
	}
	if o.questions && c.QuestionLog {
		qopts := questions.Options{
			DatabaseURL: c.DatabaseURL, DataDir: c.DataDir,
			Retention: time.Duration(c.QuestionLogDays) * 24 * time.Hour,
			Key:       []byte(c.QuestionLogKey), Log: log,
		}
		if a.metrics != nil {
			qopts.Observer = a.metrics
		}
		if a.questions, err = questions.Open(ctx, qopts); err != nil {
			idx.Close()
			return nil, fmt.Errorf("open the question log (QUESTION_LOG=off turns it off): %w", err)
		}
		bopts.Questions = a.questions
		if a.metrics != nil {
			store := a.questions
			a.metrics.WatchRates(func() (float64, float64, error) {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				t, err := store.Totals(ctx, time.Now().AddDate(0, 0, -30))
				return t.MissRate(), t.HelpfulRate(), err
			})
		}
	}
	if o.terminal {
		bopts.RatePerMinute = 0
	}
	if idx.Reindexable() {
		bopts.Reindexer = idx
	}
	a.bot = bot.New(bopts)
	return a, nil
}

// Close flushes the question log (for a few seconds at most) and closes the index.
func (a *app) Close() error {
	if a.questions != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		a.questions.Close(ctx)
	}
	return a.idx.Close()
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

// baseline is what a terminal /reindex compares with: the knowledge INDEX_DIR was last built
// from, else the built-in knowledge base.
func baseline(c config) (*index.Snapshot, error) {
	if c.IndexDir != "" {
		if s, err := index.OnDisk(c.IndexDir); err == nil {
			return s, nil
		}
	}
	base, err := knowledge.Embedded()
	if err != nil {
		return nil, fmt.Errorf("read the built-in knowledge base: %w", err)
	}
	return index.SnapshotOf(base), nil
}

// watchReport logs and counts a reindex the watched folder started.
func watchReport(log *slog.Logger, m *metrics.Metrics) func(index.Last) {
	return func(l index.Last) {
		took := time.Duration(0)
		if l.Report != nil {
			took = l.Report.Took
		}
		if m != nil {
			m.Reindex(bot.ReindexOutcome(l.Report, l.Err), took)
		}
		if l.Err != nil {
			log.Error("reindex after a change failed; the old index keeps answering", "err", l.Err)
			return
		}
		log.Info("reindexed after a change", "version", l.Report.Version, "added", len(l.Report.Added), "changed", len(l.Report.Changed), "removed", len(l.Report.Removed))
	}
}
