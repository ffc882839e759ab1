package index

import (
	"strings"
	"unicode"
)

// The cues below read the question as typed, word by word, since some of their words ("than",
// "each", "as") are stop words to the analyzer. They are word lookups, not regular
// expressions: every question is read this way, and a large alternation costs more than the
// search it steers.

// typed is a word of a question as typed: letters, digits and underscores, lowercased, with
// its byte span in the question.
type typed struct {
	fold       string
	start, end int
}

// typedWords splits a question into its typed words.
func typedWords(q string) []typed {
	var ws []typed
	start := -1
	for i, r := range q {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			ws = append(ws, typed{strings.ToLower(q[start:i]), start, i})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, typed{strings.ToLower(q[start:]), start, len(q)})
	}
	return ws
}

// computedStems start the words that ask for a derived figure: a ratio, share, rank,
// average, change or comparison ("compared", "ranking", "declined").
var computedStems = []string{
	"ratio", "share", "percent", "times", "multipl", "compar", "grade", "imply", "implied",
	"implies", "rank", "average", "proportion", "fraction", "bigger", "larger", "smaller",
	"than", "grow", "increase", "rise", "rose", "fell", "fall", "drop", "change", "declin",
	"convert", "each",
}

// perUnits are the units of "per t", "per kg": a rate that facts do not state. "per year"
// alone asks for a rate that they do.
var perUnits = wordSet("t", "ton", "tons", "tonne", "tonnes", "kg", "location", "site", "unit", "head")

// computedAsked reports whether a question asks for a derived figure.
func computedAsked(ws []typed) bool {
	for i, w := range ws {
		switch {
		case hasStem(w.fold, computedStems),
			(w.fold == "work" || w.fold == "works" || w.fold == "worked") && next(ws, i, 1) == "out",
			w.fold == "would" && next(ws, i, 1) == "it" && next(ws, i, 2) == "take",
			w.fold == "per" && perUnits[next(ws, i, 1)]:
			return true
		}
	}
	return false
}

// defineStems start the words that ask for a definition.
var defineStems = []string{"define", "definition", "meaning"}

// framing are the verbs of "counts as", "qualifies as", "classified as": with "as" they frame
// a definition, whose subject is what follows.
var framing = wordSet("count", "counts", "counted", "qualify", "qualifies", "classify", "classified", "classifies")

// defineAsked reports whether a question asks what something is or what counts as it, or is
// only "what is" and a few words: a definition, which background passages give.
func defineAsked(q string, ws []typed) bool {
	for i, w := range ws {
		switch {
		case hasStem(w.fold, defineStems),
			framing[w.fold] && next(ws, i, 1) == "as":
			return true
		case w.fold == "what" && next(ws, i, 1) == "does":
			// "what does NdPr mean"
			for _, v := range ws[min(i+3, len(ws)):] {
				if strings.HasPrefix(v.fold, "mean") {
					return true
				}
			}
		case w.fold == "what" && (next(ws, i, 1) == "is" || next(ws, i, 1) == "are"):
			// "what is a mixed oxide …"
			if a := next(ws, i, 2); (a == "a" || a == "an") && i+3 < len(ws) && unicode.IsSpace(rune(q[ws[i+2].end])) {
				return true
			}
		}
	}
	return bareWhat(q)
}

// bareWhat reports whether a question is "what is" (or "what's") and one to three words:
// "What is NdPr?", "what are the lanthanides".
func bareWhat(q string) bool {
	f := strings.Fields(strings.ToLower(q))
	switch {
	case len(f) >= 2 && f[0] == "what" && (f[1] == "is" || f[1] == "are"):
		f = f[2:]
	case len(f) >= 1 && (f[0] == "what's" || f[0] == "what’s"):
		f = f[1:]
	default:
		return false
	}
	if n := len(f); n > 0 && f[n-1] == "?" {
		f = f[:n-1]
	} else if n > 0 {
		f[n-1] = strings.TrimSuffix(f[n-1], "?")
	}
	if len(f) > 1 && f[0] == "the" {
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	for _, w := range f {
		if w == "" || strings.Contains(w, "?") {
			return false
		}
	}
	return true
}

// frames are the spans of the words that only frame a definition ("counts as"): the frame
// word would draw passages that use it in passing.
func frames(ws []typed) []Span {
	var spans []Span
	for i, w := range ws {
		if framing[w.fold] && next(ws, i, 1) == "as" {
			spans = append(spans, Span{w.start, ws[i+1].end})
		}
	}
	return spans
}

// next is the typed word k places after the i-th, or "".
func next(ws []typed, i, k int) string {
	if i+k < len(ws) {
		return ws[i+k].fold
	}
	return ""
}

func hasStem(w string, stems []string) bool {
	for _, s := range stems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
