package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/reedesk/reedesk/bot"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/metrics"
)

// runServe answers interactions until ctx ends (SIGINT or SIGTERM): over the gateway, or with
// --http (INTERACTIONS_ADDR) as Discord's Interactions Endpoint URL.
func runServe(ctx context.Context, args []string, getenv func(string) string) error {
	var registerFirst bool
	httpAddr := ""
	for k := 0; k < len(args); k++ {
		switch a := args[k]; {
		case a == "--register" || a == "-register":
			registerFirst = true
		case a == "--http" || a == "-http":
			if k+1 >= len(args) {
				return usageError{"--http needs an address, such as :8080"}
			}
			k++
			httpAddr = args[k]
		case strings.HasPrefix(a, "--http="):
			httpAddr = strings.TrimPrefix(a, "--http=")
		default:
			return usageError{fmt.Sprintf("serve does not take %q", a)}
		}
	}
	env := getenv
	if httpAddr != "" {
		env = func(k string) string {
			if k == "INTERACTIONS_ADDR" {
				return httpAddr
			}
			return getenv(k)
		}
	}
	c, err := loadConfig(env, needDiscord)
	if err != nil {
		return err
	}
	log := newLogger(c, os.Stderr)
	var idx *index.Index
	m := metrics.New(func() (int, string, time.Time) {
		if idx == nil {
			return 0, "", time.Now()
		}
		return len(idx.Base().Facts), idx.Base().Version, idx.Built()
	})
	b, idx, err := newBot(ctx, c, log, m)
	if err != nil {
		return err
	}
	defer idx.Close()

	sc := sessionConfig(c)
	s, err := bot.NewDiscord(sc)
	if err != nil {
		return err
	}
	if registerFirst {
		cmds, err := bot.Register(ctx, s, sc)
		if err != nil {
			return err
		}
		log.Info("registered commands", "count", len(cmds), "guild", c.GuildID)
	}
	if c.KnowledgeWatch {
		go watch(ctx, c, idx, b, log)
	}
	log.Info("index ready", "facts", len(idx.Base().Facts), "version", idx.Base().Version, "dir", idx.Dir())

	// Ready: the index is loaded (it is, by now), the transport is up, and not shutting down.
	var stopping atomic.Bool
	var gw *bot.Gateway
	var listening atomic.Bool
	ready := func() bool {
		if stopping.Load() {
			return false
		}
		if gw != nil {
			return gw.Ready()
		}
		return listening.Load()
	}
	if c.InteractionsAddr == "" {
		if c.ShardCount == 0 {
			gb, err := s.GatewayBot()
			if err != nil {
				return fmt.Errorf("ask Discord how many shards to run (or set SHARD_COUNT): %w", err)
			}
			s.ShardCount = gb.Shards
			log.Info("shards recommended by Discord", "count", gb.Shards)
		}
		gw = bot.NewGateway(b, s, log)
	}
	if c.OpsAddr != "" {
		stopOps, err := listen(c.OpsAddr, opsMux(m, ready), log)
		if err != nil {
			return err
		}
		defer stopOps()
	}
	if gw != nil {
		err := gw.Run(ctx)
		stopping.Store(true)
		return err
	}

	key, err := bot.ParsePublicKey(c.PublicKey)
	if err != nil {
		return err
	}
	ep := bot.NewEndpoint(b, key, s, log)
	mux := opsMux(m, ready)
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
	ep.Close(sctx)
	log.Info("stopped")
	return err
}

// watch reindexes when the fact files change, so that replicas watching the same folder end on
// the same knowledge without a coordinator.
func watch(ctx context.Context, c config, idx *index.Index, b *bot.Bot, log *slog.Logger) {
	err := idx.Watch(ctx, c.KnowledgeDir, 500*time.Millisecond, knowledgeLoader(c.KnowledgeDir), func(r *index.Report, err error) {
		b.RecordReindex("watch", r, err)
		if err != nil {
			log.Error("reindex after a change failed; the old index keeps answering", "err", err)
			return
		}
		log.Info("reindexed after a change", "version", r.Version, "added", len(r.Added), "changed", len(r.Changed), "removed", len(r.Removed))
	})
	if err != nil {
		log.Error("watch stopped", "err", err)
	}
}

// opsMux serves /healthz (the process answers), /readyz (it can answer interactions) and
// /metrics.
func opsMux(m *metrics.Metrics, ready func() bool) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if !ready() {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ready\n")
	})
	mux.Handle("GET /metrics", m.Handler())
	return mux
}

func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second}
}

// listen serves h on addr until the returned stop is called.
func listen(addr string, h http.Handler, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on OPS_ADDR: %w", err)
	}
	srv := newServer(h)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("ops endpoint stopped", "err", err)
		}
	}()
	log.Info("serving health and metrics", "addr", ln.Addr().String())
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}, nil
}

func sessionConfig(c config) bot.SessionConfig {
	return bot.SessionConfig{Token: c.Token, APIURL: c.APIURL, AppID: c.AppID, GuildID: c.GuildID, ShardID: c.ShardID, ShardCount: c.ShardCount}
}

// register replaces the slash commands on Discord with the command table.
func register(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	c, err := loadConfig(getenv, needToken)
	if err != nil {
		return err
	}
	sc := sessionConfig(c)
	s, err := bot.NewDiscord(sc)
	if err != nil {
		return err
	}
	cmds, err := bot.Register(ctx, s, sc)
	if err != nil {
		return err
	}
	where := "globally (Discord may take up to an hour to show them everywhere)"
	if c.GuildID != "" {
		where = "in guild " + c.GuildID
	}
	var names []string
	for _, cmd := range cmds {
		names = append(names, "/"+cmd.Name)
	}
	fmt.Fprintf(stdout, "Registered %d commands %s: %s\n", len(cmds), where, strings.Join(names, " "))
	return nil
}
