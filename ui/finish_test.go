package ui

import (
	"strings"
	"testing"
	"testing/fstest"

	"secu/content"
)

// A folder opened with content.Open (a big one, in secu) shows its list
// before its bodies are checked; a problem Finish then finds is told in
// the footer, and the entries stay readable.
func TestFinishProblemsShown(t *testing.T) {
	entry := func(id, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nid: " + id + "\nkind: term\ntitle: Entry " + id + "\n---\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"a.md": entry("a", "Links to [b](b.md)."),
		"b.md": entry("b", "Links to [nowhere](gone.md)."),
	}
	lib, err := content.Open(fsys)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	m := newModelWith(t, Options{Library: lib, Style: "dark", Folder: "notes"}, 120, 30)
	screen := screenOf(m)
	if !strings.Contains(screen, "This folder has 1 problem (run 'secu validate' on it); the first: b.md:6: link to a missing entry") {
		t.Fatalf("no problem notice in the footer:\n%s", screen)
	}
	press(m, "b")
	press(m, "enter")
	if screen := screenOf(m); !strings.Contains(screen, "nowhere") {
		t.Errorf("entry b is not readable:\n%s", screen)
	}
}
