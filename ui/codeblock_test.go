package ui

import (
	"testing"
)

// TestCodeBlocksAreNotHighlighted: Chroma's backtracking lexers took up to
// 40 s on crafted code (a makefile block of 16 KB), so code is shown
// without highlighting. The cause is tested, not the time: a block renders
// the same whatever language it names.
func TestCodeBlocksAreNotHighlighted(t *testing.T) {
	const code = "my $x = \"a\\\"\" . <<EOF; # comment\nSELECT * FROM t WHERE a = 'b';\nEOF\n"
	plain := ""
	for _, lang := range []string{"", "makefile", "perl", "sql", "c", "go"} {
		lib, err := bodyLibrary(t, "```"+lang+"\n"+code+"```\n")
		if err != nil {
			t.Fatal(err)
		}
		for _, style := range []string{"dark", "light"} {
			out, err := RenderEntry(lib, lib.Get("x"), 80, style)
			if err != nil {
				t.Fatal(err)
			}
			if lang == "" && style == "dark" {
				plain = out
				continue
			}
			if style == "dark" && out != plain {
				t.Errorf("a %q block renders differently from a plain one: it is highlighted", lang)
			}
		}
	}
}
