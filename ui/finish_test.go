package ui

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/charmbracelet/x/ansi"

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

// earlyFrame writes the first frame as Bubble Tea will: alternate screen,
// cursor hidden, the screen's text with CRLF line ends (the terminal is
// not in raw mode yet) and no line longer than the screen.
func TestEarlyFrame(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	m := newModelWith(t, Options{Library: guide(t), Width: 60, Height: 12}, 60, 12)
	f, err := os.CreateTemp(t.TempDir(), "frame")
	if err != nil {
		t.Fatal(err)
	}
	if !earlyFrame(f, m) {
		t.Fatal("earlyFrame wrote nothing")
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	head, body, ok := strings.Cut(out, "\x1b[H\x1b[2J")
	if !ok || !strings.Contains(head, "\x1b[?1049h") || !strings.Contains(head, "\x1b[?25l") {
		t.Fatalf("no alternate screen, hidden cursor and clear first: %q", head)
	}
	lines := strings.Split(body, "\r\n")
	if len(lines) != 12 {
		t.Errorf("%d lines, want 12", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 60 || strings.Contains(l, "\n") {
			t.Errorf("line %q: width %d", l, w)
		}
	}
	if !strings.Contains(body, "French social security") {
		t.Errorf("no header in %q", body)
	}
}
