package knowledge

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// MaxFileSize is the largest fact file the loader reads; a bigger one is a mistake, not data.
const MaxFileSize = 4 << 20

const (
	sourcesFile  = "sources.yaml"
	synonymsFile = "synonyms.yaml"
)

// Problem is one thing wrong in the fact files, located by file, line and field.
type Problem struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc += ":" + strconv.Itoa(p.Line)
	}
	if p.Field != "" {
		return loc + ": " + p.Field + ": " + p.Msg
	}
	return loc + ": " + p.Msg
}

// ValidationError is every problem found while loading a knowledge base.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("1 problem in the fact files:")
	} else {
		fmt.Fprintf(&b, "%d problems in the fact files:", len(e.Problems))
	}
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

// LoadDir loads the knowledge base in a directory, such as an edited copy of knowledge/data.
func LoadDir(dir string) (*Base, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open knowledge directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open knowledge directory %s: not a directory", dir)
	}
	return Load(os.DirFS(dir), dir)
}

// Load reads every *.yaml file at the top of fsys and validates them together. Problems are
// reported all at once as a *ValidationError; file names in them are prefixed with dir.
func Load(fsys fs.FS, dir string) (*Base, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read knowledge directory: %w", err)
	}
	l := &loader{dir: dir, broken: map[string]bool{}}
	var files []*yamlFile
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if f := l.read(fsys, e.Name()); f != nil {
			files = append(files, f)
		}
	}
	return l.build(files)
}

// yamlFile is one parsed fact file.
type yamlFile struct {
	name string // as shown in problems
	base string // file name alone
	data []byte
	root *yaml.Node
}

type loader struct {
	dir      string
	problems []Problem
	// broken holds the figure names of entries the schema rejected: references to them are
	// not reported again.
	broken map[string]bool
}

func (l *loader) problem(file string, line int, field, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) read(fsys fs.FS, base string) *yamlFile {
	name := base
	if l.dir != "" {
		name = filepath.Join(l.dir, base)
	}
	f, err := fsys.Open(base)
	if err != nil {
		l.problem(name, 0, "", "cannot open: %v", unwrapPath(err))
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		l.problem(name, 0, "", "cannot read: %v", unwrapPath(err))
		return nil
	}
	if st.IsDir() {
		l.problem(name, 0, "", "is a directory, not a fact file")
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		l.problem(name, 0, "", "cannot read: %v", unwrapPath(err))
		return nil
	}
	if len(data) > MaxFileSize {
		l.problem(name, 0, "", "file is larger than %d MB; split it by topic", MaxFileSize>>20)
		return nil
	}
	yf := &yamlFile{name: name, base: base, data: data}
	if !l.parse(yf) {
		return nil
	}
	return yf
}

// unwrapPath drops the path from an fs error, since the problem already names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (l *loader) parse(f *yamlFile) bool {
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
		l.yamlError(f.name, err)
		return false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		l.problem(f.name, extra.Line, "", "the file holds more than one YAML document (a second ---)")
		return false
	} else if !errors.Is(err, io.EOF) {
		l.yamlError(f.name, err)
		return false
	}
	if n := findAlias(&root); n != nil {
		l.problem(f.name, n.Line, "", "anchors and aliases (&name, *name, <<) are not supported; write the values out")
		return false
	}
	f.root = &root
	return true
}

func (l *loader) yamlError(name string, err error) {
	msg := firstLine(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		l.problem(name, line, "", "YAML syntax: %s", m[2])
		return
	}
	l.problem(name, 0, "", "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
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
	return true, bad
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

func sortProblems(p []Problem) {
	sort.SliceStable(p, func(i, j int) bool {
		if p[i].File != p[j].File {
			return p[i].File < p[j].File
		}
		return p[i].Line < p[j].Line
	})
}

// The raw shapes of the files, after schema validation.

type rawSources struct {
	Sources []struct {
		ID        string  `json:"id"`
		Publisher string  `json:"publisher"`
		Title     string  `json:"title"`
		Date      rawDate `json:"date"`
		URL       string  `json:"url"`
		Note      string  `json:"note"`
	} `json:"sources"`
}

type rawSynonyms struct {
	Synonyms [][]string `json:"synonyms"`
}

type rawTopic struct {
	Topic    string        `json:"topic"`
	Title    string        `json:"title"`
	Summary  string        `json:"summary"`
	Card     []string      `json:"card"`
	Facts    []rawFact     `json:"facts"`
	Computed []rawComputed `json:"computed"`
}

type rawEntities struct {
	Tags     []string `json:"tags,omitempty"`
	Elements []string `json:"elements,omitempty"`
	Places   []string `json:"places,omitempty"`
	Orgs     []string `json:"orgs,omitempty"`
	People   []string `json:"people,omitempty"`
}

type rawFact struct {
	ID      string      `json:"id"`
	Kind    string      `json:"kind"`
	Title   string      `json:"title"`
	Text    string      `json:"text"`
	Figures []rawFigure `json:"figures,omitempty"`
	Source  string      `json:"source"`
	rawEntities
	Quote *struct {
		By      string  `json:"by"`
		Role    string  `json:"role,omitempty"`
		Said    rawDate `json:"said"`
		Context string  `json:"context,omitempty"`
	} `json:"quote,omitempty"`
	Element *struct {
		Symbol string   `json:"symbol"`
		Number int      `json:"number"`
		Class  string   `json:"class"`
		Uses   []string `json:"uses,omitempty"`
	} `json:"element,omitempty"`
}

type rawFigure struct {
	Name      string  `json:"name"`
	Label     string  `json:"label,omitempty"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier,omitempty"`
	AsOf      rawDate `json:"as_of,omitempty"`
	Year      int     `json:"year,omitempty"`
	Measure   string  `json:"measure,omitempty"`
	Series    string  `json:"series,omitempty"`
	Source    string  `json:"source,omitempty"`
	Note      string  `json:"note,omitempty"`
}

type rawComputed struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Formula  string `json:"formula"`
	Unit     string `json:"unit"`
	Decimals int    `json:"decimals"`
	Measure  string `json:"measure,omitempty"`
	rawEntities
}

// rawDate accepts a date written as a string or, for a bare year, as a number.
type rawDate string

func (d *rawDate) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*d = rawDate(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*d = rawDate(n.String())
	return nil
}

// validDate accepts YYYY, YYYY-MM and YYYY-MM-DD that name a real day.
func validDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// build checks the files together and assembles the Base.
func (l *loader) build(files []*yamlFile) (*Base, error) {
	b := &Base{
		Sources: map[string]*Source{},
		facts:   map[string]*Fact{},
		figures: map[string]*Figure{},
		series:  map[string][]*Figure{},
		measure: map[string][]*Figure{},
	}
	sum := sha256.New()
	var topics []*yamlFile
	haveSources := false
	for _, f := range files {
		fmt.Fprintf(sum, "%s\x00%d\x00", f.base, len(f.data))
		sum.Write(f.data)
		switch f.base {
		case sourcesFile:
			haveSources = true
			l.sources(b, f)
		case synonymsFile:
			var raw rawSynonyms
			if ok, bad := l.check(f, &raw); ok && len(bad) == 0 {
				b.Synonyms = raw.Synonyms
			}
		default:
			topics = append(topics, f)
		}
	}
	b.Version = hex.EncodeToString(sum.Sum(nil))[:12]
	dirName := l.dir
	if dirName == "" {
		dirName = "the knowledge base"
	}
	if !haveSources {
		l.problem(path.Join(l.dir, sourcesFile), 0, "", "missing: every fact cites a source listed there")
	}
	if len(topics) == 0 {
		l.problem(dirName, 0, "", "no topic files (*.yaml with facts) found")
	}

	computed := l.topics(b, topics)
	l.computed(b, computed)
	l.crossChecks(b, topics)

	if len(l.problems) > 0 {
		sortProblems(l.problems)
		return nil, &ValidationError{Problems: l.problems}
	}
	for _, list := range b.series {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Value > list[j].Value })
	}
	return b, nil
}

func (l *loader) sources(b *Base, f *yamlFile) {
	var raw rawSources
	ok, bad := l.check(f, &raw)
	if !ok {
		return
	}
	for i, s := range raw.Sources {
		at := []string{"sources", strconv.Itoa(i)}
		if bad[entry(at)] {
			continue
		}
		if !validDate(string(s.Date)) {
			l.problem(f.name, f.line(append(at, "date")...), field(append(at, "date")), "%q is not a real date", s.Date)
		}
		if _, dup := b.Sources[s.ID]; dup {
			l.problem(f.name, f.line(append(at, "id")...), field(append(at, "id")), "source id %q is used twice", s.ID)
			continue
		}
		b.Sources[s.ID] = &Source{ID: s.ID, Publisher: s.Publisher, Title: s.Title, Date: string(s.Date), URL: s.URL, Note: s.Note}
	}
}

// pendingComputed is a computed figure waiting for the figures its formula names.
type pendingComputed struct {
	raw  rawComputed
	fact *Fact
	file *yamlFile
	at   []string
}

func (l *loader) topics(b *Base, files []*yamlFile) []*pendingComputed {
	var pending []*pendingComputed
	topicFile := map[string]string{}
	for _, f := range files {
		var raw rawTopic
		ok, bad := l.check(f, &raw)
		if !ok {
			continue
		}
		if prev, dup := topicFile[raw.Topic]; dup {
			l.problem(f.name, f.line("topic"), "topic", "topic %q is already defined in %s", raw.Topic, prev)
		}
		topicFile[raw.Topic] = f.name
		b.Topics = append(b.Topics, &Topic{ID: raw.Topic, Title: raw.Title, Summary: raw.Summary, Card: raw.Card, File: f.name})
		for i, rf := range raw.Facts {
			at := []string{"facts", strconv.Itoa(i)}
			if bad[entry(at)] {
				if rf.ID != "" {
					l.register(b, f, at, &Fact{ID: rf.ID, File: f.name, Line: f.line(at...)})
				}
				for _, g := range rf.Figures {
					l.broken[g.Name] = true
				}
				continue
			}
			fact := l.fact(b, f, at, raw.Topic, rf)
			if fact != nil {
				b.Facts = append(b.Facts, fact)
			}
		}
		for i, rc := range raw.Computed {
			at := []string{"computed", strconv.Itoa(i)}
			if bad[entry(at)] {
				l.broken[rc.Name] = true
				continue
			}
			fact := &Fact{
				ID: rc.ID, Kind: KindComputed, Title: rc.Title, Text: strings.TrimSpace(rc.Text), Topic: raw.Topic,
				Tags: rc.Tags, Elements: rc.Elements, Places: rc.Places, Orgs: rc.Orgs, People: rc.People,
				File: f.name, Line: f.line(at...),
			}
			if !l.register(b, f, at, fact) {
				continue
			}
			g := &Figure{Name: rc.Name, Label: rc.Title, Unit: rc.Unit, Measure: rc.Measure, Fact: fact, decimals: rc.Decimals}
			fact.Figures = []*Figure{g}
			fact.Formula = &Formula{Expr: rc.Formula, Decimals: rc.Decimals}
			if l.registerFigure(b, f, append(at, "name"), g) {
				pending = append(pending, &pendingComputed{raw: rc, fact: fact, file: f, at: at})
			}
		}
	}
	return pending
}

func (l *loader) register(b *Base, f *yamlFile, at []string, fact *Fact) bool {
	if prev, dup := b.facts[fact.ID]; dup {
		l.problem(f.name, f.line(append(at, "id")...), field(append(at, "id")), "id %q is already used at %s:%d", fact.ID, prev.File, prev.Line)
		return false
	}
	b.facts[fact.ID] = fact
	return true
}

func (l *loader) registerFigure(b *Base, f *yamlFile, at []string, g *Figure) bool {
	if prev, dup := b.figures[g.Name]; dup {
		l.problem(f.name, f.line(at...), field(at), "figure name %q is already used by %s (%s:%d)", g.Name, prev.Fact.ID, prev.Fact.File, prev.Fact.Line)
		return false
	}
	b.figures[g.Name] = g
	if g.Measure != "" {
		b.measure[g.Measure] = append(b.measure[g.Measure], g)
	}
	if g.Series != "" {
		b.series[g.Series] = append(b.series[g.Series], g)
	}
	return true
}

func (l *loader) fact(b *Base, f *yamlFile, at []string, topic string, rf rawFact) *Fact {
	fact := &Fact{
		ID: rf.ID, Kind: rf.Kind, Title: strings.TrimSpace(rf.Title), Text: strings.TrimSpace(rf.Text), Topic: topic,
		Tags: rf.Tags, Elements: rf.Elements, Places: rf.Places, Orgs: rf.Orgs, People: rf.People,
		File: f.name, Line: f.line(at...),
	}
	if !l.register(b, f, at, fact) {
		return nil
	}
	if s, ok := b.Sources[rf.Source]; ok {
		fact.Source = s
	} else {
		l.problem(f.name, f.line(append(at, "source")...), field(append(at, "source")), "source %q is not in %s", rf.Source, sourcesFile)
	}
	if rf.Quote != nil {
		fact.Quote = &Quote{By: rf.Quote.By, Role: rf.Quote.Role, Said: string(rf.Quote.Said), Context: rf.Quote.Context}
		if !validDate(fact.Quote.Said) {
			p := append(at, "quote", "said")
			l.problem(f.name, f.line(p...), field(p), "%q is not a real date", fact.Quote.Said)
		}
	}
	if rf.Element != nil {
		fact.Element = &Element{Symbol: rf.Element.Symbol, Number: rf.Element.Number, Class: rf.Element.Class, Uses: rf.Element.Uses}
	}
	for j, rg := range rf.Figures {
		p := append(append([]string{}, at...), "figures", strconv.Itoa(j))
		g := &Figure{
			Name: rg.Name, Label: rg.Label, Value: rg.Value, Unit: rg.Unit, Qualifier: rg.Qualifier,
			AsOf: string(rg.AsOf), Measure: rg.Measure, Series: rg.Series, Note: rg.Note, Source: fact.Source, Fact: fact, decimals: -1,
		}
		if g.Label == "" {
			g.Label = fact.Title
		}
		switch {
		case rg.Year != 0 && g.AsOf != "":
			l.problem(f.name, f.line(append(p, "year")...), field(append(p, "year")), "give year or as_of, not both")
		case rg.Year != 0:
			g.AsOf = strconv.Itoa(rg.Year)
		case g.AsOf == "":
			l.problem(f.name, f.line(p...), field(p), "needs year or as_of: a figure without a date cannot be trusted")
		case !validDate(g.AsOf):
			l.problem(f.name, f.line(append(p, "as_of")...), field(append(p, "as_of")), "%q is not a real date", g.AsOf)
		}
		if rg.Source != "" {
			if s, ok := b.Sources[rg.Source]; ok {
				g.Source = s
			} else {
				l.problem(f.name, f.line(append(p, "source")...), field(append(p, "source")), "source %q is not in %s", rg.Source, sourcesFile)
			}
		}
		if l.registerFigure(b, f, append(p, "name"), g) {
			fact.Figures = append(fact.Figures, g)
		}
	}
	fact.Digest = digest(topic, rf)
	return fact
}

func digest(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		data, _ := json.Marshal(p)
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// computed checks each formula's names and dimension, orders the formulas so that each runs
// after the computed figures it uses, reports cycles, and evaluates them.
func (l *loader) computed(b *Base, pending []*pendingComputed) {
	type node struct {
		p     *pendingComputed
		names []string
		ok    bool
	}
	byName := map[string]*node{}
	var nodes []*node
	for _, p := range pending {
		names, _, err := formulaNames(p.raw.Formula)
		n := &node{p: p, names: names, ok: err == nil}
		if err != nil {
			l.formulaProblem(p, "cannot be read: %v", err)
		}
		byName[p.raw.Name] = n
		nodes = append(nodes, n)
	}

	// Depth-first ordering; a grey node met again closes a cycle.
	const (
		white = iota
		grey
		black
	)
	color := map[*node]int{}
	var order []*node
	var stack []string
	var visit func(n *node)
	visit = func(n *node) {
		color[n] = grey
		stack = append(stack, n.p.raw.Name)
		for _, name := range n.names {
			m, ok := byName[name]
			if !ok {
				continue
			}
			switch color[m] {
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != name {
					i--
				}
				cycle := append(append([]string{}, stack[i:]...), name)
				l.formulaProblem(n.p, "formulas form a cycle: %s", strings.Join(cycle, " → "))
				n.ok = false
				m.ok = false
			case white:
				visit(m)
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		order = append(order, n)
	}
	for _, n := range nodes {
		if color[n] == white {
			visit(n)
		}
	}

	failed := map[string]bool{}
	for _, n := range order {
		p := n.p
		for _, name := range n.names {
			if failed[name] {
				n.ok = false
			}
		}
		if n.ok {
			n.ok = l.evaluate(b, p, n.names)
		}
		if !n.ok {
			failed[p.raw.Name] = true
		}
	}
	for _, p := range pending {
		b.Facts = append(b.Facts, p.fact)
	}
}

func (l *loader) formulaProblem(p *pendingComputed, format string, args ...any) {
	at := append(append([]string{}, p.at...), "formula")
	l.problem(p.file.name, p.file.line(at...), field(at), format, args...)
}

// evaluate computes one formula whose inputs are all known.
func (l *loader) evaluate(b *Base, p *pendingComputed, names []string) bool {
	operands := map[string]operand{}
	env := map[string]any{}
	for _, name := range names {
		if g, ok := b.figures[name]; ok {
			u, _ := LookupUnit(g.Unit)
			operands[name] = operand{dim: u.Dim}
			env[name] = g.Value * u.Scale
			continue
		}
		if list, ok := b.series[strings.ReplaceAll(name, "_", "-")]; ok {
			u, _ := LookupUnit(list[0].Unit)
			operands[name] = operand{dim: u.Dim, series: true}
			vals := make([]float64, len(list))
			for i, g := range list {
				gu, _ := LookupUnit(g.Unit)
				if gu.Dim != u.Dim {
					l.formulaProblem(p, "series %q mixes %s and %s", name, list[0].Unit, g.Unit)
					return false
				}
				vals[i] = g.Value * gu.Scale
			}
			env[name] = vals
			continue
		}
		if _, ok := builtins[name]; ok {
			continue
		}
		if !l.broken[name] {
			l.formulaProblem(p, "names %q, which is neither a figure nor a series", name)
		}
		return false
	}
	_, tree, err := formulaNames(p.raw.Formula)
	if err != nil {
		return false
	}
	if err := checkRestricted(tree); err != nil {
		l.formulaProblem(p, "%v", err)
		return false
	}
	dim, err := dimension(tree, operands)
	if err != nil {
		l.formulaProblem(p, "%v", err)
		return false
	}
	u, _ := LookupUnit(p.raw.Unit)
	if dim != u.Dim {
		l.formulaProblem(p, "gives %s, but unit %q is %s", dim, p.raw.Unit, u.Dim)
		return false
	}
	v, err := evaluate(p.raw.Formula, env)
	if err != nil {
		l.formulaProblem(p, "%v", err)
		return false
	}
	g := p.fact.Figures[0]
	g.Value = v / u.Scale
	f := p.fact.Formula
	asOf := ""
	for _, name := range names {
		if in, ok := b.figures[name]; ok {
			f.Inputs = append(f.Inputs, in)
			if in.AsOf > asOf {
				asOf = in.AsOf
			}
		} else if _, ok := operands[name]; ok {
			f.Series = append(f.Series, strings.ReplaceAll(name, "_", "-"))
		}
	}
	g.AsOf = asOf
	f.eq = equation(p.raw.Formula, func(name string) string {
		if in, ok := b.figures[name]; ok {
			return in.Quantity()
		}
		if list, ok := b.series[strings.ReplaceAll(name, "_", "-")]; ok {
			return fmt.Sprintf("[%d figures of %s]", len(list), strings.ReplaceAll(name, "_", "-"))
		}
		return name
	}) + " = " + g.Quantity()
	p.fact.Digest = digest(p.fact.Topic, p.raw, g.Value)
	return true
}

// crossChecks finds references between files that the schema cannot see.
func (l *loader) crossChecks(b *Base, files []*yamlFile) {
	symbols := map[string]*Fact{}
	for _, f := range b.Facts {
		if f.Element == nil {
			continue
		}
		if prev, dup := symbols[f.Element.Symbol]; dup {
			l.problem(f.File, f.Line, "element.symbol", "element %s is already described by %s", f.Element.Symbol, prev.ID)
		}
		symbols[f.Element.Symbol] = f
	}
	for _, f := range b.Facts {
		for _, s := range f.Elements {
			if _, ok := symbols[s]; !ok && len(symbols) > 0 {
				l.problem(f.File, f.Line, "elements", "%q is not the symbol of an element fact", s)
			}
		}
	}
	byFile := map[string]*yamlFile{}
	for _, f := range files {
		byFile[f.name] = f
	}
	for _, t := range b.Topics {
		for i, name := range t.Card {
			if _, ok := b.figures[name]; !ok && !l.broken[name] {
				at := []string{"card", strconv.Itoa(i)}
				l.problem(t.File, byFile[t.File].line(at...), field(at), "figure %q does not exist", name)
			}
		}
	}
}
