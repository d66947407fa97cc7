package search

import (
	"testing"

	"secu/content"
)

// BenchmarkListKeystroke10k is what the TUI does on each keystroke over a
// 10,000-entry folder: every match, the tabs' counts, and the first screen
// sorted and highlighted.
func BenchmarkListKeystroke10k(b *testing.B) {
	lib := syntheticFolder(b, 10000)
	ix := New(lib.Entries)
	for _, q := range []string{"", "c", "ca", "car", "carte", "carte v"} {
		b.Run("q="+q, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				listKeystroke(ix, q)
			}
		})
	}
}

// listKeystroke does what the list does with a query: the matches, the
// count of each tab, and the first screen of results, highlighted.
func listKeystroke(ix *Index, q string) {
	m := ix.Matches(q, "")
	for _, k := range content.Kinds {
		m.Count(k)
	}
	for j := 0; j < 40 && j < m.Len(); j++ {
		m.At(j).Highlight()
	}
}
