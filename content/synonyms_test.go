package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseSynonyms(t *testing.T) {
	good := "# comment\n- words: [sick note, doctor's note]\n  means: [arrêt de travail]\n- words: [reimbursement, remboursement]\n- words: fit note\n  means: sick leave\n"
	syns, probs := ParseSynonyms("synonyms.yaml", []byte(good))
	if len(probs) != 0 {
		t.Fatalf("good table: %v", probs)
	}
	want := []Synonym{
		{Words: []string{"sick note", "doctor's note"}, Means: []string{"arrêt de travail"}, Line: 2},
		{Words: []string{"reimbursement", "remboursement"}, Line: 4},
		{Words: []string{"fit note"}, Means: []string{"sick leave"}, Line: 5},
	}
	if len(syns) != len(want) {
		t.Fatalf("got %+v, want %+v", syns, want)
	}
	for i := range want {
		if !slices.Equal(syns[i].Words, want[i].Words) || !slices.Equal(syns[i].Means, want[i].Means) || syns[i].Line != want[i].Line {
			t.Errorf("item %d = %+v, want %+v", i, syns[i], want[i])
		}
	}

	bad := []struct{ name, src, want string }{
		{"not a list", "words: [a]\n", "synonyms.yaml:1: want a list"},
		{"unknown field", "- words: [a, b]\n  meaning: [c]\n", "synonyms.yaml:2: unknown field \"meaning\""},
		{"no words", "- means: [c]\n", "synonyms.yaml:1: missing field \"words\""},
		{"one word alone", "- words: [a]\n", "synonyms.yaml:1: words without means"},
		{"empty phrase", "- words: [a, \"\"]\n  means: [b]\n", "synonyms.yaml:1: words: empty phrase"},
		{"no word in phrase", "- words: [a]\n  means: [\"?!\"]\n", "synonyms.yaml:2: means: phrase \"?!\" has no word"},
		{"nested list", "- words: [a, [b]]\n  means: [c]\n", "synonyms.yaml:1: words: want a phrase, not a list"},
		{"item not a mapping", "- a\n", "synonyms.yaml:1: want an item"},
		{"malformed", "- words: [a\n", "synonyms.yaml:"},
		{"not UTF-8", "- words: [\xff]\n", "synonyms.yaml: not UTF-8"},
		{"control", "- words: [\"a\\u0007\"]\n  means: [b]\n", "control character"},
		{"duplicate field", "- words: [a]\n  words: [b]\n  means: [c]\n", "synonyms.yaml:"},
	}
	for _, tt := range bad {
		_, probs := ParseSynonyms("synonyms.yaml", []byte(tt.src))
		if len(probs) == 0 || !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("%s: problems %q, want %q", tt.name, probs.Error(), tt.want)
		}
	}
	if syns, probs := ParseSynonyms("synonyms.yaml", nil); len(syns) != 0 || len(probs) != 0 {
		t.Errorf("empty table: %v %v", syns, probs)
	}
}

func TestLoadReadsSynonyms(t *testing.T) {
	entry := &fstest.MapFile{Data: []byte("---\nid: a\nkind: term\ntitle: A\n---\nBody.\n")}
	lib, err := Load(fstest.MapFS{"a.md": entry, "synonyms.yaml": {Data: []byte("- words: [x, y]\n")}})
	if err != nil || len(lib.Synonyms) != 1 {
		t.Fatalf("Load with synonyms: %v, %+v", err, lib)
	}
	_, err = Load(fstest.MapFS{"a.md": entry, "synonyms.yaml": {Data: []byte("- words: [x]\n")}})
	if err == nil || !strings.Contains(err.Error(), "synonyms.yaml:1:") {
		t.Fatalf("Load with a bad table: %v", err)
	}
	lib, err = Load(fstest.MapFS{"a.md": entry})
	if err != nil || lib.Synonyms != nil {
		t.Fatalf("Load without a table: %v", err)
	}
}

func TestEmbeddedSynonyms(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Synonyms) < 50 {
		t.Errorf("the embedded synonym table has %d items", len(lib.Synonyms))
	}
}

func FuzzParseSynonyms(f *testing.F) {
	f.Add("- words: [a, b]\n  means: [c]\n")
	f.Add("- [x]\n")
	f.Fuzz(func(t *testing.T, src string) {
		syns, probs := ParseSynonyms("s.yaml", []byte(src))
		for _, s := range syns {
			if len(s.Words) == 0 || s.Line < 1 {
				t.Fatalf("bad synonym %+v from %q", s, src)
			}
		}
		for _, p := range probs {
			if strings.ContainsAny(p.String(), "\x1b\r") {
				t.Fatalf("problem with a control character: %q", p.String())
			}
		}
	})
}
