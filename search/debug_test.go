package search

import (
	"os"
	"testing"

	"secu/content"
)

func TestDebugQuery(t *testing.T) {
	qs := os.Getenv("SECU_Q")
	if qs == "" {
		t.Skip()
	}
	lib, _ := content.Embedded()
	ix := NewLibrary(lib)
	q := ix.parseQuery(qs, false)
	for i, tm := range q.terms {
		t.Logf("term %d %+v", i, tm)
	}
	for i, sl := range q.slots {
		t.Logf("slot %d %v", i, sl.alts)
	}
	for _, r := range ix.Search(qs, "", 5) {
		t.Logf("%s %d %s", r.Entry.ID, r.Score, r.Field)
	}
}
