package search

import (
	"sort"
	"sync/atomic"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// stems returns the English and French Snowball stems of a folded word, so
// that "registering" meets "register" and "remboursement" "rembourser".
// Entries mix the two languages and a query may be in either, so a word
// matches another when either stem agrees. Words with digits or letters
// outside a-z (codes, other scripts) are their own stem.
func stems(w string) (en, fr string) {
	if len(w) <= 2 || !lettersOnly(w) {
		return w, w
	}
	return english.Stem(w, true), french.Stem(frenchForm(w), true)
}

// frenchForm undoes what folding does to the feminine past participle:
// the stemmer knows "-ée", "-ées" but sees "-ee", "-ees" ("remboursées"
// → remboursees), so those become a plain "-e" ("rembourse"), which it
// handles like "-é".
func frenchForm(w string) string {
	switch n := len(w); {
	case n > 5 && w[n-3:] == "ees":
		return w[:n-2]
	case n > 4 && w[n-2:] == "ee":
		return w[:n-1]
	}
	return w
}

func lettersOnly(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// stemPrefix is the start every word with stem s shares: the stemmers only
// cut endings, except that a final y may become i ("baby", "babies" → babi;
// "employer" → emploi).
func stemPrefix(s string) string {
	if n := len(s); n > 0 && s[n-1] == 'i' {
		return s[:n-1]
	}
	return s
}

// sameStem reports whether two folded words share a stem.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	ae, af := stems(a)
	be, bf := stems(b)
	return stemsMeet(ae, af, be, bf)
}

// stemsMeet reports whether two words with these stems are one word. The
// French stemmer also cuts English words, where a short stem is often a
// false friend ("care" → car), so a French stem must have 4 letters.
func stemsMeet(ae, af, be, bf string) bool {
	return ae == be || af == bf && len(af) >= 4
}

// stemPair is a word's English and French stems.
type stemPair struct{ en, fr string }

// stemsOf returns the stems of a folded word, from the index's cache when
// the word is in the vocabulary: stemming costs a microsecond or two, too
// much to repeat for every word of a prefix range on every keystroke, and
// too much to do for the whole vocabulary at start-up.
func (ix *Index) stemsOf(w string) (en, fr string) {
	if ix == nil || len(w) <= 2 {
		return stems(w)
	}
	t := sort.SearchStrings(ix.vocab, w)
	if t == len(ix.vocab) || ix.vocab[t] != w {
		return stems(w)
	}
	return ix.stemsOfTok(t)
}

func (ix *Index) stemsOfTok(t int) (string, string) {
	if p := ix.stemCache[t].Load(); p != nil {
		return p.en, p.fr
	}
	en, fr := stems(ix.vocab[t])
	ix.stemCache[t].Store(&stemPair{en, fr})
	return en, fr
}

// stemCacheOf makes the cache for a vocabulary.
func stemCacheOf(n int) []atomic.Pointer[stemPair] { return make([]atomic.Pointer[stemPair], n) }
