package content_test

import (
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"secu/content"
)

// The embedded guide (issue "complete guide"): what it must cover and the
// quality bar every entry must meet.

func guide(t *testing.T) *content.Library {
	t.Helper()
	lib, err := content.Embedded()
	if err != nil {
		t.Fatalf("the embedded guide does not load:\n%v", err)
	}
	return lib
}

func TestGuideHasRequiredEntries(t *testing.T) {
	required := map[string][]string{
		content.KindAgency: {"cpam", "caf", "cnav", "carsat", "urssaf", "france-travail", "cgss", "msa", "cleiss"},
		content.KindTerm: {"ameli", "carte-vitale", "feuille-de-soins", "medecin-conventionne", "medecin-traitant",
			"parcours-de-soins", "mutuelle", "participation-forfaitaire", "depassement-d-honoraires", "tiers-payant",
			"ticket-moderateur", "attestation-provisoire", "attestation-de-droits", "nir", "nia", "puma", "c2s", "ald",
			"franchise-medicale", "indemnites-journalieres", "mon-espace-sante", "examen-preventif", "ehic", "rib",
			"titre-de-sejour", "acte-de-naissance", "allocations-familiales", "paje", "allocation-rentree-scolaire",
			"aide-au-logement", "rsa", "assurance-chomage", "at-mp"},
		content.KindGuide: {"social-security-overview", "register-student", "register-employee", "register-self-employed",
			"register-eu-citizen", "get-carte-vitale", "reimbursement-example", "which-agency", "social-security-number"},
	}
	lib := guide(t)
	for kind, ids := range required {
		for _, id := range ids {
			switch e := lib.Get(id); {
			case e == nil:
				t.Errorf("the guide has no %s entry %q", kind, id)
			case e.Kind != kind:
				t.Errorf("%s: kind is %q, want %q", e.Path, e.Kind, kind)
			}
		}
	}
	// The first year in France (issue "every life event"): one entry at
	// least for each topic newcomers ask about.
	for _, id := range []string{"emergencies", "find-a-doctor", "teleconsultation", "ordonnance", "medicaments",
		"lost-carte-vitale", "change-of-situation", "arret-de-travail", "pregnancy", "conge-maternite", "conge-paternite",
		"cent-pour-cent-sante", "soins-dentaires", "optique", "audioprothese", "mon-soutien-psy", "cmp", "hospital-stay",
		"child-health", "vaccinations", "carnet-de-sante", "unemployment-newcomers", "formulaire-u1",
		"family-benefits-foreigners", "csg-crds", "bulletin-de-paie", "prelevement-a-la-source", "prime-d-activite",
		"mdph", "aah", "pension-d-invalidite", "leaving-france", "uk-nationals", "ghic", "coming-from-us",
		"coming-from-canada", "social-security-agreements", "cross-border-worker", "pension-several-countries",
		"death-of-relative", "capital-deces", "complaints-and-appeals", "erasmus-students", "au-pair",
		"working-holiday-visa", content.KeyFiguresID} {
		if lib.Get(id) == nil {
			t.Errorf("the guide has no entry %q", id)
		}
	}
	if n := len(lib.Entries); n < 100 {
		t.Errorf("the guide has %d entries, want at least 100", n)
	}
}

var month = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

func TestGuideEntriesMeetTheBar(t *testing.T) {
	lib := guide(t)
	orders := map[int]string{}
	for _, e := range lib.Entries {
		t.Run(e.ID, func(t *testing.T) {
			if len(e.Sources) == 0 {
				t.Errorf("%s: no sources", e.Path)
			}
			for i, s := range e.Sources {
				u, err := url.Parse(s)
				switch {
				case err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
					t.Errorf("%s: source %q is not a web address", e.Path, s)
				case i == 0 && u.Scheme != "https":
					t.Errorf("%s: the first source %q is not https", e.Path, s)
				}
			}
			if !month.MatchString(e.Verified) {
				t.Errorf("%s: verified is %q, want a month such as 2026-11", e.Path, e.Verified)
			}
			if e.French == "" && e.Kind != content.KindGuide {
				t.Errorf("%s: no french name (only guides may go without)", e.Path)
			}
			if e.English == "" {
				t.Errorf("%s: no english gloss", e.Path)
			}
			if len(e.Keywords) < 3 {
				t.Errorf("%s: %d keywords %q, want at least 3", e.Path, len(e.Keywords), e.Keywords)
			}
			if n := words(e.Body); n < 120 {
				t.Errorf("%s: the body has %d words, want at least 120", e.Path, n)
			}
			if len(content.LinkTargets(e.Body)) == 0 {
				t.Errorf("%s: the body links to no other entry", e.Path)
			}
			if e.Kind == content.KindGuide {
				if e.Order <= 0 {
					t.Errorf("%s: order is %d, want a positive step number", e.Path, e.Order)
				} else if prev, ok := orders[e.Order]; ok {
					t.Errorf("%s: order %d is also %s's", e.Path, e.Order, prev)
				}
				orders[e.Order] = e.Path
			}
		})
	}
}

// words counts the words of Markdown text: runs with a letter or digit.
func words(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// rawLine is one line of a raw guide file.
type rawLine struct {
	file string
	n    int
	text string
}

// rawLines reads every file of the embedded guide as bytes, not through
// the loader, so that nothing is cleaned or normalised first.
func rawLines(t *testing.T) []rawLine {
	t.Helper()
	var out []rawLine
	fsys := content.EmbeddedFS()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for i, l := range strings.Split(string(data), "\n") {
			out = append(out, rawLine{p, i + 1, l})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("the embedded guide has no files")
	}
	return out
}

func TestGuideHasNoMojibake(t *testing.T) {
	// UTF-8 read as Latin-1 or Windows-1252 (é shows as A-tilde + copyright
	// sign, ’ as a-circumflex + euro + trade mark, NBSP as A-circumflex +
	// space), or as Windows-1250 (é as A-breve + copyright sign), and the
	// replacement character. Written as escapes so that this file is clean.
	mojibake := regexp.MustCompile(`\x{C3}|\x{C2}(?:\P{L}|$)|\x{E2}\x{20AC}|\x{102}|\x{FFFD}`)
	for _, l := range rawLines(t) {
		if m := mojibake.FindString(l.text); m != "" {
			t.Errorf("%s:%d: mojibake %q in %q", l.file, l.n, m, l.text)
		}
	}
}

// surroundings returns the paragraph of lines[i] (the run of non-blank
// lines around it) and the heading of its section.
func surroundings(lines []rawLine, i int) (para, heading string) {
	lo, hi := i, i
	for lo > 0 && lines[lo-1].file == lines[i].file && strings.TrimSpace(lines[lo-1].text) != "" && lines[lo-1].text != "---" {
		lo--
	}
	for hi+1 < len(lines) && lines[hi+1].file == lines[i].file && strings.TrimSpace(lines[hi+1].text) != "" {
		hi++
	}
	var b strings.Builder
	for _, l := range lines[lo : hi+1] {
		b.WriteString(l.text + "\n")
	}
	for j := i; j >= 0 && lines[j].file == lines[i].file; j-- {
		if strings.HasPrefix(lines[j].text, "#") {
			heading = lines[j].text
			break
		}
	}
	return b.String(), heading
}

// sentences splits text at ". ", "! ", "? ", ": " and "; " and newlines.
var sentenceEnd = regexp.MustCompile(`[.!?:;]\s+|\n`)

func sentenceAround(text string, at int) string {
	start, end := 0, len(text)
	for _, loc := range sentenceEnd.FindAllStringIndex(text, -1) {
		if loc[1] <= at {
			start = loc[1]
		} else if loc[0] >= at {
			end = loc[0]
			break
		}
	}
	return text[start:end]
}

func TestGuideSpellsURSSAF(t *testing.T) {
	// "URSAAF" is a common misspelling. It may appear as an alias, so that
	// a search finds URSSAF, or quoted in a paragraph that gives the right
	// spelling, to point the misspelling out; nowhere else.
	bad := regexp.MustCompile(`(?i)ursaaf`)
	right := regexp.MustCompile(`(?i)urssaf`)
	lines := rawLines(t)
	for i, l := range lines {
		if !bad.MatchString(l.text) || strings.HasPrefix(l.text, "aliases:") {
			continue
		}
		para, _ := surroundings(lines, i)
		if !strings.Contains(l.text, `"URSAAF"`) || !right.MatchString(para) {
			t.Errorf("%s:%d: \"URSAAF\" used outside aliases and not pointed out as a misspelling: %q", l.file, l.n, l.text)
		}
	}
}

func TestGuideSaysFranceTravail(t *testing.T) {
	// Pôle emploi became France Travail on 1 January 2024. The old name
	// may appear as an alias, or where the text also says France Travail:
	// in the same sentence, paragraph, or section heading.
	old := regexp.MustCompile(`(?i)p[oô]le[ -]emploi`)
	lines := rawLines(t)
	for i, l := range lines {
		if strings.HasPrefix(l.text, "aliases:") {
			continue
		}
		for _, loc := range old.FindAllStringIndex(l.text, -1) {
			sentence := sentenceAround(l.text, loc[0])
			para, heading := surroundings(lines, i)
			if !strings.Contains(sentence+para+heading, "France Travail") {
				t.Errorf("%s:%d: %q speaks of Pôle emploi as if it still existed", l.file, l.n, sentence)
			}
		}
	}
}

func TestGuideReimbursementExample(t *testing.T) {
	e := guide(t).Get("reimbursement-example")
	if e == nil {
		t.Fatal("no reimbursement-example entry")
	}
	body := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(e.Body)
	for _, figure := range []string{
		"30 €", // the GP fee since 22 December 2024
		"19 €", // paid back in the parcours: 70 % of 30 € − 2 €
		"7 €",  // paid back outside it: 30 % of 30 € − 2 €
		"2 €",  // the participation forfaitaire
		"25 €", // the old fee, in the history
		"16.50",
	} {
		// The figure on its own, not the end of a larger number (17 €).
		re := regexp.MustCompile(`(?:^|[^\d.,])` + regexp.QuoteMeta(figure))
		if !re.MatchString(body) {
			t.Errorf("%s: the body does not give %q", e.Path, figure)
		}
	}
}

func TestGuideRequiredKindsInOrder(t *testing.T) {
	lib := guide(t)
	var kinds []string
	for _, e := range lib.Entries {
		if len(kinds) == 0 || kinds[len(kinds)-1] != e.Kind {
			kinds = append(kinds, e.Kind)
		}
	}
	if !slices.Equal(kinds, content.Kinds) {
		t.Errorf("entries run through kinds %v, want %v", kinds, content.Kinds)
	}
}

// Issue "figures defined once" and "checks that keep it true".

func TestGuideFiguresAllUsed(t *testing.T) {
	lib := guide(t)
	if len(lib.Figures) == 0 {
		t.Fatal("the guide has no figures table")
	}
	for _, p := range lib.Unused {
		t.Errorf("%s", p)
	}
	// A fact goes in when an official page states it or two independent
	// sources agree; a single press report must say so.
	for _, f := range lib.Figures {
		if content.OfficialSource(f.Source) || f.Reported {
			continue
		}
		hosts := map[string]bool{}
		for _, s := range append([]string{f.Source}, f.Also...) {
			if u, err := url.Parse(s); err == nil {
				hosts[strings.TrimPrefix(u.Hostname(), "www.")] = true
			}
		}
		if len(hosts) < 2 {
			t.Errorf("figure %q: source %q is not official and no independent source (also:) confirms it", f.Name, f.Source)
		}
	}
	kf := lib.Get(content.KeyFiguresID)
	if kf == nil || !strings.Contains(kf.Body, lib.Figures[0].Text()) {
		t.Errorf("the key-figures entry is missing or does not list %s", lib.Figures[0].Name)
	}
}

func TestGuideFirstSourceOfficial(t *testing.T) {
	for _, e := range guide(t).Entries {
		if len(e.Sources) > 0 && !content.OfficialSource(e.Sources[0]) {
			t.Errorf("%s: the first source %q is not an official site", e.Path, e.Sources[0])
		}
	}
}

// hollow are phrases by which an entry admits it lacks the basics.
var hollow = regexp.MustCompile(`(?i)(left out here|leaves? (them|it|this|these|the \w+) out|(this|the) (entry|guide) (does not|doesn't) (cover|give|list|include)|not covered here|beyond (the scope|this entry)|(has|have) no (later|official|current) (figure|source))`)

func TestGuideNoHollowEntries(t *testing.T) {
	for _, e := range guide(t).Entries {
		for i, line := range strings.Split(e.Body, "\n") {
			if m := hollow.FindString(line); m != "" {
				t.Errorf("%s:%d: says it lacks the basics (%q): find them and verify", e.Path, e.BodyLine+i, m)
			}
		}
	}
}
