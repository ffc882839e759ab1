package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// SpecEnv names the environment variable that points at Discord's openapi.json. The spec is
// test data outside the repository (its licence and size keep it out), so tests find it here.
const SpecEnv = "DISCORD_OPENAPI_SPEC"

// Discord limits the OpenAPI schema does not encode. The schema checks the per-field limits
// (content 2000, title 256, 10 embeds, 25 choices …); these are the ones it misses.
const (
	maxEmbedsTotal = 6000 // runes across every embed of one message, after trimming
	maxChoiceValue = 100  // runes in a string choice value; the spec allows 6000, the docs 100
)

// commandName is Discord's rule for chat-input command and option names. \p{L} admits upper
// case, so lower case is checked separately.
var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// ErrUnknownRoute is returned for a method and path that carry no payload the package knows
// how to check. The fake ignores it; a direct caller may want to know its path was wrong.
var ErrUnknownRoute = errors.New("discordtest: no payload checks for this route")

// Problem is one violation inside a request body.
type Problem struct {
	Pointer string // JSON pointer into the body; "" is the whole body
	Message string
}

// ValidationError lists every problem found in one request body.
type ValidationError struct {
	Method   string
	Path     string
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: invalid payload:", e.Method, e.Path)
	for _, p := range e.Problems {
		ptr := p.Pointer
		if ptr == "" {
			ptr = "(body)"
		}
		fmt.Fprintf(&b, "\n\tat %s: %s", ptr, p.Message)
	}
	return b.String()
}

// Validator checks request bodies against Discord's OpenAPI description plus the limits the
// description misses (see CheckLimits). It is safe for concurrent use.
type Validator struct {
	schemas map[string]*jsonschema.Schema // by schema name, compiled once
}

const (
	specURL  = "file:///discord.json"
	localURL = "file:///discordtest.json" // schemas the spec only has inline in its paths
)

// Request-body schemas, by the interaction callback type that selects them. Picking the branch
// by "type" instead of validating against the anyOf keeps error messages to the one schema the
// sender meant.
var callbackSchemas = map[int64]string{
	1:  "PongInteractionCallbackRequest",
	4:  "CreateMessageInteractionCallbackRequest",
	5:  "CreateMessageInteractionCallbackRequest",
	6:  "UpdateMessageInteractionCallbackRequest",
	7:  "UpdateMessageInteractionCallbackRequest",
	8:  "ApplicationCommandAutocompleteCallbackRequest",
	9:  "ModalInteractionCallbackRequest",
	12: "LaunchActivityInteractionCallbackRequest",
	13: "SocialLayerSKUPurchaseEligibilityInteractionCallbackRequest",
}

const (
	schemaWebhookExecute = "IncomingWebhookRequestPartial"
	schemaWebhookEdit    = "IncomingWebhookUpdateRequestPartial"
	schemaCommandCreate  = "ApplicationCommandCreateRequest"
	schemaCommandsPut    = "bulk_set_application_commands" // local, see NewValidator
)

// NewValidator loads the spec at specPath and compiles the request schemas the bot uses.
func NewValidator(specPath string) (*Validator, error) {
	f, err := os.Open(specPath)
	if err != nil {
		return nil, fmt.Errorf("discordtest: load spec: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("discordtest: parse spec %s: %w", specPath, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, fmt.Errorf("discordtest: add spec: %w", err)
	}
	// The bulk overwrite body is an inline array in the spec's paths; naming it here avoids
	// a JSON pointer through "/applications/{application_id}/commands".
	local := map[string]any{
		schemaCommandsPut: map[string]any{
			"type":     []any{"array", "null"},
			"items":    map[string]any{"$ref": specURL + "#/components/schemas/ApplicationCommandUpdateRequest"},
			"maxItems": json.Number("130"),
		},
	}
	if err := c.AddResource(localURL, local); err != nil {
		return nil, fmt.Errorf("discordtest: add local schemas: %w", err)
	}
	v := &Validator{schemas: make(map[string]*jsonschema.Schema)}
	names := []string{schemaWebhookExecute, schemaWebhookEdit, schemaCommandCreate}
	for _, n := range callbackSchemas {
		names = append(names, n)
	}
	for _, n := range names {
		if v.schemas[n] != nil {
			continue
		}
		if v.schemas[n], err = c.Compile(specURL + "#/components/schemas/" + n); err != nil {
			return nil, fmt.Errorf("discordtest: compile %s: %w", n, err)
		}
	}
	if v.schemas[schemaCommandsPut], err = c.Compile(localURL + "#/" + schemaCommandsPut); err != nil {
		return nil, fmt.Errorf("discordtest: compile %s: %w", schemaCommandsPut, err)
	}
	return v, nil
}

// validators memoizes loaded specs by path. Parsing the 1.2 MB spec takes tens of
// milliseconds; a Validator is immutable once built, so sharing it cannot couple tests.
var validators sync.Map // string → func() (*Validator, error)

// ValidatorFromEnv returns a Validator for the spec named by $DISCORD_OPENAPI_SPEC, loaded once
// per test binary. When the variable is unset it logs why and returns nil; a test that needs
// the spec should then call t.Skip. A set but unusable path is a fatal error.
func ValidatorFromEnv(t testing.TB) *Validator {
	t.Helper()
	path := os.Getenv(SpecEnv)
	if path == "" {
		t.Logf("discordtest: %s is not set, so payloads are not checked against Discord's OpenAPI spec "+
			"(only the extra limits are); set it to .../shared/discord-api-spec/openapi.json", SpecEnv)
		return nil
	}
	load, _ := validators.LoadOrStore(path, sync.OnceValues(func() (*Validator, error) {
		return NewValidator(path)
	}))
	v, err := load.(func() (*Validator, error))()
	if err != nil {
		t.Fatalf("%s=%s: %v", SpecEnv, path, err)
	}
	return v
}

// Validate checks a request body the bot sent against its request schema, then runs
// CheckLimits. The path may carry the /api/v9 prefix and a query. It returns a
// *ValidationError, or ErrUnknownRoute for a route without a known body.
func (v *Validator) Validate(method, path string, body []byte) error {
	r, doc, err := decode(method, path, body)
	if err != nil {
		return err
	}
	if r == routeCommandsPut || r == routeCommandCreate {
		permissionsAsNumbers(doc)
	}
	var probs []Problem
	if name, p := r.schema(doc); p != nil {
		probs = append(probs, *p)
	} else if err := v.schemas[name].Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return fmt.Errorf("discordtest: %s %s: %w", method, path, err)
		}
		probs = append(probs, schemaProblems(ve)...)
	}
	probs = append(probs, r.limits(doc)...)
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Method: method, Path: path, Problems: probs}
}

// CheckLimits checks what Discord's OpenAPI schema misses, so it needs no spec:
//   - the 6,000-character total of all embeds of a message (runes, trimmed);
//   - chat-input command and option names, and their localizations: lower case and
//     ^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$ (Discord's rule);
//   - string choice values (autocomplete results and command choices): at most 100 runes;
//   - the project rule that no message may ping: every message payload carries
//     allowed_mentions with an empty parse list and no users or roles.
//
// It returns a *ValidationError, or ErrUnknownRoute for a route without a known body.
func CheckLimits(method, path string, body []byte) error {
	r, doc, err := decode(method, path, body)
	if err != nil {
		return err
	}
	if probs := r.limits(doc); len(probs) > 0 {
		return &ValidationError{Method: method, Path: path, Problems: probs}
	}
	return nil
}

// route is the kind of payload a request carries.
type route int

const (
	routeCallback route = iota + 1
	routeWebhookExecute
	routeWebhookEdit
	routeCommandsPut
	routeCommandCreate
)

func routeOf(method, path string) route {
	path, _, _ = strings.Cut(path, "?")
	path = strings.TrimPrefix(path, "/api/v9")
	path = strings.TrimPrefix(path, "/api/v10")
	seg := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case method == "POST" && len(seg) == 4 && seg[0] == "interactions" && seg[3] == "callback":
		return routeCallback
	case method == "POST" && len(seg) == 3 && seg[0] == "webhooks":
		return routeWebhookExecute
	case method == "PATCH" && len(seg) == 5 && seg[0] == "webhooks" && seg[3] == "messages":
		return routeWebhookEdit
	case len(seg) == 3 && seg[0] == "applications" && seg[2] == "commands",
		len(seg) == 5 && seg[0] == "applications" && seg[2] == "guilds" && seg[4] == "commands":
		switch method {
		case "PUT":
			return routeCommandsPut
		case "POST":
			return routeCommandCreate
		}
	}
	return 0
}

// decode finds the route and parses the body with json.Number, as jsonschema expects.
func decode(method, path string, body []byte) (route, any, error) {
	r := routeOf(method, path)
	if r == 0 {
		return 0, nil, ErrUnknownRoute
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return 0, nil, &ValidationError{Method: method, Path: path,
			Problems: []Problem{{Message: "body is not JSON: " + err.Error()}}}
	}
	return r, doc, nil
}

// schema names the compiled schema for doc, or reports why none fits.
func (r route) schema(doc any) (string, *Problem) {
	switch r {
	case routeWebhookExecute:
		return schemaWebhookExecute, nil
	case routeWebhookEdit:
		return schemaWebhookEdit, nil
	case routeCommandsPut:
		return schemaCommandsPut, nil
	case routeCommandCreate:
		return schemaCommandCreate, nil
	}
	obj, _ := doc.(map[string]any)
	typ, ok := integer(obj["type"])
	if !ok {
		return "", &Problem{Pointer: "/type", Message: "missing or not an integer interaction callback type"}
	}
	name, ok := callbackSchemas[typ]
	if !ok {
		return "", &Problem{Pointer: "/type", Message: fmt.Sprintf("unknown interaction callback type %d", typ)}
	}
	return name, nil
}

// limits runs the checks the schema misses on an already decoded body.
func (r route) limits(doc any) []Problem {
	var c checker
	switch r {
	case routeCallback:
		obj, _ := doc.(map[string]any)
		typ, _ := integer(obj["type"])
		data, _ := obj["data"].(map[string]any)
		switch {
		case data == nil:
		case typ == 4 || typ == 7: // the message itself; 5 and 6 only defer
			c.message("/data", data)
		case typ == 8:
			c.choices("/data/choices", data["choices"])
		}
	case routeWebhookExecute, routeWebhookEdit:
		if obj, ok := doc.(map[string]any); ok {
			c.message("", obj)
		}
	case routeCommandsPut:
		cmds, _ := doc.([]any)
		for i, cmd := range cmds {
			if obj, ok := cmd.(map[string]any); ok {
				c.command("/"+strconv.Itoa(i), obj)
			}
		}
	case routeCommandCreate:
		if obj, ok := doc.(map[string]any); ok {
			c.command("", obj)
		}
	}
	return c.probs
}

type checker struct{ probs []Problem }

func (c *checker) add(ptr, format string, args ...any) {
	c.probs = append(c.probs, Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// message checks a message payload at ptr.
func (c *checker) message(ptr string, m map[string]any) {
	am, ok := m["allowed_mentions"].(map[string]any)
	switch {
	case !ok:
		c.add(ptr+"/allowed_mentions", `missing or null: every message must carry {"parse":[]} so it cannot ping anyone`)
	default:
		for _, k := range []string{"parse", "users", "roles"} {
			if l, _ := am[k].([]any); len(l) > 0 {
				c.add(ptr+"/allowed_mentions/"+k, "must be empty so the message cannot ping anyone, got %v", l)
			}
		}
		if am["replied_user"] == true {
			c.add(ptr+"/allowed_mentions/replied_user", "must not be true")
		}
	}
	embeds, _ := m["embeds"].([]any)
	total := 0
	for _, e := range embeds {
		e, _ := e.(map[string]any)
		total += runes(e["title"]) + runes(e["description"]) +
			runes(field(e["footer"], "text")) + runes(field(e["author"], "name"))
		fields, _ := e["fields"].([]any)
		for _, f := range fields {
			total += runes(field(f, "name")) + runes(field(f, "value"))
		}
	}
	if total > maxEmbedsTotal {
		c.add(ptr+"/embeds", "embeds total %d characters, more than Discord's %d", total, maxEmbedsTotal)
	}
}

// command checks a command's name and options at ptr. Only chat-input commands (type 1, the
// default) have the name rule; user and message commands may use spaces and capitals.
func (c *checker) command(ptr string, cmd map[string]any) {
	if t, ok := integer(cmd["type"]); !ok || t == 1 {
		c.name(ptr, cmd)
	}
	c.options(ptr+"/options", cmd["options"])
}

func (c *checker) options(ptr string, v any) {
	opts, _ := v.([]any)
	for i, o := range opts {
		o, _ := o.(map[string]any)
		p := ptr + "/" + strconv.Itoa(i)
		c.name(p, o)
		c.choices(p+"/choices", o["choices"])
		c.options(p+"/options", o["options"])
	}
}

// name checks the name and its localizations of a command or option at ptr.
func (c *checker) name(ptr string, obj map[string]any) {
	check := func(p string, v any) {
		s, _ := v.(string)
		switch {
		case !commandName.MatchString(s):
			c.add(p, "name %q does not match %s", s, commandName)
		case strings.ToLower(s) != s:
			c.add(p, "name %q must be lower case", s)
		}
	}
	check(ptr+"/name", obj["name"])
	locs, _ := obj["name_localizations"].(map[string]any)
	for lang, s := range locs {
		check(ptr+"/name_localizations/"+lang, s)
	}
}

func (c *checker) choices(ptr string, v any) {
	list, _ := v.([]any)
	for i, ch := range list {
		if s, ok := field(ch, "value").(string); ok && utf8.RuneCountInString(s) > maxChoiceValue {
			c.add(ptr+"/"+strconv.Itoa(i)+"/value", "choice value has %d characters, more than %d",
				utf8.RuneCountInString(s), maxChoiceValue)
		}
	}
}

func field(obj any, key string) any {
	m, _ := obj.(map[string]any)
	return m[key]
}

// runes counts a string as Discord does: in characters, ignoring surrounding white space.
func runes(v any) int {
	s, _ := v.(string)
	return utf8.RuneCountInString(strings.TrimSpace(s))
}

func integer(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}

// permissionsAsNumbers rewrites default_member_permissions "32" as 32 before schema
// validation: the spec types it as an integer, but Discord's docs define it as a string and
// discordgo sends one, which Discord accepts.
func permissionsAsNumbers(doc any) {
	cmds, ok := doc.([]any)
	if !ok {
		cmds = []any{doc}
	}
	for _, c := range cmds {
		c, _ := c.(map[string]any)
		if p, ok := c["default_member_permissions"].(string); ok {
			if _, err := strconv.ParseUint(p, 10, 64); err == nil {
				c["default_member_permissions"] = json.Number(p)
			}
		}
	}
}

// schemaProblems flattens a jsonschema error into its leaves. Where an anyOf/oneOf failed it
// keeps only the branches whose discriminator matched (the "type" field, or not being null), so
// a too-long title is reported once instead of once per alternative schema.
func schemaProblems(ve *jsonschema.ValidationError) []Problem {
	var probs []Problem
	seen := make(map[Problem]bool)
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			p := Problem{Pointer: pointer(e.InstanceLocation), Message: leafMessage(e)}
			if !seen[p] {
				seen[p] = true
				probs = append(probs, p)
			}
			return
		}
		causes := e.Causes
		switch k := e.ErrorKind.(type) {
		case *kind.AnyOf:
			causes = matchingBranches(e)
		case *kind.OneOf:
			if k.Subschemas == nil {
				causes = matchingBranches(e)
			}
		}
		for _, c := range causes {
			walk(c)
		}
	}
	walk(ve)
	return probs
}

// matchingBranches picks the alternatives of a failed anyOf/oneOf that the sender meant. It
// drops those failing on the value's own type or its "type" discriminator, then prefers those
// whose only failures are limits, not types (autocomplete data is string, integer or number
// data, told apart only by the choices' values). If nothing is left, all stay.
func matchingBranches(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	self := pointer(e.InstanceLocation)
	var meant, typed []*jsonschema.ValidationError
	for _, b := range e.Causes {
		if mismatched(b, self) {
			continue
		}
		meant = append(meant, b)
		if !hasTypeError(b) {
			typed = append(typed, b)
		}
	}
	switch {
	case len(typed) > 0:
		return typed
	case len(meant) > 0:
		return meant
	}
	return e.Causes
}

func hasTypeError(e *jsonschema.ValidationError) bool {
	if _, ok := e.ErrorKind.(*kind.Type); ok {
		return true
	}
	for _, c := range e.Causes {
		if hasTypeError(c) {
			return true
		}
	}
	return false
}

func mismatched(e *jsonschema.ValidationError, self string) bool {
	loc := pointer(e.InstanceLocation)
	switch e.ErrorKind.(type) {
	case *kind.Type:
		if loc == self {
			return true
		}
	case *kind.Enum, *kind.Const:
		if loc == self+"/type" {
			return true
		}
	}
	for _, c := range e.Causes {
		if mismatched(c, self) {
			return true
		}
	}
	return false
}

// leafMessage renders one error kind without its location; jsonschema only exposes the
// localized text through Error, which prefixes "at '<pointer>': ".
func leafMessage(e *jsonschema.ValidationError) string {
	msg := (&jsonschema.ValidationError{ErrorKind: e.ErrorKind}).Error()
	return strings.TrimPrefix(msg, "at '': ")
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString("/" + strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}
