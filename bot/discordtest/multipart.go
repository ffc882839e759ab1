package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"strconv"
	"strings"
)

// File is a file a request uploaded, as Discord's "Uploading Files" has it: a part of a
// multipart/form-data body named files[n], listed in the JSON payload's attachments array with
// id n.
type File struct {
	Field       string // files[0]
	Name        string // the part's filename
	ContentType string
	Data        []byte
}

// maxUploadIDs bounds the attachment ids that name a new upload (0, 1, …); larger ids are
// snowflakes of attachments the message already has.
const maxUploadIDs = 10

// readMultipart splits a multipart/form-data body into its payload_json part and its files.
// ok is false for a body of another content type.
func readMultipart(contentType string, body []byte) (payload []byte, files []File, ok bool, err error) {
	mt, params, perr := mime.ParseMediaType(contentType)
	if perr != nil || mt != "multipart/form-data" {
		return body, nil, false, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, true, fmt.Errorf("multipart body: %w", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, nil, true, fmt.Errorf("multipart part %q: %w", p.FormName(), err)
		}
		if p.FormName() == "payload_json" {
			payload = data
			continue
		}
		files = append(files, File{Field: p.FormName(), Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
	}
	if payload == nil {
		return nil, files, true, fmt.Errorf("multipart body without a payload_json part")
	}
	return payload, files, true, nil
}

// CheckFiles checks that the files of a multipart request and its payload agree, as Discord
// requires: every part is named files[n], n unique; the message's attachments array lists each
// with id n and its filename; no attachment id names an upload that is missing; and every
// attachment:// URL of an embed names an uploaded file. payload is the payload_json part.
func CheckFiles(method, path string, payload []byte, files []File) error {
	var c checker
	var doc map[string]any
	if err := json.Unmarshal(payload, &doc); err != nil {
		c.add("", "payload_json is not a JSON object: %v", err)
		return &ValidationError{Method: method, Path: path, Problems: c.probs}
	}
	msg, ptr := doc, ""
	if routeOf(method, path) == routeCallback {
		msg, _ = doc["data"].(map[string]any)
		ptr = "/data"
	}
	if msg == nil {
		c.add(ptr, "files were uploaded with no message to attach them to")
		return &ValidationError{Method: method, Path: path, Problems: c.probs}
	}
	uploads := map[string]string{} // id → filename
	for _, f := range files {
		n, ok := strings.CutPrefix(f.Field, "files[")
		n, ok2 := strings.CutSuffix(n, "]")
		if _, err := strconv.Atoi(n); !ok || !ok2 || err != nil {
			c.add("", "multipart part %q is not named files[n]", f.Field)
			continue
		}
		if _, dup := uploads[n]; dup {
			c.add("", "two parts named %s", f.Field)
		}
		uploads[n] = f.Name
	}
	listed := map[string]bool{}
	atts, _ := msg["attachments"].([]any)
	for i, a := range atts {
		obj, _ := a.(map[string]any)
		id := fmt.Sprint(obj["id"])
		p := fmt.Sprintf("%s/attachments/%d", ptr, i)
		name, uploaded := uploads[id]
		if n, err := strconv.Atoi(id); err == nil && n < maxUploadIDs && !uploaded {
			c.add(p+"/id", "attachment %s names files[%s], which was not uploaded", id, id)
		}
		if uploaded {
			listed[id] = true
			if fn, _ := obj["filename"].(string); fn != "" && fn != name {
				c.add(p+"/filename", "filename %q, but files[%s] was uploaded as %q", fn, id, name)
			}
		}
	}
	for id, name := range uploads {
		if !listed[id] {
			c.add(ptr+"/attachments", "files[%s] (%s) is not listed in attachments", id, name)
		}
	}
	names := map[string]bool{}
	for _, f := range files {
		names[f.Name] = true
	}
	embeds, _ := msg["embeds"].([]any)
	for i, e := range embeds {
		obj, _ := e.(map[string]any)
		for _, key := range []string{"image", "thumbnail"} {
			img, _ := obj[key].(map[string]any)
			u, _ := img["url"].(string)
			if name, ok := strings.CutPrefix(u, "attachment://"); ok && !names[name] {
				c.add(fmt.Sprintf("%s/embeds/%d/%s/url", ptr, i, key), "%s names no uploaded file", u)
			}
		}
	}
	if len(c.probs) == 0 {
		return nil
	}
	return &ValidationError{Method: method, Path: path, Problems: c.probs}
}
