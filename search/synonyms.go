package search

import (
	"slices"

	"github.com/kljensen/snowball/english"
	"secu/content"
)

// synTable is the synonym table, compiled for matching query words: each
// phrase people type, by its first word's stem.
type synTable struct {
	byFirst map[string][]synRule
}

type synRule struct {
	key   []string   // the stems of the phrase's words, elisions dropped
	means [][]string // the words of each phrase it stands for
}

func newSynTable(syns []content.Synonym) synTable {
	t := synTable{byFirst: map[string][]synRule{}}
	for _, s := range syns {
		for i, p := range s.Words {
			targets := s.Means
			if len(targets) == 0 {
				targets = append(append([]string(nil), s.Words[:i]...), s.Words[i+1:]...)
			}
			t.add(p, targets)
		}
	}
	return t
}

func (t *synTable) add(phrase string, targets []string) {
	var key []string
	for _, w := range words(foldString(phrase)) {
		if len(w) > 1 {
			key = append(key, synStem(w))
		}
	}
	if len(key) == 0 {
		return
	}
	var means [][]string
	for _, m := range targets {
		// Every word of a phrase counts, stop words too ("sans papiers"),
		// but for elisions.
		var ws []string
		for _, w := range words(foldString(m)) {
			if len(w) > 1 && !contains(ws, w) {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			means = append(means, ws)
		}
	}
	rules := t.byFirst[key[0]]
	for i := range rules {
		if equalWords(rules[i].key, key) {
			for _, m := range means {
				if !slices.ContainsFunc(rules[i].means, func(x []string) bool { return equalWords(x, m) }) {
					rules[i].means = append(rules[i].means, m)
				}
			}
			return
		}
	}
	t.byFirst[key[0]] = append(rules, synRule{key: key, means: means})
}

// synStem is the form phrases are compared in: the English stem (the
// French one would double the cost of loading the table for little).
func synStem(w string) string {
	if len(w) <= 2 || !lettersOnly(w) {
		return w
	}
	return english.Stem(w, true)
}

// match returns how many of ws (folded query words, with st their
// synStem) the longest phrase of the table starting at ws[0] covers, and
// what it means; 0 if none.
func (t *synTable) match(ws, st []string) (int, [][]string) {
	if len(t.byFirst) == 0 || len(ws) == 0 || len(ws[0]) < 2 {
		return 0, nil
	}
	rules := t.byFirst[st[0]]
	best, bestN := -1, 0
	for r := range rules {
		key := rules[r].key
		k, i := 0, 0
		for ; i < len(ws) && k < len(key); i++ {
			if len(ws[i]) == 1 {
				continue
			}
			if st[i] != key[k] {
				break
			}
			k++
		}
		if k == len(key) && i > bestN {
			best, bestN = r, i
		}
	}
	if best < 0 {
		return 0, nil
	}
	return bestN, rules[best].means
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
