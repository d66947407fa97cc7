package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Issue 15: hostile content, escape leaks and the number in messages,
// checked on the built binary.

func entryFile(id, body string) string {
	return "---\nid: " + id + "\nkind: term\ntitle: " + strings.ToUpper(id) + "\n---\n" + body
}

// strayControl returns the first control in s that is not a newline, an
// SGR sequence or an OSC 8 hyperlink with a printable ASCII URL.
func strayControl(s string) string {
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			j := i + 1
			switch {
			case j < len(s) && s[j] == '[':
				j++
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
					j++
				}
				if j >= len(s) || s[j] != 'm' {
					return "a CSI sequence that is not SGR"
				}
				i = j + 1
			case strings.HasPrefix(s[j:], "]8;"):
				k := strings.IndexByte(s[j:], 0x07)
				if k < 0 {
					return "an unterminated OSC 8"
				}
				for _, c := range []byte(s[j : j+k]) {
					if c < 0x20 || c >= 0x7f {
						return "a non-ASCII byte in an OSC 8 URL"
					}
				}
				i = j + k + 1
			default:
				return "an escape sequence"
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			return "a control character"
		case r == utf8.RuneError && n == 1:
			return "invalid UTF-8"
		}
		i += n
	}
	return ""
}

func TestShowURLWithByte9C(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"x.md": entryFile("x", "See [the page](https://example.com/Ü本✔) and https://ex.jp/本✔ and <https://x.y/✔>.\n\n"+
			"```\n[literal](missing.md) https://x.y/✔\n```\n\nTitle \u202eevil\u202c, zero\u200bwidth, co\u00adop, ❤️ ✔️.\n"),
	})
	for _, style := range []string{"dark", "light", "notty"} {
		r := runSecu(t, "--content", dir, "--style", style, "show", "x")
		wantCode(t, r, 0)
		if bad := strayControl(r.stdout); bad != "" {
			t.Errorf("--style %s: %s in\n%q", style, bad, r.stdout)
		}
		for _, w := range []string{"%E6%9C%AC", "[literal](missing.md)"} {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("--style %s: no %q in\n%s", style, w, r.stdout)
			}
		}
		for _, invisible := range []string{"\u202e", "\u200b", "\u00ad", "\ufe0f"} {
			if strings.Contains(r.stdout, invisible) {
				t.Errorf("--style %s: %U reached the output", style, []rune(invisible)[0])
			}
		}
	}
}

// hostileBodies froze or crashed show and the TUI before the limits; each
// is now refused by validate with the file, the line and the limit.
var hostileBodies = []struct{ name, body, want string }{
	{"deep emphasis", strings.Repeat("*", 30000) + "a" + strings.Repeat("*", 30000), "x.md:6: emphasis or links nested 30000 deep (the limit is 6)"},
	{"nested quotes", "Intro.\n\n" + strings.Repeat(">", 1000) + " a\n", "x.md:8: block quotes and lists nested 1000 deep (the limit is 8)"},
	{"nested lists", strings.Repeat("- ", 1000) + "a\n", "x.md:6: block quotes and lists nested 1000 deep (the limit is 8)"},
	{"headings", strings.Repeat("# h\n", 10000), "x.md:106: more than 100 headings (the limit is 100)"},
	{"links", strings.Repeat("[](", 20000), "x.md:6: more than 500 links (the limit is 500)"},
	{"size", strings.Repeat("some words\n", 7000), "body too long: over 64 KiB (the limit is 64 KiB)"},
	{"many blocks", strings.Repeat("term\n: definition\n\n", 2000), "x.md:756: more than 500 lines of text"},
	{"code", "```makefile\n" + strings.Repeat("${", 8000) + "\n```\n", ""},
	{"secu: link", "See [it](secu:nowhere).\n", "x.md:6: link to a missing entry \"nowhere.md\""},
}

func TestValidateRefusesHostileBodies(t *testing.T) {
	for _, tt := range hostileBodies {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"x.md": entryFile("x", tt.body)})
			start := time.Now()
			r := runSecu(t, "validate", dir)
			if d := time.Since(start); d > hang {
				t.Errorf("validate took %v", d)
			}
			if tt.want == "" {
				// Accepted: show must then print it quickly.
				wantCode(t, r, 0)
				start = time.Now()
				wantCode(t, runSecu(t, "--content", dir, "--style", "dark", "show", "x"), 0)
				if d := time.Since(start); d > hang {
					t.Errorf("show took %v", d)
				}
				return
			}
			wantCode(t, r, 2)
			if !strings.Contains(r.stdout, filepath.Join(dir, tt.want)) && !strings.Contains(r.stdout, tt.want) {
				t.Errorf("want %q\n%s", tt.want, r)
			}
			r = runSecu(t, "--content", dir, "show", "x")
			wantCode(t, r, 2)
		})
	}
}

func TestLinkInCodeIsNotChecked(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"x.md": entryFile("x", "Code: `[a](nope.md)`\n\n```\n[b](nope.md)\n```\n")})
	r := runSecu(t, "validate", dir)
	wantCode(t, r, 0)
}

func TestLimitIsBounded(t *testing.T) {
	for _, n := range []string{"2305843009213693952", "9223372036854775807", "100001"} {
		r := runSecu(t, "search", "a", "--limit", n)
		wantCode(t, r, 2)
		wantOneLineError(t, r)
		if !strings.Contains(r.stderr, "--limit must be between 1 and 100000") {
			t.Errorf("--limit %s\n%s", n, r)
		}
	}
	wantCode(t, runSecu(t, "search", "carte", "--limit", "100000"), 0)
}

func TestCompletionUsage(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		r := runSecu(t, args...)
		wantCode(t, r, 2)
		wantOneLineError(t, r)
		if r.stdout != "" {
			t.Errorf("stdout is not empty\n%s", r)
		}
	}
}

func TestBooleanFlagMessage(t *testing.T) {
	r := runSecu(t, "--json=maybe", "list")
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "--json is a boolean flag") || strings.Contains(r.stderr, "number") {
		t.Errorf("want a boolean-flag message\n%s", r)
	}
}

// TestNumberMaskedInMessages: a number typed by mistake as a query, an
// argument or a flag value never comes back in full.
func TestNumberMaskedInMessages(t *testing.T) {
	const n = "255081416802538"
	for _, args := range [][]string{
		{n},
		{"show", n},
		{"search", n},
		{"show", "2 55 08 14 168 025 38"},
		{"nir", "--json=" + n},
		{"--json=" + n, "list"},
		{"--bogus=" + n},
		{"--" + n},
		{"--kind", n, "list"},
		{"--kind=" + n + "x", "list"},
		{"-" + n},
		{"--width", n, "show", "cpam"},
		{"--limit", n, "search", "a"},
		{"--content", n, "list"},
		{"validate", n},
		{"completion", n},
		{n, "extra", "--kind", "x"},
	} {
		r := runSecuIn(t, "", args...)
		if r.code == 0 {
			t.Errorf("%v: exit 0\n%s", args, r)
		}
		noNumberLeak(t, r, n)
	}
}

func TestMaskNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{`not "255081416802538"`, `not "2 •• •• •• ••• ••• 38"`},
		{"x 2 55 08 14 168 025 38 y", "x 2 •• •• •• ••• ••• 38 y"},
		{"2A5081416802538", "2 •• •• •• ••• ••• 38"},
		{"phone 01 23 45 67 89, year 2026", "phone 01 23 45 67 89, year 2026"},
		{"/tmp/Test1151634274/001/x.md", "/tmp/Test1151634274/001/x.md"},
		{`not "x255081416802538y"`, `not "x2 •• •• •• ••• ••• 38y"`},
	}
	for _, tt := range tests {
		if got := maskNumbers(tt.in); got != tt.want {
			t.Errorf("maskNumbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLinkedFilesValidate: a 1 MiB entry under 1,000 hard links is read
// once; validate says so for each name and stays small and quick.
func TestLinkedFilesValidate(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "a.md")
	writeFiles(t, dir, map[string]string{"a.md": entryFile("a", strings.Repeat("word ", 200_000))})
	for i := range 1000 {
		if err := os.Link(first, filepath.Join(dir, "h"+strconv.Itoa(i)+".md")); err != nil {
			t.Skip("no hard links here:", err)
		}
	}
	start := time.Now()
	r := runSecu(t, "validate", dir)
	wantCode(t, r, 2)
	if n := strings.Count(r.stdout, "the same file as a.md (a hard or symbolic link)"); n != 1000 {
		t.Errorf("%d lines name the linked file, want 1000\n%s", n, clip(r.stdout))
	}
	if d := time.Since(start); d > hang {
		t.Errorf("validate took %v", d)
	}
}

// hang is how long a command may take before a test calls it a hang: a
// bound against the minutes the unlimited input took, never a speed
// budget (those are benchmarks), so generous on a loaded machine.
const hang = 20 * time.Second
