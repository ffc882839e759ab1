package knowledge

import (
	"math"
	"testing"
)

func TestFormatQuantity(t *testing.T) {
	tests := []struct {
		v        float64
		unit     string
		decimals int
		want     string
	}{
		{12.5, "Mt", -1, "12.5 Mt"},
		{125000, "m", -1, "125,000 m"},
		{1200, "t/yr", -1, "1,200 t/yr"},
		{1.8011527, "%", 2, "1.80 %"},
		{475, "x", 0, "475×"},
		{5.714, "x", 1, "5.7×"},
		{385.96, "USD/t", 0, "$386 per t"},
		{220, "USD million/yr", -1, "$220 million a year"},
		{7, "USD billion", -1, "$7 billion"},
		{4, "USD trillion", -1, "$4 trillion"},
		{310, "count", -1, "310"},
		{7, "rank", 0, "7th"},
		{3, "rank", 0, "3rd"},
		{12, "rank", 0, "12th"},
		{22, "rank", 0, "22nd"},
		{1957, "year", -1, "1957"},
		{37, "yr", -1, "37 years"},
		{1, "yr", -1, "1 year"},
		{-1234.5, "t", -1, "-1,234.5 t"},
		{0.123456789, "%", -1, "0.1235 %"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatQuantity(tt.v, tt.unit, tt.decimals); got != tt.want {
				t.Errorf("FormatQuantity(%v, %q, %d) = %q, want %q", tt.v, tt.unit, tt.decimals, got, tt.want)
			}
		})
	}
}

func TestConvert(t *testing.T) {
	tests := []struct {
		v        float64
		from, to string
		want     float64
		wantErr  bool
	}{
		{125000, "m", "ft", 410104.99, false},
		{12.5, "Mt", "t", 12.5e6, false},
		{44, "Mt", "kt", 44000, false},
		{56, "USD/kg", "USD/t", 56000, false},
		{1.75, "%", "x", 0.0175, false},
		{1, "Mt", "m", 0, true},
		{1, "tonnes", "t", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.from+"→"+tt.to, func(t *testing.T) {
			got, err := Convert(tt.v, tt.from, tt.to)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Convert(%v, %q, %q) error = %v, want error %v", tt.v, tt.from, tt.to, err, tt.wantErr)
			}
			if !tt.wantErr && math.Abs(got-tt.want) > 0.01 {
				t.Errorf("Convert(%v, %q, %q) = %v, want %v", tt.v, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestEquation(t *testing.T) {
	show := func(name string) string {
		if v, ok := map[string]string{"a": "12.5 Mt", "b": "694 Mt", "s": "[13 figures]"}[name]; ok {
			return v
		}
		return name
	}
	tests := []struct{ formula, want string }{
		{"a / b", "12.5 Mt ÷ 694 Mt"},
		{"(a - b) * 2", "(12.5 Mt − 694 Mt) × 2"},
		{"1 + count(s, # > a)", "1 + count([13 figures], # > 12.5 Mt)"},
	}
	for _, tt := range tests {
		t.Run(tt.formula, func(t *testing.T) {
			if got := equation(tt.formula, show); got != tt.want {
				t.Errorf("equation(%q) = %q, want %q", tt.formula, got, tt.want)
			}
		})
	}
}
