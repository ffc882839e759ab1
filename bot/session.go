package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Deadlines. Discord drops an interaction not answered within 3 seconds, and a token is valid
// for 15 minutes.
const (
	deferAfter      = 1500 * time.Millisecond // a handler still running then gets a deferral
	respondDeadline = 2500 * time.Millisecond // for the first response
	restDeadline    = 10 * time.Second        // for every other REST call
	laterDeadline   = 14 * time.Minute        // for a job that edits its message
)

// DefaultAPIURL is Discord's REST API, as discordgo addresses it.
const DefaultAPIURL = "https://discord.com/api/v9/"

// SessionConfig says how to reach Discord.
type SessionConfig struct {
	Token      string
	APIURL     string // "" for DefaultAPIURL; another base (a proxy, a fake) gets every call
	AppID      string // "" to ask Discord
	GuildID    string // register commands for this guild only; "" registers them globally
	ShardID    int
	ShardCount int
}

// NewDiscord returns a discordgo session whose REST calls, gateway discovery included, go to
// cfg.APIURL. It does not connect.
func NewDiscord(cfg SessionConfig) (*discordgo.Session, error) {
	token := ""
	if cfg.Token != "" {
		token = "Bot " + strings.TrimPrefix(cfg.Token, "Bot ")
	}
	// No token at all (HTTP mode without one): webhook edits need none, and a bare "Bot "
	// header would be refused.
	s, err := discordgo.New(token)
	if err != nil {
		return nil, err
	}
	base := cfg.APIURL
	if base == "" {
		base = DefaultAPIURL
	}
	tr, err := newAPITransport(base, http.DefaultTransport)
	if err != nil {
		return nil, err
	}
	s.Client = &http.Client{Transport: tr, Timeout: restDeadline}
	s.Identify.Intents = discordgo.IntentsNone // slash commands need no intents, privileged or not
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	s.LogLevel = discordgo.LogError
	return s, nil
}

// apiTransport sends requests for Discord's API to another base URL.
type apiTransport struct {
	from, to *url.URL
	next     http.RoundTripper
}

func newAPITransport(base string, next http.RoundTripper) (http.RoundTripper, error) {
	to, err := url.Parse(base)
	if err != nil || (to.Scheme != "http" && to.Scheme != "https") || to.Host == "" {
		return nil, fmt.Errorf("DISCORD_API_URL %q is not an http(s) URL", base)
	}
	if !strings.HasSuffix(to.Path, "/") {
		to.Path += "/"
	}
	from, _ := url.Parse(DefaultAPIURL)
	if *to == *from {
		return next, nil
	}
	return &apiTransport{from: from, to: to, next: next}, nil
}

func (t *apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host == t.from.Host && strings.HasPrefix(r.URL.Path, t.from.Path) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = t.to.Scheme, t.to.Host, t.to.Host
		r.URL.Path = t.to.Path + strings.TrimPrefix(r.URL.Path, t.from.Path)
		r.URL.RawPath = ""
	}
	return t.next.RoundTrip(r)
}

// Register replaces the bot's slash commands with the command table: in one guild when
// cfg.GuildID is set (instant), else globally.
func Register(ctx context.Context, s *discordgo.Session, cfg SessionConfig) ([]*discordgo.ApplicationCommand, error) {
	appID, err := applicationID(s, cfg)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, restDeadline)
	defer cancel()
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, cfg.GuildID, Commands(), discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("register commands: %w", err)
	}
	return cmds, nil
}

func applicationID(s *discordgo.Session, cfg SessionConfig) (string, error) {
	if cfg.AppID != "" {
		return cfg.AppID, nil
	}
	// discordgo takes no context here; the client's timeout bounds the call.
	app, err := s.Application("@me")
	if err != nil {
		return "", fmt.Errorf("ask Discord for the application id (or set DISCORD_APP_ID): %w", err)
	}
	return app.ID, nil
}

// Gateway runs the bot on a Discord gateway connection until ctx ends.
type Gateway struct {
	bot  *Bot
	s    *discordgo.Session
	rest restResponder
	log  *slog.Logger
	jobs sync.WaitGroup
	life context.Context
	stop context.CancelFunc

	mu      sync.Mutex
	ready   bool
	closing bool // no new replies start once shutdown begins
}

// NewGateway wires b to the session s. Call Run to connect.
func NewGateway(b *Bot, s *discordgo.Session, log *slog.Logger) *Gateway {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	g := &Gateway{bot: b, s: s, log: log, rest: newRESTResponder(s)}
	g.life, g.stop = context.WithCancel(context.Background())
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		g.setReady(true)
		log.Info("connected to Discord", "shard", s.ShardID, "shards", s.ShardCount)
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
		g.setReady(true)
		log.Info("resumed the Discord session")
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		g.setReady(false)
		log.Warn("disconnected from Discord; reconnecting")
	})
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
		g.mu.Lock()
		if g.closing {
			// Shutting down: leave it unanswered rather than cut it off midway; Discord
			// tells the user the bot did not respond.
			g.mu.Unlock()
			return
		}
		g.jobs.Add(1)
		g.mu.Unlock()
		defer g.jobs.Done()
		Dispatch(g.life, b, i.Interaction, g.rest, log)
	})
	return g
}

func (g *Gateway) setReady(v bool) {
	g.mu.Lock()
	g.ready = v
	g.mu.Unlock()
}

// Ready reports whether the gateway connection is up.
func (g *Gateway) Ready() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.ready
}

// Run connects and serves interactions until ctx ends, then lets running replies finish
// (up to a few seconds) and closes the connection.
func (g *Gateway) Run(ctx context.Context) error {
	if err := g.s.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	<-ctx.Done()
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	done := make(chan struct{})
	go func() { g.jobs.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		g.log.Warn("stopping with replies still running")
	}
	g.stop()
	g.setReady(false)
	return g.s.Close()
}

// responder sends an interaction's first response; the gateway posts it to Discord, the HTTP
// endpoint writes it as the answer to Discord's request.
type responder interface {
	respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
	edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
	remove(ctx context.Context, i *discordgo.Interaction) error
	followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error
}

// Dispatch answers one interaction: it runs the handler, sends its response (or a deferral if
// the handler is slow, then the response as an edit), and runs the reply's job. Every call to
// Discord has a deadline.
func Dispatch(ctx context.Context, b *Bot, i *discordgo.Interaction, to responder, log *slog.Logger) {
	start := time.Now()
	replies := make(chan Reply, 1)
	go func() { replies <- b.Respond(ctx, i) }()

	var reply Reply
	deferred := false
	select {
	case reply = <-replies:
	case <-time.After(deferAfter):
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			reply = <-replies // autocomplete cannot be deferred
			break
		}
		deferred = true
		// Whether the answer is private is fixed by the deferral, so guess it from the
		// interaction: button replies and /ask hide:true are private.
		deferral := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
		if private(i) {
			deferral.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
		}
		rctx, cancel := context.WithTimeout(ctx, respondDeadline)
		err := to.respond(rctx, i, deferral)
		cancel()
		if err != nil {
			log.Error("defer interaction", "err", err, "waited", time.Since(start))
			b.observe.Command(commandName(i), OutcomeError, time.Since(start))
			return
		}
		reply = <-replies
	}

	// The latency measured is until the answer is sent, not the job after it.
	var took time.Duration
	defer func() {
		if took == 0 {
			took = time.Since(start)
		}
		b.observe.Command(reply.Command, reply.Outcome, took)
	}()
	if deferred {
		if d := reply.Response.Data; d != nil {
			var err error
			if d.Flags&discordgo.MessageFlagsEphemeral != 0 && !private(i) {
				// A public "thinking…" cannot become private: replace it with a private
				// followup.
				err = replacePrivately(ctx, to, i, d)
			} else {
				err = editWith(ctx, to, i, responseEdit(d))
			}
			if err != nil {
				log.Error("send deferred reply", "err", err)
				reply.Outcome = OutcomeError
				return
			}
		}
	} else {
		rctx, cancel := context.WithTimeout(ctx, respondDeadline)
		err := to.respond(rctx, i, reply.Response)
		cancel()
		if err != nil {
			log.Error("respond to interaction", "err", err, "took", time.Since(start))
			reply.Outcome = OutcomeError
			return
		}
	}
	took = time.Since(start)
	if reply.Later != nil {
		lctx, cancel := context.WithTimeout(ctx, laterDeadline)
		defer cancel()
		reply.Later(lctx, func(e *discordgo.WebhookEdit) error { return editWith(lctx, to, i, e) })
	}
}

// private reports whether the answer to i will be seen only by its sender.
func private(i *discordgo.Interaction) bool {
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		return true
	case discordgo.InteractionApplicationCommand:
		for _, o := range i.ApplicationCommandData().Options {
			if v, ok := o.Value.(bool); ok && o.Name == "hide" && v {
				return true
			}
		}
	}
	return false
}

// replacePrivately deletes a public deferral and sends the answer as a private followup.
func replacePrivately(ctx context.Context, to responder, i *discordgo.Interaction, d *discordgo.InteractionResponseData) error {
	ctx, cancel := context.WithTimeout(ctx, restDeadline)
	defer cancel()
	if err := to.remove(ctx, i); err != nil {
		return fmt.Errorf("remove the public deferral: %w", err)
	}
	return to.followup(ctx, i, &discordgo.WebhookParams{
		Content: d.Content, Embeds: d.Embeds, Components: d.Components,
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
	})
}

func editWith(ctx context.Context, to responder, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	ctx, cancel := context.WithTimeout(ctx, restDeadline)
	defer cancel()
	err := to.edit(ctx, i, e)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("edit the reply: Discord did not answer within %s", restDeadline)
	}
	return err
}

// responseEdit turns a message response into the edit that replaces a deferral.
func responseEdit(d *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	content := d.Content
	embeds := d.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	e := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, AllowedMentions: noMentions()}
	if d.Components != nil {
		c := d.Components
		e.Components = &c
	}
	return e
}
