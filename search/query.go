package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are ignored in a query unless it has nothing else. They are in
// folded form ("à" is "a", "où" is "ou"); single letters cover elisions
// such as d', l', j', qu' and the English 's.
var stopWords = setOf(
	// English
	"a", "an", "the", "of", "do", "does", "did", "done", "doing", "i", "im",
	"ive", "id", "ill", "me", "my", "mine", "myself", "to", "for", "in", "on",
	"at", "by", "from", "into", "with", "and", "or", "is", "are", "am", "was",
	"were", "be", "been", "being", "it", "its", "this", "that", "these",
	"those", "there", "here", "what", "whats", "where", "when", "which",
	"who", "whom", "whose", "why", "how", "get", "got", "getting", "can",
	"cant", "cannot", "could", "should", "would", "will", "shall", "must",
	"may", "might", "need", "needs", "want", "wants", "we", "you", "your",
	"yours", "our", "us", "they", "their", "them", "he", "she", "his", "her",
	"him", "if", "so", "as", "about", "any", "some", "just", "also", "have",
	"has", "had", "having", "than", "then", "very", "too", "much", "many",
	"more", "most", "not", "no", "dont", "doesnt", "didnt", "isnt", "please",
	"one", "anyone", "someone", "something", "else", "still", "now", "again",
	// French
	"de", "la", "le", "les", "du", "des", "un", "une", "et", "en", "au",
	"aux", "pour", "par", "sur", "dans", "avec", "mon", "ma", "mes", "ton",
	"ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur",
	"leurs", "est", "sont", "suis", "es", "etre", "ai", "as", "avoir", "que",
	"qui", "quoi", "quel", "quelle", "quels", "quelles", "comment", "ou",
	"je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce",
	"cet", "cette", "ces", "se", "ne", "pas", "y", "si", "faut", "dois",
	"doit", "peux", "peut", "puis", "d", "l", "j", "qu", "s", "c", "n", "m",
	"t", "moi", "me", "te", "lui", "ca", "cela", "quand", "pourquoi",
	"combien", "mais", "donc", "obtenir", "faire", "fait", "viens", "vient",
	"venir", "avoir", "take", "takes", "without", "sans", "become",
	"becoming", "became", "go", "going", "went", "make", "made", "let",
	"know", "tell", "like", "hello", "hi", "hey", "thanks", "thank",
	"bonjour", "merci", "svp", "stp", "yet", "already", "between", "eu",
	"encore", "deja", "toujours", "aussi", "tres", "bien", "tout", "tous",
	"toute", "toutes", "veux", "veut", "voudrais", "aimerais", "souhaite",
	"dois", "devons", "doivent", "peuvent", "pouvons", "ya", "chez", "vers",
	"entre", "alors", "ici", "non", "oui", "after", "before", "during",
	"while", "apres", "avant", "pendant", "happen", "happens", "happened",
	"vais", "vas", "va", "allons", "allez", "vont", "aller", "ont", "avons",
	"avez", "sommes", "etes", "etait", "fais", "font",
	// what is left of English contractions once apostrophes are spaces
	"don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "wouldn",
	"shouldn", "couldn", "haven", "hasn", "ll", "re", "ve",
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// maxWords bounds the typed words a query is matched on, and maxTerms the
// words with their synonyms; longer queries keep their first words (nobody
// types twelve distinct search words).
const (
	maxWords = 8
	maxTerms = 20
)

// term is one word to look up: a typed word or a word of a synonym.
type term struct {
	word   string
	slot   uint8 // the slot (meaningful word or phrase) it belongs to
	alt    uint8 // the alternative of that slot
	prefix bool  // may match as a prefix: the last word, being typed
	stop   bool  // a stop word (in a phrase)
}

// slot is one meaningful word or phrase of the query, with its
// alternatives: the words typed, and what a synonym says they mean. A slot
// matches an entry when every term of one alternative does.
type slot struct {
	alts  [][]int // term indexes of each alternative; alts[0] is what was typed
	typed bool    // see typedAlt
}

// query is a parsed search string.
type query struct {
	all     []string // every folded word, stop words included
	words   []string // the words to match: stop words removed unless nothing else
	prefix  bool     // the last word may be a prefix (the user is typing it)
	joined  string   // all words joined by single spaces
	compact string   // all words run together
	fuzzy   string   // the words to match run together: the fuzzy pattern

	terms []term
	slots []slot

	ix    *Index     // for its stem cache
	stems []stemPair // of words
}

// parseQuery reads a query; typing says it is still being typed, so that
// its last word may be cut short.
func (ix *Index) parseQuery(s string, typing bool) query {
	f := foldString(s)
	all := words(f)
	q := query{all: all, ix: ix}
	if len(all) == 0 {
		return q
	}
	q.words = meaningful(all)
	if len(q.words) > maxWords {
		q.words = q.words[:maxWords]
	}
	for _, w := range q.words {
		en, fr := ix.stemsOf(w)
		q.stems = append(q.stems, stemPair{en, fr})
	}
	// A trailing space means the last word is finished; so is a last word
	// dropped as a stop word.
	last, _ := utf8.DecodeLastRuneInString(s)
	q.prefix = typing && !unicode.IsSpace(last) && q.words[len(q.words)-1] == all[len(all)-1]
	q.fuzzy = compact(q.words)
	q.joined = joinWords(all)
	q.compact = compact(all)
	ix.buildSlots(&q)
	return q
}

// buildSlots turns the words into slots: a phrase of the synonym table
// becomes one slot whose alternatives are what it means; every other
// meaningful word is a slot of its own. Every slot gets what was typed
// first; the synonyms' alternatives then take turns for the terms left.
func (ix *Index) buildSlots(q *query) {
	onlyStop := true
	for _, w := range q.all {
		onlyStop = onlyStop && stopWords[w]
	}
	type pending struct {
		typed  []string
		prefix bool
		alts   [][]string
	}
	var ps []pending
	seen := map[string]bool{}
	syns := ix.syns()
	// The words' stems, English and French, for the synonym table.
	var en, fr []string
	if len(syns.byFirst) > 0 {
		en, fr = make([]string, len(q.all)), make([]string, len(q.all))
		for i, w := range q.all {
			en[i], fr[i] = w, w
			if len(w) > 2 && lettersOnly(w) {
				e, f := ix.stemsOf(w)
				en[i], fr[i] = e, frKey(e, f)
			}
		}
	}
	for i := 0; i < len(q.all) && len(ps) < maxWords; {
		if len(q.all[i]) == 1 && !onlyStop {
			i++ // an elision: d', l', the 's of doctor's
			continue
		}
		if n, means := syns.match(q.all[i:], en[min(i, len(en)):], fr[min(i, len(fr)):]); n > 0 {
			// What was typed is one alternative when it has a meaningful
			// word; then all its words count ("sans papiers" is not
			// "papiers").
			var p pending
			for _, w := range q.all[i : i+n] {
				if len(w) > 1 && !contains(p.typed, w) {
					p.typed = append(p.typed, w)
				}
			}
			if len(meaningful(p.typed)) == len(p.typed) && stopWords[p.typed[0]] {
				p.typed = nil // only stop words ("the us")
			}
			typed := ix.stemKey(p.typed)
			for _, m := range means {
				if m.key != typed {
					p.alts = append(p.alts, m.words)
				}
			}
			if k := strings.Join(q.all[i:i+n], " "); !seen[k] {
				seen[k] = true
				ps = append(ps, p)
			}
			i += n
			continue
		}
		w := q.all[i]
		i++
		if stopWords[w] && !onlyStop || seen[w] {
			continue
		}
		seen[w] = true
		ps = append(ps, pending{typed: []string{w}, prefix: q.prefix && i == len(q.all)})
	}
	q.slots = make([]slot, len(ps))
	add := func(si int, ws []string, prefixLast bool) bool {
		if len(ws) == 0 || len(q.terms)+len(ws) > maxTerms {
			return false
		}
		sl := &q.slots[si]
		alt := make([]int, len(ws))
		for k, w := range ws {
			alt[k] = len(q.terms)
			q.terms = append(q.terms, term{word: w, slot: uint8(si), alt: uint8(len(sl.alts)), prefix: prefixLast && k == len(ws)-1, stop: stopWords[w]})
		}
		sl.alts = append(sl.alts, alt)
		return true
	}
	for si, p := range ps {
		add(si, p.typed, p.prefix)
	}
	for round, more := 0, true; more; round++ {
		more = false
		for si, p := range ps {
			if round < len(p.alts) {
				more = add(si, p.alts[round], false) || more
			}
		}
	}
	// A slot left without alternatives (a phrase of stop words that its
	// meanings could not fit) is dropped.
	kept := q.slots[:0]
	for _, sl := range q.slots {
		if len(sl.alts) > 0 {
			kept = append(kept, sl)
		}
	}
	for si := range kept {
		for _, alt := range kept[si].alts {
			for _, k := range alt {
				q.terms[k].slot = uint8(si)
			}
		}
	}
	q.slots = kept
	for si := range q.slots {
		q.slots[si].typed = typedAlt(q, &q.slots[si])
	}
}

// stemKey is a phrase in the form alternatives are told apart by.
func (ix *Index) stemKey(ws []string) string {
	ks := make([]string, len(ws))
	for i, w := range ws {
		ks[i], _ = ix.stemsOf(w)
	}
	return strings.Join(ks, " ")
}

// isPrefix reports whether typed word i may match as a prefix.
func (q *query) isPrefix(i int) bool { return q.prefix && i == len(q.words)-1 }

// matchWord reports how typed word i matches the entry word tok: the
// quality, and how many bytes of tok to highlight.
func (q *query) matchWord(i int, tok string) (uint8, int) {
	w := q.words[i]
	switch {
	case tok == w || q.sameStem(i, tok):
		return qExact, len(tok)
	case q.isPrefix(i) && strings.HasPrefix(tok, w):
		return qPrefix, len(w)
	case len(w) >= minTypoLen && len(tok) >= minTypoLen-1 && oneEdit(w, tok):
		return qTypo, len(tok)
	}
	return 0, 0
}

// matchTok reports whether typed word i matches tok, vocabulary word t,
// as matchWord does.
func (q *query) matchTok(i int, tok string, t int32) bool {
	w := q.words[i]
	switch {
	case tok == w || q.isPrefix(i) && strings.HasPrefix(tok, w):
		return true
	case q.stemCandidate(i, tok):
		en, fr := q.ix.stemsOfTok(int(t))
		if stemsMeet(q.stems[i].en, q.stems[i].fr, en, fr) {
			return true
		}
	}
	return len(w) >= minTypoLen && len(tok) >= minTypoLen-1 && oneEdit(w, tok)
}

// stemCandidate reports whether tok may share a stem with typed word i:
// a word with a stem starts with it (give or take a final y), so most
// words are told apart without stemming them.
func (q *query) stemCandidate(i int, tok string) bool {
	st := &q.stems[i]
	return len(q.words[i]) >= 3 && len(tok) >= 3 &&
		(strings.HasPrefix(tok, stemPrefix(st.en)) || strings.HasPrefix(tok, stemPrefix(st.fr)))
}

// sameStem reports whether typed word i and tok share a stem.
func (q *query) sameStem(i int, tok string) bool {
	// Words sharing a stem share their first letters (stems cut endings):
	// most words are told apart without stemming them.
	if !q.stemCandidate(i, tok) {
		return false
	}
	en, fr := q.ix.stemsOf(tok)
	return stemsMeet(q.stems[i].en, q.stems[i].fr, en, fr)
}

// meaningful drops stop words and duplicates, unless that leaves nothing.
func meaningful(all []string) []string {
	var out []string
	for _, w := range all {
		if !stopWords[w] && !contains(out, w) {
			out = append(out, w)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, w := range all {
		if !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// Terms returns the folded words of query that a reader should highlight:
// stop words removed unless the query has nothing else. Compare them with
// Fold'ed text.
func Terms(query string) []string {
	return meaningful(words(foldString(strings.TrimSpace(query))))
}
