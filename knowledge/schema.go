package knowledge

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed schema.json
var schemaJSON []byte

var (
	schemaOnce sync.Once
	schemas    map[string]*jsonschema.Schema
	schemaErr  error
)

// schemaFor returns the compiled JSON Schema for a file: sources, synonyms or a topic.
func schemaFor(base string) (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			schemaErr = err
			return
		}
		// The unit list lives in Go (units.go); the schema takes it from there.
		enum := []any{}
		for _, u := range UnitSymbols() {
			enum = append(enum, u)
		}
		doc.(map[string]any)["$defs"].(map[string]any)["unit"].(map[string]any)["enum"] = enum
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		const url = "file:///knowledge.schema.json"
		if schemaErr = c.AddResource(url, doc); schemaErr != nil {
			return
		}
		schemas = map[string]*jsonschema.Schema{}
		for _, def := range []string{"topic", "sources", "synonyms"} {
			if schemas[def], schemaErr = c.Compile(url + "#/$defs/" + def); schemaErr != nil {
				return
			}
		}
	})
	if schemaErr != nil {
		return nil, fmt.Errorf("compile knowledge schema: %w", schemaErr)
	}
	switch base {
	case sourcesFile:
		return schemas["sources"], nil
	case synonymsFile:
		return schemas["synonyms"], nil
	}
	return schemas["topic"], nil
}

// SchemaJSON returns the JSON Schema of the fact files, for editors that complete YAML.
func SchemaJSON() []byte { return schemaJSON }

var printer = message.NewPrinter(language.English)

// check validates a file against its schema and decodes it into out. It reports whether out
// was decoded, and which entries ("facts/3") have schema problems, so that the cross-file
// checks still run on the rest of the file and every problem is reported at once.
func (l *loader) check(f *yamlFile, out any) (bool, map[string]bool) {
	bad := map[string]bool{}
	if f.json != nil {
		if err := json.Unmarshal(f.json, out); err != nil {
			l.problem(f.name, 0, "", "%v", err)
			return false, bad
		}
		return true, bad
	}
	clean := len(l.problems)
	v, err := value(f.root)
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			l.problem(f.name, le.line, "", "%s", le.msg)
		} else {
			l.problem(f.name, 0, "", "%v", err)
		}
		return false, nil
	}
	sch, err := schemaFor(f.base)
	if err != nil {
		l.problem(f.name, 0, "", "%v", err)
		return false, nil
	}
	if err := sch.Validate(v); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			l.problem(f.name, 0, "", "%v", err)
			return false, nil
		}
		before := len(l.problems)
		l.schemaProblems(f, ve, bad)
		l.misplaced(f, before, bad)
		sortProblems(l.problems[before:])
		if bad[""] {
			return false, bad
		}
	}
	data, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(data, out)
	}
	if err != nil {
		if len(bad) == 0 {
			l.problem(f.name, 0, "", "%v", err)
		}
		return false, bad
	}
	if len(bad) == 0 && len(l.problems) == clean {
		remember(f, data)
	}
	return true, bad
}

// misplaced replaces the problems of an entry filed under the wrong list (a fact appended under
// computed:, a computed figure under facts:) with one that says where it belongs.
func (l *loader) misplaced(f *yamlFile, from int, bad map[string]bool) {
	for _, list := range [...]struct{ in, other, has, lacks string }{
		{"computed", "facts", "source", "formula"},
		{"facts", "computed", "formula", "source"},
	} {
		for k, n := range f.node(list.in).Content {
			at := []string{list.in, strconv.Itoa(k)}
			if !bad[entry(at)] || child(n, list.has) == nil || child(n, list.lacks) != nil {
				continue
			}
			prefix := field(at)
			kept := l.problems[:from]
			for _, p := range l.problems[from:] {
				if p.File != f.name || !strings.HasPrefix(p.Field, prefix+".") {
					kept = append(kept, p)
				}
			}
			l.problems = kept
			l.problem(f.name, n.Line, prefix, "this entry has %s but no %s: it belongs under %s:, not %s:", list.has, list.lacks, list.other, list.in)
		}
	}
}

// entry names the top-level list entry a location is in ("facts/3"), or "" for the file
// itself.
func entry(loc []string) string {
	if len(loc) < 2 {
		return ""
	}
	return loc[0] + "/" + loc[1]
}

// schemaProblems turns the leaves of a schema error tree into problems with lines.
func (l *loader) schemaProblems(f *yamlFile, e *jsonschema.ValidationError, bad map[string]bool) {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			l.schemaProblems(f, c, bad)
		}
		return
	}
	loc := e.InstanceLocation
	bad[entry(loc)] = true
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, m := range k.Missing {
			l.problem(f.name, f.line(loc...), field(append(append([]string{}, loc...), m)), "is required")
		}
		return
	case *kind.AdditionalProperties:
		for _, p := range k.Properties {
			at := append(append([]string{}, loc...), p)
			l.problem(f.name, keyLine(f, at), field(at), "is not a known field (check its spelling and indentation)")
		}
		return
	case *kind.Type:
		hint := ""
		if len(k.Want) == 1 && k.Want[0] == "string" && k.Got == "number" {
			hint = `; put it in quotes ("2024") to use it as text`
		}
		l.problem(f.name, f.line(loc...), field(loc), "got %s, want %s%s", k.Got, strings.Join(k.Want, " or "), hint)
		return
	case *kind.Enum:
		got := f.node(loc...).Value
		l.problem(f.name, f.line(loc...), field(loc), "%q is not allowed; use one of %s", got, listEnum(k.Want))
		return
	case *kind.Pattern:
		got := f.node(loc...).Value
		msg := "%q does not have the right form"
		switch {
		case strings.Contains(k.Want, `\S`):
			msg = "must not be empty"
		case strings.Contains(k.Want, "[0-9]{4}"):
			msg = "%q is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
		case strings.Contains(k.Want, "a-z0-9_"):
			msg = "%q is not a figure name; use lowercase letters, digits and underscores"
		case strings.Contains(k.Want, "a-z0-9-"):
			msg = "%q is not an id; use lowercase letters, digits and dashes"
		case strings.Contains(k.Want, "A-Z"):
			msg = "%q is not an element symbol such as Nd"
		}
		if strings.Contains(msg, "%q") {
			l.problem(f.name, f.line(loc...), field(loc), msg, got)
		} else {
			l.problem(f.name, f.line(loc...), field(loc), "%s", msg)
		}
		return
	}
	l.problem(f.name, f.line(loc...), field(loc), "%s", e.ErrorKind.LocalizedString(printer))
}

func keyLine(f *yamlFile, p []string) int {
	parent := f.node(p[:len(p)-1]...)
	if parent.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(parent.Content); i += 2 {
			if parent.Content[i].Value == p[len(p)-1] {
				return parent.Content[i].Line
			}
		}
	}
	return parent.Line
}

func listEnum(want []any) string {
	var s []string
	for _, w := range want {
		s = append(s, fmt.Sprintf("%v", w))
	}
	return strings.Join(s, ", ")
}
