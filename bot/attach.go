package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/bwmarrin/discordgo"
	"github.com/reedesk/reedesk/chart"
)

// A reply that shows a chart uploads it with the message: its embed's image is
// attachment://NAME, and the request is multipart/form-data with the JSON payload as
// payload_json and each file as files[n], listed in the payload's attachments array
// (Discord's "Uploading Files").

// attached is the Reader of a discordgo.File that a reply uploads. discordgo's File has no
// description (the alt text Discord shows for the image and reads out), so it travels here; and
// the bytes stay whole however often the file is sent: an edit after a deferral, a call retried
// after a rate limit. The chart is drawn when the file is first sent or read, so a reply shown
// only as text never draws it.
type attached struct {
	chart       *chart.Chart
	description string

	once sync.Once
	r    *bytes.Reader
	err  error
}

func (a *attached) Read(p []byte) (int, error) {
	a.once.Do(func() {
		var data []byte
		data, a.err = a.chart.PNG()
		a.r = bytes.NewReader(data)
	})
	if a.err != nil {
		return 0, a.err
	}
	return a.r.Read(p)
}

// chartFile is a chart as a file to upload.
func chartFile(c *chart.Chart) *discordgo.File {
	return &discordgo.File{
		Name:        c.File(),
		ContentType: "image/png",
		Reader:      &attached{chart: c, description: c.Alt},
	}
}

// draw draws the charts a payload uploads, which are drawn when first read: before the clock
// of a call to Discord starts, so that drawing does not count against Discord's answer.
func draw(payload any) {
	for _, f := range filesOf(payload) {
		fileData(f) // an error shows when the file is sent
	}
}

// fileData returns a file's bytes; a file the bot did not make is read (once).
func fileData(f *discordgo.File) ([]byte, error) {
	if a, ok := f.Reader.(*attached); ok {
		return a.chart.PNG()
	}
	return io.ReadAll(f.Reader)
}

// attachment is one entry of a payload's attachments array: files[id] with its alt text.
type attachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	Description string `json:"description,omitempty"`
}

func attachments(files []*discordgo.File) []attachment {
	out := make([]attachment, len(files))
	for i, f := range files {
		out[i] = attachment{ID: strconv.Itoa(i), Filename: f.Name}
		if a, ok := f.Reader.(*attached); ok {
			out[i].Description = a.description
		}
	}
	return out
}

// filesOf returns the files a payload uploads.
func filesOf(v any) []*discordgo.File {
	switch p := v.(type) {
	case *discordgo.InteractionResponse:
		if p != nil && p.Data != nil {
			return p.Data.Files
		}
	case *discordgo.InteractionResponseData:
		if p != nil {
			return p.Files
		}
	case *discordgo.WebhookEdit:
		if p != nil {
			return p.Files
		}
	case *discordgo.WebhookParams:
		if p != nil {
			return p.Files
		}
	}
	return nil
}

// The payloads with files wrap discordgo's own: the outer attachments field, being shallower,
// replaces the embedded one, which has no description.
type (
	responseWithFiles struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data dataWithFiles                     `json:"data"`
	}
	dataWithFiles struct {
		*discordgo.InteractionResponseData
		Attachments []attachment `json:"attachments"`
	}
	editWithFiles struct {
		*discordgo.WebhookEdit
		Attachments []attachment `json:"attachments"`
	}
	paramsWithFiles struct {
		*discordgo.WebhookParams
		Attachments []attachment `json:"attachments"`
	}
)

// withAttachments returns what is sent as JSON for a payload: the payload itself, or with
// files, the payload with its attachments array.
func withAttachments(v any) any {
	files := filesOf(v)
	if len(files) == 0 {
		return v
	}
	list := attachments(files)
	switch p := v.(type) {
	case *discordgo.InteractionResponse:
		return responseWithFiles{Type: p.Type, Data: dataWithFiles{p.Data, list}}
	case *discordgo.WebhookEdit:
		return editWithFiles{p, list}
	case *discordgo.WebhookParams:
		return paramsWithFiles{p, list}
	}
	return v
}

// PayloadJSON is the JSON Discord receives for a response or an edit (with files, the
// payload_json part, which lists them in its attachments array), with <, > and & as they are,
// for people to read.
func PayloadJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(withAttachments(v)); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// encodeBody is a REST call's body and content type: JSON, or multipart/form-data when the
// payload uploads files.
func encodeBody(v any) (contentType string, body []byte, err error) {
	files := filesOf(v)
	if len(files) == 0 {
		body, err = json.Marshal(v)
		return "application/json", body, err
	}
	// fresh readers, so that a payload can be encoded again (a retried call)
	parts := make([]*discordgo.File, len(files))
	for i, f := range files {
		data, err := fileData(f)
		if err != nil {
			return "", nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
		parts[i] = &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: bytes.NewReader(data)}
	}
	return discordgo.MultipartBodyWithJSON(withAttachments(v), parts)
}

// hasFiles reports whether a response uploads files.
func hasFiles(resp *discordgo.InteractionResponse) bool {
	return len(filesOf(resp)) > 0
}
