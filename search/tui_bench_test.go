package search

import (
	"os"
	"testing"

	"secu/content"
)

func BenchmarkTUIKeystroke10k(b *testing.B) {
	lib, err := content.Load(os.DirFS("/tmp/big"))
	if err != nil {
		b.Skip(err)
	}
	ix := New(lib.Entries)
	for _, q := range []string{"", "c", "ca", "car", "carte", "carte v"} {
		b.Run(q, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ix.SearchAll(q, "")
			}
		})
	}
}
