package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits of the HTTP interactions endpoint.
const (
	MaxInteractionBody = 1 << 20         // Discord's payloads are far smaller
	MaxClockSkew       = 5 * time.Minute // older or newer signed requests are replays
	InteractionsPath   = "/interactions"
)

// ParsePublicKey reads DISCORD_PUBLIC_KEY, the hex Ed25519 key from the developer portal.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY must be the 64 hex digits of the application's public key")
	}
	return ed25519.PublicKey(b), nil
}

// Endpoint serves Discord's "Interactions Endpoint URL" mode: Discord POSTs each interaction,
// signed, and the answer is the HTTP response; later edits go through the webhook API, like in
// gateway mode. It keeps no state between requests, so replicas can share a load balancer.
type Endpoint struct {
	d    *Dispatcher
	key  ed25519.PublicKey
	rest restResponder      // for edits and followups
	app  *discordgo.Session // knows the application id
	log  *slog.Logger
	now  func() time.Time
	seen *replayGuard
}

// NewEndpoint returns the handler for InteractionsPath: d answers each interaction, rest is
// the session whose client reaches Discord's REST API for the edits after a deferral.
func NewEndpoint(d *Dispatcher, key ed25519.PublicKey, rest *discordgo.Session, log *slog.Logger) *Endpoint {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Endpoint{d: d, key: key, rest: newRESTResponder(rest), app: rest, log: log, now: time.Now, seen: newReplayGuard(MaxClockSkew)}
}

// Close waits up to ctx, and at most the dispatcher's Drain deadline, for the replies still
// running (edits after a deferral), then stops them.
func (e *Endpoint) Close(ctx context.Context) { e.d.Close(ctx) }

func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != InteractionsPath {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "only POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInteractionBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !e.fresh(r.Header.Get("X-Signature-Timestamp")) {
		e.log.Warn("interaction refused: stale or missing timestamp", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, e.key) {
		e.log.Warn("interaction refused: bad signature", "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	i, err := DecodeInteraction(body)
	if err != nil {
		e.log.Warn("interaction refused: cannot decode it", "interaction", rawInteractionID(body), "err", err)
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	if i.ID != "" && !e.seen.first(i.ID, e.now()) {
		e.log.Warn("interaction refused: already received (a replayed request)", "interaction", truncate(i.ID, 40), "remote", r.RemoteAddr)
		http.Error(w, "interaction already received", http.StatusConflict)
		return
	}
	withAppID(e.app, i)
	hr := &httpResponder{w: w, rest: e.rest, written: make(chan struct{})}
	if !e.d.Go(r.Context(), i, hr, hr.close) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	select {
	case <-hr.written:
	case <-r.Context().Done():
		hr.close()
	}
}

// fresh reports whether a signature timestamp is within MaxClockSkew of now: an older request
// is a replay even with a valid signature.
func (e *Endpoint) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := e.now().Sub(time.Unix(sec, 0))
	return d <= MaxClockSkew && d >= -MaxClockSkew
}

func writeJSON(w http.ResponseWriter, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write(data)
	return err
}

// httpResponder answers the interaction in the HTTP response, once, and edits through the
// webhook API; a reply with files is deferred in the HTTP response and sent as an edit.
type httpResponder struct {
	w       http.ResponseWriter
	rest    restResponder
	mu      sync.Mutex
	done    bool
	written chan struct{}
}

func (h *httpResponder) respond(_ context.Context, _ *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.done {
		return errors.New("the HTTP request is gone: Discord stopped waiting")
	}
	h.done = true
	err := writeJSON(h.w, resp)
	close(h.written)
	if err != nil {
		return fmt.Errorf("write interaction response: %w", err)
	}
	return nil
}

// close marks the request finished so nothing writes to it after its handler returned.
func (h *httpResponder) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.done {
		h.done = true
		close(h.written)
	}
}

// uploads is false: Discord reads the HTTP answer as JSON, so files go in an edit.
func (h *httpResponder) uploads() bool { return false }

func (h *httpResponder) edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return h.rest.edit(ctx, i, e)
}

func (h *httpResponder) remove(ctx context.Context, i *discordgo.Interaction) error {
	return h.rest.remove(ctx, i)
}

func (h *httpResponder) followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error {
	return h.rest.followup(ctx, i, p)
}

// replayGuard remembers the ids of the interactions received within a window: a signed request
// stays valid for MaxClockSkew, so one resent within it is a replay. Ids live in two
// generations, each as long as the window, so each is remembered for at least the window and
// at most twice it, and memory follows the last few minutes' traffic. Each replica has its own.
type replayGuard struct {
	window time.Duration

	mu        sync.Mutex
	cur, prev map[string]struct{}
	rotated   time.Time
}

func newReplayGuard(window time.Duration) *replayGuard {
	return &replayGuard{window: window, cur: map[string]struct{}{}, prev: map[string]struct{}{}}
}

// first reports whether id is seen for the first time within the window, and remembers it.
func (g *replayGuard) first(id string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch age := now.Sub(g.rotated); {
	case age >= 2*g.window:
		g.prev, g.cur, g.rotated = map[string]struct{}{}, map[string]struct{}{}, now
	case age >= g.window:
		g.prev, g.cur, g.rotated = g.cur, map[string]struct{}{}, now
	}
	if _, ok := g.cur[id]; ok {
		return false
	}
	if _, ok := g.prev[id]; ok {
		return false
	}
	g.cur[id] = struct{}{}
	return true
}

func (g *replayGuard) size() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.cur) + len(g.prev)
}
