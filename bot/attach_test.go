package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/bot/discordtest"
	"github.com/reedesk/reedesk/chart"
)

// uploadedMessage is the payload of a request that uploads files.
type uploadedMessage struct {
	Embeds      []*discordgo.MessageEmbed `json:"embeds"`
	Attachments []struct {
		ID          string `json:"id"`
		Filename    string `json:"filename"`
		Description string `json:"description"`
	} `json:"attachments"`
}

// checkChartUpload checks that a request uploads one chart that its first embed shows: a PNG
// of the charts' size, listed with its alt text. The fake has validated the payload part.
func checkChartUpload(t *testing.T, req discordtest.Request, msg uploadedMessage, wantFile string) {
	t.Helper()
	if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/form-data") {
		t.Fatalf("%s %s: Content-Type %q, want multipart/form-data", req.Method, req.Path, ct)
	}
	if len(req.Files) != 1 {
		t.Fatalf("%s %s: %d files uploaded, want 1", req.Method, req.Path, len(req.Files))
	}
	f := req.Files[0]
	if f.Field != "files[0]" || f.Name != wantFile || f.ContentType != "image/png" {
		t.Errorf("file part %s %q (%s), want files[0] %q (image/png)", f.Field, f.Name, f.ContentType, wantFile)
	}
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatalf("the upload is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != chart.WidthPx || b.Dy() != chart.HeightPx {
		t.Errorf("PNG is %d × %d, want %d × %d", b.Dx(), b.Dy(), chart.WidthPx, chart.HeightPx)
	}
	if len(msg.Embeds) == 0 || msg.Embeds[0].Image == nil || msg.Embeds[0].Image.URL != "attachment://"+wantFile {
		t.Errorf("first embed does not show attachment://%s", wantFile)
	}
	if len(msg.Attachments) != 1 || msg.Attachments[0].ID != "0" || msg.Attachments[0].Filename != wantFile || msg.Attachments[0].Description == "" {
		t.Errorf("attachments = %+v, want [{0 %s <alt text>}]", msg.Attachments, wantFile)
	}
}

// TestGatewayUploadsCharts sends /stats and /compare through the gateway: the interaction
// response itself carries the chart, as multipart/form-data.
func TestGatewayUploadsCharts(t *testing.T) {
	t.Parallel()
	e := startE2E(t, e2eConfig{})
	tests := []struct {
		name     string
		command  string
		options  map[string]any
		wantFile string
	}{
		{"stats", "stats", map[string]any{"topic": "world-production"}, "stats-usgs-mine-production.png"},
		{"compare", "compare", map[string]any{"a": "usgs_mine_2024_china", "b": "usgs_mine_2024_us"}, "compare-usgs-mine-2024-china-usgs-mine-2024-us.png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := e.fake.SendInteraction(discordtest.Command(tc.command, tc.options, discordtest.Member("user1", ordinaryMember)))
			req, err := e.fake.Wait(e2eTimeout(t, 10*time.Second), discordtest.Match("POST", in.CallbackPath()))
			if err != nil {
				t.Fatalf("no callback: %v", err)
			}
			if req.Status != 204 {
				t.Errorf("callback answered %d, want 204", req.Status)
			}
			var resp struct {
				Type int             `json:"type"`
				Data uploadedMessage `json:"data"`
			}
			if err := json.Unmarshal(req.Body, &resp); err != nil {
				t.Fatalf("payload_json: %v", err)
			}
			if resp.Type == 5 {
				// Slower than Discord's 1.5 s on a busy machine: the edit then carries it.
				t.Logf("deferred on a busy machine; checking the edit")
				req, err = e.fake.Wait(e2eTimeout(t, 30*time.Second), discordtest.Match("PATCH", in.OriginalPath()))
				if err != nil {
					t.Fatalf("deferred, and no edit: %v", err)
				}
				resp.Data = uploadedMessage{}
				if err := json.Unmarshal(req.Body, &resp.Data); err != nil {
					t.Fatalf("payload_json: %v", err)
				}
			} else if resp.Type != 4 {
				t.Errorf("callback type %d, want 4: the answer itself carries the chart", resp.Type)
			}
			checkChartUpload(t, req, resp.Data, tc.wantFile)
		})
	}
}

// TestEndpointDefersToUploadCharts sends /stats to the HTTP endpoint: the HTTP answer cannot
// carry a file, so it is a deferral, and the chart comes in the edit of the original message.
func TestEndpointDefersToUploadCharts(t *testing.T) {
	t.Parallel()
	srv, sg, fake := endpoint(t, Options{}, testDeadlines)
	in := map[string]any{
		"id": "chart1", "application_id": "app1", "type": 2, "token": "tok-chart1", "guild_id": "g1", "channel_id": "c1",
		"member": map[string]any{"user": map[string]any{"id": "u1", "username": "ayse"}, "roles": []string{}, "permissions": "0"},
		"data":   map[string]any{"id": "cmd-stats", "name": "stats", "type": 1, "options": []map[string]any{{"name": "topic", "type": 3, "value": "world-production"}}},
	}
	resp, err := http.DefaultClient.Do(sg.request(t, srv.URL+InteractionsPath, interactionJSON(t, in), time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != `{"type":5}` {
		t.Fatalf("HTTP answer: status %d body %s, want a public deferral {\"type\":5}", resp.StatusCode, body)
	}
	// The edit draws the chart: seconds on a loaded machine under the race detector.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	edit, err := fake.Wait(ctx, discordtest.Match("PATCH", "/api/v9/webhooks/app1/tok-chart1/messages/@original"))
	if err != nil {
		t.Fatalf("no edit with the chart: %v", err)
	}
	if edit.Status != 200 {
		t.Errorf("edit answered %d, want 200", edit.Status)
	}
	var msg uploadedMessage
	if err := json.Unmarshal(edit.Body, &msg); err != nil {
		t.Fatalf("payload_json: %v", err)
	}
	checkChartUpload(t, edit, msg, "stats-usgs-mine-production.png")
}

// TestDispatchSendsFilesInTheEdit checks the dispatcher with a responder whose first answer
// cannot carry files: a deferral first, public like the reply, then the reply with its files as
// the edit; a responder that can gets the reply with its files at once.
func TestDispatchSendsFilesInTheEdit(t *testing.T) {
	t.Parallel()
	b := testBot(t, Options{})
	i := Interaction("stats", map[string]any{"topic": "reserves"})
	// Only files may defer here: drawing the chart under the race detector on a loaded
	// machine can take longer than Discord's deadline, which is not what this test checks.
	d := testDeadlines
	d.Defer, d.Respond = time.Minute, time.Minute
	for _, noUploads := range []bool{true, false} {
		rec := &recorder{noUploads: noUploads}
		NewDispatcher(b, d, nil).Dispatch(context.Background(), i, rec)
		if noUploads {
			if len(rec.responses) != 1 || rec.responses[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || rec.responses[0].Data != nil {
				t.Fatalf("responses %+v, want one public deferral", rec.responses)
			}
			if len(rec.edits) != 1 || len(rec.edits[0].Files) != 1 || rec.edits[0].Files[0].Name != "stats-usgs-reserves.png" {
				t.Fatalf("edits %+v, want one with stats-usgs-reserves.png", rec.edits)
			}
			continue
		}
		if len(rec.responses) != 1 || !hasFiles(rec.responses[0]) || len(rec.edits) != 0 {
			t.Errorf("responses %+v, edits %d: want one response carrying the chart, no edit", rec.responses, len(rec.edits))
		}
	}
}

// TestTerminalWritesCharts runs /stats in the terminal with an output folder: the PNG is
// written and its path printed; with JSON, the payload lists it and the path goes aside.
func TestTerminalWritesCharts(t *testing.T) {
	t.Parallel()
	b := testBot(t, Options{})
	i := Interaction("stats", map[string]any{"topic": "value-chain"})
	dir := t.TempDir()
	var out bytes.Buffer
	if _, err := RunTerminal(context.Background(), b, i, &out, TerminalOptions{Out: dir}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "stats-value-chain-uysal.png")
	if !strings.Contains(out.String(), "[image: stats-value-chain-uysal.png]") || !strings.HasSuffix(out.String(), "  "+path+"\n") {
		t.Errorf("text output %q, want the image named and %s printed last", out.String(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("%s is not a PNG: %v", path, err)
	}

	var js, paths bytes.Buffer
	if _, err := RunTerminal(context.Background(), b, i, &js, TerminalOptions{JSON: true, Out: dir, Paths: &paths}); err != nil {
		t.Fatal(err)
	}
	var resp struct {
		Data uploadedMessage `json:"data"`
	}
	if err := json.Unmarshal(js.Bytes(), &resp); err != nil {
		t.Fatalf("JSON output is not one document: %v: %s", err, js.String())
	}
	if len(resp.Data.Attachments) != 1 || resp.Data.Attachments[0].Filename != "stats-value-chain-uysal.png" {
		t.Errorf("attachments %+v, want the chart listed", resp.Data.Attachments)
	}
	if paths.String() != "  "+path+"\n" {
		t.Errorf("paths %q, want %q", paths.String(), "  "+path+"\n")
	}
}

// BenchmarkStatsWithChart is /stats topic:world-production once its chart is cached: the card
// built and the request body Discord receives encoded, multipart with the PNG.
func BenchmarkStatsWithChart(b *testing.B) {
	bot := testBot(b, Options{})
	i := Interaction("stats", map[string]any{"topic": "world-production"})
	ctx := context.Background()
	var size int
	for b.Loop() {
		reply := bot.Respond(ctx, i)
		_, body, err := encodeBody(reply.Response)
		if err != nil {
			b.Fatal(err)
		}
		size = len(body)
	}
	b.ReportMetric(float64(size), "body-bytes")
}
