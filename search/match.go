package search

import (
	"math/bits"
	"sort"
	"strings"
)

// How well a query word matched a word of the entry.
const (
	qTypo   = 1 // one edit away
	qPrefix = 2 // the entry's word starts with it (last word, being typed)
	qExact  = 3 // the same word, or the same after plural folding
)

// Typo tolerance applies to query words of minTypoLen letters or more;
// words longer than maxTypoLen are not scanned (they are not words).
const (
	minTypoLen = 5
	maxTypoLen = 40
)

// hit is a vocabulary word a query word expands to.
type hit struct {
	tok int32
	q   uint8
	// headOnly: a guess too loose for bodies (a typo in a 4-letter word)
	headOnly bool
}

// expand finds the vocabulary words that query word w matches. The vocabulary
// is sorted, so prefixes are one range; typos scan only words of nearby
// length.
func (ix *Index) expand(w string, prefix bool, out []hit) []hit {
	start := len(out)
	out = ix.sameStem(w, out)
	exact := out[start:]
	if prefix {
		lo := sort.SearchStrings(ix.vocab, w)
		for t := lo; t < len(ix.vocab) && strings.HasPrefix(ix.vocab[t], w); t++ {
			if !hasTok(exact, int32(t)) {
				out = append(out, hit{tok: int32(t), q: qPrefix})
			}
		}
	}
	// A short word is only a typo when it is no word of the guide: "cars"
	// means cars before it means "card".
	minLen := minTypoLen
	if len(exact) == 0 {
		minLen = minTypoLen - 1
	}
	if len(w) < minLen || len(w) > maxTypoLen {
		return out
	}
	wb := letterBits(w)
	for n := len(w) - 1; n <= len(w)+1 && n < len(ix.byLen); n++ {
		for _, t := range ix.byLen[n] {
			// One edit changes at most two letters of the letter set.
			if bits.OnesCount64(wb^ix.bits[t]) > 2 {
				continue
			}
			v := ix.vocab[t]
			if v == w || len(v) < minLen-1 || !oneEdit(w, v) {
				continue
			}
			if hasTok(exact, t) || prefix && strings.HasPrefix(v, w) {
				continue
			}
			out = append(out, hit{t, qTypo, len(w) < minTypoLen})
		}
	}
	return out
}

func hasTok(hs []hit, t int32) bool {
	for _, h := range hs {
		if h.tok == t {
			return true
		}
	}
	return false
}

// sameStem appends the vocabulary words sharing an English or French stem
// with w. Such words start with the stem (give or take a final y), so only
// that range of the sorted vocabulary is stemmed.
func (ix *Index) sameStem(w string, out []hit) []hit {
	en, fr := ix.stemsOf(w)
	start := len(out)
	for _, s := range [2]string{en, fr} {
		p := stemPrefix(s)
		if len(p) < 3 || !lettersOnly(w) {
			p = w // short words and codes: only themselves
		}
		lo := sort.SearchStrings(ix.vocab, p)
		for t := lo; t < len(ix.vocab) && strings.HasPrefix(ix.vocab[t], p); t++ {
			v := ix.vocab[t]
			if v != w {
				if p == w && len(p) < 3 {
					break
				}
				if ve, vf := ix.stemsOfTok(t); !stemsMeet(en, fr, ve, vf) {
					continue
				}
			}
			if !hasTok(out[start:], int32(t)) {
				out = append(out, hit{tok: int32(t), q: qExact})
			}
		}
	}
	return out
}

// oneEdit reports whether a and b differ by exactly one insertion, deletion,
// substitution or swap of two neighbouring letters.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch len(b) - len(a) {
	case 0:
		if i == len(a) {
			return false
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		return a[i:] == b[i+1:]
	}
	return false
}
