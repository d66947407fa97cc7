package content

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// finishFields are the fields the open cache does not keep: Finish sets
// them, or Open from every entry (it keeps what Open parsed of a file),
// or they name this process's open file (kept, fd).
var finishFields = []string{"Body", "BodyLine", "Links", "linkLines", "linkIDs", "bodyProbs", "Cited", "kept"}

// fillFields gives every field of the struct v points to a value other
// than its zero, the fields Finish sets aside.
func fillFields(t *testing.T, v reflect.Value, n *int) {
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if slices.Contains(finishFields, name) || name == "Entry" {
			continue
		}
		f := v.Field(i)
		f = reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem() // unexported too
		*n++
		switch f.Kind() {
		case reflect.String:
			f.SetString("v" + strings.Repeat("é", *n))
		case reflect.Int:
			f.SetInt(int64(*n))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			s := reflect.MakeSlice(f.Type(), 2, 2)
			for j := range 2 {
				switch s.Index(j).Kind() {
				case reflect.String:
					s.Index(j).SetString("item " + strings.Repeat("x", *n+j))
				case reflect.Int:
					s.Index(j).SetInt(int64(*n + j))
				default:
					t.Fatalf("field %s: a slice of %s the test cannot fill", name, s.Index(j).Kind())
				}
			}
			f.Set(s)
		default:
			t.Fatalf("field %s: a %s the test cannot fill: teach the cache and this test", name, f.Kind())
		}
	}
}

// Every field Open sets survives the cache: a field added to Entry or
// parsed without a place in the cache fails here.
func TestCacheRoundTrip(t *testing.T) {
	e := &parsed{Entry: &Entry{}}
	n := 0
	fillFields(t, reflect.ValueOf(e.Entry).Elem(), &n)
	fillFields(t, reflect.ValueOf(e).Elem(), &n)
	e.Path = "agencies/cpam.md"
	st := stamp{1, 2, 3, 4, 5}
	data := encodeCache("build", []cacheRec{{st, e}})
	recs, err := decodeCache(data, "build")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := recs[e.Path]
	if !ok || got.st != st {
		t.Fatalf("record %v, want stamp %v", got, st)
	}
	if !reflect.DeepEqual(got.e.Entry, e.Entry) {
		t.Errorf("entry\n%+v\nwant\n%+v", got.e.Entry, e.Entry)
	}
	got.e.Entry, e.Entry = nil, nil
	if !reflect.DeepEqual(got.e, e) {
		t.Errorf("parsed\n%+v\nwant\n%+v", got.e, e)
	}
	if _, err := decodeCache(data, "another build"); err == nil {
		t.Error("another build's cache was accepted")
	}
}

// A damaged or foreign cache is refused whole, wherever it is cut or
// changed, and a control character in it never reaches an entry.
func TestCacheDamaged(t *testing.T) {
	e := &parsed{Entry: &Entry{ID: "cpam", Kind: "agency", Title: "CPAM", Path: "cpam.md", Aliases: []string{"caisse"}}}
	data := encodeCache("b", []cacheRec{{stamp{1, 2, 3, 4, 5}, e}})
	for i := range len(data) {
		if _, err := decodeCache(data[:i], "b"); err == nil {
			t.Fatalf("a cache cut at %d of %d bytes was accepted", i, len(data))
		}
	}
	title := strings.Index(string(data), "CPAM")
	for _, bad := range []string{"\x1b", "\n", "\x9b", "\xc2\x9b", "\xff"} {
		d := slices.Clone(data)
		copy(d[title:], bad)
		if _, err := decodeCache(d, "b"); err == nil {
			t.Errorf("a title holding %q was accepted", bad)
		}
	}
	if _, err := decodeCache(append(slices.Clone(data), 0), "b"); err == nil {
		t.Error("trailing bytes were accepted")
	}
	bad := &parsed{Entry: &Entry{ID: "x", Path: "../x.md"}}
	if _, err := decodeCache(encodeCache("b", []cacheRec{{stamp{}, bad}}), "b"); err == nil {
		t.Error("a path out of the folder was accepted")
	}
}

// cachedFolder is a folder of n entries with its cache file, cached from
// the first entry on, and changes recorded at once.
func cachedFolder(t *testing.T, n int) (dir, file string) {
	t.Helper()
	oldMin, oldRacy := cacheMin, racyWindow
	cacheMin, racyWindow = 1, 0
	t.Cleanup(func() { cacheMin, racyWindow = oldMin, oldRacy })
	dir = t.TempDir()
	if err := WriteSynthetic(dir, n); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(t.TempDir(), "cache", "folder")
}

// openCached opens dir through the cache file and says how many entries
// came from the cache; it checks the result against Load's.
func openCached(t *testing.T, dir, file string) (*Library, int) {
	t.Helper()
	lib, err := Open(CachedDirFS(dir, file, "test build"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	hits := lib.fromCache
	want, err := Load(DirFS(dir))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if probs := lib.Finish(); len(probs) > 0 {
		t.Fatalf("Finish: %v", probs)
	}
	sameEntries(t, lib, want)
	return lib, hits
}

// sameEntries checks that a library read through the cache, once
// finished, holds exactly what Load gives.
func sameEntries(t *testing.T, got, want *Library) {
	t.Helper()
	if len(got.Entries) != len(want.Entries) {
		t.Fatalf("%d entries, Load %d", len(got.Entries), len(want.Entries))
	}
	for i, e := range got.Entries {
		if !reflect.DeepEqual(*e, *want.Entries[i]) {
			t.Fatalf("entry %d:\n%+v\nLoad:\n%+v", i, *e, *want.Entries[i])
		}
	}
}

func TestCachedOpen(t *testing.T) {
	dir, file := cachedFolder(t, 40)
	lib, hits := openCached(t, dir, file)
	if hits != 0 || lib.save == nil {
		t.Fatalf("first Open: %d hits, save %v; want none, a cache to write", hits, lib.save)
	}
	if err := lib.SaveCache(); err != nil {
		t.Fatal(err)
	}
	lib, hits = openCached(t, dir, file)
	if hits != 40 || lib.save != nil {
		t.Fatalf("second Open: %d hits, save %v; want 40, nothing to write", hits, lib.save)
	}

	// An entry edited in place, its size and modification time put back:
	// its change time still tells.
	p := filepath.Join(dir, lib.Entries[0].Path)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	title := lib.Entries[0].Title
	at := strings.Index(string(data), "\ntitle:")
	edited := string(data)
	if at >= 0 {
		line, _, _ := strings.Cut(edited[at+1:], "\n")
		edited = edited[:at+1] + strings.Replace(line, title, strings.Repeat("Z", len(title)), 1) + edited[at+1+len(line):]
	}
	if edited == string(data) {
		t.Fatalf("no title line %q in %s", title, p)
	}
	time.Sleep(10 * time.Millisecond) // a change time later than the recorded one
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, info.ModTime(), info.ModTime())
	lib, hits = openCached(t, dir, file) // checks the new title against Load's
	if hits != 39 || lib.save == nil {
		t.Fatalf("after an edit: %d hits, save %v; want 39, a cache to write", hits, lib.save)
	}
	lib.SaveCache()

	// A file moved, another put in place of one under its name.
	r := filepath.Join(dir, lib.Entries[1].Path)
	os.Mkdir(filepath.Join(dir, "moved"), 0o755)
	if err := os.Rename(r, filepath.Join(dir, "moved", filepath.Base(r))); err != nil {
		t.Fatal(err)
	}
	q := filepath.Join(dir, lib.Entries[2].Path)
	data, _ = os.ReadFile(q)
	os.Remove(q)
	os.WriteFile(q, data, 0o644)
	lib, hits = openCached(t, dir, file)
	if hits != 38 || lib.save == nil {
		t.Fatalf("after a move and a replace: %d hits, save %v; want 38", hits, lib.save)
	}

	// Another build trusts none of it.
	lib.SaveCache()
	other, err := Open(CachedDirFS(dir, file, "another build"))
	if err != nil {
		t.Fatal(err)
	}
	if n := other.fromCache; n != 0 {
		t.Errorf("another build took %d entries from the cache", n)
	}
}

// A file changed within the racy window of its reading is not recorded:
// its times could stay the same through a later edit.
func TestCacheSkipsRacyFiles(t *testing.T) {
	dir, file := cachedFolder(t, 5)
	racyWindow = time.Hour
	lib, _ := openCached(t, dir, file)
	if lib.save != nil && len(lib.save.recs) > 0 {
		t.Errorf("%d files changed a moment ago were recorded", len(lib.save.recs))
	}
}

// A broken cache file, or one that is not a file, is read as no cache.
func TestCacheFileUnusable(t *testing.T) {
	dir, file := cachedFolder(t, 5)
	for name, make := range map[string]func() error{
		"garbage": func() error { return os.WriteFile(file, []byte("not a cache at all"), 0o600) },
		"empty":   func() error { return os.WriteFile(file, nil, 0o600) },
		"folder":  func() error { os.Remove(file); return os.MkdirAll(file, 0o700) },
	} {
		t.Run(name, func(t *testing.T) {
			os.MkdirAll(filepath.Dir(file), 0o700)
			if err := make(); err != nil {
				t.Fatal(err)
			}
			lib, hits := openCached(t, dir, file)
			if hits != 0 {
				t.Errorf("%d hits from a %s cache", hits, name)
			}
			if name == "garbage" || name == "empty" {
				if err := lib.SaveCache(); err != nil {
					t.Errorf("SaveCache over a %s cache: %v", name, err)
				}
				if _, hits := openCached(t, dir, file); hits != 5 {
					t.Errorf("after rewriting a %s cache: %d hits, want 5", name, hits)
				}
			}
			os.RemoveAll(file)
		})
	}
}

// Two names of one file give the same problem with the cache as without.
func TestCacheHardLink(t *testing.T) {
	dir, file := cachedFolder(t, 5)
	lib, _ := openCached(t, dir, file)
	lib.SaveCache()
	first := filepath.Join(dir, lib.Entries[0].Path)
	if err := os.Link(first, filepath.Join(dir, "zz-second-name.md")); err != nil {
		t.Skip("no hard links here:", err)
	}
	_, err := Open(CachedDirFS(dir, file, "test build"))
	_, want := Open(DirFS(dir))
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("cached Open: %v\nplain Open: %v", err, want)
	}
}

func FuzzDecodeCache(f *testing.F) {
	e := &parsed{Entry: &Entry{ID: "cpam", Kind: "agency", Title: "CPAM", Path: "cpam.md", SeeAlso: []string{"ameli"}}, seeAlsoLines: []int{7}}
	f.Add(encodeCache("b", []cacheRec{{stamp{1, 2, 3, 4, 5}, e}}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := decodeCache(data, "b")
		if err != nil {
			return
		}
		for p, r := range recs {
			for _, s := range append([]string{p, r.e.ID, r.e.Title, r.e.French, r.e.English, r.e.Kind}, r.e.Aliases...) {
				if !oneLineText(s) {
					t.Fatalf("decoded %q", s)
				}
			}
		}
	})
}

// The browser writes the cache while Finish reads the bodies.
func TestSaveCacheBesideFinish(t *testing.T) {
	dir, file := cachedFolder(t, 30)
	lib, err := Open(CachedDirFS(dir, file, "test build"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- lib.SaveCache() }()
	lib.Finish()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, hits := openCached(t, dir, file); hits != 30 {
		t.Errorf("%d hits after a save beside Finish, want 30", hits)
	}
}

// BenchmarkOpen10kCached is BenchmarkOpen10k with the open cache written
// by a first Open: what the browser reads before its first frame when it
// opened the folder before.
func BenchmarkOpen10kCached(b *testing.B) {
	oldRacy := racyWindow
	racyWindow = 0
	defer func() { racyWindow = oldRacy }()
	dir := b.TempDir()
	if err := WriteSynthetic(dir, 10_000); err != nil {
		b.Fatal(err)
	}
	fsys := CachedDirFS(dir, filepath.Join(b.TempDir(), "cache"), "bench")
	lib, err := Open(fsys)
	if err != nil {
		b.Fatal(err)
	}
	if err := lib.SaveCache(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if lib, err = Open(fsys); err != nil {
			b.Fatal(err)
		}
	}
	if lib.fromCache == 0 {
		b.Fatal("the cache was not used")
	}
}

// The built-in guide's front matter comes from the cache once written,
// for the build that wrote it only.
func TestCachedEmbedded(t *testing.T) {
	file := filepath.Join(t.TempDir(), "guide")
	want, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	open := func(ident string) (*Library, int) {
		t.Helper()
		lib, err := Open(CachedEmbeddedFS(file, ident))
		if err != nil {
			t.Fatal(err)
		}
		hits := lib.fromCache
		lib.Finish()
		sameEntries(t, lib, want)
		return lib, hits
	}
	lib, hits := open("build 1")
	if hits != 0 || lib.save == nil {
		t.Fatalf("first Open: %d hits, save %v", hits, lib.save)
	}
	if err := lib.SaveCache(); err != nil {
		t.Fatal(err)
	}
	files := len(want.Entries) - 1 // the key figures are not a file
	if lib, hits = open("build 1"); hits != files || lib.save != nil {
		t.Errorf("second Open: %d hits, want %d; save %v", hits, files, lib.save)
	}
	if _, hits = open("build 2"); hits != 0 {
		t.Errorf("another build: %d hits", hits)
	}
}

// A temporary file left by a process ended while it wrote the cache is
// removed by a later save, once old enough to be nobody's.
func TestCacheRemovesStaleTemporaryFiles(t *testing.T) {
	dir, file := cachedFolder(t, 3)
	os.MkdirAll(filepath.Dir(file), 0o700)
	stale := filepath.Join(filepath.Dir(file), ".open-cache-123")
	fresh := filepath.Join(filepath.Dir(file), ".open-cache-456")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half a cache"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(stale, old, old)
	lib, _ := openCached(t, dir, file)
	if err := lib.SaveCache(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a temporary file an hour old was left")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a temporary file another process may be writing was removed")
	}
}
