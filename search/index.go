package search

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"secu/content"
)

// Fields a word can match in, best first. The id's words count as title
// words, the English gloss as keywords.
const (
	fTitle = iota
	fAlias
	fKeyword
	fBody
	nFields
)

// Index is the folded, tokenised form of a list of entries, built once by
// New. Search only reads it, so one Index may serve concurrent searches.
type Index struct {
	docs  []doc
	meta  []docMeta // what ranking reads of every match, apart from docs
	kinds []string  // the entries' kinds; docMeta.kind numbers them
	// nameToks holds, entry after entry, the vocabulary numbers of the
	// first 64 words of its title then of its French name, stop words
	// complemented (^tok): read in entry order, they stream from memory.
	nameToks []int32

	// vocab is every distinct folded word, sorted (for prefix ranges), with
	// its postings at the same position.
	vocab []string
	bits  []uint64    // letterBits of each vocab word, to skip most typo checks
	head  [][]posting // entries having the word in title, alias or keyword
	body  [][]posting // entries having the word in the body
	// idf is how telling each vocab word is: high for a word few entries
	// have (BM25's inverse document frequency).
	idf []float32
	// avgBody is the mean number of words in a body.
	avgBody float32
	// syns is the synonym table, compiled on the first search: stemming
	// its phrases costs a few milliseconds that start-up need not pay.
	syns      func() *synTable
	stemCache []atomic.Pointer[stemPair] // stems of vocab words, filled on use
	// byLen lists vocab positions by word length, for the typo scan.
	byLen [][]int32

	lookups

	spare atomic.Pointer[scratch] // see getScratch
}

// lookups serve whole queries. Each shard of the build fills its own.
type lookups struct {
	exactID    map[string][]int32 // compact id
	exactAbbr  map[string][]int32 // compact acronym alias
	exactTitle map[string][]int32 // joined or compact title
	exactKey   map[string][]int32 // joined keyword
	exactAlias map[string][]int32 // joined alias
	names      []keyed            // joined titles and French names, sorted
	aliases    []keyed            // joined aliases, sorted
	fuzzy      []target           // what the fuzzy matcher runs over
}

// doc is one entry's folded forms.
type doc struct {
	e      *content.Entry
	title  text
	french text
}

// docMeta is what is read of each of 100,000 matches to rank them: kept
// in an array of its own, it stays in the processor's cache, where docs
// would not.
type docMeta struct {
	titleRunes int32
	kind       uint8    // index in Index.kinds
	nameLen    [2]uint8 // how many words of the title and French name are in nameToks
	names      int32    // where they start there
	leadEnd    int32    // body lines before this are the opening paragraph
	bodyWords  int32    // how many words the body has
}

// text is a folded string with its map back to runes and its words.
type text struct {
	folded string
	runeOf []int
	spans  []span
	named  uint64  // which of the first 64 words are not stop words
	toks   []int32 // the vocabulary index of each word, while indexing
}

func newText(s string) text {
	f, m := Fold(s)
	t := text{folded: f, runeOf: m, spans: wordSpans(f)}
	for k, sp := range t.spans[:min(len(t.spans), 64)] {
		if !stopWords[f[sp.start:sp.end]] {
			t.named |= 1 << k
		}
	}
	return t
}

func (t text) words() []string {
	out := make([]string, len(t.spans))
	for i, s := range t.spans {
		out[i] = t.folded[s.start:s.end]
	}
	return out
}

// posting says that an entry has a word: in which fields (bit per field)
// and, for the body, on which line it first appears, how often, and
// whether in a heading.
type posting struct {
	doc  int32
	mask uint8
	line uint16
	tf   uint16
	// phr, for the title, aliases and keywords: which of the entry's first
	// 16 names and keywords hold the word (bit 0: the id).
	phr uint16
}

// inHeading is the mask bit of a body posting whose word is in a heading.
const inHeading = 1 << nFields

// keyed is a name or alias in a list sorted by key, for prefix look-ups.
type keyed struct {
	key string
	doc int32
}

// builder indexes a contiguous run of entries (a shard); merge then joins
// the shards as one builder over all entries would have left them.
type builder struct {
	ix *Index // shared: a builder writes only its own entries' docs and meta
	lookups
	toks map[string]int32
	head [][]posting
	body [][]posting
	buf  []byte // a folded body line
	// phrase numbers the names and keywords of the current entry.
	phrase int

	// Set by seal: the words sorted, their numbers in toks, and how many
	// of the shard's entries have each word (by number).
	vocab []string
	order []int32
	df    []int32
	// renumber maps the builder's word numbers to the index's; set by merge.
	renumber []int32
	lo, hi   int // its entries
}

// New folds and tokenises entries once; every search reuses the result.
func New(entries []*content.Entry) *Index { return newIndex(entries, nil) }

// NewLibrary indexes a loaded library: its entries and its synonym table.
func NewLibrary(lib *content.Library) *Index {
	lib.Finish() // the bodies and synonyms; its problems are the caller's
	return newIndex(lib.Entries, lib.Synonyms)
}

// shardMin is the fewest entries worth a shard of their own: fewer cost
// more in goroutines and merging than they save.
const shardMin = 1000

func newIndex(entries []*content.Entry, syns []content.Synonym) *Index {
	return buildIndex(entries, syns, min(runtime.GOMAXPROCS(0), len(entries)/shardMin))
}

// buildIndex indexes entries in that many shards, on as many goroutines.
// The index is the same whatever the number.
func buildIndex(entries []*content.Entry, syns []content.Synonym, shards int) *Index {
	shards = max(1, min(shards, len(entries)))
	ix := &Index{docs: make([]doc, len(entries)), meta: make([]docMeta, len(entries))}
	// Numbered in entry order, not shard by shard.
	for i, e := range entries {
		ix.meta[i].kind = kindCode(&ix.kinds, e.Kind)
	}
	bs := make([]*builder, shards)
	var wg sync.WaitGroup
	for s := range bs {
		lo, hi := s*len(entries)/shards, (s+1)*len(entries)/shards
		wg.Go(func() {
			b := newBuilder(ix, entries, lo, hi, shards)
			bs[s] = b
			for i := lo; i < hi; i++ {
				b.add(int32(i), entries[i])
			}
			b.seal()
		})
	}
	wg.Wait()
	ix.merge(bs)
	ix.syns = sync.OnceValue(func() *synTable { return newSynTable(syns) })
	return ix
}

func newBuilder(ix *Index, entries []*content.Entry, lo, hi, shards int) *builder {
	size := 0
	for _, e := range entries[lo:hi] {
		size += len(e.Body)
	}
	n := hi - lo // about as many keys as entries: growing maps costs
	return &builder{
		ix: ix,
		lo: lo,
		hi: hi,
		lookups: lookups{
			exactID:    make(map[string][]int32, n),
			exactAbbr:  make(map[string][]int32, n),
			exactTitle: make(map[string][]int32, n),
			exactKey:   make(map[string][]int32, n),
			exactAlias: make(map[string][]int32, n),
		},
		// Distinct words grow slower than text; this guess saves most
		// rehashing. Shards share the cap: each has most of the words.
		toks: make(map[string]int32, min(size/40, 1<<20/shards)),
	}
}

func (b *builder) add(d int32, e *content.Entry) {
	ix := b.ix
	dc := &ix.docs[d]
	dc.e = e
	dc.title = newText(e.Title)
	dc.french = newText(e.French)
	ix.meta[d].titleRunes = int32(utf8.RuneCountInString(e.Title)) // kind: see buildIndex

	idWords := words(foldString(e.ID))
	add(b.exactID, compact(idWords), d)
	b.phrase = 0
	b.words(d, fTitle, idWords)
	for _, t := range []*text{&dc.title, &dc.french} {
		ws := t.words()
		t.toks = make([]int32, len(ws))
		for i, w := range ws {
			t.toks[i] = b.tok([]byte(w)) // the builder's numbering until merge
		}
		if len(ws) == 0 {
			continue
		}
		j := joinWords(ws)
		add(b.exactTitle, j, d)
		if c := compact(ws); c != j {
			add(b.exactTitle, c, d)
		}
		b.names = append(b.names, keyed{j, d})
		b.phrase++
		b.words(d, fTitle, ws)
	}
	b.addTarget(d, onTitle, dc.title.folded)
	b.addTarget(d, onFrench, dc.french.folded)

	for _, a := range e.Aliases {
		f := foldString(a)
		ws := words(f)
		if len(ws) == 0 {
			continue
		}
		if isAcronym(a) {
			add(b.exactAbbr, compact(ws), d)
		}
		b.aliases = append(b.aliases, keyed{joinWords(ws), d})
		add(b.exactAlias, joinWords(ws), d)
		b.addTarget(d, onAlias, f)
		b.phrase++
		b.words(d, fAlias, ws)
	}
	for _, k := range append(slices.Clip(e.Keywords), e.English) {
		ws := words(foldString(k))
		if len(ws) == 0 {
			continue
		}
		add(b.exactKey, joinWords(ws), d)
		b.phrase++
		b.words(d, fKeyword, ws)
	}
	// The opening paragraph (the summary) runs to the first blank line.
	m := &ix.meta[d]
	m.leadEnd = -1
	seen := false
	forBodyLines(e.Body, func(line int, s string) {
		b.buf, _ = fold(b.buf[:0], nil, cleanLine(s), false)
		heading := strings.HasPrefix(s, "#")
		empty := true
		for i := 0; i < len(b.buf); {
			if !isWordByte(b.buf[i]) {
				i++
				continue
			}
			j := i + 1
			for j < len(b.buf) && isWordByte(b.buf[j]) {
				j++
			}
			b.bodyWord(d, b.buf[i:j], line, heading)
			m.bodyWords++
			empty, i = false, j
		}
		if !empty {
			seen = true
		} else if seen && m.leadEnd < 0 {
			m.leadEnd = int32(line)
		}
	})
	if m.leadEnd < 0 {
		m.leadEnd = 1 << 16
	}
}

// kindCode numbers kind in kinds, adding it if new. A guide has a handful
// of kinds; past 255 they share the last number (Matches then tells them
// apart by name).
func kindCode(kinds *[]string, kind string) uint8 {
	for i, k := range *kinds {
		if k == kind {
			return uint8(i)
		}
	}
	if len(*kinds) == 255 {
		return 255
	}
	*kinds = append(*kinds, kind)
	return uint8(len(*kinds) - 1)
}

// packTargets copies the fuzzy targets' strings into one (one per shard),
// in order: the fuzzy scan then reads memory in sequence, not 400,000
// scattered strings.
func packTargets(ts []target) {
	var b strings.Builder
	n := 0
	for _, t := range ts {
		n += len(t.s)
	}
	b.Grow(n)
	for _, t := range ts {
		b.WriteString(t.s)
	}
	all := b.String()
	for i := range ts {
		k := len(ts[i].s)
		ts[i].s, all = all[:k], all[k:]
	}
}

func (l *lookups) addTarget(d int32, on uint8, folded string) {
	if folded != "" {
		l.fuzzy = append(l.fuzzy, newTarget(d, on, folded))
	}
}

// add files entry d under k. A builder adds entries in increasing order,
// so d can only be the last one filed.
func add(m map[string][]int32, k string, d int32) {
	if k == "" {
		return
	}
	if l := m[k]; len(l) == 0 || l[len(l)-1] != d {
		m[k] = append(l, d)
	}
}

func (b *builder) tok(w []byte) int32 {
	t, ok := b.toks[string(w)] // no allocation for a lookup
	if !ok {
		t = int32(len(b.head))
		b.toks[string(w)] = t
		b.head = append(b.head, nil)
		b.body = append(b.body, nil)
	}
	return t
}

func (b *builder) words(d int32, field int, ws []string) {
	var phr uint16
	if b.phrase < 16 {
		phr = 1 << b.phrase
	}
	for _, w := range ws {
		t := b.tok([]byte(w))
		p := b.head[t]
		if n := len(p); n > 0 && p[n-1].doc == d {
			p[n-1].mask |= 1 << field
			p[n-1].phr |= phr
			continue
		}
		b.head[t] = append(p, posting{doc: d, mask: 1 << field, phr: phr})
	}
}

func (b *builder) bodyWord(d int32, w []byte, line int, heading bool) {
	t := b.tok(w)
	p := b.body[t]
	var mask uint8 = 1 << fBody
	if heading {
		mask |= inHeading
	}
	if n := len(p); n > 0 && p[n-1].doc == d {
		// The first line is kept.
		p[n-1].tf = min(p[n-1].tf+1, 1<<16-1)
		p[n-1].mask |= mask
		return
	}
	b.body[t] = append(p, posting{doc: d, mask: mask, line: uint16(min(line, noLine-1)), tf: 1})
}

// seal readies the shard for merge: what can be done shard by shard is
// done here, on its goroutine.
func (b *builder) seal() {
	b.vocab = make([]string, 0, len(b.toks))
	for w := range b.toks {
		b.vocab = append(b.vocab, w)
	}
	slices.Sort(b.vocab)
	b.order = make([]int32, len(b.vocab))
	for i, w := range b.vocab {
		b.order[i] = b.toks[w]
	}
	b.toks = nil
	// Shards hold distinct entries: their counts add up.
	b.df = make([]int32, len(b.head))
	for t := range b.head {
		b.df[t] = int32(docFreq(b.head[t], b.body[t]))
	}
	slices.SortStableFunc(b.names, byKey)
	slices.SortStableFunc(b.aliases, byKey)
	packTargets(b.fuzzy)
}

func byKey(a, b keyed) int { return strings.Compare(a.key, b.key) }

// merge joins the sealed shards into ix. Shards are contiguous runs of
// entries in order, so appending their lists shard after shard keeps every
// list in entry order, as one builder would have made it.
func (ix *Index) merge(bs []*builder) {
	ix.vocab = mergeVocab(bs)
	// The copies and the lookups' merge run beside the rest.
	var wg sync.WaitGroup
	defer wg.Wait()
	ix.head = mergePostings(bs, ix.vocab, func(b *builder) [][]posting { return b.head }, &wg)
	ix.body = mergePostings(bs, ix.vocab, func(b *builder) [][]posting { return b.body }, &wg)
	ix.mergeLookups(bs, &wg)
	df := make([]int32, len(ix.vocab))
	for _, b := range bs {
		for t, n := range b.df {
			df[b.renumber[t]] += n
		}
	}
	ix.bits = make([]uint64, len(ix.vocab))
	ix.idf = make([]float32, len(ix.vocab))
	ix.stemCache = stemCacheOf(len(ix.vocab))
	n := float64(len(ix.docs))
	for i, w := range ix.vocab {
		ix.bits[i] = letterBits(w)
		ix.idf[i] = float32(idf(n, float64(df[i])))
		l := min(len(w), maxTypoLen+1)
		for len(ix.byLen) <= l {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[l] = append(ix.byLen[l], int32(i))
	}

	words := 0
	for _, b := range bs {
		for i := b.lo; i < b.hi; i++ {
			d, m := &ix.docs[i], &ix.meta[i]
			words += int(m.bodyWords)
			m.names = int32(len(ix.nameToks))
			for k, t := range []*text{&d.title, &d.french} {
				// The first 64 words, as coverage counts them; stop words
				// complemented.
				n := min(len(t.toks), 64)
				for j, tok := range t.toks[:n] {
					tok = b.renumber[tok]
					if t.named&(1<<j) == 0 {
						tok = ^tok
					}
					ix.nameToks = append(ix.nameToks, tok)
				}
				m.nameLen[k] = uint8(n)
				t.toks = nil // only the array is read
			}
		}
	}
	ix.avgBody = float32(max(1, float64(words)/max(n, 1)))
}

// mergeVocab returns the union of the shards' sorted words, sorted, and
// sets each shard's renumber.
func mergeVocab(bs []*builder) []string {
	n := 0
	for _, b := range bs {
		n = max(n, len(b.vocab))
		b.renumber = make([]int32, len(b.vocab))
	}
	vocab := make([]string, 0, n)
	next := make([]int, len(bs))
	for {
		w, ok := "", false
		for s, b := range bs {
			if k := next[s]; k < len(b.vocab) && (!ok || b.vocab[k] < w) {
				w, ok = b.vocab[k], true
			}
		}
		if !ok {
			return vocab
		}
		for s, b := range bs {
			if k := next[s]; k < len(b.vocab) && b.vocab[k] == w {
				b.renumber[b.order[k]] = int32(len(vocab))
				next[s]++
			}
		}
		vocab = append(vocab, w)
	}
}

// mergePostings gathers each word's lists, shard after shard, into one
// array per range of words (appending left spare capacity, a third of the
// index at 100,000 entries). Each range is copied on wg: one per shard.
func mergePostings(bs []*builder, vocab []string, lists func(*builder) [][]posting, wg *sync.WaitGroup) [][]posting {
	out := make([][]posting, len(vocab))
	lens := make([]int, len(vocab))
	for _, b := range bs {
		for t, l := range lists(b) {
			lens[b.renumber[t]] += len(l)
		}
	}
	for c := range bs {
		lo, hi := c*len(vocab)/len(bs), (c+1)*len(vocab)/len(bs)
		if lo == hi {
			continue
		}
		wg.Go(func() {
			n := 0
			for _, k := range lens[lo:hi] {
				n += k
			}
			all := make([]posting, n)
			for i, k := range lens[lo:hi] {
				out[lo+i], all = all[:0:k], all[k:]
			}
			for _, b := range bs {
				// The shard's words from vocab[lo] up to vocab[hi].
				i, _ := slices.BinarySearch(b.vocab, vocab[lo])
				j := len(b.vocab)
				if hi < len(vocab) {
					j, _ = slices.BinarySearch(b.vocab, vocab[hi])
				}
				ls := lists(b)
				for _, t := range b.order[i:j] {
					w := b.renumber[t]
					out[w] = append(out[w], ls[t]...)
				}
			}
		})
	}
	return out
}

// mergeLookups joins the shards' whole-query lookups into ix, on wg.
func (ix *Index) mergeLookups(bs []*builder, wg *sync.WaitGroup) {
	ix.lookups = bs[0].lookups
	if len(bs) == 1 {
		return
	}
	to := ix.maps()
	for i := range to {
		wg.Go(func() {
			for _, b := range bs[1:] {
				for k, ds := range b.maps()[i] {
					to[i][k] = append(to[i][k], ds...)
				}
			}
		})
	}
	wg.Go(func() {
		names, aliases := make([][]keyed, len(bs)), make([][]keyed, len(bs))
		for s, b := range bs {
			names[s], aliases[s] = b.names, b.aliases
			if s > 0 {
				ix.fuzzy = append(ix.fuzzy, b.fuzzy...)
			}
		}
		ix.names, ix.aliases = mergeKeyed(names), mergeKeyed(aliases)
	})
}

func (l *lookups) maps() [5]map[string][]int32 {
	return [...]map[string][]int32{l.exactID, l.exactAbbr, l.exactTitle, l.exactKey, l.exactAlias}
}

// mergeKeyed merges sorted lists into one; on equal keys the earlier list
// first, as a stable sort of their concatenation would have them.
func mergeKeyed(lists [][]keyed) []keyed {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if len(lists) == 1 || n == 0 {
		return lists[0]
	}
	out := make([]keyed, 0, n)
	for {
		best := -1
		for s, l := range lists {
			if len(l) > 0 && (best < 0 || l[0].key < lists[best][0].key) {
				best = s
			}
		}
		if best < 0 {
			return out
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
}

// isAcronym reports whether an alias is written as an acronym ("CNAM",
// "PUMa", "AT/MP"): one word-ish token with at least two capitals.
func isAcronym(s string) bool {
	caps := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			caps++
		case unicode.IsSpace(r):
			return false
		}
	}
	return caps >= 2 && utf8.RuneCountInString(s) <= 12
}

// forBodyLines calls fn for each line of a body, numbered from 0.
func forBodyLines(body string, fn func(line int, s string)) {
	for i := 0; body != ""; i++ {
		s := body
		if j := strings.IndexByte(body, '\n'); j >= 0 {
			s, body = body[:j], body[j+1:]
		} else {
			body = ""
		}
		fn(i, s)
	}
}

// cleanLine blanks what a reader does not see as words: Markdown link
// targets such as (cpam.md) and URLs.
func cleanLine(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return s
	}
	var b strings.Builder
	for {
		i := indexAny(s, "](", "http://", "https://", "www.")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		link := strings.HasPrefix(s[i:], "](")
		if link {
			i++ // keep the ]
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		end := strings.IndexFunc(s[i:], func(r rune) bool {
			return link && r == ')' || !link && (unicode.IsSpace(r) || r == ')' || r == '>' || r == ']')
		})
		if end < 0 {
			return b.String()
		}
		if link {
			end++ // drop the )
		}
		s = s[i+end:]
	}
}

// indexAny returns the first index in s of any of the needles, or -1.
func indexAny(s string, needles ...string) int {
	best := -1
	for _, n := range needles {
		if i := strings.Index(s, n); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// idf is BM25's inverse document frequency of a word df of n entries have:
// always above zero, highest for a word no entry has.
func idf(n, df float64) float64 { return math.Log(1 + (n-df+0.5)/(df+0.5)) }

// docFreq counts the entries in either of two lists sorted by entry.
func docFreq(a, b []posting) int {
	n, i, j := 0, 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].doc < b[j].doc:
			i++
		case i == len(a) || b[j].doc < a[i].doc:
			j++
		default:
			i++
			j++
		}
		n++
	}
	return n
}
