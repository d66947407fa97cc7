//go:build unix

package content

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func bigEntry(id string, size int) string {
	front := "---\nid: " + id + "\nkind: term\ntitle: T\n---\n"
	return front + strings.Repeat("word ", (size-len(front))/5)
}

// TestLinkedFilesReadOnce: one 1 MiB file under 2,000 hard links and 200
// symbolic links is read once, so memory stays small.
func TestLinkedFilesReadOnce(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "a.md")
	if err := os.WriteFile(first, []byte(bigEntry("a", 1<<20-1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		if err := os.Link(first, filepath.Join(dir, fmt.Sprintf("h%04d.md", i))); err != nil {
			t.Skip("no hard links here:", err)
		}
	}
	for i := range 200 {
		if err := os.Symlink("a.md", filepath.Join(dir, fmt.Sprintf("s%03d.md", i))); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Load(DirFS(dir))
	runtime.ReadMemStats(&after)
	probs, _ := err.(Problems)
	same := 0
	for _, p := range probs {
		if strings.Contains(p.Msg, "the same file as a.md (a hard or symbolic link)") {
			same++
		}
	}
	if same != 2200 {
		t.Errorf("%d problems name the linked file, want 2200; first: %v", same, probs[:min(3, len(probs))])
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("Load allocated %d MiB for one 1 MiB file", alloc>>20)
	}
}

func TestFolderByteCap(t *testing.T) {
	defer func(n int64) { maxFolderBytes = n }(maxFolderBytes)
	maxFolderBytes = 1 << 20
	dir := t.TempDir()
	for i := range 30 {
		id := fmt.Sprintf("e%02d", i)
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(bigEntry(id, 60<<10)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(DirFS(dir))
	probs, _ := err.(Problems)
	if len(probs) != 1 || probs[0].String() != "e17.md: over 1 MiB of entries (the limit is 1 MiB); the rest is not read" {
		t.Fatalf("problems: %v", probs)
	}
}
