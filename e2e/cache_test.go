package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"secu/content"
)

// A big folder's second start reads the open cache its first start wrote
// (in XDG_CACHE_HOME), and an entry edited in between shows its new
// title: the cache never hides an edit.
func TestCacheSeesEdits(t *testing.T) {
	dir := t.TempDir()
	if err := content.WriteSynthetic(dir, 1200); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2100 * time.Millisecond) // files changed in the last 2 s are not recorded
	tm := start(t, 120, 30, "--content", dir)
	tm.waitFor("first start", "quit")
	cacheDir := filepath.Join(tm.state, "secu", "open")
	var cached []os.DirEntry
	for deadline := time.Now().Add(10 * time.Second); len(cached) == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		cached, _ = os.ReadDir(cacheDir)
	}
	if len(cached) != 1 {
		t.Fatalf("the first start left %d files in %s, want its cache", len(cached), cacheDir)
	}
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit")

	// Edit one entry's title as a writer in a hurry would: the same
	// size, and its modification time put back. Its change time moves.
	var p string
	var data []byte
	var title int // the line of the title
	for i := 1; i < 100 && p == ""; i++ {
		found, _ := filepath.Glob(filepath.Join(dir, "*", fmt.Sprintf("e-%05d.md", i)))
		if len(found) != 1 {
			continue
		}
		data, _ = os.ReadFile(found[0])
		for k, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "title: ") && len(l) >= len("title: Zyzzyva office") {
				p, title = found[0], k
			}
		}
	}
	if p == "" {
		t.Fatal("no generated entry has a title long enough to edit")
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[title] = ("title: Zyzzyva office" + strings.Repeat(" ", 80))[:len(lines[title])]
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}

	tm2 := start(t, 120, 30)
	tm2.state = tm.state
	tm2.run(bin + " --content " + dir + " zyzzyva")
	tm2.waitFor("the edited title", "Zyzzyva office")
	tm2.keys("C-c")
}
