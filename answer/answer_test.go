package answer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/reedesk/reedesk/index"
	"github.com/reedesk/reedesk/knowledge"
)

func ask(t *testing.T, s Searcher, q string, opt Options) *Answer {
	t.Helper()
	a, err := Ask(context.Background(), s, q, opt)
	if err != nil {
		t.Fatalf("Ask(%q) error = %v", q, err)
	}
	return a
}

func passageID(a *Answer) string {
	if a.Passage == nil {
		return ""
	}
	return a.Passage.Fact.ID
}

// TestKindsOfQuestion covers each kind of question in English: what is read, the direct
// answer as written, and the passage shown under it.
func TestKindsOfQuestion(t *testing.T) {
	idx := testIndex(t)
	tests := []struct {
		q       string
		kind    Kind
		direct  string
		passage string
	}{
		{"Which country mined the most rare earths in 2024?", KindSuperlative,
			"China had the highest rare earth mine production in 2024: 270,000 t, 69.2 % of the world total of 390,000 t (USGS MCS 2025).", "usgs-mine-china"},
		{"Who was the third biggest rare earth miner in 2024?", KindSuperlative,
			"Burma (Myanmar) had the third-highest rare earth mine production in 2024: 31,000 t (USGS MCS 2025).", "usgs-mine-burma"},
		{"Which country has the smallest reserves in the USGS 2025 table?", KindSuperlative,
			"Thailand had the lowest rare earth reserves in 2024: 4,500 t (USGS MCS 2025).", "usgs-reserves-thailand"},
		{"What was the most expensive rare earth oxide in 2022?", KindSuperlative,
			"Terbium oxide had the highest rare earth oxide prices in 2022: $2,051 per kg (USGS MCS 2025).", "price-tb-oxide"},
		{"Top 3 producers in 2024", KindSuperlative,
			"Top 3 in rare earth mine production in 2024: China 270,000 t, United States 45,000 t, Burma (Myanmar) 31,000 t (USGS MCS 2025).", "usgs-mine-china"},
		{"Which country's production fell the most from 2023 to 2024?", KindSuperlative,
			"Burma (Myanmar) had the largest fall in rare earth mine production from 2023 to 2024: 43,000 t to 31,000 t, −12,000 t (−27.9 %) (USGS MCS 2025).", "burma-mine-change-2024"},
		{"Which oxide price dropped the most between 2022 and 2024?", KindSuperlative,
			"Terbium oxide had the largest fall in rare earth oxide prices from 2022 to 2024: $2,051 per kg to $810 per kg, −$1,241 per kg (−60.5 %) (USGS MCS 2025).", "tb-oxide-price-change-2022-2024"},
		{"Where did Russia rank in rare earth mine production in 2024?", KindRank,
			"Russia ranked 8th of 12 in rare earth mine production in 2024: 2,500 t (USGS MCS 2025).", "usgs-mine-russia"},
		{"Is the US the second largest producer?", KindRank,
			"Yes: United States ranked 2nd of 12 in rare earth mine production in 2024: 45,000 t (USGS MCS 2025).", "usgs-mine-us"},
		{"Brazil vs Vietnam reserves (USGS 2025)", KindCompare,
			"Brazil 21 Mt against Vietnam 3.5 Mt in rare earth reserves in 2024; Brazil has 6.0× Vietnam's figure, 17.5 Mt more (USGS MCS 2025).", "usgs-reserves-brazil"},
		{"Does Burma mine more rare earths than Australia?", KindCompare,
			"Yes: Burma (Myanmar) 31,000 t against Australia 13,000 t in rare earth mine production in 2024; Burma (Myanmar) has 2.4× Australia's figure, 18,000 t more (USGS MCS 2025).", "usgs-mine-burma"},
		{"How many times more expensive is terbium oxide than dysprosium oxide?", KindCompare,
			"Terbium oxide $810 per kg against Dysprosium oxide $260 per kg in rare earth oxide prices in 2024; Terbium oxide has 3.1× Dysprosium oxide's figure, $550 per kg more (USGS MCS 2025).", "tb-dy-price-ratio-2024"},
		{"How did Burma's rare earth output change from 2023 to 2024?", KindChange,
			"Burma (Myanmar) — rare earth mine production went from 43,000 t in 2023 to 31,000 t in 2024: −12,000 t (−27.9 %) (USGS MCS 2025).", "burma-mine-change-2024"},
		{"How did the neodymium oxide price change since 2020?", KindChange,
			"Neodymium oxide — rare earth oxide prices went from $49 per kg in 2020 to $56 per kg in 2024: +$7 per kg (+14.3 %) (USGS MCS 2025).", "price-nd-oxide"},
		{"What share of world reserves did Brazil hold in USGS 2025?", KindShare,
			"Brazil had less than 23.3 % of world rare earth reserves in 2024: 21 Mt of more than 90 Mt (USGS MCS 2025).", "usgs-reserves-brazil"},
		{"What percentage of world mine production did Nigeria account for in 2024?", KindShare,
			"Nigeria had 3.3 % of world rare earth mine production in 2024: 13,000 t of 390,000 t (USGS MCS 2025).", "usgs-mine-nigeria"},
		{"How much did Madagascar mine in 2024?", KindValue,
			"Madagascar — rare earth mine production in 2024: 2,000 t (USGS MCS 2025).", "usgs-mine-madagascar"},
		{"What was total world rare earth mine production in 2023?", KindValue,
			"World — rare earth mine production in 2023: 376,000 t (USGS MCS 2025).", "usgs-mine-world"},
		{"How many locations were drilled at Beylikova?", KindLookup,
			"Beylikova — Drilling locations: 310 (2025-10, Anadolu Agency).", "beylikova-drilling"},
		{"How many feet were drilled per site at Beylikova on average?", KindLookup,
			"Average drilling per location at Beylikova: 403 m = 1,323 ft (125,000 m ÷ 310 = 403 m).", "beylikova-drilling-per-location"},
		{"How much rare earth did China mine in 2022 according to the 2024 Mineral Commodity Summaries?", KindLookup,
			"China, 2022 (MCS 2024 edition): 210,000 t (2022, Reuters).", "mcs2024-china"},
		{"What is samarium used for?", KindDefine, "", "element-samarium"},
		{"Why is China so dominant in rare earths?", KindWhy, "", ""},
		{"What will the terbium oxide price be in 2028?", KindMiss,
			"No forecast: the knowledge base has no rare earth oxide prices figure for 2028; the latest is $810 per kg, 2024 (USGS MCS 2025).", ""},
		{"How much did China mine in 2021?", KindMiss,
			"No figure for 2021: the earliest rare earth mine production figure is 255,000 t, 2023 (USGS MCS 2025).", ""},
		{"What was China's share of mining in 2030?", KindLookup,
			"China's share of mining, 2030 projection (IEA): 54 % (2030, International Energy Agency (IEA)).", "china-mining-share-iea"},
		{"Which mine ranks first in the world?", KindLookup, "", "beylikova-rank-second"},
		{"How much does Greenland mine?", KindMiss,
			"No figure: the rare earth mine production table (USGS MCS 2025) has no row for Greenland.", ""},
		{"What's the US share of global reserves?", KindShare,
			"United States had less than 2.1 % of world rare earth reserves in 2024: 1.9 Mt of more than 90 Mt (USGS MCS 2025).", "usgs-reserves-us"},
		{"Compare the Mount Weld and Steenkampskraal ore grades", KindLookup,
			"Mount Weld 6.44 % (Lynas Rare Earths, 2024-08) against Steenkampskraal 8.68 % (Steenkampskraal Holdings, 2025): Steenkampskraal's is 1.3× Mount Weld's, 2.2 percentage points more.", "mount-weld-reserve-2024"},
		{"Is Mount Weld's reserve bigger than Kvanefjeld's?", KindLookup,
			"No: Mount Weld 32 Mt (Lynas Rare Earths, 2024-08) against Kvanefjeld 108 Mt (Innovation News Network, 2025): Kvanefjeld's is 3.4× Mount Weld's, 76.0 Mt more.", "mount-weld-reserve-2024"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := ask(t, idx, tt.q, Options{})
			if got := a.Kind(); got != tt.kind {
				t.Errorf("kind = %s, want %s", got, tt.kind)
			}
			if got := a.Direct.String(); tt.direct != "" && got != tt.direct {
				t.Errorf("direct answer\ngot  %s\nwant %s", got, tt.direct)
			}
			if a.Direct.String() == "" {
				t.Error("no direct answer")
			}
			if got := passageID(a); tt.passage != "" && got != tt.passage {
				t.Errorf("passage = %s, want %s", got, tt.passage)
			}
		})
	}
}

// TestDirectAnswerMarksTheFigures: the bold parts are the answer's names and figures, not the
// question's words.
func TestDirectAnswerMarksTheFigures(t *testing.T) {
	a := ask(t, testIndex(t), "Which country mined the most rare earths in 2024?", Options{})
	var bold []string
	for _, s := range a.Direct {
		if s.Bold {
			bold = append(bold, s.Text)
		}
	}
	if diff := cmp.Diff([]string{"China", "270,000 t"}, bold); diff != "" {
		t.Errorf("bold parts (-want +got):\n%s", diff)
	}
	got := a.Direct.Markdown(func(s string) string { return strings.ReplaceAll(s, "*", `\*`) })
	if want := "**China** had the highest rare earth mine production in 2024: **270,000 t**, 69.2 % of the world total of 390,000 t (USGS MCS 2025)."; got != want {
		t.Errorf("Markdown() =\n%s\nwant\n%s", got, want)
	}
	if a.Working == nil || a.Working.Equation != "270,000 t ÷ 390,000 t = 69.2 %" || len(a.Working.Inputs) != 2 || len(a.Working.Sources) == 0 {
		t.Errorf("working = %+v, want the share with its two inputs and their source", a.Working)
	}
}

func TestSourcesDisagree(t *testing.T) {
	a := ask(t, testIndex(t), "How much of the world's rare earth refining does China control?", Options{})
	got := a.Direct.String()
	for _, want := range []string{"85 %", "92 %", "Anadolu Agency", "IEA"} {
		if !strings.Contains(got, want) {
			t.Errorf("direct answer %q does not say %q", got, want)
		}
	}
}

// TestTurkish covers Turkish questions (suffixes, glossary words) and answers written in
// Turkish notation.
func TestTurkish(t *testing.T) {
	idx := testIndex(t)
	tests := []struct {
		q, lang, direct string
	}{
		{"Çin'in nadir toprak üretimi ne kadar?", "tr", "Çin — nadir toprak maden üretimi, 2024: 270.000 t (USGS MCS 2025)."},
		{"Çin'in nadir toprak rezervleri ne kadar?", "tr", "Çin — nadir toprak rezervleri, 2024: 44 Mt (USGS MCS 2025)."},
		{"En çok nadir toprak üreten ülke hangisi?", "tr", "En yüksek nadir toprak maden üretimi (2024): Çin, 270.000 t, dünya toplamı 390.000 t içinde %69,2 (USGS MCS 2025)."},
		{"Çin, Birmanya'dan kaç kat fazla nadir toprak üretti?", "tr", "Nadir toprak maden üretimi (2024): Çin 270.000 t, Birmanya 31.000 t; Çin / Birmanya oranı 8,7 kat, fark 239.000 t (USGS MCS 2025)."},
		{"Birmanya'nın üretimi 2023'ten 2024'e nasıl değişti?", "tr", "Birmanya — nadir toprak maden üretimi: 2023 yılında 43.000 t, 2024 yılında 31.000 t; −12.000 t (%27,9 düşüş) (USGS MCS 2025)."},
		{"Rusya üretimde kaçıncı sırada?", "tr", "Rusya, 2024 nadir toprak maden üretimi sıralamasında 12 içinde 8.: 2.500 t (USGS MCS 2025)."},
		{"Terbiyum oksit fiyatı 2028'de ne olacak?", "tr", "Tahmin yok: bilgi tabanında 2028 için nadir toprak oksit fiyatları rakamı yok; en son rakam $810/kg, 2024 (USGS MCS 2025)."},
		{"Fransa'nın başkenti neresi?", "tr", "Eşleşme yok: bilgi tabanında bu sorunun cevabı yok."},
		{"Çin'in nadir toprak üretimi ne kadar?", "", "China — rare earth mine production in 2024: 270,000 t (USGS MCS 2025)."},
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.lang, func(t *testing.T) {
			a := ask(t, idx, tt.q, Options{Lang: tt.lang})
			if got := a.Direct.String(); got != tt.direct {
				t.Errorf("direct answer\ngot  %s\nwant %s", got, tt.direct)
			}
		})
	}
}

func TestLocalize(t *testing.T) {
	for in, want := range map[string]string{
		"270,000 t": "270.000 t", "12.5 Mt": "12,5 Mt", "69.2 %": "%69,2", "$810 per kg": "$810/kg",
		"6.0×": "6,0 kat", "more than 90 Mt": "en az 90 Mt", "$220 million": "$220 milyon", "−27.9 %": "−%27,9",
	} {
		if got := localize("tr", in); got != want {
			t.Errorf("localize(tr, %q) = %q, want %q", in, got, want)
		}
		if got := localize("en", in); got != in {
			t.Errorf("localize(en, %q) = %q, want it unchanged", in, got)
		}
	}
}

// TestFollowUps reads a question in the context of the one before it, and a question that
// only makes sense as a follow-up in its most sensible reading alone.
func TestFollowUps(t *testing.T) {
	idx := testIndex(t)
	tests := []struct {
		previous, q, direct string
	}{
		{"How much did China mine in 2024?", "and Burma?", "Burma (Myanmar) — rare earth mine production in 2024: 31,000 t (USGS MCS 2025)."},
		{"How much did China mine in 2024?", "and in 2023?", "China — rare earth mine production in 2023: 255,000 t (USGS MCS 2025)."},
		{"Which country mined the most rare earths in 2024?", "and in 2023?", "China had the highest rare earth mine production in 2023: 255,000 t, 67.8 % of the world total of 376,000 t (USGS MCS 2025)."},
		{"How much did China mine in 2024?", "and its reserves?", "China — rare earth reserves in 2024: 44 Mt (USGS MCS 2025)."},
		{"Where did Russia rank in rare earth mine production in 2024?", "what about India?", "India ranked 7th of 12 in rare earth mine production in 2024: 2,900 t (USGS MCS 2025)."},
		{"What was the terbium oxide price in 2024?", "and europium?", "Europium oxide — rare earth oxide prices in 2024: $27 per kg (USGS MCS 2025)."},
		{"", "what about Nigeria?", "Nigeria — rare earth mine production in 2024: 13,000 t (USGS MCS 2025)."},
		{"", "and Burma?", "Burma (Myanmar) — rare earth mine production in 2024: 31,000 t (USGS MCS 2025)."},
		{"How much did China mine in 2024?", "Who was the third biggest rare earth miner in 2024?", "Burma (Myanmar) had the third-highest rare earth mine production in 2024: 31,000 t (USGS MCS 2025)."},
	}
	for _, tt := range tests {
		t.Run(tt.previous+" → "+tt.q, func(t *testing.T) {
			a := ask(t, idx, tt.q, Options{Previous: tt.previous})
			if got := a.Direct.String(); got != tt.direct {
				t.Errorf("direct answer\ngot  %s\nwant %s", got, tt.direct)
			}
		})
	}
}

// TestMisses: out-of-scope questions get a plain no-match with the nearest topics and example
// questions; none shows a passage as the answer.
func TestMisses(t *testing.T) {
	idx := testIndex(t)
	for _, q := range []string{
		"What is the capital of France?", "Who wrote War and Peace?", "What is the gold price per ounce?",
		"How do I add an emoji to my Discord server?", "hello", "zzzz qqqq", "What is the population of Turkey?",
	} {
		t.Run(q, func(t *testing.T) {
			a := ask(t, idx, q, Options{})
			if a.Miss == nil || a.Miss.Reason != ReasonNoMatch || a.Passage != nil {
				t.Fatalf("got miss %+v and passage %s, want a no-match without a passage", a.Miss, passageID(a))
			}
			if !strings.HasPrefix(a.Direct.String(), "No match") {
				t.Errorf("direct answer %q does not say there is no match", a.Direct)
			}
			if len(a.Miss.Topics) == 0 || len(a.Miss.Examples) == 0 {
				t.Errorf("miss has topics %v and examples %v, want some of each", a.Miss.Topics, a.Miss.Examples)
			}
		})
	}
}

// TestEveryExampleIsAnswered: the example questions a miss offers are answered.
func TestEveryExampleIsAnswered(t *testing.T) {
	idx := testIndex(t)
	for _, lang := range []string{"", "tr"} {
		for _, q := range examples(idx.Base(), lang, nil) {
			a := ask(t, idx, q, Options{Lang: lang})
			if a.Miss != nil || a.Reading.Table == nil {
				t.Errorf("example %q is answered with %q, want a table answer", q, a.Direct)
			}
		}
	}
}

// TestExamplesStartNearTheQuestion: a miss offers examples from the tables of its nearest
// topics first.
func TestExamplesStartNearTheQuestion(t *testing.T) {
	idx := testIndex(t)
	tests := []struct{ q, want string }{
		{"How much lithium did Chile mine in 2024?", "mine production"},
		{"How large are Chile's lithium reserves?", "reserves"},
	}
	for _, tt := range tests {
		a := ask(t, idx, tt.q, Options{})
		if a.Miss == nil || len(a.Miss.Examples) == 0 {
			t.Errorf("%q: got %q, want a miss with examples", tt.q, a.Direct)
			continue
		}
		if !strings.Contains(a.Miss.Examples[0], tt.want) {
			t.Errorf("%q: first example %q, want one about %s (topics %v)", tt.q, a.Miss.Examples[0], tt.want, a.Miss.Topics)
		}
	}
}

// TestRelatedShowsTheLatestFigure: "Also relevant" carries each fact's latest figure, not a
// series' first one.
func TestRelatedShowsTheLatestFigure(t *testing.T) {
	b, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := b.Fact("price-nd-oxide")
	if g := Latest(f); g == nil || g.AsOf != "2024" || g.Value != 56 {
		t.Errorf("Latest(price-nd-oxide) = %v, want $56 per kg in 2024", g)
	}
	a := ask(t, testIndex(t), "neodymium oxide price trend", Options{})
	for _, r := range a.Related {
		if r.Figure != nil && r.Figure != Latest(r.Fact) {
			t.Errorf("related %s shows %s (%s), not its latest figure", r.Fact.ID, r.Figure, r.Figure.AsOf)
		}
	}
}

// curatorKB copies the built-in fact files to a folder and adds a curator's new table and a
// synonym, as a curator would.
func curatorKB(t *testing.T) *index.Index {
	t.Helper()
	return curatorKBWith(t, "magnets.yaml", magnetsYAML)
}

// curatorKBWith copies the built-in fact files to a folder, adds a synonym and a glossary
// entry, and writes one more topic file.
func curatorKBWith(t *testing.T, file, topic string) *index.Index {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(filepath.Join("..", "knowledge", "data"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("..", "knowledge", "data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "synonyms.yaml" {
			data = []byte(strings.Replace(string(data), "synonyms:\n", "synonyms:\n  - [magnets, permanent magnets, magnet]\n", 1))
			data = append(data, []byte("  - [magnet output, mıknatıs üretimi]\n")...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, file), []byte(topic), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.New(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

const magnetsYAML = `topic: magnets
title: Magnet output
tables:
  - id: magnet-output
    title: Permanent magnet output by country (Example Survey 2025)
    words: [magnet output, magnets made, make magnets, makes magnets, magnet maker, magnet makers]
    rows: country
    unit: kt
    edition: Example Survey 2025
    turkish: mıknatıs üretimi
    columns:
      - {year: 2023, series: magnets-2023, total: magnets_2023_world}
      - {year: 2024, series: magnets-2024, total: magnets_2024_world}
facts:
  - id: magnets-world
    kind: production
    title: World permanent magnet output
    text: The world made 280,000 t of permanent magnets in 2023 and 300,000 t in 2024.
    figures:
      - {name: magnets_2023_world, label: World, value: 280000, unit: t, year: 2023}
      - {name: magnets_2024_world, label: World, value: 300000, unit: t, year: 2024}
    source: usgs-mcs-2025
  - id: magnets-china
    kind: production
    title: China's permanent magnet output
    text: China made 250,000 t of permanent magnets in 2023 and 270,000 t in 2024.
    figures:
      - {name: magnets_2023_china, label: China, value: 250000, unit: t, year: 2023, series: magnets-2023}
      - {name: magnets_2024_china, label: China, value: 270000, unit: t, year: 2024, series: magnets-2024}
    source: usgs-mcs-2025
    places: [China]
  - id: magnets-japan
    kind: production
    title: Japan's permanent magnet output
    text: Japan made 22,000 t of permanent magnets in 2023 and 20,000 t in 2024.
    figures:
      - {name: magnets_2023_japan, label: Japan, value: 22000, unit: t, year: 2023, series: magnets-2023}
      - {name: magnets_2024_japan, label: Japan, value: 20000, unit: t, year: 2024, series: magnets-2024}
    source: usgs-mcs-2025
    places: [Japan]
`

// TestCuratorTable: a table and a synonym that a curator adds are understood with no change
// to the code.
func TestCuratorTable(t *testing.T) {
	idx := curatorKB(t)
	tests := []struct {
		q, lang, direct string
	}{
		{"Which country has the highest magnet output?", "", "China had the highest permanent magnet output in 2024: 270 kt, 90.0 % of the world total of 300 kt (Example Survey 2025)."},
		{"Japan vs China magnet output in 2023", "", "Japan 22 kt against China 250 kt in permanent magnet output in 2023; China has 11.4× Japan's figure, 228 kt more (Example Survey 2025)."},
		{"How did Japan's permanent magnet output change from 2023 to 2024?", "", "Japan — permanent magnet output went from 22 kt in 2023 to 20 kt in 2024: −2 kt (−9.1 %) (Example Survey 2025)."},
		{"Japonya'nın mıknatıs üretimi ne kadar?", "tr", "Japonya — mıknatıs üretimi, 2024: 20 kt (Example Survey 2025)."},
		{"Which country mined the most rare earths in 2024?", "", "China had the highest rare earth mine production in 2024: 270,000 t, 69.2 % of the world total of 390,000 t (USGS MCS 2025)."},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := ask(t, idx, tt.q, Options{Lang: tt.lang})
			if got := a.Direct.String(); got != tt.direct {
				t.Errorf("direct answer\ngot  %s\nwant %s", got, tt.direct)
			}
		})
	}
}

// TestAskConcurrently answers from many goroutines at once, on two knowledge bases, as the
// bot does during a reindex (run with -race).
func TestAskConcurrently(t *testing.T) {
	idx, other := testIndex(t), curatorKB(t)
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, q := range benchQuestions {
				s := Searcher(idx)
				if (g+i)%2 == 0 {
					s = other
				}
				if _, err := Ask(context.Background(), s, q, Options{Lang: []string{"", "tr"}[i%2]}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// TestNewEditionTable: with two editions of a table, a question takes the one that has the
// year it asks for, else the most recent; naming an edition picks it.
func TestNewEditionTable(t *testing.T) {
	idx := curatorKBWith(t, "mcs2026.yaml", `topic: mcs2026
title: Mine production (MCS 2026)
tables:
  - id: usgs-mine-production-2026
    title: Rare earth mine production by country (USGS MCS 2026)
    words: [mine production, mine, mines, mined, mining, miner, miners, produce, produced, producer, producers, production, output]
    rows: country
    unit: t
    edition: USGS MCS 2026
    columns:
      - {year: 2025, series: mcs2026-mine-2025, total: mcs2026_mine_2025_world}
facts:
  - id: mcs2026-mine-world
    kind: production
    title: World mine production in 2025 (example)
    text: The world mined 400,000 t in 2025 in this example.
    figures:
      - {name: mcs2026_mine_2025_world, label: World, value: 400000, unit: t, year: 2025}
    source: usgs-mcs-2025
  - id: mcs2026-mine-china
    kind: production
    title: China's mine production in 2025 (example)
    text: China mined 280,000 t in 2025 in this example.
    figures:
      - {name: mcs2026_mine_2025_china, label: China, value: 280000, unit: t, year: 2025, series: mcs2026-mine-2025}
    source: usgs-mcs-2025
    places: [China]
`)
	tests := []struct{ q, direct string }{
		{"How much did China mine?", "China — rare earth mine production in 2025: 280,000 t (USGS MCS 2026)."},
		{"How much did China mine in 2024?", "China — rare earth mine production in 2024: 270,000 t (USGS MCS 2025)."},
		{"How much did China mine according to USGS 2025?", "China — rare earth mine production in 2024: 270,000 t (USGS MCS 2025)."},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := ask(t, idx, tt.q, Options{}).Direct.String(); got != tt.direct {
				t.Errorf("direct answer\ngot  %s\nwant %s", got, tt.direct)
			}
		})
	}
}

// TestCompareWorkingAgreesWithTheLine: the answer line says how many times the larger figure
// is the smaller, whichever the question names first; the working divides the same way.
func TestCompareWorkingAgreesWithTheLine(t *testing.T) {
	tests := []struct{ q, line, working string }{
		{"Nd oxide vs Dy oxide 2024", "4.6×", "$260 per kg ÷ $56 per kg = 4.6×"},
		{"Vietnam vs Brazil reserves", "6.0×", "21 Mt ÷ 3.5 Mt = 6.0×"},
		{"Brazil vs Vietnam reserves", "6.0×", "21 Mt ÷ 3.5 Mt = 6.0×"},
	}
	idx := testIndex(t)
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := ask(t, idx, tt.q, Options{})
			if got := a.Direct.String(); !strings.Contains(got, tt.line) {
				t.Errorf("direct answer = %q, want it to contain %q", got, tt.line)
			}
			if a.Working == nil || a.Working.Equation != tt.working {
				t.Errorf("working = %+v, want equation %q", a.Working, tt.working)
			}
		})
	}
}
