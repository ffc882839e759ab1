package index

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzer folds each token to ASCII and lowercases it itself. Folding per token, not in a
// char filter, keeps highlight offsets right, and lowercasing after folding avoids bleve's
// lowercase filter, which corrupts "İstanbul" (see the notes in ../shared).
const (
	analyzerName = "ree"
	foldFilter   = "ree_fold"
)

func init() {
	if err := registry.RegisterTokenFilter(foldFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{}, nil
	}); err != nil {
		panic(err)
	}
}

type foldTokens struct{}

var folder = asciifolding.New()

func (foldTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = fold(t.Term)
	}
	return in
}

// fold maps a token to the form it is indexed and searched under: ASCII, lowercase, and
// numbers without thousands separators, so "1,200" and "1200" are one term.
func fold(term []byte) []byte {
	if !isASCII(term) {
		term = folder.Filter(term)
	}
	term = bytes.ToLower(term)
	if bytes.IndexByte(term, ',') > 0 && isNumber(term) {
		term = numberCommas(term)
	}
	return term
}

// NumberText is a number as written, its commas read as numberCommas reads them: "12,5" is
// 12.5, "1,200" is 1200. The analyzer and the answer read numbers alike.
func NumberText(s string) string { return string(numberCommas([]byte(s))) }

// numberCommas reads the commas of a number: a comma followed by exactly three digits, every
// time, separates thousands ("1,200"); a single other comma is a decimal point, as Turkish
// writes it ("12,5"), and then dots separate thousands ("1.234,5").
func numberCommas(term []byte) []byte {
	thousands := true
	for i, c := range term {
		if c != ',' {
			continue
		}
		j := i + 1
		for j < len(term) && term[j] >= '0' && term[j] <= '9' {
			j++
		}
		if j-i-1 != 3 {
			thousands = false
		}
	}
	if thousands || bytes.Count(term, []byte(",")) != 1 {
		return bytes.ReplaceAll(term, []byte(","), nil)
	}
	term = bytes.ReplaceAll(term, []byte("."), nil)
	return bytes.ReplaceAll(term, []byte(","), []byte("."))
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isNumber(b []byte) bool {
	for _, c := range b {
		if (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}

// Analyzers: words folds, cuts apostrophes ("Türkiye'nin", "China's"), drops English stop
// words and stems; analyzerName does the same and adds concept tokens (see synonyms.go).
const wordsAnalyzer = "ree_words"

func analyzerConfig(filters ...string) map[string]interface{} {
	return map[string]interface{}{
		"type":          "custom",
		"tokenizer":     unicodetok.Name,
		"token_filters": append([]string{foldFilter, apostrophe.Name, en.StopName, en.SnowballStemmerName}, filters...),
	}
}

// analyzeWith returns a function giving the terms of a text under a.
func analyzeWith(a analysis.Analyzer) func(string) []string {
	return func(s string) []string {
		toks := a.Analyze([]byte(s))
		out := make([]string, len(toks))
		for i, t := range toks {
			out[i] = string(t.Term)
		}
		return out
	}
}

// questionWords are words of a question that say nothing about its subject. The English stop
// list already drops "what", "how", "which" and the like.
var questionWords = map[string]bool{
	"much": true, "mani": true, "tell": true, "show": true, "give": true, "know": true,
	"pleas": true, "about": true, "doe": true, "ani": true, "get": true, "say": true,
	"said": true, "exact": true, "accord": true, "figur": true,
	// today is the asker's: "Türkiye Today" is a publisher, not the question's subject
	"today": true, "current": true, "nowaday": true,
	// modal verbs the stop list lacks: "Why might China's output be higher?"
	"might": true, "must": true, "shall": true,
	// contractions typed without their apostrophe: "why cant türkiye do it alone"
	"cant": true, "dont": true, "doesnt": true, "wont": true, "isnt": true, "arent": true, "didnt": true,
}

// cleanQuery makes any user text safe to analyze: no control characters, no more than
// maxQueryRunes runes, invalid UTF-8 replaced.
func cleanQuery(s string) string {
	s = strings.ToValidUTF8(s, " ")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n >= maxQueryRunes {
			break
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
