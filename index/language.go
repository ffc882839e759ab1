package index

import (
	_ "embed"
	"strings"
)

// Ordinary Turkish words are never "corrected" into words of the knowledge base either:
// "bugün" (today) is not a typo of "begun". The list is the stems of LibreOffice's Turkish
// hunspell dictionary, folded to ASCII (see turkish-LICENSE.txt); suffixes are taken off as
// for the glossary, so "nasılsın" is nasıl+sın.
//
//go:embed turkish.txt
var turkishText string

var isTurkishStem = wordList(turkishText)

// personalEndings are the endings of a Turkish predicate ("nasılsın", "nedir", "kimdir"),
// folded to ASCII: they come after the suffixes TurkishStems takes off. The short ones (-ım,
// -ız) are left out: with them a typo such as "lantanum" (lantan+um) would read as Turkish.
var personalEndings = []string{"siniz", "sunuz", "sin", "sun", "dir", "dur", "tir", "tur"}

// minTurkishStem is the shortest stem a word with suffixes is read as: shorter stems ("an",
// "ara") would make nearly any typo a Turkish word.
const minTurkishStem = 4

// IsTurkishWord reports whether a folded word is an ordinary Turkish word, alone or with
// suffixes.
func IsTurkishWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	if isTurkishStem(w) {
		return true
	}
	for _, s := range TurkishStems(w) {
		if len(s) >= minTurkishStem && isTurkishStem(s) {
			return true
		}
	}
	for _, e := range personalEndings {
		if stem, ok := strings.CutSuffix(w, e); ok && len(stem) >= minTurkishStem && IsTurkishWord(stem) {
			return true
		}
	}
	return false
}
