//go:build unix

package content

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A pipe in the cache file's place is not opened: it would block Open.
func TestCachePipe(t *testing.T) {
	dir, file := cachedFolder(t, 5)
	os.MkdirAll(filepath.Dir(file), 0o700)
	if err := syscall.Mkfifo(file, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	lib, hits := openCached(t, dir, file) // would hang on the pipe
	if hits != 0 {
		t.Errorf("%d hits from a pipe", hits)
	}
	if err := lib.SaveCache(); err != nil {
		t.Errorf("SaveCache over a pipe: %v", err)
	}
	if _, hits := openCached(t, dir, file); hits != 5 {
		t.Errorf("after replacing the pipe: %d hits, want 5", hits)
	}
}
