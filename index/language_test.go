package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTurkishQuestionsReachTheSameFacts covers the glossary and Turkish suffixes.
func TestTurkishQuestionsReachTheSameFacts(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct{ q, want string }{
		{"Çin'in nadir toprak rezervleri ne kadar?", "usgs-reserves-china"},
		{"Brezilya'nın nadir toprak rezervleri", "usgs-reserves-brazil"},
		{"Beylikova'daki toplam cevher miktarı nedir?", "beylikova-total-resource"},
		{"Pilot tesis hangi elementleri üretecek?", "pilot-plant-initial-elements pilot-plant-products"},
		{"ABD'nin nadir toprak üretimi ne kadar?", "usgs-mine-us"},
		{"terbiyum oksit fiyatı", "price-tb-oxide"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := topID(t, idx, tt.q); got == "" || !strings.Contains(" "+tt.want+" ", " "+got+" ") {
				t.Errorf("top passage = %s, want one of %s", got, tt.want)
			}
		})
	}
}

func TestTurkishStems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		word string
		want []string
		not  []string
	}{
		{"rezervleri", []string{"rezerv"}, nil},
		{"eskisehirdeki", []string{"eskisehir"}, nil},
		{"oksidi", []string{"oksid", "oksit"}, nil},
		{"uretecek", []string{"uret"}, nil},
		{"isleyecegiz", []string{"isle"}, nil},
		{"mudurumuzun", []string{"mudur"}, nil},
		{"kactir", []string{"kac"}, nil},
		{"kadardir", []string{"kadar"}, nil},
		{"yildaydi", []string{"yil"}, nil},
		// passive and infinitive: üret+il+me+si, hedef+len+mek+te+dir, işle+n+me+si
		{"uretilmesi", []string{"uret"}, nil},
		{"edilmesi", []string{"edil"}, nil},
		{"hedeflenmektedir", []string{"hedef"}, nil},
		{"planlanmaktadir", []string{"plan"}, nil},
		{"islenmesi", []string{"isle"}, nil},
		// -lık/-luk adjectives, the "when" and "if" of a verb
		{"tonluk", []string{"ton"}, nil},
		{"kadarlik", []string{"kadar"}, nil},
		{"gecince", []string{"gec"}, nil},
		{"donusunce", []string{"donus"}, nil},
		{"alindiginda", []string{"alin"}, nil},
		{"varsa", []string{"var"}, nil},
		{"cin", nil, nil},
		// the present tense as spoken, without its r: edi+yo(r), yarı+yo(r), olu+yo(r)
		{"ediyo", []string{"ediyor"}, nil},
		{"yariyo", []string{"yariyor"}, nil},
		{"oluyo", []string{"oluyor"}, nil},
		// a stem has a vowel: "true" is not TR+u+e
		{"true", nil, []string{"tr"}},
		{"ediyor", []string{"ed"}, []string{"ediyorr"}},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := TurkishStems(tt.word)
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("TurkishStems(%q) = %v, want it to include %q", tt.word, got, w)
				}
			}
			for _, w := range tt.not {
				for _, g := range got {
					if g == w {
						t.Errorf("TurkishStems(%q) = %v, want it without %q", tt.word, got, w)
					}
				}
			}
			if tt.want == nil && tt.not == nil && len(got) != 0 {
				t.Errorf("TurkishStems(%q) = %v, want none", tt.word, got)
			}
		})
	}
}

// TestSpellingCorrectsOnlyUnknownWords: ordinary English words are never rewritten into words
// of the knowledge base; typos of its own words are.
func TestSpellingCorrectsOnlyUnknownWords(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	tests := []struct {
		q    string
		want []Correction
	}{
		{"what I thought about rare earths", nil},
		{"generate a rare earth report", nil},
		{"reset the rare earth prices", nil},
		{"a recipe with rare earths", nil},
		{"neodymum", []Correction{{From: "neodymum", To: "neodymium"}}},
		{"beylikva total resources", []Correction{{From: "beylikva", To: "beylikova"}}},
		{"dysprosum price", []Correction{{From: "dysprosum", To: "dysprosium"}}},
		// a name of a synonym group, and a short typo of a word most passages have
		{"how much rare erth did myanmr mine", []Correction{{From: "erth", To: "earth"}, {From: "myanmr", To: "myanmar"}}},
		{"Chna rare earth output", []Correction{{From: "Chna", To: "china"}}},
		{"grde at Beylikova", []Correction{{From: "grde", To: "grade"}}},
		// two letters swapped
		{"Inida reserves", []Correction{{From: "Inida", To: "india"}}},
		{"Mt Wled reserve", []Correction{{From: "Wled", To: "weld"}}},
		// a spelling only the synonyms have
		{"Kuanersuit resource", []Correction{{From: "Kuanersuit", To: "kuannersuit"}}},
		// a letter left out of a word whose stem is shorter ("oxde" is oxide), two typos in
		// one question
		{"whats the europum oxde price", []Correction{{From: "europum", To: "europium"}, {From: "oxde", To: "oxide"}}},
		{"terbum oxid price", []Correction{{From: "terbum", To: "terbium"}}},
		// short words of chat or of another language, and a name the knowledge base lacks
		{"yeah hola rare earths", nil},
		// ordinary Turkish is not a typo of English ("bugün" is not "begun")
		{"Günaydın, bugün nasılsın?", nil},
		{"selam, naber, nadir toprak fiyatı ne?", nil},
		{"Tesis sanayi ölçeğine geçince ne kadarlık gelir bekleniyor, şu an ulaşmış durumda mı?", nil},
		{"694 milyon tonluk kaynakta oksit varsa ortalama tenör yüzde kaç ediyor?", nil},
		// but in an English question, a typo that ends like a Turkish word is a typo
		{"terbiun oxide price 2024", []Correction{{From: "terbiun", To: "terbium"}}},
		{"rare earths in Paris", nil},
		{"the ores and ides of March", nil},
		// an oxide's formula is its name, for the elements the knowledge base has
		{"Dy2O3 price", []Correction{{From: "Dy2O3", To: "dysprosium oxide"}}},
		{"NdO spot, usd/kg", []Correction{{From: "NdO", To: "neodymium oxide"}}},
		{"Tb4O7 and CeO2", []Correction{{From: "Tb4O7", To: "terbium oxide"}, {From: "CeO2", To: "cerium oxide"}}},
		{"Nd2O3 price", nil}, // a synonym of neodymium oxide
		{"UO2 and NO2 prices", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := idx.Search(context.Background(), tt.q, 5)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.Corrections); diff != "" {
				t.Errorf("corrections (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCorrectedWordsJoinTheirPhrase: a typo inside a phrase of a synonym group is searched
// as the phrase's concept, not as loose words.
func TestCorrectedWordsJoinTheirPhrase(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	res, err := idx.Search(context.Background(), "rare erth reserves of Brazl", 5)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, term := range res.Terms {
		got = append(got, fmt.Sprintf("%s %v", term.Words, term.Corrected))
	}
	want := []string{"rare earth true", "reserves false", "brazil true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	if len(res.Hits) == 0 || res.Hits[0].Fact.ID != "usgs-reserves-brazil" {
		t.Errorf("hits = %v, want usgs-reserves-brazil first", res.Hits)
	}
}

func TestEnglishWords(t *testing.T) {
	t.Parallel()
	for w, want := range map[string]bool{"thought": true, "generate": true, "reset": true, "recipe": true, "neodymum": false, "beylikva": false} {
		if got := IsEnglishWord(w); got != want {
			t.Errorf("IsEnglishWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestMissesAreCheap: the miss path looks at words of a near length and the same first letter,
// and still suggests close words.
func TestSuggestionsForUnknownWords(t *testing.T) {
	t.Parallel()
	idx := testIndex(t)
	res, err := idx.Search(context.Background(), "xylophone beylikovv", 5)
	if err != nil {
		t.Fatal(err)
	}
	_ = res
	g := idx.current()
	if got := g.suggest([]string{"beylikovx"}); len(got) == 0 || got[0] != "beylikova" {
		t.Errorf("suggest(beylikovx) = %v, want beylikova first", got)
	}
	if got := g.suggest([]string{"zzzz"}); len(got) != 0 {
		t.Errorf("suggest(zzzz) = %v, want none", got)
	}
}

// TestIsTurkishWord: ordinary Turkish words, with suffixes, are known, so that spelling never
// rewrites them into English words ("bugün" is not "begun"); typos of the knowledge base's
// words are not Turkish words.
func TestIsTurkishWord(t *testing.T) {
	t.Parallel()
	tests := []struct {
		word string
		want bool
	}{
		{"bugun", true}, {"gunaydin", true}, {"nasilsin", true}, {"havalar", true}, {"yarin", true},
		{"lantanum", false}, {"samarum", false}, {"neodymum", false}, {"oxde", false},
		{"europum", false}, {"chna", false}, {"beylikva", false}, {"producton", false},
	}
	for _, tt := range tests {
		if got := IsTurkishWord(tt.word); got != tt.want {
			t.Errorf("IsTurkishWord(%q): got %v, want %v", tt.word, got, tt.want)
		}
	}
}
