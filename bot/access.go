package bot

import (
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/time/rate"
)

// admins decides who may run /reindex. Discord hides the command from members without Manage
// Server, but that default can be changed by any server admin, so the bot checks again.
type admins struct {
	roles, users map[string]bool
	home         string // DISCORD_GUILD_ID: the only server whose permissions count, if set
}

func newAdmins(roleIDs, userIDs []string, home string) admins {
	a := admins{roles: map[string]bool{}, users: map[string]bool{}, home: home}
	for _, id := range roleIDs {
		a.roles[id] = true
	}
	for _, id := range userIDs {
		a.users[id] = true
	}
	return a
}

// allowed reports whether the sender of i may run admin commands: an admin user anywhere; in a
// server the bot trusts (see trusted), the Manage Server or Administrator permission or an
// admin role. In a DM, where there are no permissions, only an admin user.
func (a admins) allowed(i *discordgo.Interaction) bool {
	if u := (request{i: i}).user(); u != nil && a.users[u.ID] {
		return true
	}
	if !a.trusted(i) {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if a.roles[r] {
			return true
		}
	}
	return false
}

// trusted reports whether the server i comes from has a say over the bot: the bot is installed
// in it (authorizing_integration_owners names a guild installation), and it is the home server
// when DISCORD_GUILD_ID is set. Where a member only installed the app for themselves, their
// permissions there are about someone else's server. Payloads without the field at all predate
// user installs, when every app was installed in the server.
func (a admins) trusted(i *discordgo.Interaction) bool {
	if i.Member == nil || i.GuildID == "" || (a.home != "" && i.GuildID != a.home) {
		return false
	}
	if i.AuthorizingIntegrationOwners == nil {
		return true
	}
	owner := i.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall]
	// "0" is the bot's own DMs; any other value is the installing guild, which Discord sets
	// to the interaction's guild.
	return owner != "" && owner != "0"
}

// limiter limits each user to a rate of commands, with a burst.
type limiter struct {
	perSecond rate.Limit
	burst     int
	now       func() time.Time

	mu    sync.Mutex
	users map[string]*userLimit
	swept time.Time
}

type userLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perMinute float64, burst int, now func() time.Time) *limiter {
	if perMinute <= 0 {
		return nil
	}
	if burst < 1 {
		burst = 1
	}
	return &limiter{perSecond: rate.Limit(perMinute / 60), burst: burst, now: now, users: map[string]*userLimit{}}
}

// allow reports whether user may run a command now, and if not, how long to wait.
func (l *limiter) allow(user string) (time.Duration, bool) {
	if l == nil {
		return 0, true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	u, ok := l.users[user]
	if !ok {
		u = &userLimit{lim: rate.NewLimiter(l.perSecond, l.burst)}
		l.users[user] = u
	}
	u.seen = now
	r := u.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d, false
	}
	return 0, true
}

// sweep forgets users idle long enough to have a full bucket again, so memory stays bounded.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	full := time.Duration(float64(l.burst) / float64(l.perSecond) * float64(time.Second))
	for id, u := range l.users {
		if now.Sub(u.seen) > full {
			delete(l.users, id)
		}
	}
}
