package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"secu/content"
)

// matchQueries are what people type, each also tried letter by letter:
// word prefixes, typos, several words, accents or none, stop words only,
// punctuation, and nothing.
var matchQueries = []string{
	"", " ", "c", "cpam", "carte vitale", "carte v", "CARTE  Vitale ", "médecin traitant",
	"medecin traitent", "urssaff", "pharmcy", "help with rent", "sick leave pay",
	"allocations familiales", "the", "de la", "a1", "s1106", "ticket modérateur",
	"arrêt maladie", "jobseeker's allowance", "how do i prove i have health insurance",
	"zzzz", "sécu", "ca", "rent", "mutuelle santé", "numéro de sécurité sociale",
	"car insurance", "learn french", "été", "-", "Œuvre", "aide au logement",
}

// typed lists every query above and each of its prefixes.
func typed() []string {
	var out []string
	for _, q := range matchQueries {
		for i := range q {
			if i > 0 {
				out = append(out, q[:i])
			}
		}
		out = append(out, q)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// matchLibraries are the built-in guide and a synthetic folder of 3,000.
func matchLibraries(t *testing.T) map[string]*Index {
	guide, err := content.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	synth := syntheticFolder(t, 3000)
	return map[string]*Index{"guide": NewLibrary(guide), "synthetic": NewLibrary(synth)}
}

// describe is what a list shows of a result, highlights included.
func describe(r Result) string {
	r.Highlight()
	return fmt.Sprintf("%s %d %s %v %v %v", r.Entry.ID, r.Score, r.Field, r.partial, r.TitlePos, r.FrenchPos)
}

// TestMatchesAsFullSort checks that Matches, sorted as it is read, lists
// what SearchAll's full sort does, in the same order, with the same tab
// counts, the same "no exact match" note and the same highlights, however
// it is read: the first screen, a look-up, then the rest.
func TestMatchesAsFullSort(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a synthetic folder")
	}
	for name, ix := range matchLibraries(t) {
		for _, q := range typed() {
			full := ix.SearchAll(q, "")
			m := ix.Matches(q, "")
			if m.Len() != len(full) || m.Partial() != NoExactMatch(full) {
				t.Fatalf("%s %q: %d matches, partial %v; the full sort has %d, %v", name, q, m.Len(), m.Partial(), len(full), NoExactMatch(full))
			}
			for _, kind := range append([]string{""}, content.Kinds...) {
				var want []Result
				for _, r := range full {
					if kind == "" || r.Entry.Kind == kind {
						want = append(want, r)
					}
				}
				got := m.OfKind(kind)
				if got.Count(kind) != len(want) || m.Count(kind) != len(want) || got.Partial() != NoExactMatch(want) {
					t.Fatalf("%s %q kind %q: count %d, partial %v; want %d, %v", name, q, kind, m.Count(kind), got.Partial(), len(want), NoExactMatch(want))
				}
				// Read a screen, look one up far down, then read the rest.
				for i := range min(35, len(want)) {
					if g, w := describe(*got.At(i)), describe(want[i]); g != w {
						t.Fatalf("%s %q kind %q: #%d is %s, the full sort's %s", name, q, kind, i, g, w)
					}
				}
				if len(want) > 0 {
					last := want[len(want)-1].Entry.ID
					if i := got.IndexOf(last); i != len(want)-1 {
						t.Fatalf("%s %q kind %q: IndexOf(%s) = %d, want %d", name, q, kind, last, i, len(want)-1)
					}
				}
				for i := range want {
					if g, w := describe(*got.At(i)), describe(want[i]); g != w {
						t.Fatalf("%s %q kind %q: #%d is %s, the full sort's %s", name, q, kind, i, g, w)
					}
				}
			}
			// Bookmarks: every third match, as a filter.
			keep := map[string]bool{}
			for i, r := range full {
				if i%3 == 0 {
					keep[r.Entry.ID] = true
				}
			}
			f := m.Filter(func(e *content.Entry) bool { return keep[e.ID] })
			var ids []string
			for i := range f.Len() {
				ids = append(ids, f.At(i).Entry.ID)
			}
			var want []string
			for i := 0; i < len(full); i += 3 {
				want = append(want, full[i].Entry.ID)
			}
			if strings.Join(ids, " ") != strings.Join(want, " ") {
				t.Fatalf("%s %q: filtered %v, want %v", name, q, ids, want)
			}
		}
	}
}

// TestSelectFirst checks quickselect against a full sort at every k.
func TestSelectFirst(t *testing.T) {
	base := make([]cand, 300)
	for i := range base {
		base[i] = cand{doc: int32(i), score: int32((i * 7919) % 13), fine: float32(i % 5)}
	}
	want := slices.Clone(base)
	slices.SortFunc(want, candCmp)
	for k := range len(base) + 1 {
		cs := slices.Clone(base)
		selectFirst(cs, k)
		slices.SortFunc(cs[:k], candCmp)
		if !slices.Equal(cs[:k], want[:k]) {
			t.Fatalf("k=%d: the first k are not the k best", k)
		}
	}
}

// TestManyKinds checks the counts past the 255 kinds numbered in a byte.
func TestManyKinds(t *testing.T) {
	var es []*content.Entry
	for i := range 300 {
		es = append(es, &content.Entry{ID: fmt.Sprint("e", i), Kind: fmt.Sprint("k", i), Title: "Carte"})
	}
	for _, q := range []string{"", "carte"} {
		m := New(es).Matches(q, "")
		for _, k := range []string{"k3", "k254", "k255", "k299"} {
			if m.Count(k) != 1 || m.OfKind(k).Len() != 1 || m.OfKind(k).At(0).Entry.Kind != k {
				t.Errorf("%q: kind %s counted %d", q, k, m.Count(k))
			}
		}
		if m.Count("none") != 0 || m.Count("") != 300 {
			t.Errorf("%q: counts %d, %d", q, m.Count("none"), m.Count(""))
		}
	}
}
