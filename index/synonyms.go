package index

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/reedesk/reedesk/knowledge"
)

// Concepts: the synonym groups of synonyms.yaml, and names of places, organisations, people and
// elements. Bleve's own synonyms drop multi-word entries ("rare earth elements") silently, so
// analysis does the work instead: wherever a passage or a question contains any way of writing
// a concept, the concepts filter adds one concept token, spanning those words. A question then
// asks for one term per concept, and BM25 weighs the concept, not each spelling of it.

const (
	conceptsFilter = "ree_concepts"
	conceptPrefix  = "\x01" // no user text can produce a term that starts with it
)

func isConcept(term string) bool { return strings.HasPrefix(term, conceptPrefix) }

// conceptEntry is one way to write a concept, as analyzed terms, and the concept's token.
type conceptEntry struct {
	terms []string
	token string
}

type conceptTokens struct {
	byFirst map[string][]conceptEntry
}

func init() {
	if err := registry.RegisterTokenFilter(conceptsFilter, newConceptTokens); err != nil {
		panic(err)
	}
}

// newConceptTokens reads the filter's config, as stored in the index mapping: "entries", a list
// of [analyzed terms joined by spaces, concept token].
func newConceptTokens(config map[string]interface{}, _ *registry.Cache) (analysis.TokenFilter, error) {
	f := conceptTokens{byFirst: map[string][]conceptEntry{}}
	entries, _ := config["entries"].([]interface{})
	for _, e := range entries {
		pair, ok := e.([]interface{})
		if !ok || len(pair) != 2 {
			return nil, fmt.Errorf("%s: bad entry %v", conceptsFilter, e)
		}
		text, _ := pair[0].(string)
		token, _ := pair[1].(string)
		terms := strings.Fields(text)
		if len(terms) == 0 || token == "" {
			return nil, fmt.Errorf("%s: bad entry %v", conceptsFilter, e)
		}
		f.byFirst[terms[0]] = append(f.byFirst[terms[0]], conceptEntry{terms: terms, token: token})
	}
	return f, nil
}

// Filter adds, after the first word of each way of writing a concept, that concept's token,
// spanning all its words, so highlights cover the phrase.
func (f conceptTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, t := range in {
		out = append(out, t)
		best := map[string]int{} // concept token → longest match here
		for _, e := range f.byFirst[string(t.Term)] {
			if i+len(e.terms) > len(in) || len(e.terms) <= best[e.token] {
				continue
			}
			ok := true
			for k, term := range e.terms {
				if string(in[i+k].Term) != term {
					ok = false
					break
				}
			}
			if ok {
				best[e.token] = len(e.terms)
			}
		}
		tokens := make([]string, 0, len(best))
		for tok := range best {
			tokens = append(tokens, tok)
		}
		sort.Strings(tokens)
		for _, tok := range tokens {
			last := in[i+best[tok]-1]
			out = append(out, &analysis.Token{Term: []byte(tok), Start: t.Start, End: last.End, Position: t.Position, Type: t.Type})
		}
	}
	return out
}

// concepts is what a generation knows of its concepts.
type concepts struct {
	entries []interface{}       // the filter config
	entity  map[string]bool     // concept token or plain term → it names something
	byTerm  map[string]string   // a single-word way of writing a concept → its token
	names   map[string][]string // concept token → its ways of writing
	// question holds the terms of Turkish glossary words whose English is only question
	// words ("ne kadar" for "how much"): a question's words that say nothing of its subject.
	question map[string]bool
	// turkish maps the terms of a Turkish glossary word or phrase, joined by spaces, to what
	// its English word is searched as.
	turkish        map[string][]string
	turkishLongest int
	// written holds every word of the ways of writing a name, folded: a word the stemmer
	// cuts to a name's term ("prce" to "prc") and that is none of these is no name.
	written map[string]bool
}

// newConcepts groups the synonyms and names of base. analyze is the analyzer without the
// concepts filter.
func newConcepts(base *knowledge.Base, analyze func(string) []string) *concepts {
	c := &concepts{entity: map[string]bool{}, byTerm: map[string]string{}, names: map[string][]string{}, question: map[string]bool{}, turkish: map[string][]string{}, written: map[string]bool{}}
	isName := map[string]bool{}
	names := entityNames(base)
	for _, n := range names {
		isName[strings.Join(analyze(n), " ")] = true
	}
	covered := map[string]bool{}
	add := func(texts []string) {
		seen := map[string]bool{}
		var keys []string
		entity := false
		for _, text := range texts {
			key := strings.Join(analyze(text), " ")
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			keys = append(keys, key)
			entity = entity || isName[key]
			covered[key] = true
		}
		if len(keys) == 0 {
			return
		}
		if entity {
			for _, text := range texts {
				for _, w := range strings.FieldsFunc(foldString(text), notLetterOrDigit) {
					c.written[w] = true
				}
			}
		}
		if len(keys) == 1 && !strings.Contains(keys[0], " ") {
			// One word, one way to write it: the word is its own concept.
			c.entity[keys[0]] = c.entity[keys[0]] || entity
			return
		}
		token := conceptPrefix + strconv.Itoa(len(c.names))
		c.names[token] = texts
		c.entity[token] = entity
		for _, k := range keys {
			c.entries = append(c.entries, []interface{}{k, token})
			if !strings.Contains(k, " ") {
				c.byTerm[k] = token
			}
		}
	}
	for _, group := range base.Synonyms {
		add(group)
	}
	for _, n := range names {
		if !covered[strings.Join(analyze(n), " ")] {
			add([]string{n})
		}
	}
	c.addTurkish(base, analyze)
	return c
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// entityNames lists the names of every place, organisation, person and element in base.
func entityNames(base *knowledge.Base) []string {
	seen := map[string]bool{}
	var out []string
	add := func(names ...string) {
		for _, n := range names {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	for _, f := range base.Facts {
		add(f.Places...)
		add(f.Orgs...)
		add(f.People...)
		if f.Element != nil {
			add(f.Element.Symbol, knowledge.ElementName(f))
		}
		if f.Quote != nil {
			add(f.Quote.By)
		}
	}
	return out
}

// addTurkish reads the Turkish glossary. A Turkish word or phrase stands, at query time, for
// what its English word is searched as: a concept token or terms. The passages are indexed as
// before, so English questions find what they found. Turkish words for question words
// ("hangi" for "which") become question words.
func (c *concepts) addTurkish(base *knowledge.Base, analyze func(string) []string) {
	tokenOf := map[string]string{}
	for _, e := range c.entries {
		pair := e.([]interface{})
		tokenOf[pair[0].(string)] = pair[1].(string)
	}
	for _, entry := range base.Turkish {
		en := analyze(entry[0])
		content := false
		for _, term := range en {
			content = content || !questionWords[term]
		}
		key := strings.Join(en, " ")
		target := en
		if tok, ok := tokenOf[key]; ok {
			target = []string{tok}
		}
		for _, tr := range entry[1:] {
			terms := analyze(tr)
			trKey := strings.Join(terms, " ")
			switch {
			case trKey == "" || trKey == key:
			case !content:
				for _, term := range terms {
					c.question[term] = true
				}
			default:
				c.turkish[trKey] = target
				c.turkishLongest = max(c.turkishLongest, len(terms))
			}
		}
	}
}
