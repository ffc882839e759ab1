package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// apiPrefix is where discordgo (APIVersion "9") sends every REST request.
const apiPrefix = "/api/v9"

// callbackDeadline is how long Discord waits for the initial interaction response; later
// callbacks get 404 "Unknown interaction", so a slow handler fails here as it would live.
const callbackDeadline = 3 * time.Second

// Server is a fake Discord: REST under /api/v9/ and the gateway websocket, on loopback.
// All methods are safe for concurrent use.
type Server struct {
	t        testing.TB
	appID    string
	v        *Validator
	vSet     bool // WithValidator was given, even with nil
	delay    time.Duration
	deadline time.Duration // for the initial interaction response
	ts       *httptest.Server
	done     chan struct{}  // closed at cleanup; cuts response delays short
	loops    sync.WaitGroup // gateway connections still being served
	wsBase   string         // ws://127.0.0.1:PORT/ws

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever requests or frames change
	requests []Request
	answered []bool  // by request index: answered, or abandoned by client or fake
	frames   []frame // gateway frames received from clients
	faults   []*fault
	nextID   int64

	// gateway state, see gateway.go
	conns        map[*gwConn]bool
	sessions     map[string]*session
	nextSession  int
	interactions map[string]time.Time // delivered interaction id → when
	acked        map[string]bool      // interaction ids that got their callback
	originals    map[string]string    // interaction token → id of its @original message
}

// Request is one REST request the fake received.
type Request struct {
	Method string
	Path   string // as received, e.g. /api/v9/interactions/1/tok/callback
	Query  url.Values
	Header http.Header // Authorization redacted, so logs never carry a real token
	Body   []byte      // the JSON payload: the body, or the payload_json part of a multipart body
	Files  []File      // the files a multipart/form-data body uploaded, in order
	Status int         // what the fake answered; 0 while pending, or if the client gave up first
	Time   time.Time
}

// Option configures a Server.
type Option func(*Server)

// WithAppID sets the application id announced in READY and used for filled-in interactions.
// The default is "app1".
func WithAppID(id string) Option { return func(s *Server) { s.appID = id } }

// WithValidator makes the fake check every payload against v and report problems with
// t.Errorf. Without this option New uses ValidatorFromEnv; WithValidator(nil) turns the
// schema off, leaving only CheckLimits.
func WithValidator(v *Validator) Option { return func(s *Server) { s.v, s.vSet = v, true } }

// WithDelay delays every REST response by d, like a slow network.
func WithDelay(d time.Duration) Option { return func(s *Server) { s.delay = d } }

// withDeadline shortens the callback deadline so the package's own test of it is quick.
func withDeadline(d time.Duration) Option { return func(s *Server) { s.deadline = d } }

// New starts a fake Discord that is stopped by t.Cleanup.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{
		t:            t,
		appID:        "app1",
		deadline:     callbackDeadline,
		done:         make(chan struct{}),
		changed:      make(chan struct{}),
		nextID:       1_100_000_000_000_000_000,
		conns:        make(map[*gwConn]bool),
		sessions:     make(map[string]*session),
		interactions: make(map[string]time.Time),
		acked:        make(map[string]bool),
		originals:    make(map[string]string),
	}
	for _, o := range opts {
		o(s)
	}
	if !s.vSet {
		s.v = ValidatorFromEnv(t)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /ws/", s.serveGateway)
	mux.Handle("/", s.rest(s.routes()))
	s.ts = httptest.NewServer(mux)
	s.wsBase = "ws" + strings.TrimPrefix(s.ts.URL, "http") + "/ws"
	t.Cleanup(s.close)
	return s
}

func (s *Server) close() {
	close(s.done)
	s.mu.Lock()
	for c := range s.conns {
		c.ws.Close()
	}
	s.mu.Unlock()
	s.loops.Wait()
	s.ts.Close()
}

// APIURL is the REST base URL, e.g. "http://127.0.0.1:PORT/api/v9/".
func (s *Server) APIURL() string { return s.ts.URL + apiPrefix + "/" }

// Transport returns a RoundTripper that sends requests for discord.com (and discordapp.com)
// to the fake, passes requests for the fake itself, and refuses every other host so a test
// can never reach the network.
func (s *Server) Transport() http.RoundTripper {
	u, _ := url.Parse(s.ts.URL)
	return rewrite{target: u, base: s.ts.Client().Transport}
}

// Client returns an http.Client using Transport, with discordgo's default 20 s timeout.
// Assign it to discordgo.Session.Client.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.Transport(), Timeout: 20 * time.Second}
}

type rewrite struct {
	target *url.URL
	base   http.RoundTripper
}

func (rt rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	h := r.URL.Hostname()
	switch {
	case r.URL.Host == rt.target.Host:
	case h == "discord.com" || strings.HasSuffix(h, ".discord.com") ||
		h == "discordapp.com" || strings.HasSuffix(h, ".discordapp.com"):
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = rt.target.Scheme, rt.target.Host, rt.target.Host
	default:
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("discordtest: refusing request to %s: only Discord hosts go to the fake", r.URL.Host)
	}
	return rt.base.RoundTrip(r)
}

// Requests returns every REST request received so far, oldest first, including those still
// being answered (Status 0).
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Wait returns the first answered request, including those answered before the call, for
// which match returns true; so Status is set. match sees each request once, roughly in
// arrival order. Wait fails when ctx ends, listing the requests that did arrive.
func (s *Server) Wait(ctx context.Context, match func(Request) bool) (Request, error) {
	var seen []bool
	for {
		var fresh []Request
		s.mu.Lock()
		for i, r := range s.requests {
			if i == len(seen) {
				seen = append(seen, false)
			}
			if !seen[i] && s.answered[i] {
				seen[i] = true
				fresh = append(fresh, r)
			}
		}
		changed := s.changed
		s.mu.Unlock()
		for _, r := range fresh {
			if match(r) {
				return r, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			var got []string
			for _, r := range s.Requests() {
				got = append(got, fmt.Sprintf("%s %s → %d", r.Method, r.Path, r.Status))
			}
			return Request{}, fmt.Errorf("discordtest: no matching request among %d [%s]: %w",
				len(got), strings.Join(got, ", "), ctx.Err())
		}
	}
}

// Match returns a matcher for Wait: the method and the path without its query.
func Match(method, path string) func(Request) bool {
	return func(r Request) bool { return r.Method == method && r.Path == path }
}

// notify wakes every Wait. Call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// id returns a new snowflake-like id. Call with s.mu held.
func (s *Server) id() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// Fault is a canned answer for FailNext.
type Fault struct {
	Status int         // 0 answers normally, after Delay
	Body   string      // JSON; empty gives {"message": <status text>, "code": 0}
	Header http.Header // extra response headers
	Path   string      // only requests whose path, as received (/api/v9/...), starts with Path
	Delay  time.Duration
}

type fault struct {
	Fault
	left int
}

// RateLimited is a 429 as Discord sends it: JSON body with retry_after in seconds and the
// X-RateLimit headers discordgo's rate limiter reads.
func RateLimited(retryAfter time.Duration, global bool) Fault {
	secs := strconv.FormatFloat(retryAfter.Seconds(), 'f', -1, 64)
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(retryAfter.Seconds()+0.999)))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", secs)
	h.Set("X-RateLimit-Bucket", "discordtest")
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Scope", "user")
	}
	body, _ := json.Marshal(map[string]any{
		"message": "You are being rate limited.", "retry_after": retryAfter.Seconds(), "global": global,
	})
	return Fault{Status: http.StatusTooManyRequests, Body: string(body), Header: h}
}

// FailNext makes the next n REST requests matching f.Path get f instead of their normal
// answer. Faults queue up: a request takes the oldest one that matches and has uses left.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{Fault: f, left: n})
}

// takeFault consumes the first fault that matches path. Call with s.mu held.
func (s *Server) takeFault(path string) *Fault {
	for i, f := range s.faults {
		if f.left > 0 && strings.HasPrefix(path, f.Path) {
			f.left--
			if f.left == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			return &f.Fault
		}
	}
	return nil
}

// rest records and checks every REST request, applies faults and delays, then hands the
// request to the routes.
func (s *Server) rest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 32<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		payload, files, multi, perr := readMultipart(r.Header.Get("Content-Type"), body)
		if perr != nil {
			s.t.Errorf("discordtest: %s %s: %v", r.Method, r.URL.Path, perr)
		}
		now := time.Now()
		s.mu.Lock()
		f := s.takeFault(r.URL.Path)
		i := len(s.requests)
		s.requests = append(s.requests, Request{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
			Header: redact(r.Header), Body: payload, Files: files, Time: now,
		})
		s.answered = append(s.answered, false)
		s.notify()
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.answered[i] = true
			s.notify()
			s.mu.Unlock()
		}()

		rw := &statusWriter{ResponseWriter: w, onStatus: func(status int) {
			s.mu.Lock()
			s.requests[i].Status = status
			s.mu.Unlock()
		}}
		delay := s.delay
		if f != nil {
			delay += f.Delay
		}
		if f == nil || f.Status == 0 {
			// Only payloads Discord would process are checked, so a request retried after
			// a fault is reported once.
			s.check(r, payload, files, multi)
		}
		if !s.sleep(r.Context(), delay) {
			return
		}
		if f != nil && f.Status != 0 {
			writeFault(rw, *f)
			return
		}
		next.ServeHTTP(rw, r.WithContext(context.WithValue(r.Context(), arrivalKey{}, now)))
	})
}

// arrivalKey carries a request's arrival time to the routes, past any delay.
type arrivalKey struct{}

// sleep waits d, or less when the request or the server ends first.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// statusWriter passes the response status to onStatus once.
type statusWriter struct {
	http.ResponseWriter
	onStatus func(int)
	wrote    bool
}

func (w *statusWriter) WriteHeader(status int) {
	if !w.wrote {
		w.wrote = true
		w.onStatus(status)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func writeFault(w http.ResponseWriter, f Fault) {
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	body := f.Body
	if body == "" {
		b, _ := json.Marshal(map[string]any{"message": http.StatusText(f.Status), "code": 0})
		body = string(b)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Status)
	io.WriteString(w, body)
}

func redact(h http.Header) http.Header {
	h = h.Clone()
	if v := h.Get("Authorization"); v != "" {
		red := "REDACTED"
		if scheme, _, ok := strings.Cut(v, " "); ok {
			red = scheme + " " + red // keep "Bot" so tests can check the scheme
		}
		h.Set("Authorization", red)
	}
	return h
}

// check validates a payload (the payload_json part of a multipart body) and reports problems
// on the test; with files, it checks that payload and files agree (CheckFiles), as it does
// for a payload whose embeds show attachment:// images.
func (s *Server) check(r *http.Request, payload []byte, files []File, multi bool) {
	if r.Method != "POST" && r.Method != "PATCH" && r.Method != "PUT" {
		return
	}
	var err error
	if s.v != nil {
		err = s.v.Validate(r.Method, r.URL.Path, payload)
	} else {
		err = CheckLimits(r.Method, r.URL.Path, payload)
	}
	if err != nil && !errors.Is(err, ErrUnknownRoute) {
		s.t.Errorf("discordtest: %v", err)
	}
	if multi || bytes.Contains(payload, []byte("attachment://")) {
		if err := CheckFiles(r.Method, r.URL.Path, payload, files); err != nil {
			s.t.Errorf("discordtest: %v", err)
		}
	}
}

func (s *Server) routes() http.Handler {
	m := http.NewServeMux()
	p := apiPrefix
	m.HandleFunc("GET "+p+"/gateway", s.getGateway)
	m.HandleFunc("GET "+p+"/gateway/bot", s.getGateway)
	m.HandleFunc("POST "+p+"/interactions/{id}/{token}/callback", s.callback)
	m.HandleFunc("POST "+p+"/webhooks/{app}/{token}", s.executeWebhook)
	m.HandleFunc("PATCH "+p+"/webhooks/{app}/{token}/messages/{msg}", s.editMessage)
	m.HandleFunc("DELETE "+p+"/webhooks/{app}/{token}/messages/{msg}", noContent)
	m.HandleFunc("PUT "+p+"/applications/{app}/commands", s.putCommands)
	m.HandleFunc("PUT "+p+"/applications/{app}/guilds/{guild}/commands", s.putCommands)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	})
	return m
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func noContent(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }

func (s *Server) getGateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    s.wsBase,
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1,
		},
	})
}

// callback acknowledges an interaction once, as Discord does. Interactions the fake did not
// deliver (a test calling a handler directly) are accepted without the deadline.
func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	sent, known := s.interactions[id]
	acked := s.acked[id]
	arrived, _ := r.Context().Value(arrivalKey{}).(time.Time)
	late := known && arrived.Sub(sent) > s.deadline
	if !acked && !late {
		s.acked[id] = true
	}
	s.mu.Unlock()
	switch {
	case acked:
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"message": "Interaction has already been acknowledged.", "code": 40060})
	case late:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Unknown interaction", "code": 10062})
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) executeWebhook(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("wait") != "true" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.mu.Lock()
	id := s.id()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.message(r, id))
}

func (s *Server) editMessage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("msg")
	if id == "@original" {
		// The original keeps one id, so a bot that stores it can edit it again later.
		s.mu.Lock()
		tok := r.PathValue("token")
		if s.originals[tok] == "" {
			s.originals[tok] = s.id()
		}
		id = s.originals[tok]
		s.mu.Unlock()
	}
	writeJSON(w, http.StatusOK, s.message(r, id))
}

// message builds the message Discord would return for a webhook payload, with an attachment
// for each file uploaded.
func (s *Server) message(r *http.Request, id string) map[string]any {
	body, _ := io.ReadAll(r.Body)
	payload, files, _, _ := readMultipart(r.Header.Get("Content-Type"), body)
	var in map[string]any
	json.Unmarshal(payload, &in)
	m := map[string]any{
		"id": id, "type": 0, "channel_id": "chan1", "content": "", "embeds": []any{},
		"components": []any{}, "attachments": []any{}, "tts": false, "flags": 0,
		"webhook_id": s.appID, "application_id": s.appID,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano),
		"author":    map[string]any{"id": s.appID, "username": "discordtest", "bot": true},
	}
	for _, k := range []string{"content", "embeds", "components", "tts", "flags"} {
		if v, ok := in[k]; ok && v != nil {
			m[k] = v
		}
	}
	atts := []any{}
	for _, f := range files {
		s.mu.Lock()
		aid := s.id()
		s.mu.Unlock()
		atts = append(atts, map[string]any{
			"id": aid, "filename": f.Name, "size": len(f.Data), "content_type": f.ContentType,
			"url":       "https://cdn.discordapp.com/attachments/chan1/" + aid + "/" + f.Name,
			"proxy_url": "https://media.discordapp.net/attachments/chan1/" + aid + "/" + f.Name,
		})
	}
	m["attachments"] = atts
	return m
}

// putCommands echoes a bulk overwrite with ids filled in, as Discord returns it.
func (s *Server) putCommands(w http.ResponseWriter, r *http.Request) {
	var cmds []map[string]any
	if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	s.mu.Lock()
	for _, c := range cmds {
		if c["id"] == nil || c["id"] == "" {
			c["id"] = s.id()
		}
		c["application_id"] = r.PathValue("app")
		if g := r.PathValue("guild"); g != "" {
			c["guild_id"] = g
		}
		if c["type"] == nil {
			c["type"] = 1
		}
		c["version"] = s.id()
	}
	s.mu.Unlock()
	if cmds == nil {
		cmds = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, cmds)
}
