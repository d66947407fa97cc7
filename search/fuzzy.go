package search

import (
	"strings"

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
	doc   int32
	on    uint8
	s     string
	bits  uint64 // which letters and digits s contains, for a cheap pre-check
	inits uint64 // which letters start its words
}

func newTarget(d int32, on uint8, folded string) target {
	var inits uint64
	for _, sp := range wordSpans(folded) {
		inits |= letterBits(folded[sp.start : sp.start+1])
	}
	return target{doc: d, on: on, s: folded, bits: letterBits(folded), inits: inits}
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
func (ix *Index) fuzzyMatch(pattern, kind string, skip func(int32) bool, s *scratch) []fuzzyHit {
	if len(pattern) < minFuzzy || len(pattern) > maxFuzzy {
		return nil
	}
	need, first := letterBits(pattern), letterBits(pattern[:1])
	rm := newRunMatcher(pattern)
	// A target the pattern's letters and runs fit also fits a shorter
	// pattern it starts with (drop the last letters of the last runs):
	// when the pattern extends the last one, as it does letter by letter,
	// only the targets that fitted the last one can fit it.
	narrow := s.fitPattern != "" && strings.HasPrefix(pattern, s.fitPattern)
	fits := s.fitNext[:0]
	idx := s.idx[:0]
	check := func(i int32) {
		t := &ix.fuzzy[i]
		if t.bits&need != need || t.inits&first == 0 || !rm.match(t.s) {
			return
		}
		fits = append(fits, i)
		if ix.kindOK(t.doc, kind) && !skip(t.doc) {
			idx = append(idx, i)
		}
	}
	if narrow {
		for _, i := range s.fit {
			check(i)
		}
	} else {
		for i := range ix.fuzzy {
			check(int32(i))
		}
	}
	s.fit, s.fitNext, s.fitPattern = fits, s.fit, pattern
	s.idx = idx
	if len(idx) == 0 {
		return nil
	}
	var hits []fuzzyHit
	for _, m := range fuzzy.FindFromNoSort(pattern, candidates{ix, idx}) {
		t := ix.fuzzy[idx[m.Index]]
		if !wordStartRuns(t.s, m.MatchedIndexes) {
			continue
		}
		hits = append(hits, fuzzyHit{doc: t.doc, on: t.on, score: m.Score, pos: m.MatchedIndexes})
	}
	return hits
}

// runMatcher tells whether a pattern can be cut into pieces that appear in
// a string in order, each at the start of a word: the matches wordStartRuns
// accepts. It runs in one pass, bit-parallel (shift-and), as a cheap filter
// before sahilm/fuzzy.
type runMatcher struct {
	at   [256]uint64 // bit i set when pattern[i] is that byte
	done uint64
}

func newRunMatcher(p string) *runMatcher {
	m := &runMatcher{done: 1 << len(p)}
	for i := 0; i < len(p); i++ {
		m.at[p[i]] |= 1 << i
	}
	return m
}

func (m *runMatcher) match(s string) bool {
	// ready: pattern prefixes matched so far (bit i: the first i bytes);
	// run: those whose last piece ends at the previous byte.
	ready, run := uint64(1), uint64(0)
	for i := 0; i < len(s); i++ {
		from := run
		if i == 0 || !isWordByte(s[i-1]) {
			from |= ready
		}
		run = from & m.at[s[i]] << 1
		ready |= run
		if ready&m.done != 0 {
			return true
		}
	}
	return false
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
