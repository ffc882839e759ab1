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

// TestConfigOnePass: every malformed value is reported in the same run, each once, with no
// secret echoed and no message contradicting another.
func TestConfigOnePass(t *testing.T) {
	const pastedToken = "MTIz.pasted-token-value.xyz"
	tests := []struct {
		name string
		vars map[string]string
		want []string // each problem line, in order
	}{
		{"every Discord setting malformed", map[string]string{
			"DISCORD_TOKEN": "Bot " + pastedToken, "DISCORD_PUBLIC_KEY": "not-hex", "DISCORD_API_URL": "discord.example/api",
			"DISCORD_GUILD_ID": "my server", "DISCORD_APP_ID": "12x", "INTERACTIONS_ADDR": ":8080",
		}, []string{
			`DISCORD_APP_ID="12x" is not a Discord id (a number, as Discord's Copy ID gives it)`,
			`DISCORD_GUILD_ID="my server" is not a Discord id (a number, as Discord's Copy ID gives it)`,
			`DISCORD_API_URL="discord.example/api" is not an http(s) URL such as https://discord.com/api/v9/`,
			`DISCORD_PUBLIC_KEY is not the 64 hex digits of the application's public key (its value is not shown: it is a secret)`,
			`DISCORD_TOKEN is not a bot token (it has spaces or quotes in it: check the .env line) (its value is not shown: it is a secret)`,
		}},
		{"SHARD_COUNT=-1", map[string]string{"SHARD_COUNT": "-1", "SHARD_ID": "3", "DISCORD_TOKEN": "t"}, []string{
			`SHARD_COUNT="-1" is not a whole number of 1 or more, or auto`,
		}},
		{"SHARD_COUNT=0", map[string]string{"SHARD_COUNT": "0", "DISCORD_TOKEN": "t"}, []string{
			`SHARD_COUNT="0" is not a whole number of 1 or more, or auto`,
		}},
		{"SHARD_ID too large", map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "2", "DISCORD_TOKEN": "t"}, []string{
			`SHARD_ID=2 must be below SHARD_COUNT=2 (shards are numbered from 0)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(env(tt.vars), needDiscord)
			if err == nil {
				t.Fatal("loadConfig accepted the configuration")
			}
			got := strings.Split(strings.TrimPrefix(err.Error(), "configuration:\n  "), "\n  ")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems differ (-want +got):\n%s", diff)
			}
			if strings.Contains(err.Error(), pastedToken) || strings.Contains(err.Error(), "not-hex") {
				t.Errorf("the error echoes a secret: %q", err)
			}
		})
	}
}
