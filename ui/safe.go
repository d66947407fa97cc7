package ui

import (
	"strings"
	"unicode/utf8"
)

// termSafe is the last check on what the reader sends to the terminal: it
// keeps text, SGR sequences (ESC [ … m) and OSC 8 hyperlinks whose URL is
// printable ASCII, and drops every other escape sequence and every C0 and
// C1 control but newline (a tab becomes a space). Content is sanitised on
// load, but the renderer adds its own bytes, and this holds whatever a
// library version or a new code path does.
func termSafe(s string) string {
	if plainText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, keep := escapeAt(s[i:])
			if keep {
				b.WriteString(s[i : i+n])
			}
			i += n
		case c == '\n':
			b.WriteByte(c)
			i++
		case c == '\t':
			b.WriteByte(' ')
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < 0x80:
			b.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				b.WriteString("\uFFFD")
			case r >= 0x80 && r <= 0x9f:
			default:
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

// plainText reports text with no escape and no control but newline: the
// common case for notty output.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f || c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0 {
			return false
		}
	}
	return utf8.ValidString(s)
}

// escapeAt measures the escape sequence at the start of s (s[0] is ESC)
// and tells whether it is one the reader may send.
func escapeAt(s string) (int, bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[':
		j := 2
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
			j++
		}
		if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
			ok := s[j] == 'm'
			for k := 2; k < j && ok; k++ {
				ok = s[k] >= '0' && s[k] <= '9' || s[k] == ';' || s[k] == ':'
			}
			return j + 1, ok
		}
		return j, false
	case ']', 'P', '_', '^', 'X':
		// A string sequence: up to BEL or ESC \, or a control that
		// cannot be part of it.
		for j := 2; j < len(s); j++ {
			switch {
			case s[j] == 0x07:
				return j + 1, isHyperlink(s[2:j])
			case s[j] == 0x1b:
				if j+1 < len(s) && s[j+1] == '\\' {
					return j + 2, isHyperlink(s[2:j])
				}
				return j, false
			case s[j] < 0x20 || s[j] >= 0x7f:
				return j, false
			}
		}
		return len(s), false
	}
	if s[1] >= 0x20 && s[1] < 0x7f {
		return 2, false
	}
	return 1, false
}

// isHyperlink reports an OSC 8 body ("8;params;url") of printable ASCII.
func isHyperlink(body string) bool {
	if !strings.HasPrefix(body, "8;") || strings.Count(body, ";") < 2 {
		return false
	}
	for i := 0; i < len(body); i++ {
		if body[i] < 0x20 || body[i] >= 0x7f {
			return false
		}
	}
	return true
}
