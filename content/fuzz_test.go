package content_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"secu/content"
)

// other.md links to the fuzzed file fuzz.md, by see_also and in its body.
const linking = "---\nid: other\nkind: term\ntitle: Other\nsee_also: [fuzz]\n---\nSee [the fuzzed entry](fuzz.md).\n"

// FuzzParse feeds arbitrary bytes to Load as one file, then as a file that
// a second, valid file links to. The seed corpus is in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\nid: fuzz\nkind: term\ntitle: Fuzz\n---\nBody [other](other.md).\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		alone := fstest.MapFS{"fuzz.md": {Data: data}}
		fuzzLoad(t, alone)

		both := fstest.MapFS{"fuzz.md": {Data: data}, "other.md": {Data: []byte(linking)}}
		probs := fuzzLoad(t, both)
		blamed := map[string]bool{}
		for _, p := range probs {
			blamed[p.File] = true
		}
		// other.md is valid: it can only suffer from fuzz.md (a duplicate
		// id), never alone.
		if blamed["other.md"] && !blamed["fuzz.md"] {
			t.Errorf("only the valid file is blamed:\n%v", probs)
		}

		// Clean: no control left, lines kept, idempotent.
		s := string(data)
		c := content.Clean(s)
		if bad, ok := firstControl(c); ok {
			t.Errorf("Clean(%q) = %q still holds %q", s, c, bad)
		}
		if strings.Count(s, "\n") != strings.Count(c, "\n") {
			t.Errorf("Clean(%q) = %q changed the number of lines", s, c)
		}
		if again := content.Clean(c); again != c {
			t.Errorf("Clean is not idempotent on %q: %q, then %q", s, c, again)
		}
	})
}

// fuzzLoad loads fsys and checks Load's contract; it returns the problems.
func fuzzLoad(t *testing.T, fsys fstest.MapFS) content.Problems {
	t.Helper()
	lib, err := content.Load(fsys)
	checkResult(t, lib, err) // a library or problems, each with a file and a message, clean
	if lib != nil {
		checkClean(t, lib)
		for _, e := range lib.Entries {
			if _, ok := fsys[e.Path]; !ok || e.Body == "" || e.ID == "" || e.Title == "" {
				t.Errorf("a loaded entry is incomplete: %+v", e)
			}
		}
		return nil
	}
	var probs content.Problems
	errors.As(err, &probs)
	for _, p := range probs {
		if p.File == "." {
			continue
		}
		f, ok := fsys[p.File]
		if !ok {
			t.Errorf("problem names no file of the folder: %v", p)
			continue
		}
		if n := bytes.Count(f.Data, []byte("\n")) + 1; p.Line < 0 || p.Line > n {
			t.Errorf("problem on line %d of a file of %d lines: %v", p.Line, n, p)
		}
	}
	return probs
}
