package search

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"secu/content"
)

// Result is one matching entry.
type Result struct {
	Entry *content.Entry
	Score int
	// Field is where it matched best: "id", "title", "alias", "keyword" or
	// "body" (a French-name match reports "title"); "" for an empty query.
	Field string
	// Snippet is, for body matches, the body line that matched, trimmed, at
	// most 200 runes (Markdown markup may remain).
	Snippet string
	// TitlePos and FrenchPos are rune indexes in Entry.Title and
	// Entry.French to highlight.
	TitlePos  []int
	FrenchPos []int

	later *later // what Highlight needs, for results of SearchAll
}

// Scores, best first. What is added inside a band never reaches the next
// one, so a better kind of match always wins:
//
//	1000     exact: the id, an acronym alias or the whole title
//	 900     the title or French name starts with the query
//	 899     the query is an alias (another name of the entry)
//	850–896  every word in the title or French name
//	 790     an alias starts with the query
//	750–799  every word in the aliases
//	700–746  every word matched across fields, the weakest an alias
//	600–699  fuzzy match on a title, French name or alias
//	 499     the query is a keyword
//	450–499  every word in the keywords (and English gloss)
//	400–446  across fields, the weakest a keyword
//	150–199  every word in the body
//	100–146  across fields, the weakest the body
//	 10–42   only some words, when no entry has them all
const (
	scoreExact      = 1000
	scoreNamePrefix = 900
	scoreAliasEqual = 899
	scoreAliasStart = 790
	scoreFuzzy      = 600
	scoreKeyword    = 499
	oneFieldBonus   = 50
)

// fieldBase is the band of the word-level matches in each field.
var fieldBase = [nFields]int{fTitle: 800, fAlias: 700, fKeyword: 400, fBody: 100}

// Field ranks, for reporting and tie-breaks (higher is better).
const (
	rNone = iota
	rBody
	rKeyword
	rAlias
	rTitle
	rID
)

var rankName = [...]string{rNone: "", rBody: "body", rKeyword: "keyword", rAlias: "alias", rTitle: "title", rID: "id"}

var rankOfField = [nFields]uint8{fTitle: rTitle, fAlias: rAlias, fKeyword: rKeyword, fBody: rBody}

const noLine = 1<<16 - 1

// acc gathers what matched in one entry during a search.
type acc struct {
	doc   int32
	q     [maxWords][nFields]uint8 // best quality of each query word per field
	line  [maxWords]uint16         // body line of each word's best match
	whole int                      // best whole-query score
	wrank uint8                    // its field rank
	fuzzy *fuzzyHit                // the fuzzy match that set whole, if any
}

// scratch is reused between searches so that a keystroke allocates little.
type scratch struct {
	slot  []int32 // doc → 1 + position in accs; all zero between searches
	accs  []acc
	hits  []hit
	idx   []int32
	cands []cand
}

var scratches sync.Pool

func (ix *Index) getScratch() *scratch {
	s, _ := scratches.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if cap(s.slot) < len(ix.docs) {
		s.slot = make([]int32, len(ix.docs))
	}
	s.slot = s.slot[:len(ix.docs)]
	s.accs = s.accs[:0]
	return s
}

func putScratch(s *scratch) {
	for i := range s.accs {
		s.slot[s.accs[i].doc] = 0
		s.accs[i].fuzzy = nil
	}
	scratches.Put(s)
}

func (s *scratch) get(d int32) *acc {
	if k := s.slot[d]; k > 0 {
		return &s.accs[k-1]
	}
	s.accs = append(s.accs, acc{doc: d})
	a := &s.accs[len(s.accs)-1]
	for i := range a.line {
		a.line[i] = noLine
	}
	s.slot[d] = int32(len(s.accs))
	return a
}

func (s *scratch) whole(d int32, score int, rank uint8, fz *fuzzyHit) {
	a := s.get(d)
	if score > a.whole || score == a.whole && rank > a.wrank {
		a.whole, a.wrank, a.fuzzy = score, rank, fz
	}
}

// cand is a scored entry waiting to be sorted.
type cand struct {
	acc   int32
	doc   int32
	score int
	rank  uint8
	runes int
}

// Search returns the entries matching query, best first. kind "" searches
// every kind; limit <= 0 means no limit. A query without words returns every
// entry of kind in the given order.
func (ix *Index) Search(query, kind string, limit int) []Result {
	return ix.search(query, kind, limit, true)
}

// SearchAll returns every match, best first, without snippets and with
// highlights left for Highlight: what a list needs on each keystroke, where
// working them out for thousands of matches would cost more than the search.
func (ix *Index) SearchAll(query, kind string) []Result {
	return ix.search(query, kind, 0, false)
}

func (ix *Index) search(query, kind string, limit int, snippets bool) []Result {
	q := parseQuery(query)
	if len(q.words) == 0 {
		return ix.all(kind, limit)
	}
	s := ix.getScratch()
	defer putScratch(s)

	ix.matchWhole(q, kind, s)
	ix.matchWords(q, kind, s)
	ix.matchFuzzy(q, kind, s)
	cands := topK(ix.score(q, s), limit, func(a, b cand) int {
		switch {
		case a.score != b.score:
			return b.score - a.score
		case a.rank != b.rank:
			return int(b.rank) - int(a.rank)
		case a.runes != b.runes:
			return a.runes - b.runes
		}
		return int(a.doc - b.doc)
	})
	out := make([]Result, len(cands))
	if !snippets {
		qp := &q
		laters := make([]later, len(cands)) // one allocation, not one a result
		for i, c := range cands {
			a := &s.accs[c.acc]
			laters[i] = later{d: &ix.docs[a.doc], q: qp}
			if a.fuzzy != nil && c.score == a.whole {
				fz := *a.fuzzy // the scratch is reused: keep a copy
				laters[i].fz = &fz
			}
			out[i] = Result{Entry: ix.docs[a.doc].e, Score: c.score, Field: rankName[c.rank], later: &laters[i]}
		}
		return out
	}
	for i, c := range cands {
		out[i] = ix.result(q, &s.accs[c.acc], c, snippets)
	}
	return out
}

func (ix *Index) all(kind string, limit int) []Result {
	var out []Result
	for i := range ix.docs {
		e := ix.docs[i].e
		if kind != "" && e.Kind != kind {
			continue
		}
		if limit > 0 && len(out) == limit {
			break
		}
		out = append(out, Result{Entry: e})
	}
	return out
}

func (ix *Index) kindOK(d int32, kind string) bool {
	return kind == "" || ix.docs[d].e.Kind == kind
}

// matchWhole scores the query taken as a whole: an id, acronym, title or
// keyword, or the start of a name or alias.
func (ix *Index) matchWhole(q query, kind string, s *scratch) {
	mark := func(ds []int32, score int, rank uint8) {
		for _, d := range ds {
			if ix.kindOK(d, kind) {
				s.whole(d, score, rank, nil)
			}
		}
	}
	mark(ix.exactID[q.compact], scoreExact, rID)
	mark(ix.exactAbbr[q.compact], scoreExact, rAlias)
	mark(ix.exactTitle[q.joined], scoreExact, rTitle)
	mark(ix.exactTitle[q.compact], scoreExact, rTitle)
	mark(ix.exactKey[q.joined], scoreKeyword, rKeyword)
	for _, k := range prefixRange(ix.names, q.joined) {
		if ix.kindOK(k.doc, kind) {
			s.whole(k.doc, scoreNamePrefix, rTitle, nil)
		}
	}
	for _, k := range prefixRange(ix.aliases, q.joined) {
		if ix.kindOK(k.doc, kind) {
			score := scoreAliasStart
			if k.key == q.joined {
				score = scoreAliasEqual
			}
			s.whole(k.doc, score, rAlias, nil)
		}
	}
}

// matchFuzzy adds fuzzy matches on names and aliases, for the entries that
// nothing better matched yet (a fuzzy match could not raise them).
func (ix *Index) matchFuzzy(q query, kind string, s *scratch) {
	n := len(q.words)
	strong := func(d int32) bool {
		k := s.slot[d]
		if k == 0 {
			return false
		}
		a := &s.accs[k-1]
		if a.whole >= scoreFuzzy+100 {
			return true
		}
		for i := range n {
			if a.q[i][fTitle] == 0 {
				return false
			}
		}
		return true
	}
	var hits []fuzzyHit
	hits, s.idx = ix.fuzzyMatch(q.fuzzy, kind, strong, s.idx)
	for i := range hits {
		h := &hits[i]
		rank := uint8(rTitle)
		if h.on == onAlias {
			rank = rAlias
		}
		s.whole(h.doc, scoreFuzzy+min(max(h.score, 0), 99), rank, h)
	}
}

// prefixRange returns the keys of sorted ks that start with p.
func prefixRange(ks []keyed, p string) []keyed {
	lo := sort.Search(len(ks), func(i int) bool { return ks[i].key >= p })
	hi := lo
	for hi < len(ks) && strings.HasPrefix(ks[hi].key, p) {
		hi++
	}
	return ks[lo:hi]
}

// matchWords records, for each query word, how well it matches each field
// of each entry, through the inverted index.
func (ix *Index) matchWords(q query, kind string, s *scratch) {
	for i, w := range q.words {
		s.hits = ix.expand(w, q.isPrefix(i), s.hits[:0])
		for _, h := range s.hits {
			for _, p := range ix.head[h.tok] {
				if !ix.kindOK(p.doc, kind) {
					continue
				}
				a := s.get(p.doc)
				for f := range fBody { // the fields before the body

					if p.mask&(1<<f) != 0 && h.q > a.q[i][f] {
						a.q[i][f] = h.q
					}
				}
			}
			// A one- or two-letter prefix would match most bodies: while
			// the user is still typing it, look at names only.
			if h.q == qPrefix && len(w) < 3 {
				continue
			}
			for _, p := range ix.body[h.tok] {
				if !ix.kindOK(p.doc, kind) {
					continue
				}
				a := s.get(p.doc)
				if h.q > a.q[i][fBody] || h.q == a.q[i][fBody] && p.line < a.line[i] {
					a.q[i][fBody], a.line[i] = h.q, p.line
				}
			}
		}
	}
}

// score turns what matched into one score per entry. Every query word must
// match somewhere; all in one field ranks above spread across fields. When
// no entry has every word, the entries with the most words are kept, below.
func (ix *Index) score(q query, s *scratch) []cand {
	n := len(q.words)
	cands := s.cands[:0]
	best := 0
	complete := lastWordComplete(s, n)
	for k := range s.accs {
		a := &s.accs[k]
		d := &ix.docs[a.doc]
		score, rank := a.whole, a.wrank
		cover := func() int { return max(coverage(d.title, &q), coverage(d.french, &q)) }
		if ws, wr := wordScore(a, n, d.leadEnd, cover); ws > score {
			score, rank = ws, wr
		}
		// "rent" is a whole word in some names: an entry where it only
		// starts a word ("rentrée") is not what was meant, so it goes after
		// every entry that has the word itself. Exact whole-query matches
		// (an id, an acronym, a title) keep their place.
		if complete && score < scoreExact && score != scoreAliasEqual && score != scoreKeyword && onlyPrefix(a, n-1) {
			score = min(score, fieldBase[fBody]+oneFieldBonus-1)
		}
		if score > 0 {
			cands = append(cands, cand{acc: int32(k), doc: a.doc, score: score, rank: rank, runes: d.titleRunes})
		}
		best = max(best, score)
	}
	if best == 0 && n > 1 {
		cands = ix.partial(n, s, cands)
	}
	s.cands = cands
	return cands
}

// lastWordComplete reports whether the last query word, which matches as a
// prefix while it is being typed, is also a whole word in some entry's
// title, aliases or keywords: then the person has probably finished it.
func lastWordComplete(s *scratch, n int) bool {
	if n == 0 {
		return false
	}
	for k := range s.accs {
		q := &s.accs[k].q[n-1]
		if q[fTitle] == qExact || q[fAlias] == qExact || q[fKeyword] == qExact {
			return true
		}
	}
	return false
}

// onlyPrefix reports whether query word i only started a word of the
// entry, never matched one whole (fuzzy matches are not counted here).
func onlyPrefix(a *acc, i int) bool {
	prefix := false
	for f := range nFields {
		switch a.q[i][f] {
		case qExact:
			return false
		case qPrefix:
			prefix = true
		}
	}
	return prefix
}

// wordScore scores an entry whose every word matched: in the best field
// holding all of them, or else across fields, banded by the weakest field.
func wordScore(a *acc, n, leadEnd int, cover func() int) (int, uint8) {
	var bestField [maxWords]int
	for i := range n {
		bestField[i] = -1
		for f := range nFields {
			if a.q[i][f] > 0 {
				bestField[i] = f
				break
			}
		}
		if bestField[i] < 0 {
			return 0, rNone
		}
	}
	for f := range nFields {
		all := true
		for i := range n {
			all = all && a.q[i][f] > 0
		}
		if all {
			sum, lead := 0, true
			for i := range n {
				sum += int(a.q[i][f])
				lead = lead && int(a.line[i]) < leadEnd
			}
			sub := 10*sum/n + spread(a, n)
			switch {
			case f == fTitle:
				sub = 10*sum/n + cover()
			case f == fBody && lead:
				sub += 3
			}
			return fieldBase[f] + oneFieldBonus + sub, rankOfField[f]
		}
	}
	weakest, strongest, sum := 0, nFields, 0
	for i := range n {
		weakest = max(weakest, bestField[i])
		strongest = min(strongest, bestField[i])
		sum += int(a.q[i][bestField[i]])
	}
	return fieldBase[weakest] + 10*sum/n + spread(a, n), rankOfField[strongest]
}

// spread rewards words that also appear in the title (most) or in aliases
// and keywords: at most 16.
func spread(a *acc, n int) int {
	t, k := 0, 0
	for i := range n {
		if a.q[i][fTitle] > 0 {
			t++
		}
		if a.q[i][fAlias] > 0 || a.q[i][fKeyword] > 0 {
			k++
		}
	}
	return 12*t/n + 4*k/n
}

// topK sorts cands by cmp and keeps the first limit (all if limit <= 0),
// without sorting the whole list when it is long: a bounded heap.
func topK(cands []cand, limit int, cmp func(a, b cand) int) []cand {
	if limit <= 0 || len(cands) <= 4*limit {
		slices.SortFunc(cands, cmp)
		if limit > 0 && len(cands) > limit {
			cands = cands[:limit]
		}
		return cands
	}
	// cands[:limit] is a heap whose root is the worst kept candidate.
	h := cands[:limit]
	worse := func(i, j int) bool { return cmp(h[i], h[j]) > 0 }
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && worse(c+1, c) {
				c++
			}
			if !worse(c, i) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, c := range cands[limit:] {
		if cmp(c, h[0]) < 0 {
			h[0] = c
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

// coverage rewards a name most of whose words the query matched, so that
// "allocations familiales" ranks the entry of that name above "Caisse
// d'allocations familiales": at most 16.
func coverage(t text, q *query) int {
	words, hit := 0, 0
	for k, sp := range t.spans[:min(len(t.spans), 64)] {
		if t.named&(1<<k) == 0 {
			continue
		}
		words++
		tok := t.folded[sp.start:sp.end]
		for i := range q.words {
			if qq, _ := q.matchWord(i, tok); qq > 0 {
				hit++
				break
			}
		}
	}
	if words == 0 {
		return 0
	}
	return 16 * hit / words
}

// partial keeps the entries that matched the most query words, when none
// matched them all, so that one unknown word does not empty the list.
func (ix *Index) partial(n int, s *scratch, cands []cand) []cand {
	most := 0
	count := func(a *acc) (c, best int) {
		best = nFields
		for i := range n {
			for f := range nFields {
				if a.q[i][f] > 0 {
					c++
					best = min(best, f)
					break
				}
			}
		}
		return c, best
	}
	for k := range s.accs {
		c, _ := count(&s.accs[k])
		most = max(most, c)
	}
	if most == 0 {
		return cands
	}
	for k := range s.accs {
		a := &s.accs[k]
		if c, best := count(a); c == most {
			score := 10 + 4*(nFields-best) + spread(a, n)
			cands = append(cands, cand{acc: int32(k), doc: a.doc, score: score, rank: rankOfField[best], runes: ix.docs[a.doc].titleRunes})
		}
	}
	return cands
}
