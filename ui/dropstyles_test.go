package ui

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

var emptyStyleRE = regexp.MustCompile(`\x1b\[[0-9;]*[1-9][0-9;]*m\x1b\[0?m`)

func dropRE(s string) string {
	for {
		t := emptyStyleRE.ReplaceAllString(s, "")
		if t == s {
			return s
		}
		s = t
	}
}

// TestDropEmptyStylesMatchesRegexp: the hand scanner does what the
// regular expression it replaced did.
func TestDropEmptyStylesMatchesRegexp(t *testing.T) {
	parts := []string{"\x1b[38;5;252m", "\x1b[m", "\x1b[0m", "\x1b[1m", "a", " ", "\x1b[0;1m", "\x1b[", "m", "\x1b]8;;x\x07", "\x1b[;m", "é"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := dropEmptyStyles(s), dropRE(s); got != want {
			t.Fatalf("dropEmptyStyles(%q) = %q, want %q", s, got, want)
		}
	}
}
