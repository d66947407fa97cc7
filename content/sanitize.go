package content

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Clean removes terminal escape sequences (CSI, OSC, DCS, APC, SOS, PM, and
// their 8-bit C1 forms such as U+009B) and every C0/C1 control character
// except newline and tab. Invalid UTF-8 becomes U+FFFD. Content may come
// from an untrusted folder, and none of it may drive the terminal.
//
// Clean keeps every newline, so line numbers stay right: a sequence never
// spans lines, and an unterminated one only swallows the rest of its line.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			b.WriteString(cleanLine(s))
			return b.String()
		}
		b.WriteString(cleanLine(s[:i]))
		b.WriteByte('\n')
		s = s[i+1:]
	}
}

func cleanLine(s string) string {
	if isPlain(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	// A terminal may read U+0080–U+009F as the 8-bit form of ESC + a
	// letter (U+009B is CSI): rewrite them so that Strip removes the whole
	// sequence, parameters included, not just its first character.
	if strings.IndexByte(s, 0xc2) >= 0 {
		s = c1ToESC(s)
	}
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

// c1ToESC rewrites each C1 control U+0080–U+009F as its 7-bit equivalent,
// ESC followed by the character 0x40 lower.
func c1ToESC(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f {
			b.WriteByte(0x1b)
			b.WriteByte(byte(r - 0x40))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isControl reports the runes Clean removes: C0 controls but newline and
// tab, DEL and the C1 controls.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

// isPlain reports whether s is valid UTF-8 with no control characters at
// all, the common case, so that loading the guide does not copy every
// string. It works on bytes: a raw 0x9B byte (invalid UTF-8, but 8-bit CSI
// to some terminals) is not plain.
func isPlain(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			if c != '\n' && c != '\t' {
				return false
			}
		case c == 0x7f:
			return false
		case c >= 0x80:
			ascii = false
			// U+0080–U+009F are encoded C2 80 … C2 9F.
			if c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return false
			}
		}
	}
	return ascii || utf8.ValidString(s)
}
