package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// secu figures on a terminal: one row a figure, cut with … to the
// terminal's width rather than wrapped into lines that read as others.
func TestFiguresFitTheTerminal(t *testing.T) {
	tm := start(t, 80, 120)
	tm.waitFor("start", "secu")
	tm.run(bin + " figures; echo EXIT=$?; sleep 30")
	s := tm.waitFor("figures", "EXIT=0", "NAME", "gp-consultation")
	row := regexp.MustCompile(`^(NAME|[a-z0-9-]+)  +\S`)
	for _, l := range strings.Split(s, "\n") {
		if l == "" || strings.HasPrefix(l, "EXIT=") {
			continue
		}
		if !row.MatchString(l) {
			t.Fatalf("a figure's row wrapped: %q\n%s", l, s)
		}
	}
	if !strings.Contains(s, "…") {
		t.Fatalf("no row was cut at 80 columns:\n%s", s)
	}
}
