// Package bot turns the knowledge base into Discord responses. Handlers are pure: an
// interaction in, a reply out; the Discord session (session.go), the HTTP endpoint and the
// terminal (terminal.go) do the I/O, all through Respond.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// Index is what the bot needs of the search index.
type Index interface {
	Search(ctx context.Context, q string, n int) (*index.Result, error)
	Highlight(q string, f *knowledge.Fact) (title, text []index.Span)
	Complete(set, input string) []index.Choice
	Base() *knowledge.Base
}

// Reindexer rebuilds the index in the background; concurrent requests share one build.
type Reindexer interface {
	Reindex(load index.Loader) (run *index.Run, joined bool)
}

// Options configure a Bot. Index is required.
type Options struct {
	Index     Index
	Reindexer Reindexer    // nil: /reindex says it is not available
	Load      index.Loader // where /reindex reads the fact files from
	// Admins may run /reindex besides members with the Manage Server permission.
	AdminRoleIDs, AdminUserIDs []string
	RatePerMinute              float64 // per user; 0 turns the limit off
	RateBurst                  int
	Version                    string // build version shown by /about
	Observer                   Observer
	Log                        *slog.Logger
	Now                        func() time.Time
}

// Bot answers interactions.
type Bot struct {
	idx     Index
	reindex Reindexer
	load    index.Loader
	admins  admins
	limit   *limiter
	version string
	observe Observer
	log     *slog.Logger
	now     func() time.Time
	started time.Time

	mu   sync.Mutex
	last *reindexRecord // the last reindex, for /about
}

// New returns a Bot.
func New(opts Options) *Bot {
	b := &Bot{
		idx:     opts.Index,
		reindex: opts.Reindexer,
		load:    opts.Load,
		admins:  newAdmins(opts.AdminRoleIDs, opts.AdminUserIDs),
		version: opts.Version,
		observe: opts.Observer,
		log:     opts.Log,
		now:     opts.Now,
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
	b.started = b.now()
	b.limit = newLimiter(opts.RatePerMinute, opts.RateBurst, b.now)
	return b
}

// Reply is a handler's answer: the response to send at once, and for slow work a job that
// edits it. The job calls edit with each new state; the last call is the final answer.
type Reply struct {
	Response *discordgo.InteractionResponse
	Later    func(ctx context.Context, edit func(*discordgo.WebhookEdit) error)
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
)

// failure is an ephemeral sentence saying why a command could not be answered.
func failure(outcome, msg string) Reply {
	return Reply{Response: errorResponse(msg), Outcome: outcome}
}

// Observer records what the bot does, for metrics.
type Observer interface {
	Command(command, outcome string, took time.Duration)
	Reindex(outcome string, took time.Duration)
}

// request is an interaction with its command options by name.
type request struct {
	i    *discordgo.Interaction
	opts map[string]*discordgo.ApplicationCommandInteractionDataOption
}

func (r request) str(name string) string {
	if o, ok := r.opts[name]; ok && o.Type == discordgo.ApplicationCommandOptionString {
		if s, ok := o.Value.(string); ok {
			return s
		}
	}
	return ""
}

func (r request) flag(name string) bool {
	if o, ok := r.opts[name]; ok && o.Type == discordgo.ApplicationCommandOptionBoolean {
		if b, ok := o.Value.(bool); ok {
			return b
		}
	}
	return false
}

// user is who sent an interaction, in a guild or in a DM.
func (r request) user() *discordgo.User {
	if r.i.Member != nil && r.i.Member.User != nil {
		return r.i.Member.User
	}
	return r.i.User
}

// command is one slash command: what Discord is told about it and how it is answered.
type command struct {
	def      *discordgo.ApplicationCommand
	run      func(b *Bot, ctx context.Context, r request) Reply
	complete map[string]string // option name → index completion set
	admin    bool
}

var manageServer = int64(discordgo.PermissionManageGuild)

func stringOption(name, desc string, required bool, autocomplete bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required, Autocomplete: autocomplete, MaxLength: 500}
}

// commands lists every slash command. Registration, dispatch, autocomplete, the terminal and
// the help text all read this one table. It is filled in init because /about lists it.
var commands []command

func init() { commands = commandTable() }

func commandTable() []command {
	return []command{
		{
			def: &discordgo.ApplicationCommand{
				Name:        "ask",
				Description: "Ask a question about rare earths; get sourced facts and computed figures",
				Options: []*discordgo.ApplicationCommandOption{
					stringOption("question", "Your question, e.g. How much rare earth oxide is at Beylikova?", true, false),
					{Type: discordgo.ApplicationCommandOptionBoolean, Name: "hide", Description: "Show the answer only to you"},
				},
			},
			run: (*Bot).ask,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "stats",
				Description: "Key figures of a topic: Beylikova, world production, reserves, China, value chain …",
				Options:     []*discordgo.ApplicationCommandOption{stringOption("topic", "The topic, e.g. beylikova", true, true)},
			},
			run:      (*Bot).stats,
			complete: map[string]string{"topic": index.CompleteTopics},
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "element",
				Description: "One of the 17 rare earth elements, by name or symbol",
				Options:     []*discordgo.ApplicationCommandOption{stringOption("name", "Name or symbol, e.g. neodymium or Nd", true, true)},
			},
			run:      (*Bot).element,
			complete: map[string]string{"name": index.CompleteElements},
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "fact",
				Description: "One fact or computed figure, in full, by its id",
				Options:     []*discordgo.ApplicationCommandOption{stringOption("id", "The fact id, e.g. beylikova-reo", true, true)},
			},
			run:      (*Bot).fact,
			complete: map[string]string{"id": index.CompleteFacts},
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "compare",
				Description: "Compare two figures: ratio and difference, units checked",
				Options: []*discordgo.ApplicationCommandOption{
					stringOption("a", "The first figure", true, true),
					stringOption("b", "The second figure", true, true),
				},
			},
			run:      (*Bot).compare,
			complete: map[string]string{"a": index.CompleteFigures, "b": index.CompleteFigures},
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:                     "reindex",
				Description:              "Reload the fact files and rebuild the index (admins)",
				DefaultMemberPermissions: &manageServer,
			},
			run:   (*Bot).reindexCommand,
			admin: true,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "about",
				Description: "What the bot serves: facts, knowledge version, last reindex, uptime",
			},
			run: (*Bot).about,
		},
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.def.Name == name {
			return c, true
		}
	}
	return command{}, false
}

// Commands returns the definitions of every slash command, for registration.
func Commands() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, len(commands))
	for i, c := range commands {
		out[i] = c.def
	}
	return out
}

// Respond answers an interaction. It never fails: anything it cannot answer gets an
// ephemeral sentence saying why. Every message it returns fits Discord's limits and pings
// no one.
func (b *Bot) Respond(ctx context.Context, i *discordgo.Interaction) Reply {
	reply := b.respond(ctx, i)
	if reply.Outcome == "" {
		reply.Outcome = OutcomeOK
	}
	reply.Command = commandName(i)
	finish(reply.Response)
	if later := reply.Later; later != nil {
		reply.Later = func(ctx context.Context, edit func(*discordgo.WebhookEdit) error) {
			later(ctx, func(e *discordgo.WebhookEdit) error {
				fitEdit(e)
				return edit(e)
			})
		}
	}
	return reply
}

func (b *Bot) respond(ctx context.Context, i *discordgo.Interaction) Reply {
	if i == nil || i.Data == nil {
		return failure(OutcomeBadInput, "That interaction carried no data, so there is nothing to answer.")
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		c, ok := lookup(data.Name)
		if !ok {
			b.log.WarnContext(ctx, "unknown command", "command", data.Name)
			return failure(OutcomeBadInput, "I don't know the command /"+escapeInput(truncate(data.Name, 40))+". I know "+commandList()+".")
		}
		r := request{i: i, opts: options(data.Options)}
		if msg, ok := b.checkOptions(c, r); !ok {
			return failure(OutcomeBadInput, msg)
		}
		if wait, ok := b.limit.allow(userID(r)); !ok {
			b.log.InfoContext(ctx, "rate limited", "command", data.Name, "user", userID(r))
			return failure(OutcomeRateLimited, fmt.Sprintf("You are asking faster than I answer. Please try again in %d seconds.", int(wait.Seconds()+0.999)))
		}
		return c.run(b, ctx, r)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return Reply{Response: b.autocomplete(i)}
	case discordgo.InteractionMessageComponent:
		return b.component(ctx, i)
	}
	return failure(OutcomeBadInput, "This kind of interaction is not supported.")
}

// commandName labels an interaction for metrics and logs: the command, "button" or "other".
func commandName(i *discordgo.Interaction) string {
	if i == nil || i.Data == nil {
		return "other"
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		if c, ok := lookup(i.ApplicationCommandData().Name); ok {
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				return c.def.Name + "_autocomplete"
			}
			return c.def.Name
		}
		return "unknown"
	case discordgo.InteractionMessageComponent:
		return "button"
	}
	return "other"
}

func options(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range opts {
		if o != nil {
			m[o.Name] = o
		}
	}
	return m
}

// checkOptions reports a missing, unknown or wrongly typed option with a sentence.
func (b *Bot) checkOptions(c command, r request) (string, bool) {
	defs := map[string]*discordgo.ApplicationCommandOption{}
	for _, d := range c.def.Options {
		defs[d.Name] = d
	}
	for name, o := range r.opts {
		d, ok := defs[name]
		if !ok {
			return fmt.Sprintf("/%s has no option %q.", c.def.Name, escapeInput(truncate(name, 40))), false
		}
		okType := false
		switch d.Type {
		case discordgo.ApplicationCommandOptionString:
			_, okType = o.Value.(string)
		case discordgo.ApplicationCommandOptionBoolean:
			_, okType = o.Value.(bool)
		}
		if !okType || o.Type != d.Type {
			return fmt.Sprintf("The option %s of /%s has the wrong type.", name, c.def.Name), false
		}
	}
	for _, d := range c.def.Options {
		if d.Required && (r.opts[d.Name] == nil || (d.Type == discordgo.ApplicationCommandOptionString && strings.TrimSpace(r.str(d.Name)) == "")) {
			return fmt.Sprintf("/%s needs the option %s (%s).", c.def.Name, d.Name, strings.TrimRight(d.Description, ".?!")), false
		}
	}
	return "", true
}

func userID(r request) string {
	if u := r.user(); u != nil {
		return u.ID
	}
	return ""
}

func commandList() string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = "/" + c.def.Name
	}
	return strings.Join(names, ", ")
}

// autocomplete suggests values for the option being typed.
func (b *Bot) autocomplete(i *discordgo.Interaction) *discordgo.InteractionResponse {
	data := i.ApplicationCommandData()
	var choices []*discordgo.ApplicationCommandOptionChoice
	if c, ok := lookup(data.Name); ok {
		for _, o := range data.Options {
			set, ok := c.complete[o.Name]
			if !o.Focused || !ok {
				continue
			}
			typed, _ := o.Value.(string)
			for _, ch := range b.idx.Complete(set, typed) {
				choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: ch.Name, Value: ch.Value})
			}
		}
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

type noObserver struct{}

func (noObserver) Command(string, string, time.Duration) {}
func (noObserver) Reindex(string, time.Duration)         {}

// noMentions is set on every message: no fact or echoed input can ping anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// finish makes a response safe to send: within Discord's limits, pinging no one.
func finish(resp *discordgo.InteractionResponse) {
	d := resp.Data
	if d == nil {
		return
	}
	fit(d)
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		d.AllowedMentions = noMentions()
	}
}

func fitEdit(e *discordgo.WebhookEdit) {
	d := &discordgo.InteractionResponseData{}
	if e.Content != nil {
		d.Content = *e.Content
	}
	if e.Embeds != nil {
		d.Embeds = *e.Embeds
	}
	fit(d)
	if e.Content != nil {
		e.Content = &d.Content
	}
	if e.Embeds != nil {
		e.Embeds = &d.Embeds
	}
	e.AllowedMentions = noMentions()
}

// message is a visible answer.
func message(data *discordgo.InteractionResponseData) Reply {
	return Reply{Response: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}}
}

// errorResponse is a clear sentence that only the user who asked sees.
func errorResponse(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: msg, Flags: discordgo.MessageFlagsEphemeral},
	}
}

// Interaction builds the interaction Discord would send for a slash command, so that the
// terminal runs commands through the same handlers. The terminal user is an administrator.
func Interaction(name string, options map[string]any) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{ID: "terminal", Name: name, CommandType: discordgo.ChatApplicationCommand}
	if c, ok := lookup(name); ok {
		for _, def := range c.def.Options {
			if v, ok := options[def.Name]; ok {
				data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: def.Name, Type: def.Type, Value: v})
			}
		}
	}
	return &discordgo.Interaction{
		ID: "terminal", AppID: "terminal", Type: discordgo.InteractionApplicationCommand, Data: data, Token: "terminal",
		Member:  &discordgo.Member{User: &discordgo.User{ID: "terminal", Username: "terminal"}, Permissions: discordgo.PermissionAdministrator},
		GuildID: "terminal",
	}
}
