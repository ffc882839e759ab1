package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/reedesk/reedesk/bot"
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

	QuestionLog     bool   // QUESTION_LOG (on unless "off")
	QuestionLogDays int    // QUESTION_LOG_DAYS
	QuestionLogKey  string // QUESTION_LOG_KEY
	DataDir         string // DATA_DIR
	DatabaseURL     string // DATABASE_URL
}

// What a command needs of the configuration.
type need int

const (
	needNothing need = iota // the terminal
	needToken               // register: the bot's token
	needDiscord             // serve: a token for the gateway, or a public key for HTTP
)

// secrets are never echoed in a message: a pasted value may be the real one.
var secrets = map[string]bool{"DISCORD_TOKEN": true, "DISCORD_PUBLIC_KEY": true, "DATABASE_URL": true, "QUESTION_LOG_KEY": true}

// vars reads variables and collects every problem with them, so that one run reports them all.
type vars struct {
	getenv   func(string) string
	problems []string
}

func (e *vars) problem(format string, args ...any) {
	e.problems = append(e.problems, fmt.Sprintf(format, args...))
}

// bad reports a malformed value, quoting it unless it is a secret.
func (e *vars) bad(name, v, want string) {
	if secrets[name] {
		e.problem("%s is not %s (its value is not shown: it is a secret)", name, want)
		return
	}
	e.problem("%s=%q is not %s", name, v, want)
}

func (e *vars) str(name, def string) string {
	if v := strings.TrimSpace(e.getenv(name)); v != "" {
		return v
	}
	return def
}

func (e *vars) num(name string, def, min float64, want string) float64 {
	v := e.str(name, "")
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < min {
		e.bad(name, v, want)
		return def
	}
	return f
}

func (e *vars) integer(name string, def, min int, want string) int {
	v := e.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min {
		e.bad(name, v, want)
		return def
	}
	return n
}

func (e *vars) boolean(name string) bool {
	v := e.str(name, "")
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		e.bad(name, v, "true or false")
	}
	return b
}

// snowflake reads a Discord id: a number.
func (e *vars) snowflake(name string) string {
	v := e.str(name, "")
	if v != "" && !isSnowflake(v) {
		e.bad(name, v, "a Discord id (a number, as Discord's Copy ID gives it)")
		return ""
	}
	return v
}

func (e *vars) ids(name string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(e.str(name, ""), func(r rune) bool { return r == ',' || r == ' ' }) {
		if !isSnowflake(f) {
			e.problem("%s: %q is not a Discord id (a number)", name, f)
			continue
		}
		out = append(out, f)
	}
	return out
}

func isSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// loadConfig reads the environment and checks that it has what a command needs. Every problem
// is reported at once, and no secret's value is ever echoed.
func loadConfig(getenv func(string) string, n need) (config, error) {
	e := &vars{getenv: getenv}
	c := config{
		Token:          e.str("DISCORD_TOKEN", ""),
		AppID:          e.snowflake("DISCORD_APP_ID"),
		GuildID:        e.snowflake("DISCORD_GUILD_ID"),
		APIURL:         e.str("DISCORD_API_URL", ""),
		KnowledgeDir:   e.str("KNOWLEDGE_DIR", ""),
		KnowledgeWatch: e.boolean("KNOWLEDGE_WATCH"),
		IndexDir:       e.str("INDEX_DIR", ""),
		AdminRoleIDs:   e.ids("ADMIN_ROLE_IDS"),
		AdminUserIDs:   e.ids("ADMIN_USER_IDS"),
		RatePerMinute:  e.num("RATE_LIMIT_PER_MINUTE", 20, 0, "a number of zero or more"),
		RateBurst:      e.integer("RATE_LIMIT_BURST", 5, 1, "a whole number of 1 or more"),
		ShardID:        e.integer("SHARD_ID", 0, 0, "a whole number of zero or more"),
		ShardCount:     1,
		LogFormat:      e.str("LOG_FORMAT", "text"),
		LogLevel:       e.str("LOG_LEVEL", "info"),

		InteractionsAddr: e.str("INTERACTIONS_ADDR", ""),
		PublicKey:        e.str("DISCORD_PUBLIC_KEY", ""),
		OpsAddr:          e.str("OPS_ADDR", ""),
		ShutdownDrain:    2 * time.Second,

		QuestionLogDays: e.integer("QUESTION_LOG_DAYS", 90, 1, "a whole number of days, 1 or more"),
		QuestionLogKey:  e.str("QUESTION_LOG_KEY", ""),
		DataDir:         e.str("DATA_DIR", "data"),
		DatabaseURL:     e.str("DATABASE_URL", ""),
	}
	switch v := strings.ToLower(e.str("QUESTION_LOG", "on")); v {
	case "on", "true", "1":
		c.QuestionLog = true
	case "off", "false", "0":
	default:
		e.bad("QUESTION_LOG", v, "on or off")
	}
	if c.DatabaseURL != "" {
		if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			e.bad("DATABASE_URL", c.DatabaseURL, "a PostgreSQL URL such as postgres://user:password@host:5432/reedesk")
		}
	}
	shardsOK := len(e.problems)
	if v := e.str("SHARD_COUNT", ""); v == "auto" {
		c.ShardCount = 0
	} else {
		c.ShardCount = e.integer("SHARD_COUNT", 1, 1, "a whole number of 1 or more, or auto")
	}
	if v := e.str("SHUTDOWN_DRAIN", ""); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			e.bad("SHUTDOWN_DRAIN", v, "a duration such as 2s")
		} else {
			c.ShutdownDrain = d
		}
	}
	// Compared only when both read well: a default would make the message contradict the other.
	if len(e.problems) == shardsOK && c.ShardCount > 0 && c.ShardID >= c.ShardCount {
		e.problem("SHARD_ID=%d must be below SHARD_COUNT=%d (shards are numbered from 0)", c.ShardID, c.ShardCount)
	}
	if c.KnowledgeWatch && c.KnowledgeDir == "" {
		e.problem("KNOWLEDGE_WATCH needs KNOWLEDGE_DIR: the built-in knowledge base never changes")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		e.bad("LOG_FORMAT", c.LogFormat, "text or json")
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		e.bad("LOG_LEVEL", c.LogLevel, "debug, info, warn or error")
	}
	if c.APIURL != "" {
		if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			e.bad("DISCORD_API_URL", c.APIURL, "an http(s) URL such as https://discord.com/api/v9/")
		}
	}
	if c.PublicKey != "" {
		if _, err := bot.ParsePublicKey(c.PublicKey); err != nil {
			e.bad("DISCORD_PUBLIC_KEY", c.PublicKey, "the 64 hex digits of the application's public key")
		}
	}
	if c.Token != "" && strings.ContainsAny(c.Token, " \t\"'") {
		e.bad("DISCORD_TOKEN", c.Token, "a bot token (it has spaces or quotes in it: check the .env line)")
	}
	missingToken := `DISCORD_TOKEN is not set: copy .env.example to .env and fill it in (the bot's token from https://discord.com/developers/applications), or try the bot without Discord: reedesk ask "How much rare earth oxide is at Beylikova?"`
	switch {
	case n == needToken && c.Token == "":
		e.problem("%s", missingToken)
	case n == needDiscord && c.InteractionsAddr != "" && c.PublicKey == "":
		e.problem("DISCORD_PUBLIC_KEY is not set: the HTTP interactions endpoint (INTERACTIONS_ADDR or --http) checks every request's signature with it (developer portal → your app → General Information)")
	case n == needDiscord && c.InteractionsAddr == "" && c.Token == "":
		e.problem("%s", missingToken)
	}
	if len(e.problems) > 0 {
		return c, errors.New("configuration:\n  " + strings.Join(e.problems, "\n  "))
	}
	return c, nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(s))
	return l, err
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

// sessionConfig is how to reach Discord.
func sessionConfig(c config) bot.SessionConfig {
	return bot.SessionConfig{Token: c.Token, APIURL: c.APIURL, AppID: c.AppID, GuildID: c.GuildID, ShardID: c.ShardID, ShardCount: c.ShardCount}
}
