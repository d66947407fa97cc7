package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"secu/content"
)

func TestTermSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain\ntext", "plain\ntext"},
		{"\x1b[1;38;5;252mbold\x1b[0m", "\x1b[1;38;5;252mbold\x1b[0m"},
		{"\x1b]8;;https://x.y/%C3%9C\x07link\x1b]8;;\x07", "\x1b]8;;https://x.y/%C3%9C\x07link\x1b]8;;\x07"},
		{"\x1b]8;;https://x.y\x1b\\l\x1b]8;;\x1b\\", "\x1b]8;;https://x.y\x1b\\l\x1b]8;;\x1b\\"},
		// A raw 0x9C inside the URL: the sequence is dropped whole, no
		// C1 byte or BEL survives.
		{"\x1b]8;;https://x.y/\xc3\x9c\xe6\x9c\xac\x07link", "Ü本link"},
		{"a\x1b]0;title\x07b", "ab"},
		{"a\x1b[2Jb\x1b[10Ac", "abc"},
		{"bell\a, cr\r, nel\u0085, csi\u009b31m", "bell, cr, nel, csi31m"},
		{"tab\there", "tab here"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"\x1bPq#0\x1b\\x", "x"},
		{"end\x1b", "end"},
	}
	for _, tt := range tests {
		got := termSafe(tt.in)
		if got != tt.want {
			t.Errorf("termSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if bad := strayControl(got); bad != "" {
			t.Errorf("termSafe(%q) left %s", tt.in, bad)
		}
	}
}

// strayControl returns a description of the first control in s that is not
// newline, part of an SGR sequence or part of an OSC 8 hyperlink with a
// printable ASCII URL, or "".
func strayControl(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n, ok := escapeAt(s[i:])
			if !ok {
				return "an escape sequence " + strings.ReplaceAll(s[i:i+n], "\x1b", "ESC")
			}
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return "control " + strings.TrimPrefix(string(rune(r)), "")
		case r == utf8.RuneError && n == 1:
			return "invalid UTF-8"
		}
		i += n
	}
	return ""
}

// bodyLibrary loads one entry with the given body, next to a "cpam" entry.
func bodyLibrary(t testing.TB, body string) (*content.Library, error) {
	t.Helper()
	return content.Load(fstest.MapFS{
		"x.md":    {Data: []byte("---\nid: x\nkind: term\ntitle: X\nwebsite: https://x.de/Ü\nsources: [https://x.jp/本]\n---\n" + body)},
		"cpam.md": {Data: []byte("---\nid: cpam\nkind: agency\ntitle: CPAM\n---\nThe office.\n")},
	})
}

var allStyles = []string{"dark", "light", "notty"}

// TestRenderLeaksNoControl renders links whose URL holds the byte 0x9C
// (Ü, 本, ✔) in every style, for show and for the TUI.
func TestRenderLeaksNoControl(t *testing.T) {
	body := "Read [the page](https://example.com/Ü本✔) or https://ex.jp/本✔ or <https://x.y/✔>.\n\n" +
		"[ref]: https://x.y/Ü\n\nSee [ref] and [CPAM](cpam.md) ✔️ ❤️.\n"
	lib, err := bodyLibrary(t, body)
	if err != nil {
		t.Fatal(err)
	}
	e := lib.Get("x")
	for _, st := range allStyles {
		out, err := RenderEntry(lib, e, 60, st)
		if err != nil {
			t.Fatal(err)
		}
		if bad := strayControl(out); bad != "" {
			t.Errorf("show --style %s: %s in\n%q", st, bad, out)
		}
		p := newPageCache(lib).render(e, pageKey{e.ID, 60, st})
		if bad := strayControl(strings.Join(p.lines, "\n")); bad != "" {
			t.Errorf("TUI page, %s: %s", st, bad)
		}
		if !strings.Contains(strings.Join(p.plain, "\n"), "%E6%9C%AC") {
			t.Errorf("%s: the URL is not shown encoded:\n%s", st, strings.Join(p.plain, "\n"))
		}
	}
}

// atLimits are bodies just within content's limits: each must render
// quickly.
func atLimits() map[string]string {
	nest := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "x" + strings.Repeat(close, n)
	}
	var lists strings.Builder
	for i := range content.MaxNesting {
		lists.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return map[string]string{
		"quotes":     strings.Repeat("> ", content.MaxNesting) + "deep\n",
		"lists":      lists.String(),
		"emphasis":   nest("*a ", " a*", content.MaxEmphasis),
		"headings":   strings.Repeat("## Heading\n\ntext\n\n", content.MaxHeadings),
		"links":      strings.Repeat("[a](https://x.y/Ü) ", content.MaxLinks),
		"size":       strings.Repeat(strings.Repeat("A line of ordinary words, long enough to wrap. ", 10)+"\n\n", content.MaxBodyBytes/472-1),
		"blocks":     strings.Repeat("- item\n", content.MaxBlocks-1),
		"table":      "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", content.MaxBlocks-2),
		"paragraphs": strings.Repeat("A paragraph.\n\n", content.MaxBlocks),
		"brackets":   strings.Repeat("[a] ", content.MaxBrackets-1),
		"long line":  strings.Repeat("word ", content.MaxBodyBytes/5-1),
	}
}

func TestRenderAtLimitsIsQuick(t *testing.T) {
	for name, body := range atLimits() {
		t.Run(name, func(t *testing.T) {
			if line, msg, ok := content.CheckBody(body); !ok {
				t.Fatalf("CheckBody refused it: line %d: %s", line, msg)
			}
			lib, err := bodyLibrary(t, body)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			out, err := RenderEntry(lib, lib.Get("x"), 80, "dark")
			if err != nil {
				t.Fatal(err)
			}
			d := time.Since(start)
			t.Logf("%s: %v, %d bytes", name, d, len(out))
			if d > hang {
				t.Errorf("rendering took %v", d)
			}
		})
	}
}

// FuzzRender: any body that content accepts renders, in every style,
// without a panic, within a bound, and its output holds no stray control.
func FuzzRender(f *testing.F) {
	for _, b := range atLimits() {
		if len(b) < 4096 {
			f.Add(b)
		}
	}
	f.Add("Read [the page](https://example.com/Ü本✔) and <https://x.y/✔>.")
	f.Add("*a **b** c* [x](cpam.md) `code [y](nope.md)`\n\n```\n[z](z.md)\n```")
	f.Add("> - > 1. **x**\n>\n> ~~y~~ | a |\n|---|\n| b |")
	f.Add("\u202eevil\u202c zero\u200bwidth co\u00adop ❤️ \x1b]8;;https://e\x07x\x1b]8;;\x07 \u009b2J")
	f.Fuzz(func(t *testing.T, body string) {
		lib, err := bodyLibrary(t, body)
		if err != nil {
			return // refused by validation: never rendered
		}
		e := lib.Get("x")
		if _, _, ok := content.CheckBody(e.Body); !ok {
			return // shown as a notice, not rendered
		}
		for _, st := range allStyles {
			start := time.Now()
			out, err := RenderEntry(lib, e, 40, st)
			if err != nil {
				t.Fatalf("%s: %v", st, err)
			}
			if d := time.Since(start); d > hang {
				t.Fatalf("%s: rendering took %v", st, d)
			}
			if bad := strayControl(out); bad != "" {
				t.Fatalf("%s: %s in %q", st, bad, out)
			}
			p := newPageCache(lib).render(e, pageKey{e.ID, 40, st})
			if bad := strayControl(strings.Join(p.lines, "\n")); bad != "" {
				t.Fatalf("TUI %s: %s", st, bad)
			}
		}
	})
}

// TestTUIViewLeaksNoControl checks the whole TUI frame, not only the
// page: an entry with URLs holding the byte 0x9C, invisible and wide
// characters in its title, opened in the reader, in every style.
func TestTUIViewLeaksNoControl(t *testing.T) {
	lib, err := content.Load(fstest.MapFS{
		"x.md": {Data: []byte("---\nid: x\nkind: term\ntitle: \"Ti\\u202etle ❤️ co\\u00adop\"\nwebsite: https://x.de/Ü\n---\n" +
			"Read [the page](https://example.com/Ü本✔) or https://ex.jp/本✔, and [CPAM](cpam.md).\n")},
		"cpam.md": {Data: []byte("---\nid: cpam\nkind: agency\ntitle: CPAM\n---\nThe office.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range allStyles {
		m := newModelWith(t, Options{Library: lib, Style: st, Query: "title"}, 100, 20)
		press(m, "enter")
		v := m.View()
		if !strings.Contains(m.screenText(), "Read the page") {
			t.Fatalf("%s: the entry is not shown:\n%s", st, m.screenText())
		}
		if bad := strayControl(v.Content); bad != "" {
			t.Errorf("%s: %s in the frame %q", st, bad, v.Content)
		}
		for _, r := range []string{"\u202e", "\u00ad", "\ufe0f"} {
			if strings.Contains(v.Content, r) {
				t.Errorf("%s: %U in the frame", st, []rune(r)[0])
			}
		}
		for i, l := range strings.Split(m.screenText(), "\n") {
			if w := ansi.StringWidth(l); w > 100 {
				t.Errorf("%s: line %d is %d wide", st, i, w)
			}
		}
	}
}

// TestRendererRefusesOverLimits: whatever reaches the renderer, even an
// entry built without Load, is checked before Glamour sees it: show gets
// an error, the reader a notice, at once, and nothing crashes.
func TestRendererRefusesOverLimits(t *testing.T) {
	lib, err := bodyLibrary(t, "Fine.")
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*content.Entry{
		"body":  {ID: "a", Title: "A", Path: "a.md", BodyLine: 6, Body: strings.Repeat("*", 80000) + "a" + strings.Repeat("*", 80000)},
		"quote": {ID: "b", Title: "B", Path: "b.md", BodyLine: 6, Body: strings.Repeat(">", 1000) + " a"},
		"title": {ID: "c", Title: strings.Repeat("*", 400) + "a", Path: "c.md", BodyLine: 6, Body: "Fine."},
	} {
		start := time.Now()
		if _, err := RenderEntry(lib, e, 80, "dark"); err == nil || !strings.Contains(err.Error(), "the limit is") {
			t.Errorf("%s: RenderEntry error %v", name, err)
		}
		p := newPageCache(lib).render(e, pageKey{e.ID, 80, "dark"})
		if text := strings.Join(p.plain, " "); !strings.Contains(text, "This entry is not shown") {
			t.Errorf("%s: page %q", name, text)
		}
		if d := time.Since(start); d > hang {
			t.Errorf("%s: took %v", name, d)
		}
	}
}
