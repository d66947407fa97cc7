package main

import (
	"path/filepath"
	"strings"
	"testing"

	"secu/content"
)

// The browser reads the built-in guide and a --content folder through the
// open cache, kept under $XDG_CACHE_HOME/secu, one file per folder, unless
// SECU_CACHE=off.
func TestOpenCacheFS(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	a, b := t.TempDir(), t.TempDir()
	fa, ok := openCacheFS(a).(*content.CachedDir)
	if !ok {
		t.Fatalf("openCacheFS(%q) is a %T, want a *content.CachedDir", a, openCacheFS(a))
	}
	fb := openCacheFS(b).(*content.CachedDir)
	if fa.File() == fb.File() || !strings.HasPrefix(fa.File(), filepath.Join(cache, "secu")+string(filepath.Separator)) {
		t.Errorf("cache files %q and %q: want two files under %s/secu", fa.File(), fb.File(), cache)
	}
	if again := openCacheFS(a).(*content.CachedDir); again.File() != fa.File() {
		t.Errorf("the same folder got %q then %q", fa.File(), again.File())
	}
	if g, ok := openCacheFS("").(*content.CachedDir); !ok || g.File() != filepath.Join(cache, "secu", "open", "guide") {
		t.Errorf("the built-in guide's cache: %v", openCacheFS(""))
	}
	t.Setenv("SECU_CACHE", "off")
	if _, cached := openCacheFS(a).(*content.CachedDir); cached {
		t.Error("SECU_CACHE=off still reads through the cache")
	}
}
