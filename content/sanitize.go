package content

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Clean removes terminal escape sequences (CSI, OSC, DCS, APC, SOS, PM, and
// their 8-bit C1 forms such as U+009B), every C0/C1 control character
// except newline and tab, and the invisible characters of isInvisible. Invalid UTF-8 becomes U+FFFD. Content may come
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
	rs := []rune(s)
	out := rs[:0]
	for i, r := range rs {
		switch {
		case isControl(r), isInvisible(r):
			continue
		case r == zwj:
			// Kept only inside an emoji sequence (👩‍💻), where it joins.
			if len(out) == 0 || i+1 >= len(rs) || !isEmoji(out[len(out)-1]) || !isEmoji(rs[i+1]) {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

const zwj = '\u200d'

// isInvisible reports the characters Clean drops because they change how
// text reads or how wide it is without showing: bidi overrides, embeddings
// and isolates (a title could read differently from what it is),
// zero-width spaces and joiners, and two that terminals and Lip Gloss
// measure differently: the soft hyphen (0 columns in Lip Gloss, 1 in
// tmux) and the variation selectors (❤️ is 2 columns in Lip Gloss and 1
// in tmux; without its selector it is 1 in both).
func isInvisible(r rune) bool {
	switch {
	case r == '\u00ad', r == '\u061c', r == '\u180e',
		r >= '\u200b' && r <= '\u200c', r >= '\u200e' && r <= '\u200f',
		r >= '\u202a' && r <= '\u202e',
		r >= '\u2060' && r <= '\u2064', r >= '\u2066' && r <= '\u206f',
		r == '\ufe0e', r == '\ufe0f', r == '\ufeff':
		return true
	}
	return false
}

// isEmoji is a loose test for a pictograph or an emoji modifier, enough to
// tell a joiner inside an emoji sequence from a stray one.
func isEmoji(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r == 0x2640 || r == 0x2642
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
			// The characters isInvisible drops start with these bytes.
			if c == 0xc2 || c == 0xd8 || c == 0xe1 || c == 0xe2 || c == 0xef {
				if r, _ := utf8.DecodeRuneInString(s[i:]); isInvisible(r) || r == zwj {
					return false
				}
			}
		}
	}
	return ascii || utf8.ValidString(s)
}
