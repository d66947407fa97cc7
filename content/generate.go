package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WriteSynthetic writes n realistic, valid entries into dir, for
// benchmarks and to try `secu --content DIR` on a big folder. The ids are
// e-00001, e-00002, ...; the kinds rotate; each entry has a title of one
// to four words (some French, with accents), a French name, an English
// gloss, aliases, keywords, see_also to two other entries, sources and
// about 1 KB of Markdown (a heading, paragraphs, a list and two links to
// other entries). The files are spread across ten subfolders, part-00 to
// part-09. The output depends only on n, and Load accepts it.
func WriteSynthetic(dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("cannot write %d entries: the count must be at least 1", n)
	}
	if n > maxEntries {
		return fmt.Errorf("cannot write %d entries: Load accepts at most %d", n, maxEntries)
	}
	for d := range 10 {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("part-%02d", d)), 0o755); err != nil {
			return err
		}
	}
	g := synth{r: rand.New(rand.NewPCG(1, uint64(n))), n: n}
	var b strings.Builder
	for i := range n {
		b.Reset()
		g.entry(&b, i)
		p := filepath.Join(dir, fmt.Sprintf("part-%02d", i%10), synthID(i)+".md")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func synthID(i int) string { return fmt.Sprintf("e-%05d", i+1) }

type synth struct {
	r *rand.Rand
	n int
}

var (
	synthFrench = strings.Fields(`sécurité santé médecin caisse assurance maladie retraite
		allocation famille logement prestation remboursement carte vitale déclaration
		cotisation indemnité congé maternité invalidité chômage employeur salarié étudiant
		étranger séjour préfecture mutuelle complémentaire hôpital pharmacie ordonnance arrêt
		travail accident régime général agricole numéro attestation droits formulaire dossier
		démarche guichet référence dépassement honoraires forfait journalier crèche enfant
		garde rentrée scolaire handicap aidant pension réversion décès naissance adoption
		paternité frontalier détaché européen`)
	synthEnglish = strings.Fields(`health insurance office card benefit claim refund family
		housing pension student worker employer number form leave sick allowance support child
		care doctor hospital pharmacy register proof rights contribution unemployment
		disability accident work retirement payment account online appointment deadline
		document letter`)
	synthVerbs = strings.Fields(`ask check send keep sign print declare update renew
		download upload call visit apply wait`)
)

func (g *synth) pick(words []string) string { return words[g.r.IntN(len(words))] }

// phrase returns lo to hi words from words.
func (g *synth) phrase(words []string, lo, hi int) string {
	ws := make([]string, lo+g.r.IntN(hi-lo+1))
	for i := range ws {
		ws[i] = g.pick(words)
	}
	return strings.Join(ws, " ")
}

// mixed returns lo to hi words, French or English.
func (g *synth) mixed(lo, hi int) string {
	ws := make([]string, lo+g.r.IntN(hi-lo+1))
	for i := range ws {
		if g.r.IntN(3) == 0 {
			ws[i] = g.pick(synthFrench)
		} else {
			ws[i] = g.pick(synthEnglish)
		}
	}
	return strings.Join(ws, " ")
}

// others returns up to k distinct ids of other entries.
func (g *synth) others(i, k int) []string {
	var ids []string
	seen := map[int]bool{i: true}
	for len(ids) < min(k, g.n-1) {
		j := g.r.IntN(g.n)
		if !seen[j] {
			seen[j] = true
			ids = append(ids, synthID(j))
		}
	}
	return ids
}

func (g *synth) entry(b *strings.Builder, i int) {
	id := synthID(i)
	kind := Kinds[i%len(Kinds)]
	title := capitalize(g.mixed(1, 4))
	french := capitalize(g.phrase(synthFrench, 2, 5))
	var acronym strings.Builder
	for _, w := range strings.Fields(french) {
		r, _ := utf8.DecodeRuneInString(w)
		acronym.WriteRune(unicode.ToUpper(r))
	}
	keywords := make([]string, 3+g.r.IntN(3))
	for k := range keywords {
		keywords[k] = g.mixed(1, 3)
	}
	seeAlso := g.others(i, 2)

	b.WriteString("---\n")
	fmt.Fprintf(b, "id: %s\n", id)
	fmt.Fprintf(b, "kind: %s\n", kind)
	fmt.Fprintf(b, "title: %s\n", yamlQuote(title))
	fmt.Fprintf(b, "french: %s\n", yamlQuote(french))
	fmt.Fprintf(b, "english: %s\n", yamlQuote(g.phrase(synthEnglish, 2, 4)))
	fmt.Fprintf(b, "aliases: [%s, %s]\n", yamlQuote(acronym.String()), yamlQuote(g.mixed(1, 3)))
	fmt.Fprintf(b, "keywords: [%s]\n", yamlList(keywords))
	fmt.Fprintf(b, "see_also: [%s]\n", strings.Join(seeAlso, ", "))
	fmt.Fprintf(b, "website: https://www.example.fr/%s\n", id)
	fmt.Fprintf(b, "sources: [https://www.example.fr/%s/source, https://www.service-public.fr/particuliers/vosdroits/F%d]\n", id, 1000+i)
	b.WriteString("verified: 2026-11\n")
	if kind == KindGuide {
		fmt.Fprintf(b, "order: %d\n", i/len(Kinds)+1)
	}
	b.WriteString("---\n")
	start := b.Len() // the body's first byte

	links := g.others(i, 2)
	for len(links) < 2 { // a folder of one or two entries
		links = append(links, id)
	}
	fmt.Fprintf(b, "%s is the %s of the %s: %s.\n\n", title, g.phrase(synthEnglish, 1, 3), g.pick(synthFrench), g.sentence())
	b.WriteString("## What it is\n\n")
	for b.Len()-start < 450 {
		b.WriteString(g.sentence() + ". ")
	}
	fmt.Fprintf(b, "It works with the [%s](%s.md).\n\n", capitalize(g.mixed(1, 2)), links[0])
	b.WriteString("## What to do\n\n")
	for k := range 3 {
		fmt.Fprintf(b, "%d. %s %s.\n", k+1, capitalize(g.pick(synthVerbs)), g.mixed(2, 5))
	}
	fmt.Fprintf(b, "\n- See also [%s](%s.md).\n- Online: https://www.example.fr/%s/help\n\n", capitalize(g.mixed(1, 3)), links[1], id)
	for b.Len()-start < 950 {
		b.WriteString(g.sentence() + ". ")
	}
	b.WriteString("\n")
}

func (g *synth) sentence() string {
	return capitalize(g.mixed(4, 9)) + " " + g.pick(synthVerbs) + " " + g.mixed(2, 6)
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

var yamlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// yamlQuote writes s as a YAML double-quoted string.
func yamlQuote(s string) string { return `"` + yamlEscaper.Replace(s) + `"` }

func yamlList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = yamlQuote(s)
	}
	return strings.Join(q, ", ")
}
