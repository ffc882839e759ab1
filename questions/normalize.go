package questions

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Normalize folds a question for comparison: lower case, diacritics removed (Turkish dotless ı
// too), punctuation as spaces, one space between words.
func Normalize(s string) string {
	folded := s
	if !isASCII(s) {
		// Decompose so that accents become separate marks, then drop the marks.
		if f, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil {
			folded = f
		}
	}
	var b strings.Builder
	b.Grow(len(folded))
	space := false
	for _, r := range folded {
		switch {
		case r == 'ı' || r == 'I':
			r = 'i'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// groupKey is what two wordings of the same question share: the words that carry meaning,
// singular, each once, in order. "How much rare earth is at Beylikova?" and "Beylikova: how
// much rare earths" both give "beylikova earth rare". It is cheap on purpose: synonyms and
// paraphrases stay apart, which a curator sees as separate lines.
func groupKey(s string) string {
	n := Normalize(s)
	var words []string
	for _, w := range strings.Fields(n) {
		if stopWords[w] {
			continue
		}
		words = append(words, singular(w))
	}
	if len(words) == 0 {
		// A question of only common words is its own group.
		return n
	}
	slices.Sort(words)
	return strings.Join(slices.Compact(words), " ")
}

// singular strips an English plural s, leaving words that end in ss, us or is alone
// (process, gas is short, basis).
func singular(w string) string {
	if len(w) <= 3 || !strings.HasSuffix(w, "s") {
		return w
	}
	for _, keep := range []string{"ss", "us", "is"} {
		if strings.HasSuffix(w, keep) {
			return w
		}
	}
	if strings.HasSuffix(w, "ies") && len(w) > 4 {
		return w[:len(w)-3] + "y"
	}
	return w[:len(w)-1]
}

// stopWords carry no meaning of their own in a question, in English and (folded) Turkish.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		a an the of in on at to for from by with about as into per and or vs versus than
		is are was were be been being do does did has have had will would can could should
		what whats which who whom whose when where why how much many there their its it this
		that these those me my we our you your i tell give show please any some
		ne nedir neler nerede nasil kac kadar hangi kim mi mu ve ile icin bir bu su da de
		midir mudur var yok`) {
		stopWords[w] = true
	}
}
