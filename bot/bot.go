// Package bot turns the knowledge base into Discord responses. Handlers are pure: an
// interaction in, a reply out (table.go lists them); one Dispatcher (dispatch.go) does the I/O
// for the gateway (session.go) and the HTTP endpoint (http.go), and the terminal
// (terminal.go) runs the same handlers.
package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/chart"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Index is what the bot needs of the search index.
type Index interface {
	Search(ctx context.Context, q string, n int) (*index.Result, error)
	Highlight(q string, f *knowledge.Fact) (title, text []index.Span)
	Complete(set, input string, max int) []index.Choice
	Base() *knowledge.Base
}

// Reindexer rebuilds the index from its fact files in the background; concurrent requests
// share one build. Last is the outcome of the last one, for /about.
type Reindexer interface {
	Reindex(by string) (run *index.Run, joined bool)
	Last() (index.Last, bool)
}

// Options configure a Bot. Index is required.
type Options struct {
	Index     Index
	Reindexer Reindexer   // nil: the bot serves knowledge that cannot be reloaded
	Questions QuestionLog // nil: questions are not recorded and answers have no vote buttons
	// Admins may run /reindex besides members with the Manage Server permission.
	AdminRoleIDs, AdminUserIDs []string
	RatePerMinute              float64 // per user; 0 turns the limit off; autocomplete gets ten times it
	RateBurst                  int
	Version                    string // build version shown by /about
	Observer                   Observer
	Log                        *slog.Logger
	Now                        func() time.Time
	// ProgressEvery is how often /reindex edits its message while the build runs; 0 means
	// every 1.5 s (Discord allows about five edits in two seconds per interaction).
	ProgressEvery time.Duration

	// GuildID (DISCORD_GUILD_ID), when set, is the only server whose permissions and roles
	// count for /reindex.
	GuildID string
	// KnowledgeDir and IndexDir are shown in Discord by those names, not as the server's paths.
	KnowledgeDir, IndexDir string
}

// Bot answers interactions.
type Bot struct {
	idx       Index
	reindex   Reindexer
	questions QuestionLog
	answers   *answer.Cache
	rendered  *lru.Cache[renderKey, *discordgo.InteractionResponseData] // renderings of cached answers
	table     table
	admins    admins
	limit     *limiter
	version   string
	observe   Observer
	log       *slog.Logger
	now       func() time.Time
	started   time.Time
	progress  time.Duration
	// charts are drawn once per knowledge version: a reindex's new base empties the cache.
	charts *chart.Cache

	// completeLimit is autocomplete's own bucket, sent at every keystroke: ten times limit.
	completeLimit *limiter
	paths         *strings.Replacer // of the server's folders, in what Discord shows; nil: none

	renderedMu      sync.Mutex
	renderedVersion string // the knowledge version of the answers rendered
}

// answerCacheSize is how many recent answers the bot keeps: a team asks the same questions.
const answerCacheSize = 1024

func newRenderCache() *lru.Cache[renderKey, *discordgo.InteractionResponseData] {
	c, err := lru.New[renderKey, *discordgo.InteractionResponseData](answerCacheSize)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return c
}

// chartEntries is how many topics' or comparisons' charts the bot keeps drawn: every topic,
// and the comparisons asked most recently.
const chartEntries = 128

// New returns a Bot.
func New(opts Options) *Bot {
	b := &Bot{
		idx:       opts.Index,
		reindex:   opts.Reindexer,
		questions: opts.Questions,
		answers:   answer.NewCache(answerCacheSize),
		rendered:  newRenderCache(),
		table:     newTable(),
		admins:    newAdmins(opts.AdminRoleIDs, opts.AdminUserIDs, opts.GuildID),
		version:   opts.Version,
		observe:   opts.Observer,
		log:       opts.Log,
		now:       opts.Now,
		progress:  opts.ProgressEvery,
		charts:    chart.NewCache(chartEntries),
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.version == "" {
		b.version = "dev"
	}
	if b.observe == nil {
		b.observe = noObserver{}
	}
	if b.progress <= 0 {
		b.progress = 1500 * time.Millisecond
	}
	b.started = b.now()
	b.limit = newLimiter(opts.RatePerMinute, opts.RateBurst, b.now)
	b.completeLimit = newLimiter(10*opts.RatePerMinute, 10*max(opts.RateBurst, 1), b.now)
	b.paths = pathReplacer(opts.KnowledgeDir, opts.IndexDir)
	return b
}

// Reply is a handler's answer: the response to send at once, and for slow work a job that
// edits it. The job calls edit with each new state; the last call is the final answer. The
// job's error says the slow work failed (the user has been told in the last edit).
type Reply struct {
	Response *discordgo.InteractionResponse
	Later    func(ctx context.Context, edit func(*discordgo.WebhookEdit) error) error
	// Command and Outcome label the reply for metrics: the command (or "button"), and how it
	// went (one of the Outcome constants).
	Command, Outcome string
}

// Outcomes of a reply.
const (
	OutcomeOK          = "ok"
	OutcomeMiss        = "miss" // /ask found nothing
	OutcomeBadInput    = "bad_input"
	OutcomeRefused     = "refused"
	OutcomeRateLimited = "rate_limited"
	OutcomeError       = "error"
	OutcomePanic       = "panic" // a handler panicked: a bug, answered with an apology
)

// Failed reports whether the reply says the command could not be done: the terminal exits
// with an error then. A miss is an answer.
func (r Reply) Failed() bool {
	return r.Outcome != OutcomeOK && r.Outcome != OutcomeMiss
}

// userError is why a command cannot be answered, in a sentence the user can act on: a format
// and its arguments, written in the sender's language when Respond answers. Any other error a
// handler returns is the bot's fault: it is logged and the user gets an apology.
type userError struct {
	outcome, format string
	args            []any
}

func (e *userError) Error() string { return e.in(english) }

// in writes the sentence in l.
func (e *userError) in(l locale) string { return l.f(e.format, e.args...) }

func badInput(format string, args ...any) error { return &userError{OutcomeBadInput, format, args} }
func refused(format string, args ...any) error  { return &userError{OutcomeRefused, format, args} }
func missed(format string, args ...any) error   { return &userError{OutcomeMiss, format, args} }

// apology is what a user sees when the bot, not their input, is at fault.
const apology = "Sorry, something went wrong on my side while answering. Please try again in a moment."

// Observer records what the bot does, for metrics.
type Observer interface {
	Command(command, outcome string, took time.Duration)
	Reindex(outcome string, took time.Duration)
}

type noObserver struct{}

func (noObserver) Command(string, string, time.Duration) {}
func (noObserver) Reindex(string, time.Duration)         {}

// ReindexOutcome labels how a reindex went, for metrics: ok, unchanged or error.
func ReindexOutcome(report *index.Report, err error) string {
	switch {
	case err != nil:
		return OutcomeError
	case report.Unchanged():
		return "unchanged"
	}
	return OutcomeOK
}

// Respond answers an interaction. It never fails: anything it cannot answer gets an
// ephemeral sentence saying why. Every message it returns fits Discord's limits and pings
// no one.
func (b *Bot) Respond(ctx context.Context, i *discordgo.Interaction) Reply {
	name := b.table.name(i)
	reply, err := b.route(ctx, i)
	if err != nil {
		var ue *userError
		if errors.As(err, &ue) {
			reply = Reply{Response: ephemeral(ue.in(localeOf(i))), Outcome: ue.outcome}
		} else {
			b.log.ErrorContext(ctx, "command failed", "command", name, "interaction", interactionID(i), "err", err)
			reply = Reply{Response: ephemeral(localeOf(i).t(apology)), Outcome: OutcomeError}
		}
	}
	if reply.Outcome == "" {
		reply.Outcome = OutcomeOK
	}
	reply.Command = name
	finish(reply.Response)
	l := localeOf(i)
	if d := reply.Response.Data; d != nil {
		l.markCuts(&d.Content, d.Embeds)
	}
	if later := reply.Later; later != nil {
		reply.Later = func(ctx context.Context, edit func(*discordgo.WebhookEdit) error) error {
			return later(ctx, func(e *discordgo.WebhookEdit) error {
				fitEdit(e)
				if e.Embeds != nil {
					l.markCuts(e.Content, *e.Embeds)
				} else {
					l.markCuts(e.Content, nil)
				}
				return edit(e)
			})
		}
	}
	return reply
}

func interactionID(i *discordgo.Interaction) string {
	if i == nil {
		return ""
	}
	return i.ID
}

// message is a visible answer.
func message(data *discordgo.InteractionResponseData) Reply {
	return Reply{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}}
}

// ephemeral is a clear sentence that only the user who asked sees.
func ephemeral(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: msg, Flags: discordgo.MessageFlagsEphemeral},
	}
}
