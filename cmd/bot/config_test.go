package main

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfigReportsEveryProblemAtOnce(t *testing.T) {
	_, err := loadConfig(env(map[string]string{
		"SHARD_ID": "3", "SHARD_COUNT": "2", "LOG_FORMAT": "xml", "ADMIN_ROLE_IDS": "123,abc",
		"RATE_LIMIT_PER_MINUTE": "fast", "KNOWLEDGE_WATCH": "yes please",
	}), needDiscord)
	if err == nil {
		t.Fatal("loadConfig accepted a bad configuration")
	}
	for _, want := range []string{"SHARD_ID=3 must be below SHARD_COUNT=2", `LOG_FORMAT="xml"`, `"abc" is not a Discord id`, `RATE_LIMIT_PER_MINUTE="fast"`, `KNOWLEDGE_WATCH="yes please"`, "DISCORD_TOKEN is not set", ".env.example", "reedesk ask"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("loadConfig error %q does not mention %q", err, want)
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	c, err := loadConfig(env(nil), needNothing)
	if err != nil {
		t.Fatalf("loadConfig with an empty environment: %v", err)
	}
	if c.RatePerMinute != 20 || c.RateBurst != 5 || c.ShardCount != 1 || c.LogFormat != "text" || c.LogLevel != "info" {
		t.Errorf("defaults = %+v", c)
	}
}

// TestEnvExampleListsEveryVariable keeps .env.example in step with what the program reads.
func TestEnvExampleListsEveryVariable(t *testing.T) {
	read := map[string]bool{"NO_COLOR": true} // read by the terminal output
	loadConfig(func(k string) string { read[k] = true; return "" }, needNothing)
	f, err := os.Open(filepath.Join("..", "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if name, _, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			listed[name] = true
		}
	}
	keys := func(m map[string]bool) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(keys(read), keys(listed)); diff != "" {
		t.Errorf(".env.example and the variables read differ (-read +listed):\n%s", diff)
	}
}
