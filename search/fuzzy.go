package search

import (
	"github.com/sahilm/fuzzy"
)

// What a fuzzy target is.
const (
	onTitle = iota
	onFrench
	onAlias
)

// Fuzzy patterns outside these lengths are skipped: one letter is served by
// prefixes, and a sentence never fuzzy-matches a name usefully.
const (
	minFuzzy = 2
	maxFuzzy = 32
)

// target is a folded title, French name or alias given to sahilm/fuzzy.
type target struct {
	doc  int32
	on   uint8
	s    string
	bits uint64 // which letters and digits s contains, for a cheap pre-check
}

func newTarget(d int32, on uint8, folded string) target {
	return target{doc: d, on: on, s: folded, bits: letterBits(folded)}
}

func letterBits(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + c - '0')
		case c >= 0x80:
			m |= 1 << 63
		}
	}
	return m
}

// fuzzyHit is the best fuzzy match of one entry.
type fuzzyHit struct {
	doc   int32
	on    uint8
	score int
	pos   []int // byte offsets in the folded target
}

// candidates is the Source given to sahilm/fuzzy: only the targets that
// passed the pre-check.
type candidates struct {
	ix  *Index
	idx []int32
}

func (c candidates) String(i int) string { return c.ix.fuzzy[c.idx[i]].s }
func (c candidates) Len() int            { return len(c.idx) }

// fuzzyMatch runs sahilm/fuzzy over the folded names and aliases of the
// entries of kind, and keeps matches whose runs of matched letters each start
// a word ("cv" → Carte Vitale, "cartevit" → Carte Vitale, but not "rent" →
// "Reimbursement example"). Scattered letters are noise at this rank.
func (ix *Index) fuzzyMatch(pattern, kind string, idx []int32) ([]fuzzyHit, []int32) {
	if len(pattern) < minFuzzy || len(pattern) > maxFuzzy {
		return nil, idx
	}
	need := letterBits(pattern)
	idx = idx[:0]
	for i := range ix.fuzzy {
		t := &ix.fuzzy[i]
		if t.bits&need != need || kind != "" && ix.docs[t.doc].e.Kind != kind {
			continue
		}
		if subsequence(pattern, t.s) {
			idx = append(idx, int32(i))
		}
	}
	if len(idx) == 0 {
		return nil, idx
	}
	var hits []fuzzyHit
	for _, m := range fuzzy.FindFromNoSort(pattern, candidates{ix, idx}) {
		t := ix.fuzzy[idx[m.Index]]
		if !wordStartRuns(t.s, m.MatchedIndexes) {
			continue
		}
		hits = append(hits, fuzzyHit{doc: t.doc, on: t.on, score: m.Score, pos: m.MatchedIndexes})
	}
	return hits, idx
}

// subsequence reports whether the bytes of p appear in s in order.
func subsequence(p, s string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(p); i++ {
		if s[i] == p[j] {
			j++
		}
	}
	return j == len(p)
}

// wordStartRuns reports whether every run of consecutive matched bytes
// begins at the start of a word of s.
func wordStartRuns(s string, pos []int) bool {
	for k, p := range pos {
		if k > 0 && pos[k-1] == p-1 {
			continue
		}
		if p > 0 && isWordByte(s[p-1]) {
			return false
		}
	}
	return true
}
