package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"secu/content"
)

// corpus is a small hand-made guide where each entry exists to win or lose
// one ranking rule.
func corpus() []*content.Entry {
	return []*content.Entry{
		{ID: "dental", Kind: "term", Title: "Teeth care", Body: "Care of teeth."},
		{ID: "hygiene", Kind: "term", Title: "Dental hygiene", Body: "Brushing."},
		{ID: "emergency", Kind: "guide", Title: "Emergency dental clinic", Body: "Open at night."},
		{ID: "smile", Kind: "term", Title: "Smile plan", Aliases: []string{"Dental cover"}, Body: "A plan."},
		{ID: "dent-algo", Kind: "term", Title: "Dent Algorithms", Body: "Nothing to see."},
		{ID: "orthodontist", Kind: "agency", Title: "Orthodontist", Keywords: []string{"dental braces"}, Body: "Braces."},
		{ID: "mouth", Kind: "term", Title: "Mouth", Body: "Intro.\n\nSome dental advice here.\nAnd more."},

		{ID: "cpam", Kind: "agency", Title: "CPAM", French: "Caisse primaire d'assurance maladie",
			Aliases: []string{"Assurance Maladie", "CNAM"}, Keywords: []string{"health insurance office"},
			Body: "Your local health insurance office.\n\nIt pays the [Carte Vitale](carte-vitale.md) claims."},
		{ID: "carte-vitale", Kind: "term", Title: "Carte Vitale", French: "Carte Vitale",
			Keywords: []string{"health card"}, Body: "Your health insurance card.\n\nIf it is lost, order a new one."},
		{ID: "lost-things", Kind: "guide", Title: "Lost things", Body: "What to do with a lost card or lost papers."},
		{ID: "lost-card", Kind: "term", Title: "Stolen wallet", Keywords: []string{"lost card"}, Body: "Call the bank."},
		{ID: "card-office", Kind: "agency", Title: "Card office", Body: "If something is lost, ask here."},
		{ID: "medecin-traitant", Kind: "term", Title: "Médecin traitant", French: "Médecin traitant",
			Keywords: []string{"family doctor"}, Body: "The doctor you declare."},
		{ID: "securite-sociale", Kind: "guide", Title: "Sécurité sociale", Aliases: []string{"Sécu"},
			Body: "The French social security system."},
		{ID: "family", Kind: "term", Title: "Family allowance", French: "Allocations familiales",
			Body: "Money for children."},
		{ID: "urssaf", Kind: "agency", Title: "URSSAF", Body: "Collects contributions."},
		{ID: "pharmacy", Kind: "term", Title: "Pharmacy", French: "Pharmacie", Body: "Where medicines are sold."},
		{ID: "agencies", Kind: "guide", Title: "Which agencies", Body: "Who does what."},
		{ID: "coeur", Kind: "term", Title: "Cœur de ville", Body: "The town centre."},
	}
}

func ids(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Entry.ID)
	}
	return out
}

func TestRankingTiers(t *testing.T) {
	ix := New(corpus())
	got := ids(ix.Search("dental", "", 0))
	want := []string{
		"dental",       // exact id
		"hygiene",      // title prefix
		"emergency",    // every word in the title
		"smile",        // alias
		"dent-algo",    // fuzzy: "dent" + "al"
		"orthodontist", // keyword
		"mouth",        // body
	}
	if !slices.Equal(got, want) {
		t.Errorf("Search(dental) = %v, want %v", got, want)
	}
	fields := map[string]string{}
	for _, r := range ix.Search("dental", "", 0) {
		fields[r.Entry.ID] = r.Field
	}
	wantFields := map[string]string{
		"dental": "id", "hygiene": "title", "emergency": "title", "smile": "alias",
		"dent-algo": "title", "orthodontist": "keyword", "mouth": "body",
	}
	for id, f := range wantFields {
		if fields[id] != f {
			t.Errorf("Search(dental): %s matched in %q, want %q", id, fields[id], f)
		}
	}
}

func TestRankingRules(t *testing.T) {
	ix := New(corpus())
	tests := []struct {
		name, query string
		want        []string // these ids first, in this order
	}{
		{"acronym alias is exact", "cnam", []string{"cpam"}},
		{"one field beats across fields", "lost card", []string{"lost-card", "lost-things"}},
		{"stop words ignored", "how do I get a carte vitale", []string{"carte-vitale"}},
		{"French stop words ignored", "la carte de la vitale", []string{"carte-vitale"}},
		{"plural", "allowances", []string{"family"}},
		{"plural the other way", "agency", []string{"agencies"}},
		{"typo: extra letter", "urssaff", []string{"urssaf"}},
		{"typo: doubled letter", "vitalle", []string{"carte-vitale"}},
		{"typo: missing letter", "pharmcy", []string{"pharmacy"}},
		{"typo: swapped letters", "phramacy", []string{"pharmacy"}},
		{"last word is a prefix", "carte vit", []string{"carte-vitale"}},
		{"accents", "medecin", []string{"medecin-traitant"}},
		{"accents in query", "Sécurité", []string{"securite-sociale"}},
		{"French name", "allocations familiales", []string{"family"}},
		{"ligature", "coeur", []string{"coeur"}},
		{"initials", "cv", []string{"carte-vitale"}},
	}
	for _, tt := range tests {
		got := ids(ix.Search(tt.query, "", 0))
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("%s: Search(%q) = %v, want %v first", tt.name, tt.query, got, tt.want)
		}
	}
}

func TestAcrossFieldsRankBelowOneField(t *testing.T) {
	ix := New(corpus())
	got := ids(ix.Search("lost card", "", 0))
	// lost-things has both words in its body; card-office has "card" in its
	// title but "lost" only in its body.
	if i, j := slices.Index(got, "lost-things"), slices.Index(got, "card-office"); i < 0 || j < 0 || i > j {
		t.Errorf("Search(lost card) = %v: want lost-things before card-office", got)
	}
}

func TestEveryWordMustMatch(t *testing.T) {
	ix := New(corpus())
	for _, r := range ix.Search("carte vitale", "", 0) {
		if r.Entry.ID == "card-office" || r.Entry.ID == "cpam" && r.Field != "body" {
			t.Errorf("Search(carte vitale) returned %s (%s)", r.Entry.ID, r.Field)
		}
	}
	// When no entry has every word, the ones with the most still show.
	if got := ids(ix.Search("carte vitale zzzz", "", 0)); len(got) == 0 || got[0] != "carte-vitale" {
		t.Errorf("Search(carte vitale zzzz) = %v, want carte-vitale first", got)
	}
	if got := ix.Search("zzzz", "", 0); len(got) != 0 {
		t.Errorf("Search(zzzz) = %v, want nothing", ids(got))
	}
}

func TestFoldedQueriesAreTheSame(t *testing.T) {
	ix := New(corpus())
	want := ids(ix.Search("securite sociale", "", 0))
	if len(want) == 0 || want[0] != "securite-sociale" {
		t.Fatalf("Search(securite sociale) = %v", want)
	}
	for _, q := range []string{"sécurité-sociale", "SÉCURITÉ SOCIALE", "Sécurité sociale", "securite’sociale"} {
		if got := ids(ix.Search(q, "", 0)); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestEmptyQueryKindLimit(t *testing.T) {
	entries := corpus()
	ix := New(entries)
	for _, q := range []string{"", "   ", "?!", "’-’"} {
		got := ix.Search(q, "", 0)
		if len(got) != len(entries) {
			t.Fatalf("Search(%q) returned %d entries, want all %d", q, len(got), len(entries))
		}
		for i, r := range got {
			if r.Entry != entries[i] || r.Score != 0 || r.Field != "" {
				t.Errorf("Search(%q)[%d] = %s %d %q, want %s in order, score 0", q, i, r.Entry.ID, r.Score, r.Field, entries[i].ID)
			}
		}
	}
	for _, r := range ix.Search("", "agency", 0) {
		if r.Entry.Kind != "agency" {
			t.Errorf("kind agency returned %s (%s)", r.Entry.ID, r.Entry.Kind)
		}
	}
	for _, r := range ix.Search("dental", "term", 0) {
		if r.Entry.Kind != "term" {
			t.Errorf("kind term returned %s (%s)", r.Entry.ID, r.Entry.Kind)
		}
	}
	if got := ix.Search("dental", "", 2); len(got) != 2 || got[0].Entry.ID != "dental" {
		t.Errorf("limit 2 = %v", ids(got))
	}
	if got := ix.Search("", "", 3); len(got) != 3 {
		t.Errorf("empty query, limit 3: %d results", len(got))
	}
	if got := ix.Search("the", "", 0); len(got) == 0 {
		t.Errorf("a query of stop words only should still search them")
	}
}

func TestSnippet(t *testing.T) {
	ix := New(corpus())
	r := ix.Search("advice", "", 1)
	if len(r) != 1 || r[0].Field != "body" || r[0].Snippet != "Some dental advice here." {
		t.Errorf("Search(advice) = %+v, want the body line as snippet", r)
	}
	// Link targets and URLs are not searchable.
	for _, q := range []string{"md", "https"} {
		for _, r := range ix.Search(q, "", 0) {
			if r.Entry.ID == "cpam" && r.Field == "body" {
				t.Errorf("Search(%q) matched the link target in cpam's body", q)
			}
		}
	}
	// Non-body matches have no snippet.
	if r := ix.Search("cpam", "", 1); r[0].Snippet != "" {
		t.Errorf("id match has snippet %q", r[0].Snippet)
	}

	long := strings.Repeat("padding words here ", 30) + "the needle is here " + strings.Repeat("and more words ", 30)
	ix = New([]*content.Entry{{ID: "long", Kind: "term", Title: "Long", Body: long}})
	r = ix.Search("needle", "", 1)
	if len(r) != 1 {
		t.Fatal("needle not found")
	}
	if n := utf8.RuneCountInString(r[0].Snippet); n > maxSnippet || !strings.Contains(r[0].Snippet, "needle") {
		t.Errorf("long snippet (%d runes) = %q", n, r[0].Snippet)
	}
}

// highlighted returns the runes of s at pos.
func highlighted(s string, pos []int) string {
	rs := []rune(s)
	var b strings.Builder
	for _, p := range pos {
		b.WriteRune(rs[p])
	}
	return b.String()
}

func TestHighlights(t *testing.T) {
	ix := New(corpus())
	tests := []struct {
		query, id, title, french string
	}{
		{"securite", "securite-sociale", "Sécurité", ""},
		{"sécurité sociale", "securite-sociale", "Sécuritésociale", ""},
		{"medecin", "medecin-traitant", "Médecin", "Médecin"},
		{"traitant medecin", "medecin-traitant", "Médecintraitant", "Médecintraitant"},
		{"carte vit", "carte-vitale", "CarteVit", "CarteVit"},
		{"vitalle", "carte-vitale", "Vitale", "Vitale"},
		{"coeur", "coeur", "Cœur", ""},
		{"familiales", "family", "", "familiales"},
		{"cv", "carte-vitale", "CV", "CV"},
		{"dental", "dent-algo", "DentAl", ""},
	}
	for _, tt := range tests {
		var r *Result
		for _, x := range ix.Search(tt.query, "", 0) {
			if x.Entry.ID == tt.id {
				r = &x
				break
			}
		}
		if r == nil {
			t.Errorf("Search(%q): %s not found", tt.query, tt.id)
			continue
		}
		if got := highlighted(r.Entry.Title, r.TitlePos); got != tt.title {
			t.Errorf("Search(%q): title %q highlights %q (%v), want %q", tt.query, r.Entry.Title, got, r.TitlePos, tt.title)
		}
		if got := highlighted(r.Entry.French, r.FrenchPos); got != tt.french {
			t.Errorf("Search(%q): French %q highlights %q (%v), want %q", tt.query, r.Entry.French, got, r.FrenchPos, tt.french)
		}
	}
}

func TestRunMatcher(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"cv", "carte vitale", true},
		{"cartevit", "carte vitale", true},
		{"dental", "dent algorithms", true},
		{"rent", "reimbursement example", false},
		{"ae", "carte", false},
		{"secu", "social security", true},
	}
	for _, tt := range tests {
		if got := newRunMatcher(tt.p).match(tt.s); got != tt.want {
			t.Errorf("runs(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.want)
		}
	}
}

func TestConcurrentSearch(t *testing.T) {
	ix := New(corpus())
	want := ids(ix.Search("carte vit", "", 0))
	done := make(chan bool)
	for g := range 4 {
		go func() {
			defer func() { done <- true }()
			for i := range 200 {
				q := []string{"carte vit", "dental", "lost card", "cv"}[(g+i)%4]
				got := ids(ix.Search(q, "", 0))
				if q == "carte vit" && !slices.Equal(got, want) {
					t.Errorf("concurrent Search(%q) = %v, want %v", q, got, want)
					return
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}

// A finished word ("rent", a keyword somewhere) is not answered first by a
// name where it only starts a word ("Rentrée"), while an unfinished one
// ("rentr") still is.
func TestFinishedWordBeatsPrefix(t *testing.T) {
	es := []*content.Entry{
		{ID: "ars", Kind: "term", Title: "Allocation de rentrée scolaire", Aliases: []string{"rentrée scolaire"}},
		{ID: "housing", Kind: "term", Title: "Aide au logement", Keywords: []string{"help with rent"}},
	}
	ix := New(es)
	if got := ix.Search("rent", "", 0); len(got) != 2 || got[0].Entry.ID != "housing" {
		t.Fatalf("Search(rent) = %v, want housing first", ids(got))
	}
	if got := ix.Search("rentr", "", 0); len(got) == 0 || got[0].Entry.ID != "ars" {
		t.Fatalf("Search(rentr) = %v, want ars first", ids(got))
	}
}

// questions is a small guide with a synonym table, for the rules that
// answer questions rather than names.
func questions() *Index {
	es := []*content.Entry{
		{ID: "sick-leave", Kind: "guide", Title: "Sick leave", French: "Arrêt de travail",
			Keywords: []string{"off sick", "sick pay"}, Body: "Send the form to your employer within 48 hours.\n\n## Registering it\nYour doctor declares it online."},
		{ID: "unemployment", Kind: "term", Title: "Unemployment insurance", French: "Assurance chômage",
			Keywords: []string{"lost my job"}, Body: "Register with France Travail when your contract ends."},
		{ID: "carsat", Kind: "agency", Title: "CARSAT", Body: "Pensions and workplace health."},
		{ID: "vaccines", Kind: "term", Title: "Vaccinations", Body: "Eleven vaccinations are compulsory for children."},
		{ID: "refund", Kind: "guide", Title: "Getting money back", Body: "The remboursement reaches your bank in a week."},
		{ID: "doctor", Kind: "guide", Title: "See a doctor", Body: "Book a consultation; pay the doctor; send the claim."},
	}
	syns := []content.Synonym{
		{Words: []string{"doctor's note", "sick note"}, Means: []string{"sick leave"}},
		{Words: []string{"fired", "laid off"}, Means: []string{"lost my job", "unemployment"}},
		{Words: []string{"reimbursement", "remboursement"}},
		{Words: []string{"employeur", "employer"}},
	}
	return newIndex(es, syns)
}

func TestQuestions(t *testing.T) {
	ix := questions()
	tests := []struct {
		name, query, want string
	}{
		{"stemming: registering", "registering", "sick-leave"},
		{"stemming: vaccinate", "vaccinate children", "vaccines"},
		{"stemming: French", "rembourser", "refund"},
		{"synonym phrase", "doctor's note", "sick-leave"},
		{"synonym phrase among other words", "where do i send my sick note", "sick-leave"},
		{"synonym word", "i was fired", "unemployment"},
		{"English for French", "reimbursement", "refund"},
		{"French for English", "arrêt de travail employeur", "sick-leave"},
		{"extra words", "how many vaccinations are compulsory for my children in france", "vaccines"},
		{"short word keeps its name", "car", "carsat"},
	}
	for _, tt := range tests {
		got := ix.Search(tt.query, "", 3)
		if len(got) == 0 || got[0].Entry.ID != tt.want {
			t.Errorf("%s: Search(%q) = %v, want %s first", tt.name, tt.query, ids(got), tt.want)
		}
	}
}

func TestHonestResults(t *testing.T) {
	ix := questions()
	// Nothing answers these: nothing, rather than noise.
	for _, q := range []string{"buy a car", "learn french", "zzz send qqq www"} {
		if got := ix.Search(q, "", 0); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want nothing", q, ids(got))
		}
	}
	// Every word somewhere: a full match.
	got := ix.Search("sick leave employer", "", 0)
	if len(got) == 0 || got[0].Partial() || NoExactMatch(got) {
		t.Errorf("Search(sick leave employer) = %v: want a full match", ids(got))
	}
	// Most of the words: the closest entries, marked partial.
	got = ix.Search("sick leave employer xylophone", "", 0)
	if len(got) == 0 || got[0].Entry.ID != "sick-leave" || !got[0].Partial() || !NoExactMatch(got) {
		t.Errorf("Search(sick leave employer xylophone) = %v: want sick-leave, partial", ids(got))
	}
	// An entry the query names is listed whatever the other words.
	got = ix.Search("vaccinations zzz qqq www", "", 0)
	if len(got) == 0 || got[0].Entry.ID != "vaccines" || !got[0].Partial() {
		t.Errorf("Search(vaccinations zzz qqq www) = %v: want vaccines, partial", ids(got))
	}
	all := ix.SearchAll("sick leave employer xylophone", "")
	if !NoExactMatch(all) {
		t.Errorf("SearchAll: partial results not marked")
	}
	if NoExactMatch(nil) {
		t.Errorf("NoExactMatch(nil) = true")
	}
}
