package content_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"secu/content"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Plain text is returned as is.
		{"empty", "", ""},
		{"ascii", "Carte Vitale", "Carte Vitale"},
		{"accents", "Sécurité sociale, médecin traitant, à l'hôpital", "Sécurité sociale, médecin traitant, à l'hôpital"},
		{"emoji and CJK", "ok 😀 👍🏽 社会保障", "ok 😀 👍🏽 社会保障"},
		{"tabs and newlines kept", "a\tb\nc\n\td", "a\tb\nc\n\td"},
		{"markdown", "## What to do\n- [CPAM](cpam.md) *now*", "## What to do\n- [CPAM](cpam.md) *now*"},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},

		// CSI.
		{"CSI colour", "a\x1b[31mred\x1b[0mb", "aredb"},
		{"CSI private mode", "a\x1b[?1049hb", "ab"},
		{"CSI clear screen", "\x1b[2J\x1b[Htext", "text"},
		{"CSI unterminated", "x\x1b[1;31", "x"},

		// OSC with both terminators.
		{"OSC 0 title, BEL", "a\x1b]0;pwned\x07b", "ab"},
		{"OSC 0 title, ST", "a\x1b]0;pwned\x1b\\b", "ab"},
		{"OSC 8 hyperlink", "a\x1b]8;;http://evil.example\x07click\x1b]8;;\x07b", "aclickb"},
		{"OSC 8 hyperlink, ST", "a\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\b", "aclickb"},
		{"OSC 52 clipboard", "a\x1b]52;c;ZXZpbA==\x07b", "ab"},
		{"OSC unterminated eats its line only", "a\x1b]0;title\nnext line", "a\nnext line"},

		// String sequences.
		{"DCS", "a\x1bP1;2|xyz\x1b\\b", "ab"},
		{"APC", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"SOS", "a\x1bXsos\x1b\\b", "ab"},
		{"PM", "a\x1b^pm\x1b\\b", "ab"},

		// Other escapes.
		{"charset designation", "x\x1b(By", "xy"},
		{"RIS reset", "x\x1bcy", "xy"},
		{"lone ESC at end", "abc\x1b", "abc"},
		{"ESC at start takes one letter", "\x1babc", "bc"},

		// C1 controls in UTF-8, and the sequences they start.
		{"C1 CSI U+009B", "a\u009b31mb", "ab"},
		{"C1 OSC U+009D with C1 ST", "a\u009d0;title\u009cb", "ab"},
		{"C1 OSC U+009D with BEL", "a\u009d52;c;ZXZpbA==\x07b", "ab"},
		{"C1 DCS U+0090", "a\u0090dcs\u009cb", "ab"},
		{"C1 APC U+009F", "a\u009fapc\u009cb", "ab"},
		{"C1 NEL U+0085", "a\u0085b", "ab"},
		{"C1 U+0080", "a\u0080b", "ab"},

		// C0 controls and DEL.
		{"BEL", "a\x07b", "ab"},
		{"backspace", "secret\x08\x08\x08\x08\x08\x08public", "secretpublic"},
		{"CR", "a\rb", "ab"},
		{"NUL, DEL, VT, FF", "a\x00b\x7fc\x0bd\x0ce", "abcde"},

		// Invalid UTF-8: a raw 0x9B byte is 8-bit CSI to some terminals.
		{"raw 0x9B byte", "a\x9b31mb", "a\uFFFD31mb"},
		{"raw invalid bytes, one mark a run", "a\xff\xfeb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := content.Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if bad, ok := firstControl(got); ok {
				t.Errorf("Clean(%q) = %q still holds %q", tt.in, got, bad)
			}
			if again := content.Clean(got); again != got {
				t.Errorf("Clean is not idempotent: Clean(%q) = %q", got, again)
			}
			if n, m := strings.Count(tt.in, "\n"), strings.Count(got, "\n"); n != m {
				t.Errorf("Clean(%q) has %d newlines, want %d: line numbers would shift", tt.in, m, n)
			}
		})
	}
}

func TestCleanPlainDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("Sécurité sociale\tCarte Vitale 😀\n", 100)
	allocs := testing.AllocsPerRun(100, func() {
		if content.Clean(s) != s {
			t.Fatal("plain text changed")
		}
	})
	if allocs != 0 {
		t.Errorf("Clean of plain text made %v allocations, want 0", allocs)
	}
}

// firstControl returns the first rune Clean must remove that s still holds:
// a C0 control but tab and newline, DEL, a C1 control, or an invalid byte.
func firstControl(s string) (string, bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return s[i : i+1], true
		case (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return string(r), true
		}
		i += n
	}
	return "", false
}
