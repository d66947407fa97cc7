package ui

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// emptyStyleRef is the regexp dropEmptyStyles replaced; it stays here as
// the reference the fast version must agree with.
var emptyStyleRef = regexp.MustCompile(`\x1b\[[0-9;]*[1-9][0-9;]*m\x1b\[0?m`)

func dropEmptyStylesRef(s string) string {
	for {
		t := emptyStyleRef.ReplaceAllString(s, "")
		if t == s {
			return s
		}
		s = t
	}
}

func TestDropEmptyStylesMatchesReference(t *testing.T) {
	cases := []string{
		"", "plain", "\x1b[1m\x1b[0m", "\x1b[1m\x1b[m", "a\x1b[38;5;252m\x1b[0mb",
		"\x1b[1m\x1b[31m\x1b[0m\x1b[0m", "\x1b[1mx\x1b[0m", "\x1b[0m\x1b[0m", "\x1b[00m\x1b[0m",
		"\x1b[1m\x1b[00m", "\x1b[;1m\x1b[0m", "\x1b[1m\x1b]8;;x\x07\x1b[0m", "\x1b[1m\x1b[2m\x1b[0mz\x1b[0m",
	}
	pieces := []string{"\x1b[1m", "\x1b[0m", "\x1b[m", "\x1b[38;5;2m", "\x1b[0;1m", "\x1b[00m", "x", " ", "m", ";", "0", "é"}
	// Only whole sequences: Glamour's output of sanitised content never
	// holds a stray ESC that a removal could join into a new sequence.
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		if got, want := dropEmptyStyles(c), dropEmptyStylesRef(c); got != want {
			t.Fatalf("dropEmptyStyles(%q) = %q, want %q", c, got, want)
		}
	}
}
