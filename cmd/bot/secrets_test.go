package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reedesk/reedesk/bot/discordtest"
)

// TestSecretsNeverLeak runs a replica with a token, a public key and a .env secret, at debug
// level, through answers, refusals and failures, and scans every log line and every reply for
// them.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	const token = "MTIzNDU2Nzg5MDEy.SECRET-TOKEN.abcdefghijklmnop"
	const envSecret = "dotenv-secret-value-9f8e7d"
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pubHex := hex.EncodeToString(pub)

	// Logs go to standard error.
	var logs syncBuffer

	fake := discordtest.New(t)
	fake.FailNext(3, discordtest.Fault{Status: 500, Body: `{"message":"boom"}`})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("SOME_SECRET="+envSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	vars := map[string]string{
		"INTERACTIONS_ADDR": addr, "DISCORD_PUBLIC_KEY": pubHex, "DISCORD_TOKEN": token,
		"DISCORD_API_URL": fake.APIURL(), "SHUTDOWN_DRAIN": "0s", "LOG_LEVEL": "debug", "LOG_FORMAT": "json",
		"KNOWLEDGE_DIR": copyFacts(t, replicaFiles...), "SOME_SECRET": envSecret, "DATA_DIR": t.TempDir(),
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env(vars), io.Discard, &logs) }()
	rep := &replica{url: "http://" + addr, priv: priv}
	waitFor(t, time.Minute, "the replica to be ready", func() bool { s, _ := get(rep.url + "/readyz"); return s == 200 })

	var replies bytes.Buffer
	replies.WriteString(rep.ask(t, "s1", "How many locations were drilled at Beylikova?"))
	replies.WriteString(rep.ask(t, "s2", "@everyone what is the weather"))
	for _, body := range []string{`{"type":2,"id":"s3","token":"x","data":{"name":"reindex"}}`, `{"type":2,"id":"s4","token":"x","data":{"name":"nope"}}`, `not json`} {
		req, _ := http.NewRequest(http.MethodPost, rep.url+"/interactions", strings.NewReader(body))
		req.Header.Set("X-Signature-Timestamp", "1")
		req.Header.Set("X-Signature-Ed25519", strings.Repeat("00", 64))
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			replies.Write(b)
		}
	}
	_, metrics := get(rep.url + "/metrics")
	replies.WriteString(metrics)
	// Register against a Discord that refuses: its error is printed and logged too.
	fake.FailNext(1, discordtest.Fault{Status: 401, Body: `{"message":"401: Unauthorized","code":0}`})
	var out bytes.Buffer
	regErr := run(context.Background(), []string{"register"}, env(map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": fake.APIURL(), "DISCORD_APP_ID": "app1"}), &out, &logs)
	report(&logs, regErr)
	replies.Write(out.Bytes())

	cancel()
	<-done
	if logs.Len() == 0 {
		t.Fatal("no logs captured")
	}
	for name, secret := range map[string]string{"token": token, "token secret part": "SECRET-TOKEN", "public key": pubHex, ".env value": envSecret} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs contain the %s", name)
		}
		if strings.Contains(replies.String(), secret) {
			t.Errorf("a reply contains the %s", name)
		}
	}
	t.Logf("scanned %d bytes of logs and %d bytes of replies", logs.Len(), replies.Len())
}

// syncBuffer is a bytes.Buffer that goroutines may write to at once, as loggers do.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}
