package questions

import "testing"

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"How much REO is at Beylikova?", "how much reo is at beylikova"},
		{"  How   much\tREO,is at  Beylikova ?! ", "how much reo is at beylikova"},
		{"Türkiye'nin ağır nadir toprak rezervi NEDİR?", "turkiye nin agir nadir toprak rezervi nedir"},
		{"ISPARTA ılık", "isparta ilik"},
		{"Çin üretimi ŞİMDİ", "cin uretimi simdi"},
		{"12.5 Mt ÷ 694 Mt", "12 5 mt 694 mt"},
		{"naïve café", "naive cafe"},
		{"", ""},
		{"?!…", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestGroupKey: wordings of one question share a key; different questions do not.
func TestGroupKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"case and punctuation", "What is the price of dysprosium?", "what is the PRICE of dysprosium", true},
		{"word order and common words", "What is the price of dysprosium?", "dysprosium price — what is it", true},
		{"plurals", "How many rare earth mines are in Turkey?", "how many rare earth mine in turkey", true},
		{"plurals in -ies", "Which companies make magnets", "company making magnet", false},
		{"diacritics", "Beylikova'nın rezervi", "BEYLİKOVA'NIN REZERVİ", true},
		{"Turkish common words", "Beylikova rezervi ne kadar?", "beylikova rezervi nedir", true},
		{"different elements", "price of dysprosium", "price of terbium", false},
		{"different countries", "Brazil vs Vietnam", "Brazil vs China", false},
		{"only common words", "what is it?", "What is it", true},
		{"only common words differ", "what is it?", "what is this", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := groupKey(tt.a), groupKey(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("got keys %q and %q, want same=%v", ka, kb, tt.same)
			}
		})
	}
}
