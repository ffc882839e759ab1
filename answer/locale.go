package answer

// Localize writes an English quantity ("270,000 t", "69.2 %", "about $12 billion") in the
// notation of lang, as the direct answers do: "270.000 t", "%69,2", "yaklaşık $12 milyar" for
// "tr". Any other lang returns s as it is.
func Localize(lang, s string) string { return localize(lang, s) }
