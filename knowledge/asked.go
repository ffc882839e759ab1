package knowledge

import (
	"regexp"
	"strings"
)

// unitWords are the ways a question names a unit it wants an answer in.
var unitWords = regexp.MustCompile(`(?i)\b(feet|foot|ft|metres?|meters?|kilomet(?:re|er)s?|km|kilograms?|kg|(?:thousand|million|billion) (?:tonnes|tons)|kt|tonnes?|tons?)\b`)

var unitOfWord = map[string]string{
	"feet": "ft", "foot": "ft", "ft": "ft", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
	"kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "km": "km",
	"kilogram": "kg", "kilograms": "kg", "kg": "kg", "kt": "kt",
	"thousand tonnes": "kt", "thousand tons": "kt", "million tonnes": "Mt", "million tons": "Mt",
	"billion tonnes": "Bt", "billion tons": "Bt", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
}

// AskedUnits returns the units a question names, as unit symbols in the order they appear,
// each once: "How many feet per site?" asks for ft.
func AskedUnits(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range unitWords.FindAllString(q, -1) {
		u := unitOfWord[strings.ToLower(w)]
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}
