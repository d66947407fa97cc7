package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"secu/content"
)

// keystrokes are what a person types, letter by letter or whole.
var keystrokes = []string{
	"c", "ca", "carte vit", "médecin", "medecin traitant", "urssaff",
	"help with rent", "sick leave pay", "allocations familiales", "pharmcy",
}

func BenchmarkSearchGuide(b *testing.B) {
	lib, err := content.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	ix := NewLibrary(lib) // with its synonym table, as the program runs
	benchKeystrokes(b, ix)
}

func BenchmarkSearch1k(b *testing.B)   { benchKeystrokes(b, New(synthetic(1_000))) }
func BenchmarkSearch10k(b *testing.B)  { benchKeystrokes(b, New(synthetic(10_000))) }
func BenchmarkSearch100k(b *testing.B) { benchKeystrokes(b, New(synthetic(100_000))) }

// BenchmarkNewGuide is the one-off cost of indexing the embedded guide, paid
// at start-up.
func BenchmarkNewGuide(b *testing.B) {
	lib, err := content.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewLibrary(lib)
	}
}

func BenchmarkNew10k(b *testing.B)  { benchNew(b, synthetic(10_000)) }
func BenchmarkNew100k(b *testing.B) { benchNew(b, synthetic(100_000)) }

func benchNew(b *testing.B, es []*content.Entry) {
	b.ReportAllocs()
	for b.Loop() {
		New(es)
	}
}

// benchKeystrokes reports the time of one search (one keystroke), averaged
// over the realistic queries, with the list's usual limit.
func benchKeystrokes(b *testing.B, ix *Index) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(keystrokes[i%len(keystrokes)], "", 50)
		i++
	}
}

// realWords are words of this domain, with their accents.
var realWords = strings.Fields(`carte vitale médecin traitant sécurité sociale
	assurance maladie caisse primaire allocations familiales aide logement
	retraite complémentaire santé solidaire mutuelle feuille soins tiers
	payant ticket modérateur participation forfaitaire franchise médicale
	indemnités journalières arrêt travail accident chômage emploi étudiant
	étranger titre séjour acte naissance numéro attestation droits
	dépassement honoraires parcours spécialiste généraliste pharmacie
	ordonnance hôpital urgences forfait remboursement base cotisation
	subsidiaire régime général indépendant salarié employeur contrat
	doctor health insurance card number student employee self employed
	family allowance housing benefit rent pension unemployment sick leave
	pay reimbursement prescription pharmacy hospital emergency fee office
	register form proof rights residence permit birth certificate bank
	details income low free child school grant minimum work occupational
	disease abroad european citizen overseas agency national local fund`)

// synthetic builds n entries that look like the guide's: titles of 1–4
// words, French names with accents, acronym aliases, keywords, and ~1 KB
// bodies with Markdown links and URLs. Words follow a Zipf law over the
// domain words and a long tail of made-up ones, like real text.
func synthetic(n int) []*content.Entry {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	vocab := append([]string(nil), realWords...)
	syl := strings.Fields("ca ra te vi ta le mé de cin sé cu ri so ma la di pa ti on al lo fa mi li ré gi me tra vail ur ssaf pré fec tu re")
	for len(vocab) < 20_000 {
		k := 2 + r.IntN(3)
		var w strings.Builder
		for range k {
			w.WriteString(syl[r.IntN(len(syl))])
		}
		vocab = append(vocab, w.String())
	}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	word := func() string { return vocab[zipf.Uint64()] }
	phrase := func(lo, hi int) string {
		ws := make([]string, lo+r.IntN(hi-lo+1))
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	kinds := content.Kinds
	out := make([]*content.Entry, n)
	for i := range out {
		title := phrase(1, 4)
		var body strings.Builder
		for body.Len() < 1024 {
			body.WriteString(phrase(6, 18))
			switch r.IntN(6) {
			case 0:
				fmt.Fprintf(&body, " [%s](entry-%d.md)", word(), r.IntN(n))
			case 1:
				fmt.Fprintf(&body, " https://www.example.fr/%s", word())
			}
			body.WriteString(".\n")
			if r.IntN(4) == 0 {
				body.WriteString("\n## " + phrase(1, 3) + "\n")
			}
		}
		var acronym strings.Builder
		for _, w := range strings.Fields(title) {
			f, _ := Fold(w)
			acronym.WriteString(strings.ToUpper(f[:1])) // folded: ASCII here
		}
		out[i] = &content.Entry{
			ID:       fmt.Sprintf("entry-%d", i),
			Kind:     kinds[i%len(kinds)],
			Title:    capitalize(title),
			French:   phrase(2, 5),
			English:  phrase(2, 4),
			Aliases:  []string{acronym.String(), phrase(1, 3)},
			Keywords: []string{phrase(1, 3), phrase(1, 3), phrase(2, 3), phrase(1, 2)},
			Body:     body.String(),
		}
	}
	return out
}

func capitalize(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}

// BenchmarkListKeystrokeGuide is what the list does on each keystroke over
// the built-in guide: every match, the tabs' counts, the first screen
// highlighted.
func BenchmarkListKeystrokeGuide(b *testing.B) {
	lib, err := content.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	ix := NewLibrary(lib)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		listKeystroke(ix, keystrokes[i%len(keystrokes)])
		i++
	}
}

// BenchmarkSynonymTable is the one-off cost of compiling the guide's
// synonym table, paid by the first search.
func BenchmarkSynonymTable(b *testing.B) {
	lib, err := content.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		newSynTable(lib.Synonyms)
	}
}

// syntheticFolder writes n generated entries to a folder and loads it, as
// secu --content would.
func syntheticFolder(tb testing.TB, n int) *content.Library {
	tb.Helper()
	dir := tb.TempDir()
	if err := content.WriteSynthetic(dir, n); err != nil {
		tb.Fatal(err)
	}
	lib, err := content.Load(content.DirFS(dir))
	if err != nil {
		tb.Fatal(err)
	}
	return lib
}
