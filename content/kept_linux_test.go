package content

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

// openFiles counts this process's open descriptors, once the libraries
// earlier tests dropped are collected (they close what they kept).
func openFiles(t *testing.T) int {
	t.Helper()
	n := countFiles(t)
	for range 20 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		m := countFiles(t)
		if m == n {
			break
		}
		n = m
	}
	return n
}

func countFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(fds)
}

// Open leaves the entry files open for Finish, which reads the bodies
// through them and closes every one; a folder with problems, which gets
// no Finish, keeps none open.
func TestKeptFilesClosed(t *testing.T) {
	if keptLimit < 100 {
		t.Skip("too few descriptors here")
	}
	dir := t.TempDir()
	if err := WriteSynthetic(dir, 40); err != nil {
		t.Fatal(err)
	}
	before := openFiles(t)
	lib, err := Open(DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if n := openFiles(t) - before; n < 40 {
		t.Errorf("%d files left open after Open, want the 40 entries", n)
	}
	if probs := lib.Finish(); len(probs) > 0 {
		t.Fatal(probs)
	}
	if n := openFiles(t) - before; n != 0 {
		t.Errorf("%d files still open after Finish", n)
	}

	// A broken link: Open fails, and closes what it kept.
	broken := filepath.Join(dir, "part-00", "broken.md")
	if err := os.WriteFile(broken, []byte("---\nid: broken\nkind: term\ntitle: Broken\nsee_also: [nowhere]\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(DirFS(dir)); err == nil {
		t.Fatal("a broken link was accepted")
	}
	if n := openFiles(t) - before; n != 0 {
		t.Errorf("%d files left open by an Open that failed", n)
	}
}

// With fewer descriptors to spare than entries, the rest are read again
// by path: the bodies are the same either way.
func TestKeptLimit(t *testing.T) {
	dir := t.TempDir()
	if err := WriteSynthetic(dir, 30); err != nil {
		t.Fatal(err)
	}
	bodies := func(limit int64) map[string]string {
		defer func(old int64) { keptLimit = old }(keptLimit)
		keptLimit = limit
		before := openFiles(t)
		lib, err := Open(DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		if n := openFiles(t) - before; int64(n) > limit {
			t.Errorf("limit %d: %d files left open", limit, n)
		}
		if probs := lib.Finish(); len(probs) > 0 {
			t.Fatal(probs)
		}
		m := map[string]string{}
		for _, e := range lib.Entries {
			m[e.ID] = e.Body
		}
		return m
	}
	all, some, none := bodies(1000), bodies(7), bodies(0)
	for id, b := range all {
		if b == "" || some[id] != b || none[id] != b {
			t.Errorf("%s: bodies differ with the limit:\n%q\n%q\n%q", id, b, some[id], none[id])
		}
	}
}

// A file edited in place between Open and Finish is read as it is now,
// through the descriptor Open kept: its front matter gone is reported.
func TestKeptFileEditedInPlace(t *testing.T) {
	dir := t.TempDir()
	if err := WriteSynthetic(dir, 5); err != nil {
		t.Fatal(err)
	}
	lib, err := Open(DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.FromSlash(lib.Entries[0].Path))
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("no front matter now\n")
	f.Close()
	probs := lib.Finish()
	if len(probs) != 1 || probs[0].Msg != "changed since it was first read: its front matter is gone" {
		t.Fatalf("problems %v", probs)
	}
}

// A library dropped without Finish closes what Open kept, once collected.
func TestKeptClosedWhenDropped(t *testing.T) {
	dir := t.TempDir()
	if err := WriteSynthetic(dir, 20); err != nil {
		t.Fatal(err)
	}
	before := openFiles(t)
	if _, err := Open(DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if n := openFiles(t) - before; n > 0 {
		t.Errorf("%d files still open after the library was collected", n)
	}
}

// Past the folders it may hold open, Open opens files by their whole
// path: the same entries either way, and no folder left open.
func TestDirFDsLimit(t *testing.T) {
	dir := t.TempDir()
	if err := WriteSynthetic(dir, 50); err != nil {
		t.Fatal(err)
	}
	ids := func(limit int64) []string {
		defer func(old int64) { maxDirFDs = old }(maxDirFDs)
		maxDirFDs = limit
		before := openFiles(t)
		lib, err := Load(DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		if n := openFiles(t) - before; n != 0 {
			t.Errorf("limit %d: %d files left open", limit, n)
		}
		var ids []string
		for _, e := range lib.Entries {
			ids = append(ids, e.ID+" "+e.Body)
		}
		return ids
	}
	all, one, none := ids(1024), ids(1), ids(0)
	if len(all) != 50 || !slices.Equal(all, one) || !slices.Equal(all, none) {
		t.Errorf("entries differ with the limit: %d, %d, %d", len(all), len(one), len(none))
	}
}
