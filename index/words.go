package index

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// Ordinary English words are never "corrected" into words of the knowledge base: "thought" is
// not a typo of "though". The list is SCOWL size 35 (see english-LICENSE.txt).
//
//go:embed english.txt
var englishText string

var englishWords = sync.OnceValue(func() []string {
	words := strings.Split(strings.TrimSpace(englishText), "\n")
	if !sort.StringsAreSorted(words) {
		sort.Strings(words)
	}
	return words
})

// IsEnglishWord reports whether a lowercase ASCII word is an ordinary English word.
func IsEnglishWord(w string) bool {
	words := englishWords()
	i := sort.SearchStrings(words, w)
	return i < len(words) && words[i] == w
}

// Fold maps text to the form it is searched under: ASCII, lowercase ("İstanbul" gives
// "istanbul", "Çin" gives "cin").
func Fold(s string) string { return foldString(s) }

// Turkish suffixes, folded to ASCII, longest first within each group. A Turkish word is its
// stem plus a chain of these (rezerv+ler+i, Eskişehir+de+ki); stripping them one at a time
// from the end and checking each stem against the vocabulary finds the stem without a
// dictionary of Turkish.
var turkishSuffixes = []string{
	// participles and future: üreten, üretecek, çıkarılan
	"ecek", "acak", "iyor", "uyor", "ilen", "ulan", "ilan",
	// plural + possessive / case chains
	"lerinin", "larinin", "lerinde", "larinda", "lerini", "larini", "lerin", "larin", "leri", "lari",
	"ler", "lar",
	// relative -ki after a locative: Eskişehir'deki
	"deki", "daki", "teki", "taki",
	// case endings
	"nin", "nun", "den", "dan", "ten", "tan", "de", "da", "te", "ta", "ye", "ya", "yi", "yu",
	"in", "un", "en", "an", "si", "su",
	"i", "u", "e", "a",
}

// TurkishStems lists the stems a folded word may have under Turkish suffixes, longest first:
// "rezervleri" gives "rezervler", "rezerv"; "oksidi" gives "oksid" and "oksit" (a final t, p,
// ç or k softens before a vowel).
func TurkishStems(w string) []string {
	var out []string
	seen := map[string]bool{w: true}
	add := func(s string) {
		if len(s) >= 2 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	cur := w
	for len(cur) > 3 {
		stripped := false
		for _, suf := range turkishSuffixes {
			if len(cur)-len(suf) >= 2 && strings.HasSuffix(cur, suf) {
				cur = cur[:len(cur)-len(suf)]
				add(cur)
				switch cur[len(cur)-1] {
				case 'd':
					add(cur[:len(cur)-1] + "t")
				case 'b':
					add(cur[:len(cur)-1] + "p")
				case 'g':
					add(cur[:len(cur)-1] + "k")
				}
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	return out
}
