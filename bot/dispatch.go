package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Deadlines bound each step of answering an interaction. Discord drops an interaction not
// answered within 3 seconds, and its token is valid for 15 minutes; tests shrink them.
type Deadlines struct {
	Defer   time.Duration // a handler still running then gets a deferral
	Respond time.Duration // for the first response
	REST    time.Duration // for every other call to Discord
	Later   time.Duration // for a job that edits its message
	Drain   time.Duration // how long Close waits for running replies before stopping them
}

// DiscordDeadlines are the deadlines that Discord's own limits call for.
func DiscordDeadlines() Deadlines {
	return Deadlines{
		Defer:   1500 * time.Millisecond,
		Respond: 2500 * time.Millisecond,
		REST:    10 * time.Second,
		Later:   14 * time.Minute,
		Drain:   5 * time.Second,
	}
}

// responder sends an interaction's first response and later changes to it: the gateway posts
// them to Discord, the HTTP endpoint writes the first one as the answer to Discord's request.
type responder interface {
	respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error
	edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
	remove(ctx context.Context, i *discordgo.Interaction) error
	followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error
	// uploads reports whether the first response may carry files; if not, a reply with files
	// is deferred and sent as an edit.
	uploads() bool
}

// Dispatcher does the I/O of answering interactions, for the gateway and the HTTP endpoint
// alike: it runs the handler, sends its response (or a deferral if the handler is slow, then
// the response as an edit), and runs the reply's job, every call to Discord within its
// deadline. Close stops it and joins every reply it started.
type Dispatcher struct {
	bot   *Bot
	log   *slog.Logger
	limit Deadlines

	mu      sync.Mutex
	closing bool                        // no new replies start once shutdown begins
	cancels map[*int]context.CancelFunc // of the replies running
	jobs    sync.WaitGroup
}

// NewDispatcher returns a Dispatcher for b with the given deadlines (DiscordDeadlines in
// production).
func NewDispatcher(b *Bot, d Deadlines, log *slog.Logger) *Dispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Dispatcher{bot: b, log: log, limit: d, cancels: map[*int]context.CancelFunc{}}
}

// Deadlines returns the dispatcher's deadlines.
func (d *Dispatcher) Deadlines() Deadlines { return d.limit }

// start registers a reply about to run, or reports false once Close has begun. The reply's
// context outlives ctx's cancellation (an HTTP request that ended, a gateway that is
// draining) until Close stops it.
func (d *Dispatcher) start(ctx context.Context) (context.Context, func(), bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closing {
		return nil, nil, false
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	key := new(int)
	d.cancels[key] = cancel
	d.jobs.Add(1)
	return ctx, func() {
		cancel()
		d.mu.Lock()
		delete(d.cancels, key)
		d.mu.Unlock()
		d.jobs.Done()
	}, true
}

// Go answers i in a goroutine of its own and calls done when it has finished; it reports
// false, and answers nothing, once Close has begun.
func (d *Dispatcher) Go(ctx context.Context, i *discordgo.Interaction, to responder, done func()) bool {
	ctx, end, ok := d.start(ctx)
	if !ok {
		return false
	}
	go func() {
		defer end()
		defer d.recoverDispatch(i)
		d.dispatch(ctx, i, to)
		if done != nil {
			done()
		}
	}()
	return true
}

// Dispatch answers i and returns once the answer and its job are done; it answers nothing
// once Close has begun, and leaves the interaction to expire: Discord then tells the user the
// bot did not respond, which is better than an answer cut off midway.
func (d *Dispatcher) Dispatch(ctx context.Context, i *discordgo.Interaction, to responder) {
	ctx, end, ok := d.start(ctx)
	if !ok {
		return
	}
	defer end()
	defer d.recoverDispatch(i)
	d.dispatch(ctx, i, to)
}

// Close stops taking interactions, waits up to the Drain deadline (or ctx) for the replies
// running, then stops them and waits for them to return.
func (d *Dispatcher) Close(ctx context.Context) {
	d.mu.Lock()
	d.closing = true
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.jobs.Wait(); close(done) }()
	drain := time.NewTimer(d.limit.Drain)
	defer drain.Stop()
	select {
	case <-done:
		return
	case <-drain.C:
	case <-ctx.Done():
	}
	d.log.Warn("stopping with replies still running")
	d.mu.Lock()
	for _, cancel := range d.cancels {
		cancel()
	}
	d.mu.Unlock()
	<-done
}

func (d *Dispatcher) dispatch(ctx context.Context, i *discordgo.Interaction, to responder) {
	b := d.bot
	start := time.Now()
	// The handler runs here. Should it still run at the Defer deadline, a timer sends the
	// deferral meanwhile; whichever of the two comes first claims the first response.
	var (
		claimed           atomic.Bool
		deferral          = make(chan error, 1)
		deferredPrivately bool
		timer             *time.Timer
	)
	if i.Type != discordgo.InteractionApplicationCommandAutocomplete { // cannot be deferred
		// Whether the answer is private is fixed by the deferral, so it is guessed from the
		// interaction: button replies and /ask hide:true are private.
		deferredPrivately = d.private(i)
		timer = time.AfterFunc(d.limit.Defer, func() {
			if claimed.CompareAndSwap(false, true) {
				deferral <- d.sendDeferral(ctx, i, to, deferredPrivately)
			}
		})
	}
	reply := d.respond(ctx, i)
	if to.uploads() {
		// While the timer runs, so that a slow drawing is deferred like a slow answer. (The
		// HTTP endpoint defers any reply with files, and draws them for the edit.)
		draw(reply.Response)
	}
	deferred := false
	if timer == nil || claimed.CompareAndSwap(false, true) {
		if timer != nil {
			timer.Stop()
		}
		if hasFiles(reply.Response) && !to.uploads() {
			// The HTTP endpoint's answer cannot carry files: defer, then edit with them.
			deferred = true
			deferredPrivately = reply.Response.Data.Flags&discordgo.MessageFlagsEphemeral != 0
			if err := d.sendDeferral(ctx, i, to, deferredPrivately); err != nil {
				d.log.Error("defer interaction", "err", err, "took", time.Since(start))
				b.observe.Command(reply.Command, OutcomeError, time.Since(start))
				return
			}
		}
	} else {
		deferred = true
		if err := <-deferral; err != nil {
			d.log.Error("defer interaction", "err", err, "waited", time.Since(start))
			b.observe.Command(reply.Command, OutcomeError, time.Since(start))
			return
		}
	}

	// The latency measured is until the answer is sent, not the job after it.
	var took time.Duration
	defer func() {
		if took == 0 {
			took = time.Since(start)
		}
		b.observe.Command(reply.Command, reply.Outcome, took)
	}()
	if deferred {
		if data := reply.Response.Data; data != nil {
			var err error
			if data.Flags&discordgo.MessageFlagsEphemeral != 0 && !deferredPrivately {
				// A public "thinking…" cannot become private: replace it with a private
				// followup.
				err = d.replacePrivately(ctx, to, i, data)
			} else {
				err = d.editWith(ctx, to, i, responseEdit(data))
			}
			if err != nil {
				d.log.Error("send deferred reply", "err", err)
				reply.Outcome = OutcomeError
				return
			}
		}
	} else {
		rctx, cancel := context.WithTimeout(ctx, d.limit.Respond)
		err := to.respond(rctx, i, reply.Response)
		cancel()
		if err != nil {
			d.log.Error("respond to interaction", "err", err, "took", time.Since(start))
			reply.Outcome = OutcomeError
			return
		}
	}
	took = time.Since(start)
	if reply.Later != nil {
		lctx, cancel := context.WithTimeout(ctx, d.limit.Later)
		defer cancel()
		edit := func(e *discordgo.WebhookEdit) error { return d.editWith(lctx, to, i, e) }
		if err := d.runJob(lctx, i, reply.Later, edit); errors.Is(err, errPanicked) {
			reply.Outcome = OutcomePanic
		} else if err != nil {
			reply.Outcome = OutcomeError // the user has been told in the last edit
		}
	}
}

// sendDeferral answers i with "thinking…", seen by its sender alone when ephemeral.
func (d *Dispatcher) sendDeferral(ctx context.Context, i *discordgo.Interaction, to responder, ephemeral bool) error {
	deferral := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		deferral.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	ctx, cancel := context.WithTimeout(ctx, d.limit.Respond)
	defer cancel()
	return to.respond(ctx, i, deferral)
}

// errPanicked is what a job that panicked returns.
var errPanicked = errors.New("the job panicked")

// respond runs the handler of i. A panic costs only this reply, which becomes an apology (an
// empty list for autocomplete): a bug in one handler must not take down the process and every
// interaction it serves.
func (d *Dispatcher) respond(ctx context.Context, i *discordgo.Interaction) (reply Reply) {
	defer func() {
		if v := recover(); v != nil {
			d.logPanic(i, v)
			reply = Reply{Response: ephemeral(localeOf(i).t(apology)), Command: d.name(i), Outcome: OutcomePanic}
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				reply.Response = &discordgo.InteractionResponse{
					Type: discordgo.InteractionApplicationCommandAutocompleteResult,
					Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
				}
			}
			finish(reply.Response)
		}
	}()
	return d.bot.Respond(ctx, i)
}

// runJob runs a reply's job; if it panics, the message it was editing says sorry instead.
func (d *Dispatcher) runJob(ctx context.Context, i *discordgo.Interaction, job func(context.Context, func(*discordgo.WebhookEdit) error) error, edit func(*discordgo.WebhookEdit) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			d.logPanic(i, v)
			sorry := localeOf(i).t(apology)
			e := &discordgo.WebhookEdit{Content: &sorry, Embeds: &[]*discordgo.MessageEmbed{}}
			fitEdit(e)
			if err := edit(e); err != nil {
				d.log.Warn("apologize for a job that panicked", "interaction", interactionID(i), "err", err)
			}
			err = errPanicked
		}
	}()
	return job(ctx, edit)
}

// recoverDispatch is the last resort for a panic outside the handler and its job (in sending
// the reply): it is logged and counted, and the process carries on.
func (d *Dispatcher) recoverDispatch(i *discordgo.Interaction) {
	if v := recover(); v != nil {
		d.logPanic(i, v)
		d.bot.observe.Command(d.name(i), OutcomePanic, 0)
	}
}

func (d *Dispatcher) logPanic(i *discordgo.Interaction, v any) {
	d.log.Error("panic while answering an interaction", "interaction", interactionID(i), "command", d.name(i), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
}

// name labels i for logs and metrics, even when i is malformed enough to panic the table.
func (d *Dispatcher) name(i *discordgo.Interaction) (name string) {
	defer func() {
		if recover() != nil {
			name = "other"
		}
	}()
	return d.bot.table.name(i)
}

// private reports whether the answer to i will be seen only by its sender.
func (d *Dispatcher) private(i *discordgo.Interaction) bool {
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		return true
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return false // malformed: the handler says so
		}
		if c, ok := d.bot.table.command(data.Name); ok && c.admin {
			return true // what admin commands show is for the admin who asked
		}
		for _, o := range data.Options {
			if o == nil {
				continue
			}
			if v, ok := o.Value.(bool); ok && o.Name == "hide" && v {
				return true
			}
		}
	}
	return false
}

// replacePrivately deletes a public deferral and sends the answer as a private followup.
func (d *Dispatcher) replacePrivately(ctx context.Context, to responder, i *discordgo.Interaction, data *discordgo.InteractionResponseData) error {
	draw(data)
	ctx, cancel := context.WithTimeout(ctx, d.limit.REST)
	defer cancel()
	if err := to.remove(ctx, i); err != nil {
		return fmt.Errorf("remove the public deferral: %w", err)
	}
	return to.followup(ctx, i, &discordgo.WebhookParams{
		Content: data.Content, Embeds: data.Embeds, Components: data.Components, Files: data.Files,
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
	})
}

func (d *Dispatcher) editWith(ctx context.Context, to responder, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	draw(e)
	ctx, cancel := context.WithTimeout(ctx, d.limit.REST)
	defer cancel()
	err := to.edit(ctx, i, e)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("edit the reply: Discord did not answer within %s", d.limit.REST)
	}
	return err
}

// responseEdit turns a message response into the edit that replaces a deferral.
func responseEdit(data *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	content := data.Content
	embeds := data.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	e := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Files: data.Files, AllowedMentions: noMentions()}
	if data.Components != nil {
		c := data.Components
		e.Components = &c
	}
	return e
}
