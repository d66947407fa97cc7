package ui

import (
	"slices"
	"testing"
	"testing/fstest"

	"secu/content"
)

// The start page's "Most used": most cited first, ties in list order,
// guides left out, at most n.
func TestMostLinked(t *testing.T) {
	entry := func(id, kind, see string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nid: " + id + "\nkind: " + kind + "\ntitle: " + id + "\nsee_also: [" + see + "]\n---\nText.\n")}
	}
	lib, err := content.Load(fstest.MapFS{
		"a.md": entry("a", "agency", "c, d"),
		"b.md": entry("b", "agency", "c, d, g"),
		"c.md": entry("c", "term", "d, g"),
		"d.md": entry("d", "term", "g, c"),
		"g.md": entry("g", "guide", "a"),
	})
	if err != nil {
		t.Fatal(err)
	}
	// c: a, b, d (3); d: a, b, c (3); g: 3 but a guide; a: g (1).
	for n, want := range map[int][]string{1: {"c"}, 2: {"c", "d"}, 6: {"c", "d", "a"}} {
		if got := mostLinked(lib, n); !slices.Equal(got, want) {
			t.Errorf("mostLinked(%d) = %v, want %v", n, got, want)
		}
	}
}
