package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// restTimeout bounds every REST call at the HTTP client, behind the deadlines of each call.
const restTimeout = 10 * time.Second

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
	s.Client = &http.Client{Transport: tr, Timeout: restTimeout}
	if cfg.AppID != "" {
		learnAppID(s, cfg.AppID)
	}
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
	ctx, cancel := context.WithTimeout(ctx, restTimeout)
	defer cancel()
	defs := Commands()
	if cfg.GuildID != "" {
		// Guild commands exist in their guild only; Discord takes contexts and integration
		// types for global commands alone.
		for _, c := range defs {
			c.Contexts, c.IntegrationTypes = nil, nil
		}
	}
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, cfg.GuildID, defs, discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("register commands: %w", APIError(cfg, err))
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
		return "", fmt.Errorf("ask Discord for the application id (or set DISCORD_APP_ID): %w", APIError(cfg, err))
	}
	return app.ID, nil
}

// Gateway runs the bot on a Discord gateway connection until ctx ends.
type Gateway struct {
	d   *Dispatcher
	s   *discordgo.Session
	log *slog.Logger

	mu    sync.Mutex
	ready bool
}

// NewGateway answers the interactions that come over session s with d. Call Run to connect.
func NewGateway(d *Dispatcher, s *discordgo.Session, log *slog.Logger) *Gateway {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	g := &Gateway{d: d, s: s, log: log}
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

// Run connects and serves interactions until ctx ends, then lets running replies finish (up
// to the dispatcher's Drain deadline) and closes the connection.
func (g *Gateway) Run(ctx context.Context) error {
	rest := newRESTResponder(g.s)
	// discordgo runs each handler in a goroutine of its own; the dispatcher joins them. The
	// raw event is decoded as the HTTP endpoint decodes a request, so both answer alike.
	remove := g.s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
		if e.Type != "INTERACTION_CREATE" {
			return
		}
		i, err := DecodeInteraction(e.RawData)
		if err != nil {
			g.log.Warn("interaction refused: cannot decode it", "interaction", rawInteractionID(e.RawData), "err", err)
			return
		}
		withAppID(g.s, i)
		g.d.Dispatch(ctx, i, rest)
	})
	defer remove()
	if err := g.s.Open(); err != nil {
		return fmt.Errorf("connect to the Discord gateway: %w", err)
	}
	<-ctx.Done()
	g.d.Close(context.Background())
	g.setReady(false)
	return g.s.Close()
}

// withAppID fills in the application id of an interaction that has none (Discord's docs
// examples have none): edits and followups are addressed to it. The id is the configured
// DISCORD_APP_ID, else the one Discord told at READY or in an earlier interaction; an id an
// interaction carries is learned when none is known.
func withAppID(s *discordgo.Session, i *discordgo.Interaction) {
	if i.AppID == "" {
		i.AppID = appID(s)
	} else {
		learnAppID(s, i.AppID)
	}
}

// appID is the application id the session knows, "" if none.
func appID(s *discordgo.Session) string {
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.Application == nil {
		return ""
	}
	return s.State.Application.ID
}

// learnAppID keeps id as the session's application id unless one is known; READY replaces it
// with Discord's own.
func learnAppID(s *discordgo.Session, id string) {
	s.State.Lock()
	defer s.State.Unlock()
	if s.State.Application == nil || s.State.Application.ID == "" {
		s.State.Application = &discordgo.Application{ID: id}
	}
}

// APIError names, in err, the API base the bot really called: discordgo's errors name
// Discord's own URL even when DISCORD_API_URL sends the calls to a proxy or a fake.
func APIError(cfg SessionConfig, err error) error {
	if err == nil || cfg.APIURL == "" || cfg.APIURL == DefaultAPIURL {
		return err
	}
	return &apiError{err: err, base: strings.TrimSuffix(cfg.APIURL, "/") + "/"}
}

type apiError struct {
	err  error
	base string
}

func (e *apiError) Error() string {
	return strings.ReplaceAll(e.err.Error(), DefaultAPIURL, e.base)
}

func (e *apiError) Unwrap() error { return e.err }
