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
}

func newAdmins(roleIDs, userIDs []string) admins {
	a := admins{roles: map[string]bool{}, users: map[string]bool{}}
	for _, id := range roleIDs {
		a.roles[id] = true
	}
	for _, id := range userIDs {
		a.users[id] = true
	}
	return a
}

// allowed reports whether the sender of i may run admin commands. In a server: the Manage
// Server or Administrator permission, an admin role or an admin user. In a DM, where there are
// no permissions: only an admin user.
func (a admins) allowed(i *discordgo.Interaction) bool {
	if i.Member != nil && i.GuildID != "" {
		if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
			return true
		}
		for _, r := range i.Member.Roles {
			if a.roles[r] {
				return true
			}
		}
		return i.Member.User != nil && a.users[i.Member.User.ID]
	}
	return i.User != nil && a.users[i.User.ID]
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
