package main

import (
	"regexp"

	"secu/nir"
)

// numberLike finds what may be a social security number typed by mistake
// as a query or a flag value: 13 or more digits (Corsica: 2A, 2B), with or
// without the separators people type.
var numberLike = regexp.MustCompile(`[0-9](?:[ .\-\x{a0}\x{202f}]?[0-9ABab]){12,}`)

// maskNumbers hides anything that looks like a social security number in
// a message, as the number checker shows one (first digit and key only):
// messages end up in scrollback, logs and bug reports.
func maskNumbers(s string) string {
	return numberLike.ReplaceAllStringFunc(s, func(m string) string {
		if masked := nir.Check(m).Masked; masked != "" && masked != "…" {
			return masked
		}
		return "•••"
	})
}
