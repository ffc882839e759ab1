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

var englishWords = wordList(englishText)

// IsEnglishWord reports whether a lowercase ASCII word is an ordinary English word.
func IsEnglishWord(w string) bool { return englishWords(w) }

// wordList returns a lookup in a list of words, one a line, read the first time it is used.
func wordList(text string) func(w string) bool {
	words := sync.OnceValue(func() []string {
		words := strings.Split(strings.TrimSpace(text), "\n")
		if !sort.StringsAreSorted(words) {
			sort.Strings(words)
		}
		return words
	})
	return func(w string) bool {
		words := words()
		i := sort.SearchStrings(words, w)
		return i < len(words) && words[i] == w
	}
}

// Fold maps text to the form it is searched under: ASCII, lowercase ("İstanbul" gives
// "istanbul", "Çin" gives "cin").
func Fold(s string) string { return foldString(s) }

// Turkish suffixes, folded to ASCII, longest first within each group. A Turkish word is its
// stem plus a chain of these (rezerv+ler+i, Eskişehir+de+ki); stripping them one at a time
// from the end and checking each stem against the vocabulary finds the stem without a
// dictionary of Turkish.
var turkishSuffixes = []string{
	// participles, tenses: üreten, üretecek, çıkarılan, üretti, üretmiş; the future with
	// a person: işleyeceğiz, çıkaracağız
	"yecegiz", "yacagiz", "ecegiz", "acagiz", "yecek", "yacak", "ecek", "acak", "iyor", "uyor",
	"ilen", "ulan", "ilan", "mis", "mus", "di", "ti", "du", "tu",
	// ability and hearsay: işleyebilecek, açılabilir, üretebiliyor, işlenecekmiş, üretiyormuş
	"yebilecek", "yabilecek", "ebilecek", "abilecek", "yebilir", "yabilir", "ebilir", "abilir",
	"yebil", "yabil", "ebil", "abil", "yecekmis", "yacakmis", "ecekmis", "acakmis", "iyormus", "uyormus",
	// the passive and the infinitive of a verb: üret+il+me+si (üretilmesi), hedef+len+mek+te
	// (hedeflenmekte), plan+lan+mak+ta (planlanmakta); -le/-la makes a verb of a noun, -n
	// after it the passive
	"mekte", "makta", "mesi", "masi", "mek", "mak", "me", "ma", "len", "lan", "il", "ul",
	// the past of "to be" after a vowel: yıldaydı
	"ydi", "ydu",
	// relative participles: ürettiği, çıkardığı
	"tigi", "digi", "tugu", "dugu",
	// plural + possessive / case chains
	"lerinin", "larinin", "lerinde", "larinda", "lerini", "larini", "lerin", "larin", "leri", "lari",
	"ler", "lar",
	// possessives of persons: müdürümüz, tesisimiz, planınız
	"imiz", "umuz", "miz", "muz", "iniz", "unuz",
	// a predicate's ending: kaçtır, nedir, kadardır
	"dir", "tir", "dur", "tur",
	// relative -ki after a locative: Eskişehir'deki
	"deki", "daki", "teki", "taki",
	// adjectives of measure and kind: 694 milyon tonluk, ne kadarlık
	"lik", "luk",
	// "when" and "if" of a verb: geçince, dönüşünce, alındığında, varsa
	"yince", "yinca", "yunca", "yunce", "ince", "inca", "unca", "unce", "diginda", "diginde",
	"tiginda", "tiginde", "dugunda", "tugunda", "dugunde", "tugunde", "ysa", "yse", "sa", "se",
	// case endings after a possessive take an n: saha+sı+na, kapasite+si+ndeki, Kurumu'na
	"ndeki", "ndaki", "nden", "ndan", "nde", "nda", "na", "ne",
	// "ile" as a suffix: elementlerle, karayoluyla
	"yle", "yla", "le", "la",
	// case endings
	"nin", "nun", "den", "dan", "ten", "tan", "de", "da", "te", "ta", "ye", "ya", "yi", "yu",
	"in", "un", "en", "an", "si", "su",
	"i", "u", "e", "a",
}

// TurkishStems lists the stems a folded word may have under Turkish suffixes, longest first:
// "rezervleri" gives "rezerv" among others; "oksidi" gives "oksid" and "oksit" (a final t, p
// or k softens before a vowel). Every way of taking off up to three suffixes is tried, since
// "üreten" is üret+en, not üre+ten.
func TurkishStems(w string) []string {
	var out []string
	seen := map[string]bool{w: true}
	add := func(s string) {
		// a Turkish stem has a vowel: "true" is no "TR" (Türkiye) with suffixes, which an
		// abbreviation takes after an apostrophe (TR'nin)
		if len(s) >= 2 && !seen[s] && strings.ContainsAny(s, "aeiou") {
			seen[s] = true
			out = append(out, s)
		}
	}
	level := []string{w}
	if spoken, ok := spokenPresent(w); ok {
		// "ediyo", "yarıyo": the present tense as spoken drops its r
		add(spoken)
		level = append(level, spoken)
	}
	for depth := 0; depth < 3 && len(level) > 0; depth++ {
		var next []string
		for _, cur := range level {
			for _, suf := range turkishSuffixes {
				if len(cur)-len(suf) < 2 || !strings.HasSuffix(cur, suf) {
					continue
				}
				stem := cur[:len(cur)-len(suf)]
				if seen[stem] {
					continue
				}
				add(stem)
				next = append(next, stem)
				switch stem[len(stem)-1] {
				case 'd':
					add(stem[:len(stem)-1] + "t")
				case 'b':
					add(stem[:len(stem)-1] + "p")
				case 'g':
					add(stem[:len(stem)-1] + "k")
				case 'n':
					// the passive of a verb ending in a vowel is -n: işle+n+mesi, ara+n+an; the
					// same n joins a possessive to a case ending (kapasite+si+n+deki), so the
					// stem without it takes suffixes off too
					if len(stem) >= 4 && strings.ContainsRune("aeiou", rune(stem[len(stem)-2])) {
						if s := stem[:len(stem)-1]; !seen[s] {
							add(s)
							next = append(next, s)
						}
					}
				}
			}
		}
		level = next
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// spokenPresent writes a present tense typed as it is spoken ("ediyo", "yariyo", "oluyo") in
// full ("ediyor"): after the vowel of -iyor/-uyor the final r is often left out.
func spokenPresent(w string) (string, bool) {
	if len(w) < 5 || !strings.HasSuffix(w, "yo") || !strings.ContainsRune("iu", rune(w[len(w)-3])) {
		return "", false
	}
	return w + "r", true
}
