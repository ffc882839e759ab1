package knowledge

import "testing"

// BenchmarkLoadDir loads the built-in fact files from disk: "fresh" parses and checks every
// file, as the first load of a process does; "unchanged" is a reload of the same files, as a
// reindex after an edit to another file mostly is.
func BenchmarkLoadDir(b *testing.B) {
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			forgetCheckedFiles()
			if _, err := LoadDir("data"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		forgetCheckedFiles()
		if _, err := LoadDir("data"); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := LoadDir("data"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
