package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes the fake sends or understands.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// heartbeatInterval is Discord's usual value. discordgo beats right after Open, then every
// 41 s, so a test sees one heartbeat per connection.
const heartbeatInterval = 41250

// writeTimeout bounds a gateway write so a client that stopped reading cannot hang the fake,
// which writes with its lock held to keep sequence numbers in order.
const writeTimeout = 5 * time.Second

// gwConn is one websocket connection; sess is nil until IDENTIFY or RESUME.
type gwConn struct {
	ws   *websocket.Conn
	sess *session
}

// session is a gateway session. It outlives its connection so that a client can RESUME and
// get the dispatches it missed, as on Discord.
type session struct {
	id     string
	seq    int64
	events []event // dispatches, for replay on RESUME
	conn   *gwConn // nil while disconnected
}

type event struct {
	seq   int64
	frame []byte
}

// frame is a gateway payload a client sent.
type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

// serveGateway speaks the gateway protocol on one connection: HELLO, then IDENTIFY or RESUME
// at any time, heartbeats answered with ACKs.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }} // any test origin
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade already answered the client
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	select {
	case <-s.done:
		s.mu.Unlock()
		ws.Close()
		return
	default:
	}
	s.conns[c] = true
	s.loops.Add(1)
	defer s.loops.Done()
	s.send(c, map[string]any{"op": opHello, "d": map[string]any{"heartbeat_interval": heartbeatInterval}})
	s.mu.Unlock()

	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			s.disconnect(c, err)
			return
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil {
			s.t.Errorf("discordtest: gateway frame is not JSON: %v: %q", err, msg)
			continue
		}
		s.mu.Lock()
		switch f.Op {
		case opHeartbeat:
			s.send(c, map[string]any{"op": opHeartbeatACK})
		case opIdentify:
			s.identify(c, f.D)
		case opResume:
			s.resume(c, f.D)
		}
		// Recorded after it is handled: once WaitResume returns, the session is live.
		s.frames = append(s.frames, f)
		s.notify()
		s.mu.Unlock()
	}
}

// send writes one frame. Call with s.mu held.
func (s *Server) send(c *gwConn, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.t.Errorf("discordtest: encode gateway frame: %v", err)
		return
	}
	s.writeRaw(c, b)
}

// identify starts a new session on c. Call with s.mu held.
func (s *Server) identify(c *gwConn, d json.RawMessage) {
	if c.sess != nil {
		delete(s.sessions, c.sess.id) // the client gave that session up
	}
	var id struct {
		Shard *[2]int `json:"shard"`
	}
	json.Unmarshal(d, &id)
	s.nextSession++
	sess := &session{id: "sess" + strconv.Itoa(s.nextSession), seq: 1, conn: c}
	s.sessions[sess.id] = sess
	c.sess = sess
	ready := map[string]any{
		"v":                  9,
		"session_id":         sess.id,
		"resume_gateway_url": s.wsBase,
		"user":               map[string]any{"id": s.appID, "username": "discordtest", "bot": true},
		"guilds":             []any{},
		"application":        map[string]any{"id": s.appID, "flags": 0},
	}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}
	s.send(c, map[string]any{"op": opDispatch, "s": sess.seq, "t": "READY", "d": ready})
}

// resume reattaches a session to c and replays what it missed, then sends RESUMED, in
// Discord's order. An unknown session gets INVALID_SESSION. Call with s.mu held.
func (s *Server) resume(c *gwConn, d json.RawMessage) {
	var r struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	json.Unmarshal(d, &r)
	sess := s.sessions[r.SessionID]
	if sess == nil {
		s.send(c, map[string]any{"op": opInvalidSession, "d": false})
		return
	}
	if old := sess.conn; old != nil && old != c {
		old.sess = nil
		old.ws.Close()
	}
	sess.conn, c.sess = c, sess
	for _, e := range sess.events {
		if e.seq > r.Seq {
			s.writeRaw(c, e.frame)
		}
	}
	sess.seq++
	s.send(c, map[string]any{"op": opDispatch, "s": sess.seq, "t": "RESUMED", "d": map[string]any{}})
}

// writeRaw writes one frame. A connection that cannot take it (a client that stopped reading)
// is closed, as Discord does: its session stays resumable, and the failure surfaces as a read
// error in the connection's loop.
func (s *Server) writeRaw(c *gwConn, b []byte) {
	c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		c.ws.Close()
	}
}

// disconnect forgets c. Its session stays resumable unless the client closed with 1000 or
// 1001, which on Discord ends the session.
func (s *Server) disconnect(c *gwConn, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	if sess := c.sess; sess != nil && sess.conn == c {
		sess.conn = nil
		var ce *websocket.CloseError
		if errors.As(err, &ce) && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
			delete(s.sessions, sess.id)
		}
	}
	c.ws.Close()
}

// dispatch sends an event to every session, live or waiting to resume. Call with s.mu held.
func (s *Server) dispatch(typ string, d any) error {
	if len(s.sessions) == 0 {
		return errors.New("no gateway session: open a discordgo session first")
	}
	for _, sess := range s.sessions {
		sess.seq++
		b, err := json.Marshal(map[string]any{"op": opDispatch, "s": sess.seq, "t": typ, "d": d})
		if err != nil {
			return err
		}
		sess.events = append(sess.events, event{seq: sess.seq, frame: b})
		if sess.conn != nil {
			s.writeRaw(sess.conn, b)
		}
	}
	return nil
}

// Interaction identifies an interaction the fake delivered.
type Interaction struct {
	ID, AppID, Token string
}

// CallbackPath is where the initial response to the interaction goes.
func (i Interaction) CallbackPath() string {
	return apiPrefix + "/interactions/" + i.ID + "/" + i.Token + "/callback"
}

// OriginalPath is where edits of the initial response go.
func (i Interaction) OriginalPath() string {
	return apiPrefix + "/webhooks/" + i.AppID + "/" + i.Token + "/messages/@original"
}

// FollowupPath is where followup messages go.
func (i Interaction) FollowupPath() string {
	return apiPrefix + "/webhooks/" + i.AppID + "/" + i.Token
}

// SendInteraction pushes INTERACTION_CREATE to every gateway session. v is the interaction
// as JSON: a map (see Command, Autocomplete, Button), raw JSON, or a struct. Missing "id",
// "application_id" (the bot needs it for edits and followups) and "token" are filled in.
// The callback must arrive within 3 s, as on Discord. Failures are reported with t.Errorf.
func (s *Server) SendInteraction(v any) Interaction {
	s.t.Helper()
	var raw []byte
	switch v := v.(type) {
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	case string:
		raw = []byte(v)
	default:
		var err error
		if raw, err = json.Marshal(v); err != nil {
			s.t.Errorf("discordtest: encode interaction: %v", err)
			return Interaction{}
		}
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep snowflakes and permission bits exact
	if err := dec.Decode(&m); err != nil || m == nil {
		s.t.Errorf("discordtest: interaction is not a JSON object: %v: %s", err, raw)
		return Interaction{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fill := func(k, v string) string {
		if str, _ := m[k].(string); str != "" {
			return str
		}
		m[k] = v
		return v
	}
	in := Interaction{ID: fill("id", s.id())}
	in.AppID = fill("application_id", s.appID)
	in.Token = fill("token", "token-"+in.ID)
	if m["version"] == nil {
		m["version"] = 1
	}
	if err := s.dispatch("INTERACTION_CREATE", m); err != nil {
		s.t.Errorf("discordtest: send interaction: %v", err)
		return in
	}
	s.interactions[in.ID] = time.Now()
	return in
}

// Drop closes every gateway connection without a close frame, like a network failure.
// Sessions stay resumable.
func (s *Server) Drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.ws.Close()
	}
}

// Reconnect asks every connected client to reconnect (op 7); they should RESUME.
func (s *Server) Reconnect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		s.send(c, map[string]any{"op": opReconnect, "d": nil})
	}
}

// InvalidSession sends op 9 to every connected client. When resumable is false the sessions
// end, so a RESUME will fail and only a new IDENTIFY works.
func (s *Server) InvalidSession(resumable bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		s.send(c, map[string]any{"op": opInvalidSession, "d": resumable})
		if !resumable && c.sess != nil {
			delete(s.sessions, c.sess.id)
			c.sess = nil
		}
	}
}

// Identifies returns the payload ("d") of every IDENTIFY received, oldest first; check
// intents and shard in the last one.
func (s *Server) Identifies() []json.RawMessage { return s.received(opIdentify) }

// Resumes returns the payload of every RESUME received, oldest first.
func (s *Server) Resumes() []json.RawMessage { return s.received(opResume) }

// WaitIdentify waits until n IDENTIFYs have been answered and returns the nth payload.
func (s *Server) WaitIdentify(ctx context.Context, n int) (json.RawMessage, error) {
	return s.waitFrame(ctx, opIdentify, n)
}

// WaitResume waits until n RESUMEs have been answered and returns the nth payload.
func (s *Server) WaitResume(ctx context.Context, n int) (json.RawMessage, error) {
	return s.waitFrame(ctx, opResume, n)
}

// WaitHeartbeat waits until n heartbeats have arrived and returns the nth payload: the last
// sequence number the client had seen. discordgo sends one right after each Open; close a
// session only after it, or discordgo's heartbeat goroutine finds the connection closed,
// calls reconnect and the "closed" session comes back.
func (s *Server) WaitHeartbeat(ctx context.Context, n int) (json.RawMessage, error) {
	return s.waitFrame(ctx, opHeartbeat, n)
}

func (s *Server) received(op int) []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []json.RawMessage
	for _, f := range s.frames {
		if f.Op == op {
			out = append(out, f.D)
		}
	}
	return out
}

func (s *Server) waitFrame(ctx context.Context, op, n int) (json.RawMessage, error) {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if got := s.received(op); len(got) >= n {
			return got[n-1], nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, fmt.Errorf("discordtest: %d of %d gateway op %d frames: %w",
				len(s.received(op)), n, op, ctx.Err())
		}
	}
}
