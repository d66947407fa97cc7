package search

import (
	"sync"
	"testing"
	"unicode/utf8"

	"secu/content"
)

var (
	fuzzOnce  sync.Once
	fuzzIndex *Index
)

// fuzzIndexOf is the embedded guide (when it loads), with its synonym
// table, plus the hand-made corpus, with its accents and ligatures.
func fuzzIndexOf() *Index {
	var es []*content.Entry
	var syns []content.Synonym
	if lib, err := content.Embedded(); err == nil {
		es, syns = append(es, lib.Entries...), lib.Synonyms
	}
	return newIndex(append(es, corpus()...), syns)
}

// FuzzSearch checks that no query panics, that highlight positions stay
// inside the title and French name, and that limits and kinds hold.
func FuzzSearch(f *testing.F) {
	f.Add("carte vit", uint8(0), 20)
	f.Add("sécurité-sociale", uint8(3), 0)
	f.Add("how do i get paid when my doctor's note says sick leave", uint8(0), 5)
	fuzzOnce.Do(func() { fuzzIndex = fuzzIndexOf() })
	ix := fuzzIndex
	kinds := append([]string{""}, content.Kinds...)
	f.Fuzz(func(t *testing.T, query string, k uint8, limit int) {
		kind := kinds[int(k)%len(kinds)]
		limit %= 100
		res := ix.Search(query, kind, limit)
		if limit > 0 && len(res) > limit {
			t.Fatalf("Search(%q, %q, %d): %d results", query, kind, limit, len(res))
		}
		for i, r := range res {
			e := r.Entry
			if kind != "" && e.Kind != kind {
				t.Fatalf("Search(%q, %q): got kind %q", query, kind, e.Kind)
			}
			if i > 0 && r.Score > res[i-1].Score {
				t.Fatalf("Search(%q): scores not in order: %d after %d", query, r.Score, res[i-1].Score)
			}
			checkPos(t, query, "title", e.Title, r.TitlePos)
			checkPos(t, query, "French", e.French, r.FrenchPos)
			switch r.Field {
			case "", "id", "title", "alias", "keyword", "body":
			default:
				t.Fatalf("Search(%q): field %q", query, r.Field)
			}
			if !utf8.ValidString(r.Snippet) || utf8.RuneCountInString(r.Snippet) > maxSnippet {
				t.Fatalf("Search(%q): bad snippet %q", query, r.Snippet)
			}
		}
		// The list's search, as the query is typed.
		all := ix.SearchAll(query, kind)
		for i := range all[:min(len(all), 20)] {
			r := &all[i]
			r.Highlight()
			checkPos(t, query, "title", r.Entry.Title, r.TitlePos)
			checkPos(t, query, "French", r.Entry.French, r.FrenchPos)
			if i > 0 && r.Score > all[i-1].Score {
				t.Fatalf("SearchAll(%q): scores not in order", query)
			}
		}
		for _, w := range Terms(query) {
			if w == "" {
				t.Fatalf("Terms(%q) has an empty word", query)
			}
		}
	})
}

func checkPos(t *testing.T, query, what, s string, pos []int) {
	t.Helper()
	n := utf8.RuneCountInString(s)
	for i, p := range pos {
		if p < 0 || p >= n || i > 0 && p <= pos[i-1] {
			t.Fatalf("Search(%q): %s %q: positions %v out of range or order", query, what, s, pos)
		}
	}
}
