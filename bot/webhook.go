package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// restResponder answers interactions over Discord's REST API: the first response, and the
// edits, deletion and followups of it; a payload with files goes as multipart/form-data. It does not go through discordgo's request path, whose
// rate limiter sleeps without looking at the context (a 429 could hold a reply past its
// deadline, a global one every later reply), and which keeps a bucket for every interaction
// URL it has seen. Interaction endpoints are exempt from Discord's global limit anyway.
type restResponder struct {
	client *http.Client
	base   string // Discord's API base; the client's transport sends it to DISCORD_API_URL
}

func newRESTResponder(s *discordgo.Session) restResponder {
	return restResponder{client: s.Client, base: discordgo.EndpointAPI}
}

// errRateLimited is returned when Discord asks to wait longer than the call's deadline allows.
var errRateLimited = errors.New("Discord is rate limiting the bot beyond the call's deadline")

func (r restResponder) respond(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	// No retry: by the time a rate limit lifts, the interaction has expired.
	return r.do(ctx, http.MethodPost, "interactions/"+url.PathEscape(i.ID)+"/"+url.PathEscape(i.Token)+"/callback", resp, false)
}

func (r restResponder) edit(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	return r.do(ctx, http.MethodPatch, original(i), e, true)
}

func (r restResponder) remove(ctx context.Context, i *discordgo.Interaction) error {
	return r.do(ctx, http.MethodDelete, original(i), nil, true)
}

func (r restResponder) followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error {
	return r.do(ctx, http.MethodPost, "webhooks/"+url.PathEscape(i.AppID)+"/"+url.PathEscape(i.Token)+"?wait=true", p, true)
}

func (r restResponder) uploads() bool { return true }

func original(i *discordgo.Interaction) string {
	return "webhooks/" + url.PathEscape(i.AppID) + "/" + url.PathEscape(i.Token) + "/messages/@original"
}

// do sends one call, waiting out a 429 when retry is set and the context's deadline leaves
// time for it. Errors name the method and status, never the path: it holds the interaction's
// token.
func (r restResponder) do(ctx context.Context, method, path string, body any, retry bool) error {
	var data []byte
	var ctype string
	if body != nil {
		var err error
		if ctype, data, err = encodeBody(body); err != nil {
			return fmt.Errorf("encode %s: %w", method, err)
		}
	}
	for {
		req, err := http.NewRequestWithContext(ctx, method, r.base+path, bytes.NewReader(data))
		if err != nil {
			return err
		}
		if body != nil {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := r.client.Do(req)
		if err != nil {
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err // the URL holds the token
			}
			return fmt.Errorf("%s to Discord: %w", method, err)
		}
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		resp.Body.Close()
		switch {
		case resp.StatusCode < 300:
			return nil
		case resp.StatusCode == http.StatusTooManyRequests && retry:
			wait := retryAfter(resp.Header, msg)
			if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
				return fmt.Errorf("%s to Discord: %w (asked to wait %s)", method, errRateLimited, wait)
			}
			select {
			case <-time.After(wait):
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return fmt.Errorf("%s to Discord: %s: %s", method, resp.Status, bytes.TrimSpace(msg))
	}
}

// retryAfter reads how long Discord asks to wait, from the JSON body or the header.
func retryAfter(h http.Header, body []byte) time.Duration {
	var b struct {
		RetryAfter float64 `json:"retry_after"`
	}
	if json.Unmarshal(body, &b) == nil && b.RetryAfter > 0 {
		return time.Duration(b.RetryAfter * float64(time.Second))
	}
	if s, err := strconv.ParseFloat(h.Get("Retry-After"), 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	return time.Second
}
