package search

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"secu/content"
)

// category is one group of the query set and the bar it must clear.
type category struct {
	name string
	// top1 or top3: the share of queries whose expected entry must come
	// first, or in the first three; empty: the share that must find nothing.
	top1, top3, empty float64
}

var categories = []category{
	{name: "name", top1: 0.98},
	{name: "typo", top3: 0.90},
	{name: "question-en", top3: 0.90},
	{name: "question-fr", top3: 0.90},
	{name: "question-fr-plain", top3: 0.90},
	{name: "life-event", top3: 0.90},
	{name: "us-uk", top3: 0.90},
	{name: "unanswered", empty: 0.80},
}

// tally is what one category scored.
type tally struct {
	n, top1, top3, empty, pending int
	rr                            float64
}

// TestQuerySet runs what newcomers really type against the embedded guide,
// by category, and fails when a category falls below its bar. Queries
// whose expected entries do not exist yet (planned entries) are counted as
// pending, not run.
func TestQuerySet(t *testing.T) {
	lib, err := content.Embedded()
	if err != nil {
		t.Fatalf("loading the embedded guide: %v", err)
	}
	ix := NewLibrary(lib)
	scores := runQuerySet(t, lib, ix, "testdata/queries.tsv")

	var table strings.Builder
	fmt.Fprintf(&table, "| category | queries | top-1 | top-3 | MRR | empty | bar |\n|---|---|---|---|---|---|---|\n")
	total := 0
	for _, c := range categories {
		s := scores[c.name]
		total += s.n
		if s.n == 0 {
			t.Errorf("category %s has no queries", c.name)
			continue
		}
		pct := func(k int) float64 { return 100 * float64(k) / float64(s.n) }
		bar := ""
		switch {
		case c.top1 > 0:
			bar = fmt.Sprintf("top-1 ≥ %.0f %%", 100*c.top1)
			if float64(s.top1) < c.top1*float64(s.n) {
				t.Errorf("%s: top-1 %.1f %%, want at least %.0f %%", c.name, pct(s.top1), 100*c.top1)
			}
		case c.top3 > 0:
			bar = fmt.Sprintf("top-3 ≥ %.0f %%", 100*c.top3)
			if float64(s.top3) < c.top3*float64(s.n) {
				t.Errorf("%s: top-3 %.1f %%, want at least %.0f %%", c.name, pct(s.top3), 100*c.top3)
			}
		default:
			bar = fmt.Sprintf("empty ≥ %.0f %%", 100*c.empty)
			if float64(s.empty) < c.empty*float64(s.n) {
				t.Errorf("%s: %.1f %% empty, want at least %.0f %%", c.name, pct(s.empty), 100*c.empty)
			}
		}
		pend := ""
		if s.pending > 0 {
			pend = fmt.Sprintf(" (+%d pending)", s.pending)
		}
		if c.empty > 0 {
			fmt.Fprintf(&table, "| %s | %d%s | | | | %.1f %% | %s |\n", c.name, s.n, pend, pct(s.empty), bar)
		} else {
			fmt.Fprintf(&table, "| %s | %d%s | %.1f %% | %.1f %% | %.3f | | %s |\n", c.name, s.n, pend, pct(s.top1), pct(s.top3), s.rr/float64(s.n), bar)
		}
	}
	t.Logf("query set, %d queries run:\n%s", total, table.String())
	if total < 250 {
		t.Errorf("only %d queries run, want at least 250", total)
	}
}

// runQuerySet reads a query file (category<TAB>query<TAB>ids) and scores
// each category.
func runQuerySet(t *testing.T, lib *content.Library, ix *Index, path string) map[string]*tally {
	t.Helper()
	known := map[string]bool{}
	for _, c := range categories {
		known[c.name] = true
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	scores := map[string]*tally{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 3 || !known[cols[0]] {
			t.Fatalf("%s:%d: want category<TAB>query<TAB>id[,id] with a known category", path, line)
		}
		cat, query := cols[0], cols[1]
		s := scores[cat]
		if s == nil {
			s = &tally{}
			scores[cat] = s
		}
		res := ix.Search(query, "", 10)
		var got []string
		for _, r := range res {
			got = append(got, r.Entry.ID)
		}
		if cols[2] == "-" {
			s.n++
			if len(res) == 0 {
				s.empty++
			} else {
				t.Logf("not empty: %-40q got %v", query, got[:min(3, len(got))])
			}
			continue
		}
		var want []string
		for _, id := range strings.Split(cols[2], ",") {
			if lib.Get(id) != nil {
				want = append(want, id)
			}
		}
		if len(want) == 0 {
			s.pending++
			continue
		}
		s.n++
		rank := 0
		for i, id := range got {
			for _, w := range want {
				if id == w && rank == 0 {
					rank = i + 1
				}
			}
		}
		if rank > 0 {
			s.rr += 1 / float64(rank)
		}
		switch {
		case rank == 1:
			s.top1++
			s.top3++
		case rank > 0 && rank <= 3:
			s.top3++
		}
		if rank != 1 {
			t.Logf("%-17s rank %2d: %-45q want %-40s got %v", cat, rank, query, strings.Join(want, ","), got[:min(3, len(got))])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return scores
}
