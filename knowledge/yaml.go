package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlFile is one parsed fact file.
type yamlFile struct {
	name string // as shown in problems
	base string // file name alone
	data []byte
	root *yaml.Node
	json []byte // set when an earlier load checked the same content (see recall)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (l *loader) parse(f *yamlFile) bool {
	if c := recall(f); c != nil {
		f.root, f.json = c.root, c.json
		return true
	}
	if !utf8.Valid(f.data) {
		line := 1 + bytes.Count(f.data[:invalidUTF8(f.data)], []byte("\n"))
		l.problem(f.name, line, "", "the file is not valid UTF-8; save it as UTF-8")
		return false
	}
	dec := yaml.NewDecoder(bytes.NewReader(f.data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			l.problem(f.name, 0, "", "the file is empty")
			return false
		}
		l.yamlError(f, err)
		return false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		l.problem(f.name, extra.Line, "", "the file holds more than one YAML document (a second ---)")
		return false
	} else if !errors.Is(err, io.EOF) {
		l.yamlError(f, err)
		return false
	}
	if n := findAlias(&root); n != nil {
		l.problem(f.name, n.Line, "", "anchors and aliases (&name, *name, <<) are not supported; write the values out")
		return false
	}
	f.root = &root
	return true
}

func (l *loader) yamlError(f *yamlFile, err error) {
	msg := firstLine(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		l.problem(f.name, unclosedLine(f.data, line, m[2]), "", "YAML syntax: %s", m[2])
		return
	}
	l.problem(f.name, 0, "", "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
}

// unclosedLine corrects the line yaml.v3 gives for an unclosed [ or {: it reports the line of
// the opening bracket counted from 0, one too early, unless the bracket is on the first line
// (then it reports where the parse stopped). The bracket's line is the one after the reported
// line when that line holds the bracket.
func unclosedLine(data []byte, line int, msg string) int {
	var open byte
	switch {
	case strings.HasSuffix(msg, "did not find expected ',' or ']'"):
		open = '['
	case strings.HasSuffix(msg, "did not find expected ',' or '}'"):
		open = '{'
	default:
		return line
	}
	lines := bytes.Split(data, []byte("\n"))
	if line < len(lines) && bytes.IndexByte(lines[line], open) >= 0 {
		return line + 1
	}
	return line
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || (n.Kind == yaml.ScalarNode && n.Tag == "!!merge") {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// node returns the YAML node at a path of mapping keys and sequence indexes, or the deepest
// node that exists on the way, so a problem always has a line.
func (f *yamlFile) node(p ...string) *yaml.Node {
	n := f.root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, step := range p {
		next := child(n, step)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

func child(n *yaml.Node, step string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == step {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

func (f *yamlFile) line(p ...string) int { return f.node(p...).Line }

// field writes a path as a reader reads it: facts[3].figures[0].unit.
func field(p []string) string {
	var b strings.Builder
	for _, s := range p {
		if _, err := strconv.Atoi(s); err == nil {
			b.WriteString("[" + s + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

// value turns a YAML tree into the plain values a JSON Schema validator expects.
func value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return value(n.Content[0])
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if _, dup := m[k]; dup {
				return nil, &lineError{n.Content[i].Line, fmt.Sprintf("key %q appears twice", k)}
			}
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := value(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return nil, &lineError{n.Line, fmt.Sprintf("%s is not a number this loader can read", n.Value)}
			}
			return i, nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, &lineError{n.Line, fmt.Sprintf("%s is not a finite number", n.Value)}
			}
			return f, nil
		case "!!bool":
			var b bool
			_ = n.Decode(&b)
			return b, nil
		case "!!null":
			return nil, nil
		}
		return n.Value, nil
	}
	return nil, &lineError{n.Line, "unsupported YAML node"}
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }
