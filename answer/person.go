package answer

import (
	"strings"

	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

// personAsks are the words that ask for a person; roles, the words that say which one: "who
// is the CEO", "what's the chairman's name", "who's running MP Materials".
var (
	personAsks = map[string]bool{"who": true, "whom": true, "name": true, "names": true, "named": true}
	roles      = map[string]bool{"ceo": true, "cfo": true, "chairman": true, "chairwoman": true, "chairperson": true,
		"president": true, "minister": true, "director": true, "founder": true, "founders": true, "boss": true,
		"executive": true, "spokesperson": true, "spokesman": true, "manager": true, "running": true, "runs": true,
		"manages": true, "founded": true, "chief": true, "geologist": true, "engineer": true, "scientist": true, "officer": true}
)

// personNouns say "a person" plainly, where a role would name one: "the initiative guy".
var personNouns = map[string]bool{"guy": true, "guys": true, "person": true, "people": true, "man": true,
	"woman": true, "fellow": true, "chap": true, "bloke": true, "lady": true, "folks": true, "head": true}

// asksWho reports whether a question asks for a person: "who", "whom".
func asksWho(q string) bool {
	for _, w := range plainWords(q) {
		if f, _ := cutPossessive(w.fold); f == "who" || f == "whom" {
			return true
		}
	}
	return false
}

// onlyPersons reports whether every unknown word of a question says "a person" plainly.
func onlyPersons(unknown []string) bool {
	for _, u := range unknown {
		if !personNouns[index.Fold(u)] {
			return false
		}
	}
	return true
}

// asksPerson reports whether a question asks who someone is: a person's name or role.
func (r *Reading) asksPerson() bool {
	asks, role := false, false
	for _, w := range r.words {
		f := w.fold
		if base, ok := cutPossessive(f); ok {
			f = base
		}
		asks = asks || personAsks[f]
		role = role || roles[f]
	}
	return asks && role
}

// cutPossessive is a folded word without its "'s".
func cutPossessive(f string) (string, bool) {
	for _, s := range []string{"'s", "’s"} {
		if len(f) > len(s) && f[len(f)-len(s):] == s {
			return f[:len(f)-len(s)], true
		}
	}
	return f, false
}

// personPassage is the first of the best passages that names a person and what the question
// names, or nil: a passage without a person does not answer who someone is, whatever figure
// of the subject it states.
func personPassage(res *index.Result, r *Reading, q string) *index.Hit {
	for i := range res.Hits[:min(len(res.Hits), steerAt)] {
		h := &res.Hits[i]
		if len(h.Fact.People) > 0 && aboutNamed(h.Fact, r) && enough(res, h, q) && r.saysRole(h.Fact) {
			return h
		}
	}
	return nil
}

// saysRole reports whether a passage names the role a question asks for, when it names one
// ("the chief geologist": a passage that quotes the president is no answer).
func (r *Reading) saysRole(f *knowledge.Fact) bool {
	text := strings.ToLower(f.Title + " " + f.Text + " " + strings.Join(f.People, " "))
	asked := false
	for _, w := range r.words {
		if roles[w.fold] && !verbRoles[w.fold] {
			asked = true
			if strings.Contains(text, w.fold) {
				return true
			}
		}
	}
	return !asked
}

// verbRoles are the words of roles that are verbs: "who runs it" names no title.
var verbRoles = map[string]bool{"running": true, "runs": true, "manages": true, "founded": true}
