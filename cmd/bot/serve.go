package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/answer"
	"github.com/reedesk/reedesk/bot"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/metrics"
)

func serveCommand() subcommand {
	var registerFirst bool
	var httpAddr string
	return subcommand{
		name:    "serve",
		args:    "[--register] [--http ADDR]",
		summary: "Answer interactions until stopped (Ctrl-C or SIGTERM): over the gateway, or with --http as Discord's Interactions Endpoint URL on ADDR.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&registerFirst, "register", false, "replace the slash commands on Discord first")
			fs.StringVar(&httpAddr, "http", "", "serve the Interactions Endpoint URL on this address, such as :8080 (same as INTERACTIONS_ADDR)")
		},
		run: func(ctx context.Context, s stdio, args []string) error {
			if len(args) > 0 {
				return usageError{cmd: "serve", msg: fmt.Sprintf("takes no arguments, got %q", args[0])}
			}
			getenv := s.getenv
			if httpAddr != "" {
				getenv = func(k string) string {
					if k == "INTERACTIONS_ADDR" {
						return httpAddr
					}
					return s.getenv(k)
				}
			}
			c, err := loadConfig(getenv, needDiscord)
			if err != nil {
				return err
			}
			return serve(ctx, c, newLogger(c, s.stderr), registerFirst)
		},
	}
}

// serve answers interactions until ctx ends: over the gateway, or on the HTTP endpoint.
func serve(ctx context.Context, c config, log *slog.Logger, registerFirst bool) error {
	a, err := openApp(ctx, c, log, appOptions{metrics: true, questions: true})
	if err != nil {
		return err
	}
	defer a.Close()
	sc := sessionConfig(c)
	session, err := bot.NewDiscord(sc)
	if err != nil {
		return err
	}
	if registerFirst {
		cmds, err := bot.Register(ctx, session, sc)
		if err != nil {
			return err
		}
		log.Info("registered commands", "count", len(cmds), "guild", c.GuildID)
	}
	// What the first questions would otherwise build as they come.
	a.idx.Warm()
	answer.Prepare(a.idx.Base())
	log.Info("index ready", "facts", len(a.idx.Base().Facts), "version", a.idx.Base().Version, "dir", a.idx.Dir())

	var wg sync.WaitGroup
	defer wg.Wait() // after the context ends, the watch returns
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if c.KnowledgeWatch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.idx.Watch(ctx, watchReport(log, a.metrics)); err != nil {
				log.Error("watching the fact files stopped", "err", err)
			}
		}()
	}
	d := bot.NewDispatcher(a.bot, bot.DiscordDeadlines(), log)
	var watch func() index.WatchState // nil: the fact files are not followed
	if c.KnowledgeWatch {
		watch = a.idx.WatchState
	}
	if c.InteractionsAddr != "" {
		return serveHTTP(ctx, c, log, a.metrics, watch, d, session)
	}
	return serveGateway(ctx, c, log, a.metrics, watch, d, session)
}

// serveGateway answers over a gateway connection (one shard of it).
func serveGateway(ctx context.Context, c config, log *slog.Logger, m *metrics.Metrics, watch func() index.WatchState, d *bot.Dispatcher, session *discordgo.Session) error {
	if c.ShardCount == 0 {
		gb, err := session.GatewayBot()
		if err != nil {
			return fmt.Errorf("ask Discord how many shards to run (or set SHARD_COUNT): %w", bot.APIError(sessionConfig(c), err))
		}
		session.ShardCount = gb.Shards
		log.Info("shards recommended by Discord", "count", gb.Shards)
	}
	gw := bot.NewGateway(d, session, log)
	var stopping atomic.Bool
	if c.OpsAddr != "" {
		stop, err := listen(c.OpsAddr, opsMux(m, func() bool { return !stopping.Load() && gw.Ready() }, watch), log)
		if err != nil {
			return err
		}
		defer stop()
	}
	err := gw.Run(ctx)
	stopping.Store(true)
	return bot.APIError(sessionConfig(c), err)
}

// serveHTTP answers on Discord's Interactions Endpoint URL. Health and metrics are served on
// OPS_ADDR when it is set, else beside /interactions.
func serveHTTP(ctx context.Context, c config, log *slog.Logger, m *metrics.Metrics, watch func() index.WatchState, d *bot.Dispatcher, session *discordgo.Session) error {
	key, err := bot.ParsePublicKey(c.PublicKey)
	if err != nil {
		return err
	}
	ep := bot.NewEndpoint(d, key, session, log)
	var stopping, listening atomic.Bool
	ready := func() bool { return listening.Load() && !stopping.Load() }
	mux := http.NewServeMux()
	if c.OpsAddr != "" {
		stop, err := listen(c.OpsAddr, opsMux(m, ready, watch), log)
		if err != nil {
			return err
		}
		defer stop()
	} else {
		mux = opsMux(m, ready, watch)
	}
	mux.Handle(bot.InteractionsPath, ep)
	ln, err := net.Listen("tcp", c.InteractionsAddr)
	if err != nil {
		return fmt.Errorf("listen for interactions: %w", err)
	}
	srv := newServer(mux)
	listening.Store(true)
	log.Info("serving interactions", "addr", ln.Addr().String(), "path", bot.InteractionsPath)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("interactions endpoint: %w", err)
	case <-ctx.Done():
	}
	// Tell the load balancer first, then stop taking requests and let the replies finish.
	stopping.Store(true)
	time.Sleep(c.ShutdownDrain)
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	<-errc
	ep.Close(sctx)
	log.Info("stopped")
	return err
}

// opsMux serves /healthz (the process answers), /readyz (it can answer interactions) and
// /metrics. While the watched fact files cannot be reindexed, /readyz still answers 200, since
// the replica answers from the knowledge it had (a typo in a shared fact file must not take
// every replica out), but says so; /readyz?fresh=1 answers 503 then, for a balancer that
// should prefer replicas with current knowledge, and also while the fact folder is not (yet,
// or any more) watched: an edit then would go unnoticed. watch is nil when nothing is watched.
func opsMux(m *metrics.Metrics, ready func() bool, watch func() index.WatchState) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if !ready() {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		if watch == nil {
			io.WriteString(w, "ready\n")
			return
		}
		s := watch()
		if !s.Failing && !s.Watching {
			msg := "ready, but the fact folder is not watched yet: an edit to the fact files would not be followed\n"
			if r.URL.Query().Has("fresh") {
				http.Error(w, msg, http.StatusServiceUnavailable)
				return
			}
			io.WriteString(w, msg)
			return
		}
		if !s.Failing {
			io.WriteString(w, "ready\n")
			return
		}
		msg := fmt.Sprintf("ready, serving stale knowledge: reindexing the changed fact files has failed %d time(s) since %s, next attempt at %s: %v\n",
			s.Attempts, s.Since.UTC().Format(time.RFC3339), s.Retry.UTC().Format(time.RFC3339), s.Err)
		if r.URL.Query().Has("fresh") {
			http.Error(w, msg, http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, msg)
	})
	mux.Handle("GET /metrics", m.Handler())
	return mux
}

func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second}
}

// listen serves h on addr until the returned stop is called, which waits for it to end.
func listen(addr string, h http.Handler, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on OPS_ADDR: %w", err)
	}
	srv := newServer(h)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("ops endpoint stopped", "err", err)
		}
	}()
	log.Info("serving health and metrics", "addr", ln.Addr().String())
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		<-done
	}, nil
}
