package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestInitOrder checks that package earlyheap initializes before the
// packages whose start-up allocations it is there for (chroma's, via
// Glamour), and that no collection runs after it until main: an import
// that initializes late, added to it, would move it after them, and a
// ballast too small would let the collector run again, both silently.
func TestInitOrder(t *testing.T) {
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1,gctrace=1", "GOGC=", "GOMEMLIMIT=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("secu --version: %v\n%s", err, out)
	}
	place := map[string]int{}
	n := 0
	var gcs []int // the place of each collection among the inits
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 1 && f[0] == "init":
			place[f[1]] = n
			n++
		case len(f) > 1 && f[0] == "gc":
			gcs = append(gcs, n)
		}
	}
	first, ok := place["secu/earlyheap"]
	if !ok {
		t.Fatalf("secu/earlyheap did not initialize:\n%s", out)
	}
	for _, late := range []string{"github.com/alecthomas/chroma/v2/lexers", "github.com/alecthomas/chroma/v2/styles", "charm.land/glamour/v2/styles", "github.com/yuin/goldmark/extension"} {
		p, ok := place[late]
		if !ok {
			t.Errorf("%s did not initialize: update this test", late)
		} else if p < first {
			t.Errorf("%s initialized before secu/earlyheap (%d < %d)", late, p, first)
		}
	}
	for _, p := range gcs {
		if p > first && p < n {
			t.Errorf("a collection ran while the packages initialized, after %d of %d (earlyheap: %d):\n%s", p, n, first, out)
			break
		}
	}
}
