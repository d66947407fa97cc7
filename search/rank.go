package search

import (
	"slices"
	"sort"
	"strings"

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

	partial bool   // see Partial
	later   *later // what Highlight needs, for results of SearchAll
}

// Scores, best first. What is added inside a band never reaches the next
// one, so a better kind of match always wins:
//
//	1000     exact: the id, an acronym alias or the whole title
//	 900     the title or French name starts with the query
//	 899     the query is an alias (another name of the entry)
//	850–896  every typed word in the title or French name
//	 790     an alias starts with the query
//	750–789  every typed word in the aliases
//	600–699  fuzzy match on a title, French name or alias
//	 599     the query is a keyword
//	100–598  the meaningful words (or what the synonym table says they
//	         mean): BM25F over the fields, times the share of the query
//	         matched, squared. An entry with only some of the words is
//	         Partial, and listed only if it has at least half of them,
//	         weighed by how telling each word is (idf)
const (
	scoreExact      = 1000
	scoreNamePrefix = 900
	scoreAliasEqual = 899
	scoreTitleWords = 850
	scoreAliasStart = 790
	scoreAliasWords = 750
	scoreFuzzy      = 600
	scoreKeyword    = 599
	scoreWords      = 100
)

// BM25F: field weights (a word in the title says more than one in the
// body), the body's saturation and length normalisation, and what weaker
// kinds of match are worth.
const (
	wTitle, wAlias, wKeyword, wBody = 3.0, 2.5, 2.0, 1.5
	wMoreFields                     = 0.5 // per further head field holding the word
	k1, bLen                        = 1.2, 0.75
	tfHeading, tfLead               = 1.0, 0.5 // extra body "occurrences"
	mulPrefix, mulTypo, mulSynonym  = 0.5, 0.5, 0.8
	bandK                           = 8.0  // BM25F score at mid-band
	together                        = 1.25 // every word in one field, or one body line
	onePhraseBonus                  = 2.0  // every word in one name or keyword
	namedBonus                      = 1.5  // the query names the entry
)

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

// termHit is how one query term matched one entry.
type termHit struct {
	head float32        // best BM25F part from the title, aliases, keywords
	body float32        // best BM25F part from the body
	q    [nFields]uint8 // best quality per field
	line uint16         // 1 + the body line of its first match; 0 if none
	phr  uint16         // which names and keywords hold it (see posting)
}

func (h *termHit) matched() bool { return h.q != [nFields]uint8{} }

func (h *termHit) exact() bool {
	return h.q[0] == qExact || h.q[1] == qExact || h.q[2] == qExact || h.q[3] == qExact
}

// acc gathers what matched in one entry during a search.
type acc struct {
	doc int32
	// t has one hit per term of the query: as long as the query, not as
	// the longest one, so that 100,000 matching entries touch little memory.
	t     []termHit
	whole int       // best whole-query score
	wrank uint8     // its field rank
	fuzzy *fuzzyHit // the fuzzy match that set whole, if any
}

// scratch is reused between searches so that a keystroke allocates little.
type scratch struct {
	slot  []int32 // doc → 1 + position in accs; all zero between searches
	accs  []acc
	hits  []hit
	idx   []int32
	cands []cand
	// df counts, for each term, the entries having it as a whole word (in
	// any of its forms); exact says whether the guide has it at all.
	df    [maxTerms]int32
	exact [maxTerms]bool
	// nTerms is the query's number of terms. The accs' term hits come from
	// chunks that never move (growing one slice would move them all).
	nTerms int
	// tokSeen[t]>>1 == gen when nameHit knows vocabulary word t: its low
	// bit is the answer. gen changes every search, clearing them all.
	tokSeen []uint32
	gen     uint32
	chunks  [][]termHit
	// fit lists the fuzzy targets that fitPattern's letters and runs fit,
	// whatever their kind (see fuzzyMatch); fitNext is a spare buffer.
	fitPattern   string
	fit, fitNext []int32
	used         int // chunks in use; the last one is filled up to its length
}

// termChunk is how many term hits a chunk holds.
const termChunk = 1 << 13

// getScratch takes the index's spare scratch, or makes one. The spare is
// kept by the index rather than a sync.Pool, which every collection empties:
// a big folder's scratch would otherwise be grown again, costing as much as
// a search.
func (ix *Index) getScratch(nTerms int) *scratch {
	s := ix.spare.Swap(nil)
	if s == nil {
		s = &scratch{slot: make([]int32, len(ix.docs)), tokSeen: make([]uint32, len(ix.vocab))}
	}
	s.gen++
	if s.gen == 1<<31 { // gen<<1 would overflow: start again
		clear(s.tokSeen)
		s.gen = 1
	}
	s.accs = s.accs[:0]
	s.df, s.exact = [maxTerms]int32{}, [maxTerms]bool{}
	s.nTerms, s.used = nTerms, 0
	return s
}

func (ix *Index) putScratch(s *scratch) {
	for i := range s.accs {
		s.slot[s.accs[i].doc] = 0
		s.accs[i].fuzzy = nil
	}
	ix.spare.Store(s)
}

func (s *scratch) get(d int32) *acc {
	if k := s.slot[d]; k > 0 {
		return &s.accs[k-1]
	}
	s.accs = append(s.accs, acc{doc: d, t: s.newTerms()})
	s.slot[d] = int32(len(s.accs))
	return &s.accs[len(s.accs)-1]
}

// newTerms returns nTerms zeroed term hits.
func (s *scratch) newTerms() []termHit {
	n := s.nTerms
	if s.used == 0 || len(s.chunks[s.used-1])+n > termChunk {
		if s.used == len(s.chunks) {
			s.chunks = append(s.chunks, make([]termHit, 0, termChunk))
		}
		s.chunks[s.used] = s.chunks[s.used][:0]
		s.used++
	}
	c := &s.chunks[s.used-1]
	k := len(*c)
	*c = (*c)[:k+n]
	t := (*c)[k : k+n : k+n]
	clear(t)
	return t
}

func (s *scratch) whole(d int32, score int, rank uint8, fz *fuzzyHit) {
	a := s.get(d)
	if score > a.whole || score == a.whole && rank > a.wrank {
		a.whole, a.wrank, a.fuzzy = score, rank, fz
	}
}

// cand is a scored entry waiting to be sorted.
type cand struct {
	acc     int32
	doc     int32
	score   int32
	fine    float32 // orders entries of one score: the BM25F score
	runes   int32
	rank    uint8
	kind    uint8     // the entry's kind, as a number (see Index.kinds)
	partial bool      // matched only some of the query's slots
	fz      *fuzzyHit // the fuzzy match that gave the score, if any
}

// Search returns the entries matching query, a finished question (as
// `secu search` gets it), best first. kind "" searches every kind; limit
// <= 0 means no limit. A query without words returns every entry of kind
// in the given order. Its words are taken as typed in full: "car" is not
// the start of "carry" (names still match by their start: "carte vit").
func (ix *Index) Search(query, kind string, limit int) []Result {
	return ix.search(query, kind, limit, true, false)
}

// SearchAll returns every match of a query being typed, best first: the
// last word may be a prefix unless followed by a space. It leaves out
// snippets and leaves highlights for Highlight: what a list needs on each
// keystroke, where working them out for thousands of matches would cost
// more than the search.
func (ix *Index) SearchAll(query, kind string) []Result {
	return ix.search(query, kind, 0, false, true)
}

func (ix *Index) search(query, kind string, limit int, snippets, typing bool) []Result {
	q := ix.parseQuery(query, typing)
	if len(q.words) == 0 {
		return ix.all(kind, limit)
	}
	s := ix.getScratch(len(q.terms))
	defer ix.putScratch(s)

	cands := topK(ix.candidates(&q, kind, s), limit, candCmp)
	out := make([]Result, len(cands))
	if !snippets {
		qp := &q
		laters := make([]later, len(cands)) // one allocation, not one a result
		for i, c := range cands {
			laters[i] = later{d: &ix.docs[c.doc], q: qp, fz: c.fz}
			out[i] = Result{Entry: ix.docs[c.doc].e, Score: int(c.score), Field: rankName[c.rank], partial: c.partial, later: &laters[i]}
		}
		return out
	}
	for i, c := range cands {
		out[i] = ix.result(q, &s.accs[c.acc], c, snippets)
	}
	return out
}

// candidates finds and scores every entry of kind that matches q, unsorted.
func (ix *Index) candidates(q *query, kind string, s *scratch) []cand {
	ix.matchWhole(*q, kind, s)
	ix.matchWords(*q, kind, s)
	ix.matchFuzzy(*q, kind, s)
	return ix.score(q, s)
}

// candCmp is the order of results: score, then BM25F, field, shorter
// title, and the entries' order. It is total (no two entries tie), so any
// way of sorting gives the same list.
func candCmp(a, b cand) int {
	switch {
	case a.score != b.score:
		return int(b.score) - int(a.score)
	case a.fine != b.fine:
		if a.fine > b.fine {
			return -1
		}
		return 1
	case a.rank != b.rank:
		return int(b.rank) - int(a.rank)
	case a.runes != b.runes:
		return int(a.runes) - int(b.runes)
	}
	return int(a.doc - b.doc)
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
// nothing better matched yet (a fuzzy match could not raise them). A short
// query that is a word of the guide means that word: its fuzzy matches on
// names ("car" in CARSAT) go below the entries that have the word.
func (ix *Index) matchFuzzy(q query, kind string, s *scratch) {
	strong := func(d int32) bool {
		k := s.slot[d]
		if k == 0 {
			return false
		}
		a := &s.accs[k-1]
		if a.whole >= scoreFuzzy+100 {
			return true
		}
		for i := range q.terms {
			if q.terms[i].alt == 0 && a.t[i].q[fTitle] == 0 {
				return false
			}
		}
		return true
	}
	base, spread := scoreFuzzy, 99
	if len(q.fuzzy) <= 4 {
		for i := range q.terms {
			if s.exact[i] {
				base, spread = scoreWords, 0
			}
		}
	}
	hits := ix.fuzzyMatch(q.fuzzy, kind, strong, s)
	for i := range hits {
		h := &hits[i]
		rank := uint8(rTitle)
		if h.on == onAlias {
			rank = rAlias
		}
		s.whole(h.doc, base+min(max(h.score, 0), spread), rank, h)
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

// matchWords records, for each query term, how well it matches each field
// of each entry and its BM25F score there, through the inverted index.
func (ix *Index) matchWords(q query, kind string, s *scratch) {
	for i, tm := range q.terms {
		w := tm.word
		s.hits = ix.expand(w, tm.prefix, s.hits[:0])
		for _, h := range s.hits {
			weight := ix.idf[h.tok]
			switch h.q {
			case qExact:
				s.exact[i] = true
			case qPrefix:
				weight *= mulPrefix
			case qTypo:
				weight *= mulTypo
			}
			if tm.alt > 0 {
				weight *= mulSynonym
			}
			for _, p := range ix.head[h.tok] {
				if !ix.kindOK(p.doc, kind) {
					continue
				}
				a := s.get(p.doc)
				t := &a.t[i]
				if h.q == qExact && !t.exact() {
					s.df[i]++
				}
				for f := range fBody { // the fields before the body
					if p.mask&(1<<f) != 0 && h.q > t.q[f] {
						t.q[f] = h.q
					}
				}
				t.head = max(t.head, weight*headWeight(p.mask))
				t.phr |= p.phr
			}
			// A one- or two-letter prefix would match most bodies: while
			// the user is still typing it, look at names only.
			if h.q == qPrefix && len(w) < 3 || h.headOnly {
				continue
			}
			for _, p := range ix.body[h.tok] {
				if !ix.kindOK(p.doc, kind) {
					continue
				}
				a := s.get(p.doc)
				t := &a.t[i]
				if h.q == qExact && !t.exact() {
					s.df[i]++
				}
				if h.q > t.q[fBody] || h.q == t.q[fBody] && p.line+1 < t.line {
					t.q[fBody], t.line = h.q, p.line+1
				}
				m := &ix.meta[p.doc]
				tf := float32(p.tf) / (1 - bLen + bLen*float32(m.bodyWords)/ix.avgBody)
				if p.mask&inHeading != 0 {
					tf += tfHeading
				}
				if int32(p.line) < m.leadEnd {
					tf += tfLead
				}
				t.body = max(t.body, weight*wBody*tf/(k1+tf))
			}
		}
	}
}

// headWeight is what a word in the title, aliases or keywords is worth:
// the best of those fields, a little more for each further one.
func headWeight(mask uint8) float32 {
	w, n := float32(0), 0
	for f, fw := range [...]float32{fTitle: wTitle, fAlias: wAlias, fKeyword: wKeyword} {
		if mask&(1<<f) != 0 {
			w = max(w, fw)
			n++
		}
	}
	return w + wMoreFields*float32(max(n-1, 0))
}

// slotMatch is how one slot of the query matched one entry.
type slotMatch struct {
	score float32 // BM25F of its best alternative
	level uint8   // 0 no match, 1 only as a prefix, 2 whole words
	field int     // the best field of its best alternative
	line  uint16  // the body line of its best alternative's first term
}

// matchSlot works out how slot sl matched entry a: the best of its
// alternatives that matched in full.
func matchSlot(q *query, sl *slot, a *acc) slotMatch {
	var m slotMatch
	m.field = nFields
	for _, alt := range sl.alts {
		level, sum, field := uint8(2), float32(0), 0
		phr, line, sameLine, words := ^uint16(0), a.t[alt[0]].line, true, 0
		for _, k := range alt {
			t := &a.t[k]
			if !t.matched() {
				level = 0
				break
			}
			if termLevel(t) < level {
				level = termLevel(t)
			}
			sum += t.head + t.body
			// A phrase is as strong as its weakest word.
			for f := range nFields {
				if t.q[f] > 0 {
					field = max(field, f)
					break
				}
			}
			if !q.terms[k].stop {
				phr &= t.phr
				sameLine = sameLine && t.line != 0 && t.line == line
				words++
			}
		}
		if level == 0 {
			continue
		}
		sc := sum / float32(max(words, 1))
		// The words of a phrase scattered over the entry ("arrêt" here,
		// "travail" there) are not the phrase.
		if words > 1 && phr == 0 && !sameLine {
			sc /= 2
		}
		if sc > m.score {
			m.score, m.field, m.line = sc, field, line
		}
		m.level = max(m.level, level)
	}
	return m
}

// termLevel is 2 when a term matched a word of the entry whole, 1 when it
// only started one or was one typo away (a guess, worth half).
func termLevel(t *termHit) uint8 {
	for _, q := range t.q {
		if q == qExact {
			return 2
		}
	}
	return 1
}

// score turns what matched into one score per entry: a name band when the
// query names the entry, else BM25F times the share of the query matched.
// An entry matching only some slots is partial, and kept only when it
// matches at least half of the query, weighed by idf.
func (ix *Index) score(q *query, s *scratch) []cand {
	n := len(q.slots)
	// How telling each slot is: a word no entry has weighs the most, so a
	// question about something the guide does not cover ("buy a car")
	// matches less than half even when a common word of it is found.
	// A word's weight is its idf over the entries having it in any form
	// ("buy", "buying").
	nDocs := float64(len(ix.docs))
	unknown := float32(idf(nDocs, 0))
	var weight [maxWords]float32
	total := float32(0)
	for si := range q.slots {
		w := unknown
		for _, alt := range q.slots[si].alts {
			sum := float32(0)
			for _, k := range alt {
				sum += float32(idf(nDocs, float64(s.df[k])))
			}
			w = min(w, sum/float32(len(alt)))
		}
		weight[si] = w
		total += w
	}

	named, namedAny := ix.named(q)
	if cap(s.cands) < len(s.accs) {
		s.cands = make([]cand, 0, len(s.accs)) // at most one an entry
	}
	cands := s.cands[:0]
	complete := lastWordComplete(q, s)
	var ms [maxWords]slotMatch
	for k := range s.accs {
		a := &s.accs[k]
		score, rank := a.whole, a.wrank
		if ns, nr := ix.nameWords(q, a, s); ns > score {
			score, rank = ns, nr
		}
		// "rent" is a whole word in some names: an entry where it only
		// starts a word ("rentrée") is not what was meant, so it is ranked
		// by its words like any other. Exact whole-query matches (an id, an
		// acronym, a title) keep their place.
		demoted := false
		fuzzyOnly := a.fuzzy != nil && score == a.whole
		if complete && score > 0 && score < scoreExact && score != scoreAliasEqual && score != scoreKeyword && !fuzzyOnly && onlyPrefix(q, a) {
			score, demoted = 0, true
		}
		all, cover, matched, bm := true, float32(0), float32(0), float32(0)
		field, line, sameLine := nFields, uint16(0), true
		for si := range q.slots {
			ms[si] = matchSlot(q, &q.slots[si], a)
			m := &ms[si]
			// What a matched slot covers: all of its weight for a whole
			// word in a name or keyword, half for a word started or one
			// typo away, half for a word only the body mentions.
			c := weight[si]
			switch {
			case m.level == 0:
				all = false
				continue
			case m.level == 1:
				c /= 2
			}
			if m.field == fBody {
				c /= 2
			}
			cover += c
			matched += weight[si]
			bm += m.score
			field = min(field, m.field)
			if si == 0 {
				line = m.line
			}
			sameLine = sameLine && m.line != 0 && m.line == line
		}
		switch {
		case n > 1 && all && onePhrase(q, a):
			bm *= onePhraseBonus
		case n > 1 && all && (sameLine || oneHeadField(q, a)):
			bm *= together
		}
		if total > 0 {
			cover /= total
			matched /= total
		}
		if slices.Contains(named, a.doc) {
			bm *= namedBonus
		}
		partial := false
		// An entry the query names is listed even when the other words
		// outweigh it ("carte vitale lyon").
		if score == 0 && field < nFields && (all || cover >= 0.5 || slices.Contains(namedAny, a.doc)) {
			// Entries matching more of the words (weighed) rank higher:
			// BM25F times the share of the query matched.
			bm *= matched
			score = scoreWords + int(float32(scoreKeyword-scoreWords-1)*bm/(bm+bandK))
			rank = rankOfField[min(field, fBody)]
			partial = !all
		}
		if score == 0 && demoted {
			score = scoreWords // still listed, after the entries with the word
		}
		if score > 0 {
			if score >= scoreFuzzy {
				bm = 0 // names of one band tie: the shorter title first
			}
			c := cand{acc: int32(k), doc: a.doc, score: int32(score), fine: bm, rank: rank, runes: ix.meta[a.doc].titleRunes, kind: ix.meta[a.doc].kind, partial: partial}
			if a.fuzzy != nil && score == a.whole {
				c.fz = a.fuzzy // fuzzy hits are not in the scratch: they outlive it
			}
			cands = append(cands, c)
		}
	}
	s.cands = cands
	return cands
}

// nameWords scores an entry whose title (or French name), or else whose
// aliases, hold every typed word of the query.
func (ix *Index) nameWords(q *query, a *acc, s *scratch) (int, uint8) {
	for _, f := range [...]int{fTitle, fAlias} {
		sum, n, ok := 0, 0, len(q.slots) > 0
		for si := range q.slots {
			sl := &q.slots[si]
			if len(sl.alts) == 0 || !sl.typed {
				ok = false
				break
			}
			for _, k := range sl.alts[0] {
				qq := a.t[k].q[f]
				ok = ok && qq > 0
				sum += int(qq)
				n++
			}
		}
		if !ok || n == 0 {
			continue
		}
		if f == fTitle {
			m := &ix.meta[a.doc]
			title := ix.nameToks[m.names:][:m.nameLen[0]]
			french := ix.nameToks[m.names+int32(m.nameLen[0]):][:m.nameLen[1]]
			return scoreTitleWords + 10*sum/n + max(coverage(title, q, s), coverage(french, q, s)), rTitle
		}
		return scoreAliasWords + 10*sum/n + 9*min(n, 3)/3, rAlias
	}
	return 0, rNone
}

// typedAlt reports whether a slot's first alternative is what was typed
// (a phrase of stop words such as "the us" has only its meanings).
func typedAlt(q *query, sl *slot) bool {
	for _, k := range sl.alts[0] {
		if !contains(q.words, q.terms[k].word) {
			return false
		}
	}
	return true
}

// oneHeadField reports whether every slot matched in one same field among
// the title, aliases and keywords ("lost card" as a keyword).
func oneHeadField(q *query, a *acc) bool {
	for f := range fBody {
		all := true
		for si := range q.slots {
			found := false
			for _, alt := range q.slots[si].alts {
				in := true
				for _, k := range alt {
					in = in && a.t[k].q[f] > 0
				}
				found = found || in
			}
			all = all && found
		}
		if all {
			return true
		}
	}
	return false
}

// named returns the entries whose title, French name or an alias the
// query holds word for word among other words ("inscription à France
// Travail", "cpam lyon"): those of two words or more (multi), and those
// also of one word, an id, an acronym or a one-word title (any).
func (ix *Index) named(q *query) (multi, any []int32) {
	n := len(q.all)
	var buf []byte
	for i := range n {
		for j := i + 1; j <= min(n, i+6); j++ {
			if i == 0 && j == n {
				continue // the whole query: the name bands see to it
			}
			if j == i+1 {
				w := q.all[i]
				if len(w) < 3 || stopWords[w] {
					continue
				}
				any = append(any, ix.exactID[w]...)
				any = append(any, ix.exactAbbr[w]...)
				any = append(any, ix.exactTitle[w]...)
				continue
			}
			buf = append(buf[:0], q.all[i]...)
			for _, w := range q.all[i+1 : j] {
				buf = append(append(buf, ' '), w...)
			}
			multi = append(multi, ix.exactTitle[string(buf)]...) // no allocation
			multi = append(multi, ix.exactAlias[string(buf)]...)
		}
	}
	return multi, append(any, multi...)
}

// onePhrase reports whether one name, alias or keyword of the entry holds
// every slot of the query ("proof of health insurance").
func onePhrase(q *query, a *acc) bool {
	all := ^uint16(0)
	for si := range q.slots {
		var slotPhr uint16
		for _, alt := range q.slots[si].alts {
			altPhr := ^uint16(0)
			for _, k := range alt {
				altPhr &= a.t[k].phr
			}
			slotPhr |= altPhr
		}
		all &= slotPhr
	}
	return all != 0
}

// lastTerm is the index of the term of the last word typed, or -1.
func lastTerm(q *query) int {
	last := q.all[len(q.all)-1]
	for i := range q.terms {
		if q.terms[i].alt == 0 && q.terms[i].word == last {
			return i
		}
	}
	return -1
}

// lastWordComplete reports whether the last query word is also a whole
// word in some entry's title, aliases or keywords: then the person has
// probably finished it (and a finished query always has).
func lastWordComplete(q *query, s *scratch) bool {
	i := lastTerm(q)
	if i < 0 {
		return false
	}
	for k := range s.accs {
		t := &s.accs[k].t[i]
		if t.q[fTitle] == qExact || t.q[fAlias] == qExact || t.q[fKeyword] == qExact {
			return true
		}
	}
	return false
}

// onlyPrefix reports whether the last word only started a word or name of
// the entry, never matched one whole (fuzzy matches are not counted here).
func onlyPrefix(q *query, a *acc) bool {
	i := lastTerm(q)
	if i < 0 {
		return false
	}
	for f := range nFields {
		if a.t[i].q[f] == qExact {
			return false
		}
	}
	return true
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
// toks are the name's words as in Index.nameToks.
func coverage(toks []int32, q *query, s *scratch) int {
	words, hit := 0, 0
	for _, tok := range toks {
		if tok < 0 {
			continue // a stop word
		}
		words++
		if s.nameHit(q, tok) {
			hit++
		}
	}
	if words == 0 {
		return 0
	}
	return 16 * hit / words
}

// nameHit reports whether a query word matches vocabulary word tok, as
// matchTok says. Thousands of names share their words: each is looked at
// once a search.
func (s *scratch) nameHit(q *query, tok int32) bool {
	if v := s.tokSeen[tok]; v>>1 == s.gen {
		return v&1 == 1
	}
	hit := false
	for i := range q.words {
		if q.matchTok(i, q.ix.vocab[tok], tok) {
			hit = true
			break
		}
	}
	s.tokSeen[tok] = s.gen<<1 | b2u(hit)
	return hit
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
