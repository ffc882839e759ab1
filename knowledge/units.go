package knowledge

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Dim is the physical dimension of a unit, as exponents of the base quantities. Formulas are
// checked against it so that a mass divided by a mass can only be shown as a ratio.
type Dim struct {
	Mass, Length, Money, Time, Calendar int8
}

func (d Dim) mul(o Dim) Dim {
	return Dim{d.Mass + o.Mass, d.Length + o.Length, d.Money + o.Money, d.Time + o.Time, d.Calendar + o.Calendar}
}

func (d Dim) div(o Dim) Dim {
	return Dim{d.Mass - o.Mass, d.Length - o.Length, d.Money - o.Money, d.Time - o.Time, d.Calendar - o.Calendar}
}

// String names a dimension for error messages ("mass/time", "a plain number").
func (d Dim) String() string {
	var num, den []string
	for _, p := range []struct {
		name string
		exp  int8
	}{{"mass", d.Mass}, {"length", d.Length}, {"money", d.Money}, {"time", d.Time}, {"calendar year", d.Calendar}} {
		for i := int8(0); i < p.exp; i++ {
			num = append(num, p.name)
		}
		for i := p.exp; i < 0; i++ {
			den = append(den, p.name)
		}
	}
	switch {
	case len(num) == 0 && len(den) == 0:
		return "a plain number"
	case len(num) == 0:
		num = []string{"1"}
	}
	s := strings.Join(num, "·")
	if len(den) > 0 {
		s += "/" + strings.Join(den, "·")
	}
	return s
}

// Unit is one of the units a fact file may use. Values enter formulas multiplied by Scale, so
// every formula works in base units (t, m, USD, yr).
type Unit struct {
	Symbol string
	Dim    Dim
	Scale  float64
}

var (
	mass     = Dim{Mass: 1}
	length   = Dim{Length: 1}
	money    = Dim{Money: 1}
	perYear  = Dim{Time: -1}
	plain    = Dim{}
	duration = Dim{Time: 1}
)

// units are the units a figure may have, by symbol.
var units = bySymbol([]Unit{
	{"t", mass, 1},
	{"kt", mass, 1e3},
	{"Mt", mass, 1e6},
	{"Bt", mass, 1e9},
	{"kg", mass, 1e-3},
	{"t/yr", mass.mul(perYear), 1},
	{"kt/yr", mass.mul(perYear), 1e3},
	{"Mt/yr", mass.mul(perYear), 1e6},
	{"m", length, 1},
	{"km", length, 1e3},
	{"ft", length, 0.3048},
	{"USD", money, 1},
	{"USD million", money, 1e6},
	{"USD billion", money, 1e9},
	{"USD trillion", money, 1e12},
	{"USD/kg", money.div(mass), 1e3},
	{"USD/t", money.div(mass), 1},
	{"USD million/yr", money.mul(perYear), 1e6},
	{"%", plain, 0.01},
	{"x", plain, 1},
	{"count", plain, 1},
	{"ppm", plain, 1e-6},
	{"rank", plain, 1},
	{"yr", duration, 1},
	{"year", Dim{Calendar: 1}, 1},
})

func bySymbol(us []Unit) map[string]Unit {
	m := make(map[string]Unit, len(us))
	for _, u := range us {
		m[u.Symbol] = u
	}
	return m
}

// LookupUnit returns the unit with the given symbol.
func LookupUnit(symbol string) (Unit, bool) {
	u, ok := units[symbol]
	return u, ok
}

// UnitSymbols lists every known unit symbol, sorted, for error messages and the schema.
func UnitSymbols() []string {
	s := make([]string, 0, len(units))
	for k := range units {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// Convert expresses v, given in unit from, in unit to. It fails when the dimensions differ.
func Convert(v float64, from, to string) (float64, error) {
	f, ok := units[from]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q", from)
	}
	t, ok := units[to]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q", to)
	}
	if f.Dim != t.Dim {
		return 0, fmt.Errorf("cannot convert %s (%s) to %s (%s)", from, f.Dim, to, t.Dim)
	}
	return v * f.Scale / t.Scale, nil
}

// FormatNumber writes v with thousands separators and the given number of decimals; a negative
// decimals means "as many as the value needs, up to four".
func FormatNumber(v float64, decimals int) string {
	var s string
	if decimals < 0 {
		s = strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 4 {
			s = strconv.FormatFloat(v, 'f', 4, 64)
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
	} else {
		s = strconv.FormatFloat(v, 'f', decimals, 64)
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return s
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) > 3 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	return sign + intPart + frac
}

// FormatQuantity writes a value in its unit as a reader expects it: "$220 million",
// "1.80 %", "475×", "7th", "12.5 Mt".
func FormatQuantity(v float64, unit string, decimals int) string {
	n := FormatNumber(v, decimals)
	switch unit {
	case "USD":
		return "$" + n
	case "USD million", "USD billion", "USD trillion":
		return "$" + n + " " + strings.TrimPrefix(unit, "USD ")
	case "USD/t":
		return "$" + n + " per t"
	case "USD/kg":
		return "$" + n + " per kg"
	case "USD million/yr":
		return "$" + n + " million a year"
	case "%":
		return n + " %"
	case "x":
		return n + "×"
	case "count":
		return n
	case "year":
		return strconv.FormatFloat(v, 'f', -1, 64)
	case "rank":
		return ordinal(int(math.Round(v)))
	case "yr":
		if n == "1" {
			return "1 year"
		}
		return n + " years"
	}
	return n + " " + unit
}

func ordinal(n int) string {
	suffix := "th"
	switch n % 100 {
	case 11, 12, 13:
	default:
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
