package search

import (
	"testing"

	"secu/content"
)

// BenchmarkListKeystroke10k is what the TUI does on each keystroke over a
// 10,000-entry folder: every match, best first, highlights left for the
// visible rows.
func BenchmarkListKeystroke10k(b *testing.B) {
	dir := b.TempDir()
	if err := content.WriteSynthetic(dir, 10000); err != nil {
		b.Fatal(err)
	}
	lib, err := content.Load(content.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	ix := New(lib.Entries)
	for _, q := range []string{"", "c", "ca", "car", "carte", "carte v"} {
		b.Run("q="+q, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				rs := ix.SearchAll(q, "")
				for j := 0; j < 40 && j < len(rs); j++ {
					rs[j].Highlight()
				}
			}
		})
	}
}
