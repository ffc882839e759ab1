package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// config is every setting, read from the environment (and .env) only. .env.example lists
// each variable with a comment.
type config struct {
	Token   string // DISCORD_TOKEN
	AppID   string // DISCORD_APP_ID
	GuildID string // DISCORD_GUILD_ID
	APIURL  string // DISCORD_API_URL

	KnowledgeDir   string // KNOWLEDGE_DIR
	KnowledgeWatch bool   // KNOWLEDGE_WATCH
	IndexDir       string // INDEX_DIR

	AdminRoleIDs []string // ADMIN_ROLE_IDS
	AdminUserIDs []string // ADMIN_USER_IDS

	RatePerMinute float64 // RATE_LIMIT_PER_MINUTE
	RateBurst     int     // RATE_LIMIT_BURST

	ShardID, ShardCount int // SHARD_ID, SHARD_COUNT (0: as many as Discord recommends)

	InteractionsAddr string        // INTERACTIONS_ADDR
	PublicKey        string        // DISCORD_PUBLIC_KEY
	OpsAddr          string        // OPS_ADDR
	ShutdownDrain    time.Duration // SHUTDOWN_DRAIN

	LogFormat string // LOG_FORMAT
	LogLevel  string // LOG_LEVEL
}

// What a command needs of the configuration.
type need int

const (
	needNothing need = iota // the terminal
	needToken               // bot register: the bot's token
	needDiscord             // bot serve: a token for the gateway, or a public key for HTTP
)

// loadConfig reads the environment and checks that it has what a command needs. Every problem
// is reported at once.
func loadConfig(getenv func(string) string, n need) (config, error) {
	var problems []string
	str := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	num := func(name string, def float64) float64 {
		v := str(name, "")
		if v == "" {
			return def
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			problems = append(problems, fmt.Sprintf("%s=%q is not a number of zero or more", name, v))
			return def
		}
		return f
	}
	boolean := func(name string) bool {
		v := str(name, "")
		if v == "" {
			return false
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s=%q is not true or false", name, v))
		}
		return b
	}
	list := func(name string) []string {
		var out []string
		for _, f := range strings.FieldsFunc(str(name, ""), func(r rune) bool { return r == ',' || r == ' ' }) {
			if _, err := strconv.ParseUint(f, 10, 64); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %q is not a Discord id (a number)", name, f))
				continue
			}
			out = append(out, f)
		}
		return out
	}
	c := config{
		Token:          str("DISCORD_TOKEN", ""),
		AppID:          str("DISCORD_APP_ID", ""),
		GuildID:        str("DISCORD_GUILD_ID", ""),
		APIURL:         str("DISCORD_API_URL", ""),
		KnowledgeDir:   str("KNOWLEDGE_DIR", ""),
		KnowledgeWatch: boolean("KNOWLEDGE_WATCH"),
		IndexDir:       str("INDEX_DIR", ""),
		AdminRoleIDs:   list("ADMIN_ROLE_IDS"),
		AdminUserIDs:   list("ADMIN_USER_IDS"),
		RatePerMinute:  num("RATE_LIMIT_PER_MINUTE", 20),
		RateBurst:      int(num("RATE_LIMIT_BURST", 5)),
		ShardID:        int(num("SHARD_ID", 0)),
		ShardCount:     1,
		LogFormat:      str("LOG_FORMAT", "text"),
		LogLevel:       str("LOG_LEVEL", "info"),

		InteractionsAddr: str("INTERACTIONS_ADDR", ""),
		PublicKey:        str("DISCORD_PUBLIC_KEY", ""),
		OpsAddr:          str("OPS_ADDR", ""),
		ShutdownDrain:    2 * time.Second,
	}
	if v := str("SHARD_COUNT", ""); v == "auto" {
		c.ShardCount = 0
	} else if v != "" {
		c.ShardCount = int(num("SHARD_COUNT", 1))
		if c.ShardCount < 1 {
			problems = append(problems, "SHARD_COUNT must be 1 or more, or auto")
		}
	}
	if v := str("SHUTDOWN_DRAIN", ""); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			problems = append(problems, fmt.Sprintf("SHUTDOWN_DRAIN=%q is not a duration such as 2s", v))
		} else {
			c.ShutdownDrain = d
		}
	}
	if c.ShardCount > 0 && c.ShardID >= c.ShardCount {
		problems = append(problems, fmt.Sprintf("SHARD_ID=%d must be below SHARD_COUNT=%d", c.ShardID, c.ShardCount))
	}
	if c.KnowledgeWatch && c.KnowledgeDir == "" {
		problems = append(problems, "KNOWLEDGE_WATCH needs KNOWLEDGE_DIR: the built-in knowledge base never changes")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		problems = append(problems, fmt.Sprintf("LOG_FORMAT=%q: use text or json", c.LogFormat))
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		problems = append(problems, err.Error())
	}
	missingToken := `DISCORD_TOKEN is not set: copy .env.example to .env and fill it in (the bot's token from https://discord.com/developers/applications), or try the bot without Discord: bot ask "How much rare earth oxide is at Beylikova?"`
	switch {
	case n == needToken && c.Token == "":
		problems = append(problems, missingToken)
	case n == needDiscord && c.InteractionsAddr != "" && c.PublicKey == "":
		problems = append(problems, "DISCORD_PUBLIC_KEY is not set: the HTTP interactions endpoint (INTERACTIONS_ADDR or --http) checks every request's signature with it (developer portal → your app → General Information)")
	case n == needDiscord && c.InteractionsAddr == "" && c.Token == "":
		problems = append(problems, missingToken)
	}
	if len(problems) > 0 {
		return c, errors.New("configuration:\n  " + strings.Join(problems, "\n  "))
	}
	return c, nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, fmt.Errorf("LOG_LEVEL=%q: use debug, info, warn or error", s)
	}
	return l, nil
}

// newLogger writes structured logs in the configured format and level. Log lines carry ids
// and outcomes, never a token, a key or a message body.
func newLogger(c config, w io.Writer) *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
