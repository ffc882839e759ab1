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
	type question struct{ q, passage, has, not string }
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
		"Turkish words for shares, grade, timelines and people's titles": {
			{q: "Çin'in dünya nadir toprak üretimindeki payı yüzde kaçtır?", has: "69.2 %"},
			{q: "ABD'nin küresel maden üretimindeki payı nedir?", has: "11.5 %"},
			{q: "Burma'nın 2023 yılında dünya üretimindeki oranı ne kadardı?", has: "11.4 %"},
			{q: "Eti Maden genel müdürünün açıkladığı tenör nedir?", passage: "beylikova-grade-eti-maden"},
			{q: "Sanayi tesisi ne zaman devreye girecek?", passage: "industrial-plant-timeline-nikkei"},
			{q: "Endüstriyel tesisin takvimi nedir?", passage: "industrial-plant-timeline-nikkei"},
			{q: "Endüstriyel tesisin tasarımı ne zaman başlayacak?", has: "2026"},
			{q: "Enerji bakanı Bayraktar sanayi ölçeği hakkında ne dedi?", passage: "industrial-plant-scale-up-2026"},
			{q: "Sanayi tesisinin temeli ne zaman atılacak?", passage: "industrial-plant-foundations-2026"},
			{q: "Cumhurbaşkanı Erdoğan Beylikova hakkında ne söyledi?", has: "Erdoğan"},
			{q: "hangi elementler nadir toprak sayılır?", passage: "elements-group"},
		},
		"Turkish words an engineer uses for each table and measure": {
			{q: "Disprosyum oksidin kilogram başına fiyatı 2024'te ne kadardı?", has: "$260"},
			{q: "Terbiyum oksit fiyatı 2023'ten 2024'e ne kadar düştü?", has: "−37.6 %"},
			{q: "Neodim oksit fiyatı en yüksek hangi yıldaydı?", has: "2022"},
			{q: "Terbiyum oksit fiyatı hangi yıl zirve yaptı?", has: "$2,051"},
			{q: "Disprosyum oksit fiyatı en düşük hangi yıldı?", has: "2024"},
			{q: "Hindistan'ın nadir toprak rezervi kaç milyon ton?", has: "6.9 Mt"},
			{q: "Pilot tesisin yıllık kapasitesi ne kadar?", has: "1,200 t/yr"},
			{q: "Elektrikli araçlar ve rüzgar türbinleri için mıknatıs talebi nedir?", passage: "magnet-demand-iea"},
			{q: "Çin hangi yedi elementi Nisan 2025'te kısıtladı?", passage: "export-controls-april-2025"},
		},
		"the ore and the oxide of the industrial plant, asked together": {
			{q: "At industrial scale, how much ore will the plant process a year and how much rare earth oxide will that yield?", passage: "industrial-plant-plan-2022"},
			{q: "Beylikova sanayi ölçeğinde yılda kaç ton nadir toprak oksidi üretecek?", passage: "industrial-plant-plan-2022"},
		},
		"other words for a share": {
			{q: "What proportion of world output came from Australia in 2024?", has: "3.3 %"},
			{q: "what slice of world mining did the US have in 2024?", has: "11.5 %"},
			{q: "What fraction of Australia's reserves is JORC-compliant?", has: "57.9 %"},
		},
		"shorthand the team types": {
			{q: "china prod qty 2024 kt", has: "270,000 t"},
			{q: "brazil prod est 2024", has: "20 t"},
			{q: "US res?", has: "1.9 Mt"},
			{q: "ree res brazil mt", has: "21 Mt"},
			{q: "tb px per kilo 2024", has: "$810"},
			{q: "dy oxide px 2024", has: "$260"},
			{q: "china's share of world prod pct", has: "69.2 %"},
		},
		"which elements are rare earths, reasons a passage states, figures it holds": {
			{q: "which elements actually count as rare earths", passage: "elements-group"},
			{q: "Why does USGS give Australia two reserve numbers?", passage: "usgs-reserves-australia"},
			{q: "Why is calling Beylikova's 694 Mt a reserve misleading?", passage: "beylikova-resource-not-reserve"},
			{q: "Why would Beylikova rank third worldwide after JORC certification?", passage: "beylikova-jorc-rank-third"},
			{q: "How much REO did Lynas produce in FY2024?", has: "10,908 t"},
			{q: "What percentage of Lynas's FY24 REO output was NdPr?", has: "51.8 %"},
		},
		"ore minerals of deposits": {
			{q: "What is the ore mineral of Mountain Pass?", passage: "mountain-pass-ore-mineral"},
			{q: "which rare earth mineral is dug at the Mountain Pass mine?", passage: "mountain-pass-ore-mineral"},
		},
		"Turkish comparisons: Y'den fazla, yüksek, büyük, düşük mü": {
			{q: "Beylikova'daki oksit Mount Weld'den daha fazla mı?", has: "2.8×"},
			{q: "Beylikova'daki oksit miktarı Mount Weld'den büyük mü?", has: "4.39 Mt"},
			{q: "Mount Weld'in tenörü Beylikova'dan yüksek mi?", has: "Yes: Mount Weld 4.12 %"},
			{q: "Beylikova'nın tenörü Mount Weld'den düşük mü?", has: "4.12 %"},
			{q: "Çin'in üretimi ABD'ninkinden yüksek mi?", has: "6.0×"},
			{q: "Çin'in rezervi Brezilya'nınkinden daha büyük mü?", has: "2.1×"},
			{q: "Does Beylikova hold more rare earth oxide than Mount Weld?", has: "4.39 Mt"},
		},
		"a deposit's contained oxide, its ore, and the site (saha) the team means": {
			{q: "How much oxide is in the Mount Weld deposit?", has: "4.39 Mt"},
			{q: "Kvanefjeld'de ne kadar nadir toprak oksidi var?", has: "7.34 Mt"},
			{q: "How much contained oxide does Araxá have?", has: "1.7 Mt"},
			{q: "Sahada ne kadar nadir toprak oksidi var?", has: "12.5 Mt"},
			{q: "How much rare earth oxide is at the deposit?", passage: "beylikova-reo"},
			{q: "Sahadaki cevher miktarı ne kadar?", has: "694 Mt"},
			{q: "How much ore does Beylikova have?", has: "694 Mt"},
			{q: "Türkiye Beylikova ile dünyada kaçıncı sırada?", passage: "beylikova-rank-second"},
		},
		"how much of a total a country holds (ne kadarı, elinde)": {
			{q: "Dünya rezervlerinin ne kadarı Çin'de?", has: "44 Mt of more than 90 Mt"},
			{q: "Dünya üretiminin ne kadarı Çin'in elinde?", has: "69.2 %"},
			{q: "Çin'in rezervleri dünya rezervlerinin ne kadarı?", has: "48.9 %"},
		},
		"partners, suppliers, planned output and differing estimates, as asked": {
			{q: "Which countries is Türkiye talking to about Beylikova?", passage: "partners-talks-bloomberg"},
			{q: "What happened to the memorandum with China, and who else is Türkiye talking to?", passage: "partners-china-mou-stalled"},
			{q: "Where do US rare earth imports come from, by country?", has: "China, United States: 70 %"},
			{q: "What percent of US rare earth compound imports came out of Japan?", has: "6 %"},
			{q: "How much dysprosium oxide does Leading Edge plan to make a year?", has: "248"},
			{q: "What does Leading Edge's Swedish project plan to produce?", passage: "norra-karr-reserve-2025"},
			{q: "Why do the estimates of China's share of mining vary?", passage: "china-share-estimates-compared"},
			{q: "Çin'in madencilik payı neden farklı?", passage: "china-share-estimates-compared"},
			{q: "What does NdPr stand for?", passage: "ndpr-definition"},
			{q: "NdPr nedir?", passage: "ndpr-definition"},
			{q: "How much NdPr did Lynas make in FY2025?", has: "6,558 t"},
		},
		"Turkish passive and infinitive verbs: üretilmesi, elde edilmesi, hedeflenmektedir": {
			{q: "Sanayi tesisinde yılda kaç ton florit üretilmesi planlanıyor?", has: "70,000 t/yr"},
			{q: "2022 planında yılda ne kadar toryum elde edilmesi öngörülüyordu?", has: "250 t/yr"},
			{q: "Endüstriyel tesiste yılda ne kadar cevher işlenmesi planlanmaktadır?", has: "570,000 t/yr"},
			{q: "Pilot tesiste yıllık olarak kaç ton cevher işlenmesi hedeflenmektedir?", has: "1,200 t/yr"},
			{q: "Beylikova'da saflık hedefi nedir?", has: "99 %"},
			{q: "How much thorium did the 2022 plan foresee a year?", has: "250 t/yr"},
		},
		"the oxide asked 'in total' (toplam) is the oxide, not the ore": {
			{q: "Beylikova'da toplam ne kadar oksit var?", has: "12.5 Mt"},
			{q: "How much rare earth oxide does Beylikova hold in total?", has: "12.5 Mt"},
			{q: "What is the total amount of rare earth oxide at the site?", has: "12.5 Mt"},
			{q: "Beylikova'da toplam kaç ton cevher var?", has: "694 Mt"},
			{q: "Is the 694 Mt a reserve? what does the figure mean?", passage: "beylikova-resource-not-reserve"},
		},
		"other commodities named in Turkish are no match": {
			{q: "Türkiye'nin kobalt rezervi ne kadar?", has: "No match"},
			{q: "Bakır fiyatı ne kadar?", has: "No match"},
			{q: "Altın fiyatı 2024'te ne kadardı?", has: "No match"},
			{q: "Dünyanın en büyük uranyum üreticisi hangi ülke?", has: "No match"},
			{q: "Türkiye ne kadar bor üretiyor?", has: "No match"},
		},
		"Turkish verbs of change and time: dönüşünce, geçince, beri, ulaşmış, şu an": {
			{q: "Sanayi tesisine dönüşünce tesisin yıllık geliri ne kadar olacak?", has: "220"},
			{q: "Tesis endüstriyel ölçeğe geçince yılda ne kadarlık gelir bekleniyor?", has: "220"},
			{q: "Bayan Obo ne zamandan beri üretimde?", has: "1957"},
			{q: "Bayan Obo madeni kaç yılından beri çalışıyor?", has: "1957"},
			{q: "Beylikova'da saflaştırma oranı şu an yüzde kaça ulaşmış durumda?", passage: "pilot-plant-purity"},
			{q: "694 milyon tonluk cevherde 12.5 milyon ton oksit varsa ortalama tenör yüzde kaç olur?", has: "1.80 %"},
			{q: "Terbiyum oksit fiyatı 2028'de ne olacak?", has: "No forecast"},
		},
		"a place qualifying a plant or deposit (Eskişehir'deki, Çin'deki, Avustralya'daki)": {
			{q: "Eskişehir'deki pilot tesisin kapasitesi ne kadar?", has: "1,200 t/yr"},
			{q: "Eskişehir'deki Beylikova'da ne kadar nadir toprak oksidi var?", has: "12.5 Mt"},
			{q: "Çin'deki Bayan Obo madeninin rezervi ne kadar?", passage: "bayan-obo-nsenergy"},
			{q: "Avustralya'daki Mount Weld'in tenörü ne kadar?", has: "4.12 %"},
		},
		"a rank claim checked with mı/mi: the rank passage and its figure": {
			{q: "Beylikova dünyanın en büyük ikinci yatağı mı?", passage: "beylikova-rank-second"},
			{q: "Beylikova dünyanın en büyük yatağı mı?", passage: "beylikova-rank-second"},
			{q: "Türkiye dünyanın en büyük ikinci rezervine mi sahip?", passage: "beylikova-rank-second"},
			{q: "Is Beylikova the second largest deposit in the world?", has: "2nd"},
			{q: "Is Beylikova the world's largest rare earth deposit?", passage: "beylikova-rank-second"},
		},
		"reasons and definitions the fact files state: partners, heavy rare earths, share estimates": {
			{q: "Why does Türkiye need international partners?", passage: "policy-why-partners"},
			{q: "why can't Türkiye do the processing alone?", passage: "policy-why-partners"},
			{q: "Türkiye neden yabancı ortak arıyor?", passage: "policy-why-partners"},
			{q: "heavy rare earth definition USGS", passage: "elements-light-heavy-usgs"},
			{q: "USGS'ye göre ağır nadir toprak elementleri hangileri?", passage: "elements-light-heavy-usgs"},
			{q: "AA says China has 85% of processing, the IEA says something different: which figure is right?", has: "92 %"},
			{q: "why does China keep pushing into finished products rather than just mining?", passage: "value-chain-china-strategy"},
		},
		"what the fact files state, asked in a reader's words": {
			{q: "Can a Chinese firm sell us its rare earth separation technology?", passage: "export-controls-tech-ban-2023"},
			{q: "Until when are China's October 2025 controls on hold?", passage: "export-controls-suspension-nov-2025"},
			{q: "What share of Mountain Pass ore is cerium and lanthanum?", passage: "mountain-pass-treo-mix"},
			{q: "What purity has the Beylikova plant reached so far?", has: "92 %"},
		},
		"Turkish market words: hisse, borsa, yatırım maliyeti, and capex, are no figure of the knowledge base": {
			{q: "MP Materials hisse fiyatı bugün kaç dolar?", has: "No match"},
			{q: "Lynas borsada kaç dolar?", has: "No match"},
			{q: "MP hissesi kaç dolar?", has: "No match"},
			{q: "Sanayi tesisinin yatırım maliyeti ne kadar?", has: "No figure"},
			{q: "Beylikova capex?", has: "No match"},
		},
		"a company's top line is its revenue": {
			{q: "what's the expected top line of the industrial plant per year?", has: "220"},
			{q: "industrial-scale topline per year at Beylikova?", has: "220"},
		},
		"deal words: team up, JV, offtake, building a refinery alone": {
			{q: "who does Sait Uysal say Türkiye should team up with?", passage: "policy-uysal-joint-projects"},
			{q: "which countries did Uysal suggest for a JV?", passage: "policy-uysal-joint-projects"},
			{q: "why can't Türkiye just build the refinery itself?", passage: "policy-why-partners"},
		},
		"why USGS's China figure may understate its output: quotas": {
			{q: "why might USGS understate China's mining?", passage: "usgs-mine-china"},
			{q: "why would USGS undercount China's real output?", passage: "usgs-mine-china"},
		},
		"what each deposit is": {
			{q: "what's Bayan Obo?", passage: "bayan-obo-what-is"},
			{q: "what is Mount Weld?", passage: "mount-weld-what-is"},
			{q: "what is Tanbreez", passage: "tanbreez-what-is"},
			{q: "Kvanefjeld nedir?", passage: "kvanefjeld-what-is"},
			{q: "Araxá nedir?", passage: "araxa-what-is"},
			{q: "what is Steenkampskraal?", passage: "steenkampskraal-what-is"},
		},
		"Turkish ability and hearsay: -ebilecek, -abilir, -ebiliyor, -ecekmiş, -iyormuş": {
			{q: "Sanayi tesisi yılda kaç ton cevher işleyebilecek?", has: "570,000"},
			{q: "Beylikova'da yılda ne kadar oksit üretilebilir?", has: "10,000"},
			{q: "Pilot tesis yılda kaç ton cevher işleyebiliyor?", has: "1,200"},
			{q: "Sanayi tesisi ne zaman açılacakmış?", has: "2027"},
			{q: "Çin yılda ne kadar nadir toprak üretiyormuş?", has: "270,000"},
		},
		"what a thing is used for (ne işe yarar) and proven reserves (kanıtlanmış)": {
			{q: "toryum ne işe yarıyor?", has: "nuclear fuel"},
			{q: "Bayan Obo'nun kanıtlanmış rezervleri ne kadar?", has: "100 Mt"},
		},
		"definitions in the words a newcomer uses: which elements, what is meant, who belongs": {
			{q: "which elements belong to the 17 rare earths?", passage: "elements-group"},
			{q: "who is in the rare earth club?", passage: "elements-group"},
			{q: "what does USGS mean by light rare earths?", passage: "elements-light-heavy-usgs"},
			{q: "Under the USGS convention, which elements count as heavy rare earths?", passage: "elements-light-heavy-usgs"},
		},
		"a deposit asked by its region, its owner's words or its contained oxide": {
			{q: "how big is Lynas's flagship mine in Western Australia, resource-wise?", has: "106.6 Mt"},
			{q: "how much contained TREO is in Mount Weld's 2024 resource?", has: "4.39 Mt"},
			{q: "What NdPr capacity is Lynas targeting at Mt Weld?", has: "12,000 t/yr"},
			{q: "How much NdPr did Lynas produce in FY2025?", has: "6,558 t"},
		},
		"when a ban came into force: since when, formally": {
			{q: "since when has China banned exporting rare earth separation tech?", passage: "export-controls-tech-ban-2023"},
			{q: "when did China formally ban exporting rare earth technology?", has: "21 December 2023"},
		},
		"Beylikova called the Turkish deposit or the Eskişehir site": {
			{q: "how many times bigger is the Turkish deposit than the US reserve base?", has: "6.6×"},
			{q: "how many metres of drilling at the Eskisehir site?", has: "125,000 m"},
		},
		"dependence asked as an adjective with a percentage": {
			{q: "how dependent is the US on rare earth imports, in percent?", has: "80 %"},
		},
		"Turkish news phrases (haberlere göre, diye geçiyor) and -diğinde": {
			{q: "Beylikova'nın toplam kaynağı ne kadar? basında rezerv olarak geçiyor", has: "694"},
			{q: "Haberlere göre Beylikova'da kaç metre sondaj yapıldı?", has: "125,000"},
			{q: "Sanayi tesisi devreye girdiğinde yıllık gelir ne kadar olacak?", has: "220"},
			{q: "Tesis sanayi ölçeğine geçtiğinde yılda kaç ton cevher işleyecek?", has: "570,000"},
		},
		"a deposit asked by its region, in English and Turkish": {
			{q: "How big is the deposit in Inner Mongolia?", passage: "bayan-obo-reserves-cgs"},
			{q: "İç Moğolistan'daki yatağın rezervi ne kadar?", has: "120 million tonnes"},
			{q: "Batı Avustralya'daki madenin kaynağı ne kadar?", has: "106.6 Mt"},
			{q: "Kaliforniya'daki maden 2024'te ne kadar üretti?", has: "45,455 t"},
		},
		"what an element is needed for, in a buyer's words: carmakers, EV motors, wind turbines": {
			{q: "what do automakers need dysprosium for?", passage: "element-dysprosium"},
			{q: "why do carmakers care about terbium?", passage: "element-terbium"},
			{q: "why do wind turbines need neodymium?", passage: "element-neodymium"},
			{q: "what is erbium needed for?", passage: "element-erbium"},
			{q: "what's lutetium used in?", passage: "element-lutetium"},
		},
		"a measure put on ice, shelved or frozen is suspended": {
			{q: "Why did Beijing put the October export controls on ice?", passage: "export-controls-suspension-nov-2025"},
			{q: "Why did China shelve its October 2025 rare earth controls?", passage: "export-controls-suspension-nov-2025"},
			{q: "until when has China frozen the October controls?", passage: "export-controls-suspension-nov-2025"},
		},
		"mining is not refining: why the US and the West still depend on China": {
			{q: "Mountain Pass mines plenty, so why does the US still import most of its rare earth metals?", passage: "us-net-exporter-concentrates"},
			{q: "why can't the US refine its own rare earths?", passage: "us-net-exporter-concentrates"},
			{q: "why is the West stuck with China even though Australia mines plenty?", passage: "china-refining-share-iea"},
			{q: "How dependent is the US on imports?", has: "80 %"},
		},
		"Turkish: annual production and revenue once the plant reaches industrial scale": {
			{q: "Tesis sanayi ölçeğine geçince yıllık üretim ne kadar olacak?", has: "570,000"},
			{q: "Sanayi tesisine dönüştüğünde yıllık üretim ve gelir ne kadar olacak?", passage: "industrial-plant-capacity-revenue"},
			{q: "What will annual production and revenue be at industrial scale?", passage: "industrial-plant-capacity-revenue"},
		},
		"each deposit's grade in % TREO, and its contained oxide when asked how much oxide": {
			{q: "What is Kvanefjeld's ore grade?", has: "1.09 %"},
			{q: "Bayan Obo grade?", has: "6 %"},
			{q: "Araxá'da ne kadar nadir toprak oksidi var?", has: "1.7 Mt"},
			{q: "Steenkampskraal'da ne kadar nadir toprak oksidi var?", has: "86,900 t"},
			{q: "What TREO grade does Steenkampskraal have?", has: "14.4 %"},
		},
		"the rare earths China added in October 2025, and the grade implied by the resource": {
			{q: "which additional rare earths did China add to its export list in October 2025?", passage: "export-controls-october-2025"},
			{q: "694 milyon tonluk kaynağın içinde 12.5 milyon ton oksit varsa ortalama tenör yüzde kaç olur?", has: "1.80 %"},
			{q: "What grade do 12.5 Mt of oxide in the 694 Mt resource imply?", has: "1.80 %"},
			{q: "Beylikova'nın ima edilen tenörü nedir?", has: "1.80 %"},
			{q: "694 milyon tonun içinde 12.5 milyon ton REO varsa ima edilen tenör kaç ediyor?", has: "1.80 %"},
		},
		"what sits or lies in the ground is a country's reserves": {
			{q: "how much rare earth does the US actually have sitting in the ground?", has: "1.9 Mt"},
			{q: "how much rare earth is lying in the ground in Brazil?", has: "21 Mt"},
		},
		"the CRM Act's benchmarks, and targets it does not state": {
			{q: "What is the EU's 2030 recycling benchmark?", has: "25 %"},
			{q: "What is the EU's 2030 target for offshore wind capacity, in GW?", has: "No match"},
		},
		"the purity the pilot plant has reached, asked as pure, purified, refined to or at this stage": {
			{q: "How pure are the test plant's oxides at the moment?", has: "92 %"},
			{q: "What purity has Beylikova's pilot reached so far, according to the energy minister?", has: "92 %"},
			{q: "to what percentage are beylikova's oxides purified presently?", has: "92 %"},
			{q: "what purification target did the minister set for beylikova?", has: "99 %"},
		},
		"trader shorthand for places: oz, aussie, the States, Burma and Myanmar": {
			{q: "what fraction of the aussie reserves complies with JORC?", has: "57.9 %"},
			{q: "oz reserves 2024?", has: "5.7 Mt"},
			{q: "myanmar vs oz mine output in 2024", has: "13,000 t"},
			{q: "how do aussie reserves stack up against the States?", has: "1.9 Mt"},
		},
		"whom Türkiye should partner with, asked of the Critical Minerals Initiative's founder": {
			{q: "which countries did the critical minerals initiative founder say turkey should team up with?", passage: "policy-uysal-joint-projects"},
			{q: "who should ankara partner with, according to the initiative guy?", passage: "policy-uysal-joint-projects"},
			{q: "JV partners suggested by sait uysal?", passage: "policy-uysal-joint-projects"},
			{q: "who founded the Turkish Critical Minerals Initiative?", passage: "policy-who-is-sait-uysal"},
		},
		"a deposit's grades as figures: TREO and neodymium oxide, named by the deposit or its country": {
			{q: "Steenkampskraal mine in South Africa, what Nd2O3 grade does its NI 43-101 resource carry?", has: "2.58 %"},
			{q: "how rich in neodymium oxide is the south african deposit?", has: "2.58 %"},
			{q: "Steenkampskraal reserve grade?", has: "8.68 %"},
			{q: "what's the proved reserve grade at Mt Weld?", has: "7.2 %"},
		},
		"definitions and reasons: the light/heavy cutoff, 694 Mt is ore, why USGS's China figure is low": {
			{q: "where's the cutoff between light and heavy rare earths?", passage: "elements-light-heavy-usgs"},
			{q: "what counts as a light in USGS terms?", passage: "elements-light-heavy-usgs"},
			{q: "can I call the 694 Mt Beylikova's reserve?", passage: "beylikova-resource-not-reserve"},
			{q: "is it wrong to say turkey has 694 million tonnes of rare earth reserves?", passage: "beylikova-resource-not-reserve"},
			{q: "why does the usgs undercount chinese production?", passage: "usgs-mine-china"},
			{q: "is the usgs figure for china's mining lowballed?", passage: "usgs-mine-china"},
		},
		"what Beylikova's thorium is for, asked in English and Turkish": {
			{q: "what is beylikova's thorium used for?", passage: "pilot-plant-products"},
			{q: "what's the thorium by-product good for?", passage: "pilot-plant-products"},
			{q: "toryum ne için kullanılır?", passage: "pilot-plant-products"},
			{q: "Beylikova yılda kaç ton toryum üretecek?", has: "250 t/yr"},
		},
		"Turkish forms of suspended: askıya alınması, ertelendi": {
			{q: "Çin'in nadir toprak ihracat kontrollerinin askıya alınması ne zaman bitiyor?", has: "10 November 2026"},
			{q: "Ekim 2025 kısıtlamaları ne zamana kadar ertelendi?", has: "10 November 2026"},
			{q: "Duyuru 70 ne zamana kadar askıya alındı?", has: "10 November 2026"},
			{q: "ABD'ye galyum yasağı ne zamana kadar askıya alındı?", has: "27 November 2026"},
		},
		"Turkish words for compliant and atomic number; the lanthanides as a definition": {
			{q: "Avustralya rezervlerinin yüzde kaçı JORC'a uygun?", has: "57.9 %"},
			{q: "Avustralya'nın JORC uyumlu rezervi ne kadar?", has: "3.3 Mt"},
			{q: "Terbiyumun atom numarası kaç?", has: "65"},
			{q: "are rare earths just the lanthanides on the periodic table?", passage: "elements-group"},
			{q: "is it only the lanthanide row that counts as rare earths?", passage: "elements-group"},
		},
		"what a term of the knowledge base is, and which the 17 are: the definition, not a figure near it": {
			{q: "NdFeB - quick one, what is it exactly", passage: "ndfeb-definition", has: "neodymium-iron-boron permanent magnets"},
			{q: "what is an NdFeB magnet?", passage: "ndfeb-definition", has: "permanent magnets"},
			{q: "what are neodymium magnets", passage: "ndfeb-definition"},
			{q: "NdFeB mıknatıs nedir?", passage: "ndfeb-definition"},
			{q: "how big is the NdFeB market", passage: "ndfeb-market-estimates"},
			{q: "the seventeen rare earths: which ones?", passage: "elements-group", has: "plus scandium (21) and yttrium (39)"},
			{q: "rare earths = lanthanides plus what?", passage: "elements-group", has: "scandium"},
			{q: "which elements make up the 17 rare earths?", passage: "elements-group", has: "yttrium"},
		},
		"prise, an English word the typo correction leaves alone, is the price": {
			{q: "neodymium oxid prise 2023", has: "$78"},
			{q: "europium oxide prise 2024 per kg", has: "$27"},
			{q: "dy oxide prise per kg", has: "$260"},
			{q: "terbium oxide prise", has: "$810"},
		},
		"where the US buys its compounds and metals, and how reliant it is on imports of them": {
			{q: "who does america buy its rare earth metals from?", passage: "us-import-sources"},
			{q: "which countries does the US buy rare earth compounds from?", passage: "us-import-sources"},
			{q: "where does the US buy most of its rare earth compounds from, and what share?", passage: "us-import-sources", has: "70 %"},
			{q: "how reliant is the US on imports for rare earth compounds and metals?", has: "80 %"},
			{q: "how dependent is America on imports of rare earth compounds and metals these days?", has: "80 %"},
			{q: "what percentage of its rare earth compounds and metals does the US import?", has: "80 %"},
		},
		"the rare earths put under export control in October 2025, and the technology of No. 62": {
			{q: "which elements did China add to export control in October 2025?", passage: "export-controls-october-2025"},
			{q: "Which extra rare earths did China put under export control in October?", passage: "export-controls-october-2025"},
			{q: "which rare earths were added to export control last October", passage: "export-controls-october-2025"},
			{q: "what new elements did China bring under export control in autumn 2025?", passage: "export-controls-october-2025"},
			{q: "what did Announcement No. 62 control?", passage: "export-controls-technology-2025"},
		},
		"the value chain's figures are the world market's, not Türkiye's": {
			{q: "what is the rare earth market worth at the magnet stage, per Uysal?", has: "Magnets: $40 billion", not: "Türkiye"},
			{q: "how big is the end-product market in Uysal's value chain?", has: "End products (wind turbines, EVs): up to $4 trillion", not: "Türkiye"},
			{q: "global ree raw material market size", has: "Raw materials: about $7 billion", not: "Türkiye"},
			{q: "Uysal'ın hesabında hammadde pazarı kaç milyar dolar?", has: "Raw materials: about $7 billion"},
		},
		"a US figure's label names the United States once, and the measure": {
			{q: "What was the US net import reliance in 2024?", has: "United States net import reliance for rare earth compounds and metals, 2024: 80", not: "2024, United States"},
			{q: "what was US concentrate output worth in 2024?", has: "Value of United States concentrate output: $260 million", not: ", United States:"},
			{q: "Did the value of US rare earth imports fall from 2023 to 2024?", has: "went from $186 million in 2023 to $170 million"},
		},
		"what an element is used for is in the answer line, not only in the passage": {
			{q: "Gd, what is it chiefly used for nowadays?", passage: "element-gadolinium", has: "MRI"},
			{q: "what is cerium used for?", passage: "element-cerium", has: "catalytic converters"},
			{q: "Is promethium found in nature, and what is it used for?", passage: "element-promethium", has: "nuclear batteries"},
			{q: "europium, what's it for?", passage: "element-europium", has: "red phosphor"},
			{q: "what's terbium used for these days?", passage: "element-terbium", has: "NdFeB magnets"},
			{q: "what is lanthanum used in?", passage: "element-lanthanum", has: "catalysts"},
			{q: "yttrium uses", passage: "element-yttrium", has: "lasers"},
			{q: "uses of scandium", passage: "element-scandium", has: "aerospace"},
		},
		"exploratory drilling is the drilling campaign": {
			{q: "how much exploratory drilling has been done at the Eskisehir site, in meters?", has: "125,000 m"},
			{q: "how many metres of exploratory drilling at Beylikova?", has: "125,000 m"},
		},
		"a projected figure asked for is the figure, not its growth": {
			{q: "What does the IEA project for rare earth demand from magnets by 2030, in tonnes?", has: "131,000 t", not: "40.9 %"},
			{q: "what's the IEA magnet demand number for 2030?", has: "131,000 t", not: "40.9 %"},
			{q: "what does IEA expect rare earth demand from magnets to be by 2030?", has: "131,000 t", not: "40.9 %"},
			{q: "how much will magnet rare earth demand grow by 2030?", has: "40.9 %"},
		},
		"contained oxide of a resource, and who disputed the 694 Mt": {
			{q: "how much contained TREO does the 2015 Kvanefjeld resource estimate work out to?", has: "7.34 Mt"},
			{q: "how much rare earth oxide is in Kvanefjeld?", has: "7.34 Mt"},
			{q: "why did Shenghe question the Beylikova figure?", passage: "beylikova-ore-not-oxide"},
			{q: "who disputed the 694 Mt claim and why?", passage: "beylikova-ore-not-oxide"},
		},
		"a deposit's grade by the source that gives it, not the tonnage of that source": {
			{q: "Bayan Obo - what average grade, in wt% REE2O3, does the Czech Geological Survey report give for the orebody?", has: "6 %"},
			{q: "what average ore grade does the Czech survey give for Bayan Obo?", has: "6 %"},
			{q: "bayan obo reserves per the czech geological survey", has: "120 Mt"},
		},
		"a Turkish suspension question in the past perfect": {
			{q: "Ekim kısıtlamalarının askısı ne zamana kadar sürüyor?", has: "10 November 2026"},
			{q: "Çin'in ihracat kısıtlamaları askıya alınmıştı, ne zamana kadar?", has: "10 November 2026"},
		},
		"Turkish abbreviations (NTE, NTO), the USGS by its Turkish name, and their suffixes": {
			{q: "NTE rezervleri en büyük ülke hangisi?", has: "China"},
			{q: "Hindistan'ın NTE rezervi ne kadar?", has: "6.9 Mt"},
			{q: "Beylikova'nın NTO rezervi kaç milyon ton?", has: "12.5 Mt"},
			{q: "Beylikova'daki NTO'su ne kadar?", has: "12.5 Mt"},
			{q: "ABD Jeoloji Araştırmaları Kurumu'na göre Çin 2024'te kaç ton üretti?", has: "270,000 t"},
			{q: "Jeoloji Araştırmaları Kurumu Brezilya rezervi için ne diyor?", has: "21 Mt"},
			{q: "Çin'in işleme kapasitesindeki payı yüzde kaç?", has: "85 %"},
		},
		"value per tonne of oxide (ton NTO başına), and Mountain Pass as the US concentrate": {
			{q: "ABD konsantresinin ton NTO başına değeri ne kadar?", has: "$5,778"},
			{q: "Mountain Pass konsantresi ton NTO başına kaç dolar?", has: "$5,778"},
			{q: "what's Mountain Pass concentrate worth per tonne of REO?", has: "$5,778"},
		},
		"ordinary Turkish question forms: the year before, beside, in terms of, so far, how many points": {
			{q: "Çin'in NTE madencilik üretimi bir önceki yıla göre ne kadar arttı?", has: "+5.9 %"},
			{q: "ABD üretimi önceki yıla göre ne kadar arttı?", has: "+8.2 %"},
			{q: "Brezilya'nın rezervi Vietnam'ın yanında nasıl kalıyor?", has: "6.0×"},
			{q: "Hindistan ve Brezilya rezervlerini karşılaştırır mısın?", has: "14.1 Mt"},
			{q: "Kvanefjeld ile Beylikova'yı içerdiği oksit miktarı bazında karşılaştırır mısın?", has: "12.5 Mt"},
			{q: "pilot tesiste saflık şu ana kadar yüzde kaça çıkabilmiş?", passage: "pilot-plant-purity"},
			{q: "Beylikova'da kaç noktada sondaj yapılmış?", has: "310"},
			{q: "Beylikova'da toplam kaç metre sondaj yapmış?", has: "125,000 m"},
		},
		"an element's use in Turkish reaches the element; thorium's use stays the pilot plant's": {
			{q: "Disprosyum ne işe yarıyor?", passage: "element-dysprosium"},
			{q: "Neodim ne işe yarar?", passage: "element-neodymium"},
			{q: "Terbiyum ne işe yarıyor?", passage: "element-terbium"},
			{q: "what is thorium used for?", passage: "pilot-plant-products"},
		},
		"an exchange rate (dollar/lira, kur) is a miss, as is a road distance no passage gives": {
			{q: "what's the dollar lira rate today", has: "No match"},
			{q: "what's the lira exchange rate?", has: "No match"},
			{q: "dollar to lira rate?", has: "No match"},
			{q: "bugünkü dolar kuru kaç?", has: "No match"},
			{q: "how far is Beylikova from Eskisehir city centre by road, in km?", has: "No match"},
		},
		"head grade is the ore grade": {
			{q: "which deposit has the highest head grade?", has: "Steenkampskraal"},
			{q: "highest head grade of all the deposits?", has: "14.4 %"},
			{q: "what's the head grade at Mount Weld?", has: "4.12 %"},
		},
		"where a country gets most of its rare earths from is where its imports come from": {
			{q: "where does the US get most of its rare earth metals from?", passage: "us-import-sources"},
			{q: "where does America get most of its rare earth metals from, and what share?", has: "70 %"},
			{q: "where does the US get the bulk of its rare earth compounds?", passage: "us-import-sources"},
			{q: "what share of US rare earth imports comes from China?", has: "70 %"},
		},
		"Turkish typed without Turkish letters, and the spoken present tense (-iyo for -iyor)": {
			{q: "disprosyum ne ise yariyo", passage: "element-dysprosium"},
			{q: "terbiyum ne işe yarıyo", passage: "element-terbium"},
			{q: "neodim tam olarak ne işe yarıyor", passage: "element-neodymium"},
			{q: "cinin nadir toprak uretimi dunya uretiminin yuzde kaci", has: "69.2 %"},
			{q: "cinin rezervi dunya toplaminin yuzde kaci ediyo", has: "48.9 %"},
			{q: "disprosyum oksit fiyati 2024 yilinda ne kadar oluyo", has: "$260"},
			{q: "eskisehirdeki pilot tesisin kapasitesi ne kadar", has: "1,200"},
		},
		"when a plant starts operating (devreye giriyor), and whether a date is given": {
			{q: "Beylikova'daki sanayi tesisi ne zaman devreye giriyor, tarih verilmiş mi?", passage: "industrial-plant-timeline-nikkei"},
			{q: "endüstriyel tesis ne zaman faaliyete geçiyor, tarih var mı?", passage: "industrial-plant-timeline-nikkei"},
			{q: "sanayi tesisinin açılış tarihi ne", passage: "industrial-plant-timeline-nikkei"},
		},
		"a country's adjective, people or code names it": {
			{q: "how much did the Russians mine in 2024", has: "2,500 t"},
			{q: "Vietnamese rare earth reserves?", has: "3.5 Mt"},
			{q: "Malaysian mine production 2024", has: "130 t"},
			{q: "Canadian rare earth reserves", has: "0.83 Mt"},
			{q: "Brazilian reserves vs Indian reserves", has: "6.9 Mt"},
			{q: "what happened with Brazilian mine output from 2023 to 2024, did it fall?", has: "140 t"},
			{q: "grade of Araxá against Mt Weld, is our Brazilian neighbour better or worse?", has: "4.12 %"},
			{q: "how does TR rank in rare earth reserves?", has: "3rd"},
		},
		"a partner wishlist is whom Uysal recommends; where the line is drawn is the light/heavy boundary": {
			{q: "which countries are on Uysal's wishlist of partners?", passage: "policy-uysal-joint-projects"},
			{q: "who is on Türkiye's partner wishlist according to Uysal?", passage: "policy-uysal-joint-projects"},
			{q: "Uysal's partner wishlist for Türkiye – which countries?", has: "Japan"},
			{q: "where is the line drawn between light and heavy rare earths?", passage: "elements-light-heavy-disagreement"},
			{q: "who draws the line between light and heavy REEs and where?", passage: "elements-light-heavy-disagreement"},
			{q: "light vs heavy rare earths — where's the line drawn", passage: "elements-light-heavy-disagreement"},
		},
		"boron is another commodity: its exports are a miss": {
			{q: "Türkiye boron exports 2024 – how many $?", has: "No match"},
			{q: "what were Türkiye's boron exports worth in 2024?", has: "No match"},
			{q: "China boron output 2024?", has: "No match"},
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
				if tt.not != "" && strings.Contains(a.Direct.String(), tt.not) {
					t.Errorf("direct answer: got %q, want it without %q", a.Direct, tt.not)
				}
			})
		}
	}
}
