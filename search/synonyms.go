package search

import (
	"slices"
	"strings"

	"secu/content"
)

// synTable is the synonym table, compiled for matching query words: each
// phrase people type, by its first word's stem. A phrase is filed under
// its English stems and, where they differ, its French ones, so that
// "travaille" meets "travail" and "registering" meets "register".
type synTable struct {
	byFirst map[string][]synRule
	memo    map[string]stemPair // stems of the table's words, while compiling
}

// stems returns the stems of a word of the table: words repeat, and
// stemming is most of the cost of compiling it.
func (t *synTable) stems(w string) (string, string) {
	p, ok := t.memo[w]
	if !ok {
		p.en, p.fr = stems(w)
		t.memo[w] = p
	}
	return p.en, p.fr
}

type synRule struct {
	key   []string  // the stems of the phrase's words, elisions dropped
	means []meaning // each phrase it stands for
}

// meaning is a phrase a synonym stands for: its words, and its stems
// joined, to tell it from what was typed and from the other meanings.
type meaning struct {
	words []string
	key   string
}

func newSynTable(syns []content.Synonym) *synTable {
	t := &synTable{byFirst: map[string][]synRule{}, memo: map[string]stemPair{}}
	for _, s := range syns {
		for i, p := range s.Words {
			targets := s.Means
			if len(targets) == 0 {
				targets = append(append([]string(nil), s.Words[:i]...), s.Words[i+1:]...)
			}
			t.add(p, targets)
		}
	}
	t.memo = nil
	return t
}

func (t *synTable) add(phrase string, targets []string) {
	var en, fr []string
	for _, w := range words(foldString(phrase)) {
		if len(w) > 1 {
			e, f := t.stems(w)
			en, fr = append(en, e), append(fr, frKey(e, f))
		}
	}
	if len(en) == 0 {
		return
	}
	var means []meaning
	for _, m := range targets {
		// Every word of a phrase counts, stop words too ("sans papiers"),
		// but for elisions; a phrase of stop words only ("US") would match
		// every page.
		var ws []string
		stop := true
		for _, w := range words(foldString(m)) {
			if len(w) > 1 && !contains(ws, w) {
				ws = append(ws, w)
				stop = stop && stopWords[w]
			}
		}
		if len(ws) > 0 && !stop {
			ks := make([]string, len(ws))
			for i, w := range ws {
				ks[i], _ = t.stems(w)
			}
			means = append(means, meaning{ws, strings.Join(ks, " ")})
		}
	}
	t.file(en, means)
	if !equalWords(en, fr) {
		t.file(fr, means)
	}
}

func (t *synTable) file(key []string, means []meaning) {
	rules := t.byFirst[key[0]]
	for i := range rules {
		if equalWords(rules[i].key, key) {
			for _, m := range means {
				if !slices.ContainsFunc(rules[i].means, func(x meaning) bool { return x.key == m.key }) {
					rules[i].means = append(rules[i].means, m)
				}
			}
			return
		}
	}
	t.byFirst[key[0]] = append(rules, synRule{key: key, means: means})
}

// match returns how many of ws (folded query words, with en and fr their
// stems) the longest phrase of the table starting at ws[0] covers, and
// what it means; 0 if none.
func (t *synTable) match(ws, en, fr []string) (int, []meaning) {
	if len(t.byFirst) == 0 || len(ws) == 0 || len(ws[0]) < 2 {
		return 0, nil
	}
	best, bestN := -1, 0
	var bestRules []synRule
	for _, st := range [2][]string{en, fr} {
		rules := t.byFirst[st[0]]
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
				best, bestN, bestRules = r, i, rules
			}
		}
	}
	if best < 0 {
		return 0, nil
	}
	return bestN, bestRules[best].means
}

// frKey is a word's French stem as phrases are filed under it: as in
// stemsMeet, a French stem of under 4 letters is too loose ("care" → car),
// so the English one stands in.
func frKey(en, fr string) string {
	if len(fr) < 4 {
		return en
	}
	return fr
}

func equalWords(a, b []string) bool {
	return slices.Equal(a, b)
}
