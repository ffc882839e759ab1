package discordtest

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"
)

// upload posts a multipart body made by discordgo, as a bot that uploads files sends it.
func upload(t *testing.T, srv *Server, method, path string, payload any, files map[string]string) {
	t.Helper()
	var parts []*discordgo.File
	for _, name := range []string{"a.png", "b.png"} {
		if data, ok := files[name]; ok {
			parts = append(parts, &discordgo.File{Name: name, ContentType: "image/png", Reader: strings.NewReader(data)})
		}
	}
	ctype, body, err := discordgo.MultipartBodyWithJSON(payload, parts)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, srv.APIURL()+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestMultipartUploads(t *testing.T) {
	t.Parallel()
	mentions := map[string]any{"parse": []string{}}
	image := map[string]any{"url": "attachment://a.png"}
	tests := []struct {
		name      string
		method    string
		path      string
		payload   any
		files     map[string]string
		wantFiles []File
		wantErrs  []string // substrings of what the fake reports, one per problem
	}{
		{
			name:   "callback with its file listed",
			method: "POST", path: "interactions/1/tok/callback",
			payload: map[string]any{"type": 4, "data": map[string]any{
				"embeds":           []any{map[string]any{"title": "t", "image": image}},
				"attachments":      []any{map[string]any{"id": "0", "filename": "a.png", "description": "a chart"}},
				"allowed_mentions": mentions,
			}},
			files:     map[string]string{"a.png": "PNG-A"},
			wantFiles: []File{{Field: "files[0]", Name: "a.png", ContentType: "image/png", Data: []byte("PNG-A")}},
		},
		{
			name:   "edit with two files",
			method: "PATCH", path: "webhooks/app1/tok/messages/@original",
			payload: map[string]any{
				"embeds":           []any{map[string]any{"image": image}},
				"attachments":      []any{map[string]any{"id": "0", "filename": "a.png"}, map[string]any{"id": "1", "filename": "b.png"}},
				"allowed_mentions": mentions,
			},
			files: map[string]string{"a.png": "A", "b.png": "B"},
			wantFiles: []File{
				{Field: "files[0]", Name: "a.png", ContentType: "image/png", Data: []byte("A")},
				{Field: "files[1]", Name: "b.png", ContentType: "image/png", Data: []byte("B")},
			},
		},
		{
			name:   "file not listed, listed file missing, image of no file",
			method: "POST", path: "interactions/2/tok/callback",
			payload: map[string]any{"type": 4, "data": map[string]any{
				"embeds":           []any{map[string]any{"image": map[string]any{"url": "attachment://c.png"}}},
				"attachments":      []any{map[string]any{"id": "1", "filename": "b.png"}},
				"allowed_mentions": mentions,
			}},
			files:     map[string]string{"a.png": "A"},
			wantFiles: []File{{Field: "files[0]", Name: "a.png", ContentType: "image/png", Data: []byte("A")}},
			wantErrs:  []string{"attachment 1 names files[1], which was not uploaded", "files[0] (a.png) is not listed", "attachment://c.png names no uploaded file"},
		},
		{
			name:   "filename that differs from the part's",
			method: "PATCH", path: "webhooks/app1/tok/messages/@original",
			payload: map[string]any{
				"attachments":      []any{map[string]any{"id": "0", "filename": "other.png"}},
				"allowed_mentions": mentions,
			},
			files:     map[string]string{"a.png": "A"},
			wantFiles: []File{{Field: "files[0]", Name: "a.png", ContentType: "image/png", Data: []byte("A")}},
			wantErrs:  []string{`filename "other.png", but files[0] was uploaded as "a.png"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordingTB{TB: t}
			srv := New(rec, WithValidator(nil))
			upload(t, srv, tt.method, tt.path, tt.payload, tt.files)
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}
			if d := cmp.Diff(tt.wantFiles, reqs[0].Files); d != "" {
				t.Errorf("files (-want +got):\n%s", d)
			}
			if !bytes.HasPrefix(reqs[0].Body, []byte("{")) {
				t.Errorf("body %q, want the payload_json part", reqs[0].Body)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			all := strings.Join(rec.errs, "\n")
			for _, w := range tt.wantErrs {
				if !strings.Contains(all, w) {
					t.Errorf("reported %q, want it to say %q", all, w)
				}
			}
			if len(tt.wantErrs) == 0 && len(rec.errs) > 0 {
				t.Errorf("reported %q, want nothing", rec.errs)
			}
		})
	}
}

// TestMultipartValidatedAgainstSpec checks that the payload_json part of an upload is what
// the OpenAPI description validates: an attachment without its id is refused.
func TestMultipartValidatedAgainstSpec(t *testing.T) {
	t.Parallel()
	v := ValidatorFromEnv(t)
	if v == nil {
		t.Skip(SpecEnv + " is not set")
	}
	rec := &recordingTB{TB: t}
	srv := New(rec, WithValidator(v))
	upload(t, srv, "PATCH", "webhooks/app1/tok/messages/@original", map[string]any{
		"attachments":      []any{map[string]any{"filename": "a.png"}},
		"allowed_mentions": map[string]any{"parse": []string{}},
	}, map[string]string{"a.png": "A"})
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if all := strings.Join(rec.errs, "\n"); !strings.Contains(all, "/attachments/0") {
		t.Errorf("reported %q, want a problem at /attachments/0 (no id)", all)
	}
}
