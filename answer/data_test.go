package answer

import (
	"strings"
	"testing"
)

// TestDataClasses covers classes of question that the fact files, the synonyms and the Turkish
// glossary answer, each with questions written for the class: the passage shown first, and a
// part of the direct answer when it matters.
func TestDataClasses(t *testing.T) {
	idx := testIndex(t)
	type question struct{ q, passage, has string }
	classes := map[string][]question{
		"Turkish words for measures and events, with suffixes": {
			{q: "Çin Nisan 2025'te hangi elementlerin ihracatını lisansa bağladı?", passage: "export-controls-april-2025"},
			{q: "Nisan 2025 ihracat lisansı hangi nadir toprakları kapsıyor?", passage: "export-controls-april-2025"},
			{q: "Tesis sanayi ölçeğine geçince yılda kaç ton cevher işleyecek?", has: "570,000"},
			{q: "Endüstriyel ölçekte tesisin yıllık geliri ne kadar olacak?", has: "220"},
			{q: "Beylikova'nın beklenen hasılatı ne kadar?", has: "220"},
			{q: "ABD'nin ithalata bağımlılığı ne kadar?", has: "80 %"},
			{q: "Beylikova'da saflaştırma seviyesi yüzde kaç?", passage: "pilot-plant-purity"},
		},
		"adjective and verb forms of a measure": {
			{q: "How reliant is America on imports of rare earth metals?", has: "80 %"},
			{q: "how much does the US depend on imported rare earth compounds?", has: "80 %"},
			{q: "How dependent were the Americans on imports of compounds and metals?", passage: "us-net-import-reliance"},
			{q: "how pure is what Beylikova makes?", passage: "pilot-plant-purity"},
		},
		"America means the United States": {
			{q: "How much did America mine in 2024?", has: "45,000 t"},
			{q: "What are America's rare earth reserves?", has: "1.9 Mt"},
			{q: "Where does America get its rare earth compounds from?", passage: "us-import-sources"},
			{q: "Which North American country has the largest rare earth reserves?", has: "United States had the highest rare earth reserves in North America"},
		},
		"ore minerals of deposits": {
			{q: "What is the ore mineral of Mountain Pass?", passage: "mountain-pass-ore-mineral"},
			{q: "which rare earth mineral is dug at the Mountain Pass mine?", passage: "mountain-pass-ore-mineral"},
		},
	}
	for class, qs := range classes {
		for _, tt := range qs {
			t.Run(class+"/"+tt.q, func(t *testing.T) {
				a := ask(t, idx, tt.q, Options{Now: today})
				if tt.passage != "" {
					if got := passageID(a); got != tt.passage {
						t.Errorf("passage: got %q (%s), want %q", got, a.Direct, tt.passage)
					}
				}
				if tt.has != "" && !strings.Contains(a.Direct.String(), tt.has) {
					t.Errorf("direct answer: got %q, want it to contain %q", a.Direct, tt.has)
				}
			})
		}
	}
}
