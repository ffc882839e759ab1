package knowledge

import (
	"regexp"
	"strings"
	"unicode"
)

// seriesTitle is a title that names one edition of a series: capitalised words, then the
// edition's year ("Mineral Commodity Summaries 2025", "Global Critical Minerals Outlook 2024").
var seriesTitle = regexp.MustCompile(`^((?:[A-Z][\w’'.&-]*\s+)+)((?:19|20)\d\d)$`)

// acronymInParens is a publisher's own short name: "International Energy Agency (IEA)".
var acronymInParens = regexp.MustCompile(`\(([A-Z][A-Z0-9&]+)\)`)

// Edition names the edition a source is, as figures from it are labelled: "USGS MCS 2025" for
// the U.S. Geological Survey's "Mineral Commodity Summaries 2025: Rare Earths", "IEA GCMO 2024"
// for the International Energy Agency's "Global Critical Minerals Outlook 2024". A figure so
// labelled reads as what it is, the 2025 edition's figure for 2024, where "U.S. Geological
// Survey 2024" would read as the earlier edition. Sources carry their edition in the title
// (knowledge/data/README.md); a source that is not an edition of a series gives "".
func (s *Source) Edition() string {
	title := s.Title
	for _, sep := range []string{":", " - ", " – ", " ("} {
		if i := strings.Index(title, sep); i > 0 {
			title = title[:i]
		}
	}
	m := seriesTitle.FindStringSubmatch(strings.TrimSpace(title))
	if m == nil {
		return ""
	}
	series := initials(strings.Fields(m[1]))
	if len(series) < 2 {
		return ""
	}
	pub := publisherInitials(s.Publisher)
	if pub == "" {
		return series + " " + m[2]
	}
	return pub + " " + series + " " + m[2]
}

// publisherInitials is a publisher's acronym: the one it gives in parentheses, or the initials
// of its name before any comma ("U.S. Geological Survey, National Minerals Information Center"
// gives USGS). A one-word publisher is its own short name.
func publisherInitials(p string) string {
	if m := acronymInParens.FindStringSubmatch(p); m != nil {
		return m[1]
	}
	name, _, _ := strings.Cut(p, ",")
	words := strings.Fields(name)
	if len(words) == 1 {
		return words[0]
	}
	return initials(words)
}

// initials takes the capital letters that start words, and every capital of a dotted
// abbreviation ("U.S."); small words ("of", "and") are skipped.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if strings.Contains(w, ".") {
			for _, r := range w {
				if unicode.IsUpper(r) {
					b.WriteRune(r)
				}
			}
			continue
		}
		if r := []rune(w)[0]; unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
