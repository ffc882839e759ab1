package answer

import (
	"strings"
	"testing"
)

func TestSaysIs(t *testing.T) {
	tests := []struct {
		text  string
		thing []string
		want  bool
	}{
		{"… and thorium, a raw material for nuclear fuel", []string{"thorium"}, true},
		{"NdPr  is an alloy of two metals", []string{"ndpr"}, true},
		{"Rare earths are a group of 17 elements", []string{"rare", "earths"}, true},
		{"Rare earths,a group", []string{"rare", "earths"}, false},
		{"Thoriumis a word", []string{"thorium"}, false},
		{"Mesothorium, a decay product", []string{"thorium"}, false},
		{"thorium is abundant", []string{"thorium"}, false},
		{"Thorium was a by-product", []string{"thorium"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := saysIs(strings.ToLower(tt.text), tt.thing); got != tt.want {
				t.Errorf("saysIs = %v, want %v", got, tt.want)
			}
		})
	}
}
