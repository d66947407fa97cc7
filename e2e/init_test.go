package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestInitOrder checks that package hugepages initializes before the
// packages whose start-up allocations it is there for (chroma's, via
// Glamour): an import that initializes late, added to it, would move it
// after them and silently give the page faults back.
func TestInitOrder(t *testing.T) {
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("secu --version: %v\n%s", err, out)
	}
	place := map[string]int{}
	n := 0
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			place[f[1]] = n
			n++
		}
	}
	first, ok := place["secu/hugepages"]
	if !ok {
		t.Fatalf("secu/hugepages did not initialize:\n%s", out)
	}
	for _, late := range []string{"github.com/alecthomas/chroma/v2/lexers", "github.com/alecthomas/chroma/v2/styles", "charm.land/glamour/v2/styles", "github.com/yuin/goldmark/extension"} {
		p, ok := place[late]
		if !ok {
			t.Errorf("%s did not initialize: update this test", late)
		} else if p < first {
			t.Errorf("%s initialized before secu/hugepages (%d < %d)", late, p, first)
		}
	}
}
