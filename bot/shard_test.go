package bot

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/bot/discordtest"
)

// TestGatewayIdentifiesItsShard checks that SHARD_ID and SHARD_COUNT reach Discord: the
// IDENTIFY of a sharded session names its shard, with no intents.
func TestGatewayIdentifiesItsShard(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	s, err := NewDiscord(SessionConfig{Token: "test", APIURL: fake.APIURL(), ShardID: 1, ShardCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	g := NewGateway(NewDispatcher(testBot(t, Options{}), testDeadlines, nil), s, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("the gateway did not stop")
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	raw, err := fake.WaitIdentify(wctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitHeartbeat(wctx, 1); err != nil {
		t.Fatal(err)
	}
	var id struct {
		Shard   []int `json:"shard"`
		Intents int   `json:"intents"`
	}
	if err := json.Unmarshal(raw, &id); err != nil {
		t.Fatalf("IDENTIFY %s: %v", raw, err)
	}
	if diff := cmp.Diff([]int{1, 2}, id.Shard); diff != "" || id.Intents != int(discordgo.IntentsNone) {
		t.Errorf("IDENTIFY shard %v intents %d, want [1 2] and no intents (%s)", id.Shard, id.Intents, diff)
	}
}
