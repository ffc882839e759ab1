package index

import "testing"

func TestCues(t *testing.T) {
	tests := []struct {
		q                 string
		computed, defines bool
		frames            int
	}{
		{"How much did China mine in 2024?", false, false, 0},
		{"What share of world output is Chinese?", true, false, 0},
		{"how did it compare with 2023", true, false, 0},
		{"How long would it take to mine it all?", true, false, 0},
		{"price per kg of NdPr", true, false, 0},
		{"production per year at Beylikova", false, false, 0},
		{"What does NdPr mean?", false, true, 0},
		{"What exactly counts as a rare earth element?", false, true, 1},
		{"what is a mixed oxide made of", false, true, 0},
		{"what's NdPr?", false, true, 0},
		{"What is the capital city of France?", false, false, 0},
		{"Define heavy rare earths", false, true, 0},
		{"Is scandium classified as a rare earth?", false, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			ws := typedWords(tt.q)
			if got := computedAsked(ws); got != tt.computed {
				t.Errorf("computedAsked = %v, want %v", got, tt.computed)
			}
			if got := defineAsked(tt.q, ws); got != tt.defines {
				t.Errorf("defineAsked = %v, want %v", got, tt.defines)
			}
			if got := len(frames(ws)); got != tt.frames {
				t.Errorf("frames: got %d, want %d", got, tt.frames)
			}
		})
	}
}
