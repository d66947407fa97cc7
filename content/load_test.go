package content_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"secu/content"
)

// entryText is a valid entry whose body links to cpam.md.
func entryText(id, kind, title string) string {
	return "---\nid: " + id + "\nkind: " + kind + "\ntitle: " + title + "\n---\n" +
		title + " is a test entry. See [CPAM](cpam.md).\n"
}

// baseFS holds valid entries that the test cases may link to.
func baseFS() fstest.MapFS {
	return fstest.MapFS{
		"agencies/cpam.md":  {Data: []byte(entryText("cpam", "agency", "CPAM"))},
		"glossary/ameli.md": {Data: []byte(entryText("ameli", "term", "ameli.fr"))},
	}
}

// load calls content.Load and checks its contract: a library or Problems,
// never both and never neither, every problem with a file and a message.
func load(t *testing.T, fsys fstest.MapFS) (*content.Library, content.Problems) {
	t.Helper()
	lib, err := content.Load(fsys)
	checkResult(t, lib, err)
	var probs content.Problems
	errors.As(err, &probs)
	checkOpenFinish(t, fsys, lib, probs)
	return lib, probs
}

// checkOpenFinish checks that Open then Finish, the browser's two halves
// of Load, find what Load finds: Open some of Load's problems, Finish the
// rest once Open succeeded, and the same entries and bodies in the end.
func checkOpenFinish(t *testing.T, fsys fstest.MapFS, want *content.Library, wantProbs content.Problems) {
	t.Helper()
	lib, err := content.Open(fsys)
	if err != nil {
		var probs content.Problems
		if !errors.As(err, &probs) || len(probs) == 0 {
			t.Fatalf("Open returned %v, want Problems", err)
		}
		for _, p := range probs {
			if !slices.Contains(wantProbs, p) {
				t.Errorf("Open found %q, which Load does not report", p)
			}
		}
		return
	}
	for _, e := range lib.Entries {
		if e.Body != "" && e.ID != content.KeyFiguresID {
			t.Fatalf("Open gave %s a body before Finish", e.ID)
		}
	}
	probs := lib.Finish()
	if !reflect.DeepEqual(probs, wantProbs) && (len(probs) > 0 || len(wantProbs) > 0) {
		t.Fatalf("Open+Finish found\n%v\nLoad found\n%v", probs, wantProbs)
	}
	if again := lib.Finish(); !reflect.DeepEqual(again, probs) {
		t.Errorf("a second Finish gave %v, the first %v", again, probs)
	}
	if want == nil {
		return
	}
	if len(lib.Entries) != len(want.Entries) {
		t.Fatalf("Open+Finish gave %d entries, Load %d", len(lib.Entries), len(want.Entries))
	}
	for i, e := range lib.Entries {
		w := want.Entries[i]
		if e.ID != w.ID || e.Body != w.Body || e.BodyLine != w.BodyLine || !slices.Equal(e.Links, w.Links) {
			t.Errorf("entry %d: Open+Finish gave %s (line %d, links %v), Load %s (line %d, links %v)", i, e.ID, e.BodyLine, e.Links, w.ID, w.BodyLine, w.Links)
		}
	}
	if !reflect.DeepEqual(lib.Synonyms, want.Synonyms) {
		t.Errorf("Open+Finish synonyms differ from Load's")
	}
}

func checkResult(t testing.TB, lib *content.Library, err error) {
	t.Helper()
	switch {
	case lib != nil && err != nil:
		t.Fatalf("Load returned both a library and an error: %v", err)
	case lib == nil && err == nil:
		t.Fatal("Load returned neither a library nor an error")
	case err != nil:
		var probs content.Problems
		if !errors.As(err, &probs) {
			t.Fatalf("Load returned a %T, want content.Problems: %v", err, err)
		}
		if len(probs) == 0 {
			t.Fatal("Load returned an empty Problems")
		}
		for _, p := range probs {
			if p.File == "" || p.Msg == "" {
				t.Errorf("problem without a file or message: %#v", p)
			}
			if bad, ok := firstControl(p.String()); ok {
				t.Errorf("problem %q holds the control %q", p.String(), bad)
			}
		}
		if !slices.IsSortedFunc(probs, func(a, b content.Problem) int {
			if c := strings.Compare(a.File, b.File); c != 0 {
				return c
			}
			return a.Line - b.Line
		}) {
			t.Errorf("problems are not sorted by file and line:\n%v", err)
		}
	case len(lib.Entries) == 0:
		t.Fatal("Load returned an empty library")
	}
}

func TestLoadRejects(t *testing.T) {
	valid := func(id string, front ...string) string {
		return "---\nid: " + id + "\nkind: term\ntitle: T\n" + strings.Join(front, "") + "---\nBody.\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string // every problem, as "file:line: message" prefixes, in order
	}{
		{
			name:  "missing front matter",
			files: map[string]string{"x.md": "# Title\n\nJust Markdown.\n"},
			want:  []string{`x.md:1: missing front matter (the file must start with a line "---")`},
		},
		{
			name:  "empty file",
			files: map[string]string{"x.md": ""},
			want:  []string{`x.md:1: missing front matter`},
		},
		{
			name:  "unclosed front matter",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n\nBody.\n"},
			want:  []string{`x.md:1: front matter not closed (a line "---" must end it)`},
		},
		{
			name:  "malformed YAML: unclosed flow list, line of the list",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\naliases: [a, b\nfrench: F\n---\nBody.\n"},
			want:  []string{`x.md:5: malformed front matter: did not find expected ',' or ']'`},
		},
		{
			name:  "malformed YAML: colon in a plain value",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: Note: this\n---\nBody.\n"},
			want:  []string{`x.md:4: malformed front matter: mapping values are not allowed in this context`},
		},
		{
			name:  "malformed YAML: stray line",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n}\n---\nBody.\n"},
			want:  []string{`x.md:5: malformed front matter: did not find expected key`},
		},
		{
			name:  "malformed YAML: list item among fields",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\n- title\n---\nBody.\n"},
			want:  []string{`x.md:4: malformed front matter: did not find expected key`},
		},
		{
			name:  "malformed YAML: unterminated quote",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: \"X\nfrench: F\n---\nBody.\n"},
			want:  []string{`x.md:4: malformed front matter: found unexpected end of stream`},
		},
		{
			name:  "malformed YAML: unknown anchor",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: *nope\n---\nBody.\n"},
			want:  []string{`x.md:4: malformed front matter: unknown anchor 'nope' referenced`},
		},
		{
			name:  "malformed YAML: raw control character",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: a\x1b[31mb\n---\nBody.\n"},
			want:  []string{`x.md:4: malformed front matter: control characters are not allowed`},
		},
		{
			name:  "second YAML document",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n--- !!str\nfrench: F\n---\nBody.\n"},
			want:  []string{`x.md:5: malformed front matter: a second YAML document starts here`},
		},
		{
			name:  "empty front matter",
			files: map[string]string{"x.md": "---\n---\nBody.\n"},
			want:  []string{`x.md:1: empty front matter (it needs at least id, kind and title)`},
		},
		{
			name:  "front matter is a list",
			files: map[string]string{"x.md": "---\n- id: x\n- kind: term\n---\nBody.\n"},
			want:  []string{`x.md:2: malformed front matter: expected "field: value" lines`},
		},
		{
			name:  "front matter is a sentence",
			files: map[string]string{"x.md": "---\nThis is not YAML fields\n---\nBody.\n"},
			want:  []string{`x.md:2: malformed front matter: expected "field: value" lines`},
		},
		{
			name:  "unknown field",
			files: map[string]string{"x.md": valid("x", "colour: red\n")},
			want:  []string{`x.md:5: unknown field "colour" (allowed: id, kind, title,`},
		},
		{
			name:  "missing id",
			files: map[string]string{"x.md": "---\nkind: term\ntitle: X\n---\nBody.\n"},
			want:  []string{`x.md:2: missing required field "id"`},
		},
		{
			name:  "missing kind",
			files: map[string]string{"x.md": "---\nid: x\ntitle: X\n---\nBody.\n"},
			want:  []string{`x.md:2: missing required field "kind"`},
		},
		{
			name:  "missing title",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\n---\nBody.\n"},
			want:  []string{`x.md:2: missing required field "title"`},
		},
		{
			name:  "missing everything required",
			files: map[string]string{"x.md": "---\nfrench: F\n---\nBody.\n"},
			want: []string{
				`x.md:2: missing required field "id"`,
				`x.md:2: missing required field "kind"`,
				`x.md:2: missing required field "title"`,
			},
		},
		{
			name:  "empty title",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: \"  \"\n---\nBody.\n"},
			want:  []string{`x.md:4: title is empty`},
		},
		{
			name:  "null title",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle:\n---\nBody.\n"},
			want:  []string{`x.md:4: title is empty`},
		},
		{
			name:  "title given a list",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: [a, b]\n---\nBody.\n"},
			want:  []string{`x.md:4: title must be a single value`},
		},
		{
			name:  "bad id: upper case",
			files: map[string]string{"Cpam2.md": valid("Cpam2")},
			want:  []string{`Cpam2.md:2: bad id "Cpam2" (use lower-case letters, digits and single hyphens)`},
		},
		{
			name:  "bad id: spaces",
			files: map[string]string{"my entry.md": valid(`"my entry"`)},
			want:  []string{`my entry.md:2: bad id "my entry"`},
		},
		{
			name:  "bad id: trailing hyphen",
			files: map[string]string{"x-.md": valid("x-")},
			want:  []string{`x-.md:2: bad id "x-"`},
		},
		{
			name:  "bad id: double hyphen",
			files: map[string]string{"a--b.md": valid("a--b")},
			want:  []string{`a--b.md:2: bad id "a--b"`},
		},
		{
			name:  "bad id: escape sequence, even though it cleans to the file name",
			files: map[string]string{"x.md": valid(`"x\e[31m"`)},
			want:  []string{`x.md:2: bad id "x\x1b[31m"`},
		},
		{
			name: "duplicate id across two files",
			files: map[string]string{
				"a/dup.md": valid("dup"),
				"b/dup.md": "---\nkind: term\nid: dup\ntitle: T\n---\nBody.\n",
			},
			want: []string{`b/dup.md:3: duplicate id "dup" (also in a/dup.md)`},
		},
		{
			name:  "id does not match the file name",
			files: map[string]string{"x.md": valid("y")},
			want:  []string{`x.md:2: id "y" does not match the file name "x.md"`},
		},
		{
			name:  "unknown kind",
			files: map[string]string{"x.md": "---\nid: x\nkind: glossary\ntitle: X\n---\nBody.\n"},
			want:  []string{`x.md:3: unknown kind "glossary" (use agency, term or guide)`},
		},
		{
			name:  "see_also to a missing id, flow list",
			files: map[string]string{"x.md": valid("x", "see_also: [cpam, nope]\n")},
			want:  []string{`x.md:5: see_also names a missing entry "nope"`},
		},
		{
			name:  "see_also to a missing id, block list: the item's line",
			files: map[string]string{"x.md": valid("x", "see_also:\n  - cpam\n  - ameli\n  - nope\n")},
			want:  []string{`x.md:8: see_also names a missing entry "nope"`},
		},
		{
			name: "body link to a missing id: the body line",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n---\n\n\nFirst line, [CPAM](cpam.md).\n\n" +
				"See [nothing](nope.md) and [ameli](../glossary/ameli.md#top) and [site](https://x.example/a.md).\n"},
			want: []string{`x.md:10: link to a missing entry "nope.md"`},
		},
		{
			name:  "the same missing link twice on a line: one problem",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n---\n[a](nope.md), [b](nope.md#x) and [c](gone.md).\n"},
			want: []string{
				`x.md:6: link to a missing entry "nope.md"`,
				`x.md:6: link to a missing entry "gone.md"`,
			},
		},
		{
			name:  "body link to a missing id, CRLF file",
			files: map[string]string{"x.md": "---\r\nid: x\r\nkind: term\r\ntitle: X\r\n---\r\nLine one.\r\nLine two [n](nope.md).\r\n"},
			want:  []string{`x.md:7: link to a missing entry "nope.md"`},
		},
		{
			name:  "not UTF-8: the line of the bad byte",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n---\nOK line.\nS\xe9curit\xe9 in Latin-1.\n"},
			want:  []string{`x.md:7: not valid UTF-8 text (save the file as UTF-8)`},
		},
		{
			name:  "empty body",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n---\n\n   \n\t\n"},
			want:  []string{`x.md:5: empty body (write the entry below the front matter)`},
		},
		{
			name:  "body of escape sequences only",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n---\n\x1b[2J\x1b]0;t\x07\n"},
			want:  []string{`x.md:5: empty body`},
		},
		{
			name:  "no body at all",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n---"},
			want:  []string{`x.md:5: empty body`},
		},
		{
			name:  "bad verified month",
			files: map[string]string{"x.md": valid("x", "verified: 2026-13\n")},
			want:  []string{`x.md:5: verified must be a month such as 2026-11, not "2026-13"`},
		},
		{
			name:  "verified as a date",
			files: map[string]string{"x.md": valid("x", "verified: November 2026\n")},
			want:  []string{`x.md:5: verified must be a month such as 2026-11, not "November 2026"`},
		},
		{
			name:  "order not a number",
			files: map[string]string{"x.md": valid("x", "order: first\n")},
			want:  []string{`x.md:5: order must be a whole number`},
		},
		{
			name:  "order a fraction",
			files: map[string]string{"x.md": valid("x", "order: 1.5\n")},
			want:  []string{`x.md:5: order must be a whole number`},
		},
		{
			name:  "order a list",
			files: map[string]string{"x.md": valid("x", "order: [1]\n")},
			want:  []string{`x.md:5: order must be a whole number`},
		},
		{
			name:  "a field given twice",
			files: map[string]string{"x.md": valid("x", "french: A\nenglish: B\nfrench: C\n")},
			want:  []string{`x.md:7: field "french" given twice (first on line 5)`},
		},
		{
			name:  "binary file",
			files: map[string]string{"x.md": "---\nid: x\x00\x01\x02\n"},
			want:  []string{`x.md: binary file (contains NUL bytes)`},
		},
		{
			name:  "UTF-16 file is binary",
			files: map[string]string{"x.md": "\xff\xfe-\x00-\x00-\x00\n\x00"},
			want:  []string{`x.md: binary file`},
		},
		{
			name:  "file over the size limit",
			files: map[string]string{"x.md": valid("x") + strings.Repeat("A long body line.\n", 2<<20/18)},
			want:  []string{`x.md: file too large (the limit is 1024 KiB)`},
		},
		{
			name:  "front matter over the line limit",
			files: map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n" + strings.Repeat("# comment\n", 4997) + "---\nBody.\n"},
			want:  []string{`x.md:1: front matter too long: 5000 lines (the limit is 300)`},
		},
		{
			name:  "list field given a mapping",
			files: map[string]string{"x.md": valid("x", "aliases: {a: b}\n")},
			want:  []string{`x.md:5: aliases must be a list such as [a, b]`},
		},
		{
			name:  "list field given nested lists",
			files: map[string]string{"x.md": valid("x", "keywords: [[a], b]\n")},
			want:  []string{`x.md:5: keywords must be a list such as [a, b]`},
		},
		{
			name:  "file name with a control character is shown escaped",
			files: map[string]string{"e\x1b]0;vil.md": valid("x")},
			want:  []string{`e\x1b]0;vil.md:2: id "x" does not match the file name "e\x1b]0;vil.md"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := baseFS()
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			lib, probs := load(t, fsys)
			if lib != nil {
				t.Fatalf("Load accepted the folder, want:\n%s", strings.Join(tt.want, "\n"))
			}
			if len(probs) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n%v", len(probs), len(tt.want), probs)
			}
			for i, want := range tt.want {
				if i < len(probs) && !strings.HasPrefix(probs[i].String(), want) {
					t.Errorf("problem %d is\n\t%s\nwant it to start with\n\t%s", i+1, probs[i], want)
				}
			}
		})
	}
}

func TestLoadReportsEveryProblemSorted(t *testing.T) {
	fsys := baseFS()
	add := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	add("z/last.md", "no front matter\n")
	add("a/first.md", "---\nid: first\nkind: thing\ntitle: First\ncolour: red\nsee_also: [gone]\n---\n[x](missing.md)\n")
	add("m/middle.md", "---\nid: other\nkind: term\n---\n\n")
	add("a/bin.md", "\x00")
	// A link to a file that failed to load is not reported again.
	add("m/fine.md", "---\nid: fine\nkind: term\ntitle: Fine\nsee_also: [last]\n---\nSee [last](last.md).\n")

	lib, probs := load(t, fsys)
	if lib != nil {
		t.Fatal("Load accepted a folder of broken files")
	}
	want := []string{
		`a/bin.md: binary file (contains NUL bytes)`,
		`a/first.md:3: unknown kind "thing"`,
		`a/first.md:5: unknown field "colour"`,
		`a/first.md:6: see_also names a missing entry "gone"`,
		`a/first.md:8: link to a missing entry "missing.md"`,
		`m/middle.md:2: missing required field "title"`,
		`m/middle.md:2: id "other" does not match the file name "middle.md"`,
		`m/middle.md:4: empty body`,
		`z/last.md:1: missing front matter`,
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d is\n\t%s\nwant\n\t%s", i+1, got[i], want[i])
		}
	}
	if err := probs.Error(); strings.Count(err, "\n") != len(probs)-1 {
		t.Errorf("Problems.Error() is not one problem a line:\n%s", err)
	}
}

// frontFile is an entry with more front matter lines (extra) and a body
// of one line.
func frontFile(id, kind, title, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\nid: " + id + "\nkind: " + kind + "\ntitle: " + title + "\n" + extra + "---\n" + title + " text.\n")}
}

func TestLoadValidFolder(t *testing.T) {
	file := frontFile
	fsys := fstest.MapFS{
		"guide/g-three.md":   file("g-three", "guide", "A third", "order: 3\n"),
		"guide/g-one.md":     file("g-one", "guide", "Z first", "order: 1\n"),
		"guide/g-none.md":    file("g-none", "guide", "0 no order", ""),
		"guide/g-two.md":     file("g-two", "guide", "M second", "order: 2\n"),
		"terms/zebre.md":     file("zebre", "term", "Zèbre", ""),
		"terms/ete.md":       file("ete", "term", "Été", ""),
		"terms/egalite.md":   file("egalite", "term", "égalité", ""),
		"terms/ecole.md":     file("ecole", "term", "Ecole", ""),
		"terms/assurance.md": file("assurance", "term", "assurance", ""),
		"urssaf.md":          file("urssaf", "agency", "URSSAF", ""),
		"caf.md":             file("caf", "agency", "CAF", "see_also: [urssaf, g-one]\n"),
		// Skipped: not *.md, hidden folders, hidden files.
		"notes.txt":             {Data: []byte("not an entry")},
		"terms/README":          {Data: []byte("\x00")},
		".git/config.md":        {Data: []byte("broken")},
		".drafts/sub/x.md":      {Data: []byte("broken")},
		"terms/.scratch.md":     {Data: []byte("broken")},
		"terms/image.md.png":    {Data: []byte("\x89PNG\x00")},
		"guide/.hidden/deep.md": {Data: []byte("broken")},
	}
	lib, probs := load(t, fsys)
	if lib == nil {
		t.Fatalf("Load rejected a valid folder:\n%v", probs)
	}
	var got []string
	for _, e := range lib.Entries {
		got = append(got, e.ID)
	}
	want := []string{
		"caf", "urssaf", // agencies by title
		"assurance", "ecole", "egalite", "ete", "zebre", // terms by title, ignoring case and accents
		"g-one", "g-two", "g-three", "g-none", // guides by order, those without one last
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries in order\n\t%v\nwant\n\t%v", got, want)
	}
	for kind, n := range map[string]int{"": 11, content.KindAgency: 2, content.KindTerm: 5, content.KindGuide: 4} {
		if c := lib.Count(kind); c != n {
			t.Errorf("Count(%q) = %d, want %d", kind, c, n)
		}
	}
	if e := lib.Get("caf"); e == nil || e.Path != "caf.md" || e.BodyLine != 7 || e.Body != "CAF text." || !slices.Equal(e.SeeAlso, []string{"urssaf", "g-one"}) {
		t.Errorf("Get(caf) = %+v", e)
	}
	if e := lib.Get("ete"); e == nil || e.Path != "terms/ete.md" {
		t.Errorf("Get(ete) = %+v, want the entry from terms/ete.md", e)
	}
	if e := lib.Get("nope"); e != nil {
		t.Errorf("Get(nope) = %+v, want nil", e)
	}
}

func TestLoadFields(t *testing.T) {
	src := "\ufeff---\r\n" +
		"id: full\r\n" +
		"kind: term\r\n" +
		"title:   Sécurité sociale  \r\n" +
		"french: Sécurité sociale\r\n" +
		"english: Social security\r\n" +
		"aliases: [Sécu, SS]\r\n" +
		"keywords:\r\n  - health\r\n  - \"\"\r\n  - money\r\n" +
		"see_also: cpam\r\n" +
		"website: https://www.securite-sociale.fr\r\n" +
		"sources: [https://a.example, https://b.example]\r\n" +
		"verified: 2026-11\r\n" +
		"order: 0\r\n" +
		"---\r\n" +
		"\r\n" +
		"The summary.\r\n\r\n## Section\r\n\r\n- item [CPAM](cpam.md)\r\n\r\n"
	fsys := baseFS()
	fsys["full.md"] = &fstest.MapFile{Data: []byte(src)}
	lib, probs := load(t, fsys)
	if lib == nil {
		t.Fatalf("Load rejected a file with a BOM and CRLF line endings:\n%v", probs)
	}
	got := lib.Get("full")
	want := &content.Entry{
		ID:       "full",
		Kind:     "term",
		Title:    "Sécurité sociale",
		French:   "Sécurité sociale",
		English:  "Social security",
		Aliases:  []string{"Sécu", "SS"},
		Keywords: []string{"health", "money"},
		SeeAlso:  []string{"cpam"},
		Website:  "https://www.securite-sociale.fr",
		Sources:  []string{"https://a.example", "https://b.example"},
		Verified: "2026-11",
		Body:     "The summary.\n\n## Section\n\n- item [CPAM](cpam.md)",
		Path:     "full.md",
		BodyLine: 19,
		Links:    []string{"cpam"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get(full) =\n\t%+v\nwant\n\t%+v", got, want)
	}
}

func TestLoadOneLineFields(t *testing.T) {
	fsys := baseFS()
	fsys["x.md"] = &fstest.MapFile{Data: []byte("---\nid: x\nkind: term\ntitle: |\n  Two\n  lines\nfrench: \"a\\tb\"\naliases: [\"c\\nd\"]\n---\nBody.\n")}
	lib, probs := load(t, fsys)
	if lib == nil {
		t.Fatal(probs)
	}
	e := lib.Get("x")
	if e.Title != "Two lines" || e.French != "a b" || !slices.Equal(e.Aliases, []string{"c d"}) {
		t.Errorf("one-line fields keep tabs or newlines: title %q, french %q, aliases %q", e.Title, e.French, e.Aliases)
	}
}

func TestLoadEmptyFolder(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"empty":       {},
		"no md files": {"a.txt": {Data: []byte("x")}, ".h/x.md": {Data: []byte("x")}},
	} {
		t.Run(name, func(t *testing.T) {
			_, probs := load(t, fsys)
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), ".: no entries found") {
				t.Errorf("problems = %v, want one \"no entries found\"", probs)
			}
		})
	}
}

func TestLinkTargets(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"no links", nil},
		{"[CPAM](cpam.md)", []string{"cpam"}},
		{"[a](a.md) and [b](../glossary/b.md#part) and [c]( <c.md> )", []string{"a", "b", "c"}},
		{`[t](t.md "title")`, []string{"t"}},
		{"[ext](https://example.com/x.md) [mail](mailto:a@b.md) [tel](tel:3646) [page](https://ameli.fr)", nil},
		{"[anchor](#top) [other](file.txt)", nil},
	}
	for _, tt := range tests {
		if got := content.LinkTargets(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("LinkTargets(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestInternalID(t *testing.T) {
	tests := []struct {
		target string
		id     string
		ok     bool
	}{
		{"cpam.md", "cpam", true},
		{"../agencies/cpam.md", "cpam", true},
		{"cpam.md#what-it-is", "cpam", true},
		{"https://www.ameli.fr/x.md", "", false},
		{"mailto:x@y.md", "", false},
		{"cpam", "", false},
		{"#top", "", false},
	}
	for _, tt := range tests {
		id, ok := content.InternalID(tt.target)
		if id != tt.id || ok != tt.ok {
			t.Errorf("InternalID(%q) = %q, %v; want %q, %v", tt.target, id, ok, tt.id, tt.ok)
		}
	}
}

func TestProblemString(t *testing.T) {
	for _, tt := range []struct {
		p    content.Problem
		want string
	}{
		{content.Problem{File: "a.md", Line: 3, Msg: "bad"}, "a.md:3: bad"},
		{content.Problem{File: "a.md", Msg: "bad"}, "a.md: bad"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
	ps := content.Problems{{File: "a.md", Line: 1, Msg: "x"}, {File: "b.md", Msg: "y"}}
	if got, want := ps.Error(), "a.md:1: x\nb.md: y"; got != want {
		t.Errorf("Problems.Error() = %q, want %q", got, want)
	}
}

// Finish reads the bodies again: a file changed since Open is reported,
// never trusted past what Open admitted.
func TestFinishFileChanged(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"deleted", func(f fstest.MapFS) { delete(f, "agencies/cpam.md") }, "agencies/cpam.md: cannot read: "},
		{"front matter gone", func(f fstest.MapFS) { f["agencies/cpam.md"] = &fstest.MapFile{Data: []byte("no front matter\n")} }, "agencies/cpam.md: changed since it was first read: its front matter is gone"},
		{"grew", func(f fstest.MapFS) {
			f["agencies/cpam.md"] = &fstest.MapFile{Data: []byte(entryText("cpam", "agency", "CPAM") + strings.Repeat("x", 100<<10))}
		}, "agencies/cpam.md: changed since it was first read: it grew"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := baseFS()
			lib, err := content.Open(fsys)
			if err != nil {
				t.Fatal(err)
			}
			c.change(fsys)
			probs := lib.Finish()
			if len(probs) == 0 || !strings.HasPrefix(probs[0].String(), c.want) {
				t.Fatalf("Finish found %v, want a problem starting %q", probs, c.want)
			}
		})
	}
}

// Cited counts the other entries that name an entry in see_also, each
// once; the key figures entry may be named too.
func TestCited(t *testing.T) {
	withSee := func(id, kind, title, see string) *fstest.MapFile {
		return frontFile(id, kind, title, "see_also: ["+see+"]\n")
	}
	fsys := fstest.MapFS{
		"a.md": withSee("a", "agency", "A", "b, b, a, c"),
		"b.md": withSee("b", "term", "B", "c, key-figures"),
		"c.md": withSee("c", "guide", "C", "a"),
		"d.md": withSee("d", "term", "D", "c"),
		"figures.yaml": {Data: []byte(`- name: gp
  label: GP
  value: 30
  unit: EUR
  since: 2024-12-22
  source: https://www.ameli.fr/a
`)},
	}
	lib, probs := load(t, fsys)
	if probs != nil {
		t.Fatal(probs)
	}
	want := map[string]int{"a": 1, "b": 1, "c": 3, "d": 0, content.KeyFiguresID: 1}
	for id, n := range want {
		if e := lib.Get(id); e == nil || e.Cited != n {
			t.Errorf("%s cited %v, want %d", id, e, n)
		}
	}
}
