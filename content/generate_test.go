package content_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"secu/content"
)

func TestWriteSynthetic10k(t *testing.T) {
	const n = 10_000
	dir := t.TempDir()
	if err := content.WriteSynthetic(dir, n); err != nil {
		t.Fatal(err)
	}
	lib, err := content.Load(content.DirFS(dir))
	if err != nil {
		probs := err.Error()
		if len(probs) > 2000 {
			probs = probs[:2000] + "..."
		}
		t.Fatalf("the synthetic folder does not load:\n%s", probs)
	}
	checkClean(t, lib)
	if len(lib.Entries) != n {
		t.Errorf("loaded %d entries, want %d", len(lib.Entries), n)
	}
	for _, kind := range content.Kinds {
		if c := lib.Count(kind); c < n/3 || c > n/3+1 {
			t.Errorf("%d entries of kind %s, want about %d", c, kind, n/3)
		}
	}
	folders, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(folders) != 10 {
		t.Errorf("the entries are in %d folders, want 10", len(folders))
	}
	accents := 0
	for _, id := range []string{"e-00001", "e-00002", "e-00003", "e-05000", "e-10000"} {
		e := lib.Get(id)
		if e == nil {
			t.Errorf("no entry %s", id)
			continue
		}
		words := len(strings.Fields(e.Title))
		switch {
		case words < 1 || words > 4:
			t.Errorf("%s: title %q has %d words, want 1 to 4", id, e.Title, words)
		case e.French == "" || e.English == "" || len(e.Aliases) == 0 || len(e.Keywords) < 3:
			t.Errorf("%s: missing names or keywords: %+v", id, e)
		case len(e.SeeAlso) != 2 || e.Verified != "2026-11" || len(e.Sources) == 0:
			t.Errorf("%s: see_also %q, verified %q, sources %q", id, e.SeeAlso, e.Verified, e.Sources)
		case !strings.Contains(e.Body, "\n## ") || !strings.Contains(e.Body, "\n- ") || len(content.LinkTargets(e.Body)) != 2:
			t.Errorf("%s: the body lacks a heading, a list or two links:\n%s", id, e.Body)
		case len(e.Body) < 800 || len(e.Body) > 1600:
			t.Errorf("%s: the body is %d bytes, want about 1 KB", id, len(e.Body))
		}
		if strings.ContainsAny(e.French, "éèàôâç") {
			accents++
		}
	}
	if accents == 0 {
		t.Error("no French name has an accent")
	}
}

func TestWriteSyntheticSmallAndDeterministic(t *testing.T) {
	for _, n := range []int{1, 2, 3, 11} {
		a, b := t.TempDir(), t.TempDir()
		if err := content.WriteSynthetic(a, n); err != nil {
			t.Fatal(err)
		}
		if err := content.WriteSynthetic(b, n); err != nil {
			t.Fatal(err)
		}
		lib, err := content.Load(content.DirFS(a))
		if err != nil {
			t.Fatalf("n=%d: the synthetic folder does not load:\n%v", n, err)
		}
		if len(lib.Entries) != n {
			t.Errorf("n=%d: loaded %d entries", n, len(lib.Entries))
		}
		for _, e := range lib.Entries {
			x, _ := os.ReadFile(filepath.Join(a, e.Path))
			y, _ := os.ReadFile(filepath.Join(b, e.Path))
			if !bytes.Equal(x, y) {
				t.Errorf("n=%d: %s differs between two runs", n, e.Path)
			}
		}
	}
	for _, n := range []int{0, -1} {
		if err := content.WriteSynthetic(t.TempDir(), n); err == nil {
			t.Errorf("WriteSynthetic(dir, %d) did not fail", n)
		}
	}
}

// BenchmarkLoad10k is a whole load (list, validate…) of 10,000 entries.
func BenchmarkLoad10k(b *testing.B) { bench10k(b, content.Load) }

// BenchmarkOpen10k is what the browser reads before its first frame.
func BenchmarkOpen10k(b *testing.B) { bench10k(b, content.Open) }

func bench10k(b *testing.B, load func(fs.FS) (*content.Library, error)) {
	dir := b.TempDir()
	if err := content.WriteSynthetic(dir, 10_000); err != nil {
		b.Fatal(err)
	}
	fsys := content.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := content.Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}
