package index

import "testing"

func TestNumberText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1,200", "1200"},
		{"270,000", "270000"},
		{"12,5", "12.5"},
		{"1.234,5", "1234.5"},
		{"12.5", "12.5"},
		{"1,234,567", "1234567"},
	}
	for _, tt := range tests {
		if got := NumberText(tt.in); got != tt.want {
			t.Errorf("NumberText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
