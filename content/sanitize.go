package content

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Clean removes terminal escape sequences (CSI, OSC, DCS, APC, ...) and every
// C0/C1 control character except newline and tab. Content may come from an
// untrusted folder, and none of it may drive the terminal.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			return -1
		}
		return r
	}, s)
}

// isPlain reports whether s has no control characters at all, the common
// case, so that loading the guide does not copy every string.
func isPlain(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return false
		}
	}
	return true
}
