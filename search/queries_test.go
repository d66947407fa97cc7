package search

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"secu/content"
)

// TestQuerySet runs what newcomers really type against the embedded guide:
// a query passes when one of its expected ids is in the top 3.
func TestQuerySet(t *testing.T) {
	lib, err := content.Embedded()
	if err != nil {
		t.Fatalf("loading the embedded guide: %v", err)
	}
	ix := New(lib.Entries)

	f, err := os.Open("testdata/queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, hits := 0, 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		query, ids, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("queries.tsv:%d: want query<TAB>id[,id]", line)
		}
		want := strings.Split(ids, ",")
		for _, id := range want {
			if lib.Get(id) == nil {
				t.Errorf("queries.tsv:%d: unknown id %q", line, id)
			}
		}
		total++
		res := ix.Search(query, "", 3)
		found := false
		var got []string
		for _, r := range res {
			got = append(got, r.Entry.ID)
			for _, id := range want {
				found = found || r.Entry.ID == id
			}
		}
		if found {
			hits++
		} else {
			t.Logf("miss: %-45q want %-40s got %v", query, ids, got)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total < 70 {
		t.Errorf("only %d queries, want at least 70", total)
	}
	rate := float64(hits) / float64(total)
	t.Logf("query set: %d/%d in the top 3 (%.1f%%)", hits, total, 100*rate)
	if rate < 0.95 {
		t.Errorf("query set: %.1f%% in the top 3, want at least 95%%", 100*rate)
	}
}
