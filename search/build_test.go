package search

import (
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"secu/content"
)

// TestShardedBuild checks that building in shards gives the very index one
// builder gives.
func TestShardedBuild(t *testing.T) {
	for _, c := range buildCases(t) {
		t.Run(c.name, func(t *testing.T) {
			want := buildIndex(c.entries, c.syns, 1)
			shards := []int{2, 3, 7}
			if len(c.entries) < 100 {
				shards = append(shards, len(c.entries)+3)
			}
			for _, shards := range shards {
				got := buildIndex(c.entries, c.syns, shards)
				if f := diffIndex(want, got); f != "" {
					t.Errorf("%d shards: %s differs", shards, f)
				}
			}
		})
	}
}

type buildCase struct {
	name    string
	entries []*content.Entry
	syns    []content.Synonym
}

// buildCases are libraries big and small, and ones made to trip a merge.
func buildCases(t *testing.T) []buildCase {
	guide, err := content.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	guide.Finish()
	folder := syntheticFolder(t, 2100)

	one := &content.Entry{ID: "carte-vitale", Kind: "document", Title: "Carte Vitale", French: "carte Vitale",
		Aliases: []string{"CV"}, Keywords: []string{"carte"}, English: "health card", Body: "La carte.\n\n## Carte\nVitale."}
	// The same words, names and ids on both sides of every shard boundary.
	var same []*content.Entry
	for i := range 40 {
		e := *one
		if i%3 == 0 {
			e.ID = fmt.Sprintf("carte-vitale-%d", i)
		}
		same = append(same, &e)
	}
	// More kinds than a byte numbers, in an order shards would renumber.
	var kinds []*content.Entry
	for i, e := range synthetic(700) {
		e.Kind = fmt.Sprintf("kind-%d", (i*7)%300)
		kinds = append(kinds, e)
	}
	empty := []*content.Entry{{ID: "a"}, {ID: "b", Title: "-"}, {ID: "c", Body: "\n\n"}, one}

	return []buildCase{
		{"guide", guide.Entries, guide.Synonyms},
		{"synthetic", synthetic(3000), nil},
		{"folder", folder.Entries, folder.Synonyms},
		{"none", nil, nil},
		{"one", []*content.Entry{one}, nil},
		{"same", same, nil},
		{"kinds", kinds, nil},
		{"empty", empty, nil},
	}
}

// diffIndex names the first field in which two indexes differ, or returns
// "". The synonyms (a function), the stem cache (filled on use: only its
// length counts) and the scratch are left out.
func diffIndex(a, b *Index) string {
	return diffFields(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), "")
}

func diffFields(a, b reflect.Value, prefix string) string {
	for i := range a.NumField() {
		f := a.Type().Field(i)
		x, y := readable(a.Field(i)), readable(b.Field(i))
		switch name := prefix + f.Name; {
		case name == "syns" || name == "spare":
		case name == "stemCache":
			if x.Len() != y.Len() {
				return name
			}
		case f.Anonymous:
			if d := diffFields(x, y, f.Name+"."); d != "" {
				return d
			}
		case !reflect.DeepEqual(x.Interface(), y.Interface()):
			return name
		}
	}
	return ""
}

// readable returns v, an unexported field, as one Interface accepts.
func readable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}
