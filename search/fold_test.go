package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"CPAM", "cpam"},
		{"Sécurité sociale", "securite sociale"},
		{"SÉCURITÉ SOCIALE", "securite sociale"},
		{"sécurité-sociale", "securite sociale"},
		{"Médecin traitant", "medecin traitant"},
		{"Pôle emploi", "pole emploi"},
		{"chômage", "chomage"},
		{"Œuvre cœur", "oeuvre coeur"},
		{"ex æquo", "ex aequo"},
		{"Straße", "strasse"},
		{"d'assurance", "d assurance"},
		{"d’assurance", "d assurance"},
		{"l‘État", "l etat"},
		{"AT/MP", "at/mp"},
		{"e‑carte – Vitale", "e carte   vitale"},
		{"ﬁchier", "fichier"}, // compatibility ligature (NFKD)
		{"Ça", "ca"},
		{"naïve façade", "naive facade"},
		{"e\u0301cole", "ecole"}, // accent as a separate combining mark
		{"30\u00a0€", "30 €"},
	}
	for _, tt := range tests {
		got, runeOf := Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(runeOf) != len(got) {
			t.Errorf("Fold(%q): %d positions for %d bytes", tt.in, len(runeOf), len(got))
		}
		n := utf8.RuneCountInString(tt.in)
		for i, r := range runeOf {
			if r < 0 || r >= n || i > 0 && r < runeOf[i-1] {
				t.Errorf("Fold(%q): runeOf = %v, not increasing runes of %d", tt.in, runeOf, n)
				break
			}
		}
		if foldString(tt.in) != got {
			t.Errorf("foldString(%q) = %q, Fold gives %q", tt.in, foldString(tt.in), got)
		}
	}
}

func TestFoldRuneOf(t *testing.T) {
	tests := []struct {
		in   string
		want []int
	}{
		{"Ab", []int{0, 1}},
		{"Sé", []int{0, 1}},
		{"cœur", []int{0, 1, 1, 2, 3}}, // œ → "oe": both bytes map to rune 1
		{"ßa", []int{0, 0, 1}},
		{"é’a", []int{0, 1, 2}},
		{"e\u0301c", []int{0, 2}}, // the mark (rune 1) leaves no byte
	}
	for _, tt := range tests {
		_, got := Fold(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Fold(%q) runeOf = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSameStem(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"allowances", "allowance", true},
		{"agencies", "agency", true},
		{"registering", "register", true},
		{"declared", "declare", true},
		{"vaccinations", "vaccination", true},
		{"paying", "pay", true},
		{"remboursement", "rembourser", true},
		{"soins", "soin", true},
		{"familiales", "familiale", true},
		{"babies", "baby", true},
		{"car", "carte", false},
		{"us", "use", false},
		{"s1106", "s1106", true},
		{"pension", "pensions", true},
		{"remboursees", "remboursement", true},
		{"declaree", "declarer", true},
	}
	for _, tt := range tests {
		if got := sameStem(tt.a, tt.b); got != tt.want {
			t.Errorf("sameStem(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"urssaff", "urssaf", true},   // insertion
		{"vitalle", "vitale", true},   // insertion
		{"pharmcy", "pharmacy", true}, // deletion
		{"medicin", "medecin", true},  // substitution
		{"vitlae", "vitale", true},    // swap
		{"ursaff", "urssaf", false},   // two edits
		{"same", "same", false},
		{"abc", "abcde", false},
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := oneEdit(tt.b, tt.a); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"Carte Vitale", []string{"carte", "vitale"}},
		{"how do I get a social security number", []string{"social", "security", "number"}},
		{"numéro de sécurité sociale", []string{"numero", "securite", "sociale"}},
		{"the", []string{"the"}}, // nothing else: stop words stay
		{"Pôle-emploi pole", []string{"pole", "emploi"}},
		{"l'assurance maladie", []string{"assurance", "maladie"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	tests := map[string]string{
		"plain text":                                        "plain text",
		"see [Carte Vitale](carte-vitale.md).":              "see [Carte Vitale] .",
		"go to https://www.ameli.fr/assure now":             "go to   now",
		"or www.caf.fr.":                                    "or  ",
		"[ameli](https://www.ameli.fr) and [CPAM](cpam.md)": "[ameli]  and [CPAM] ",
	}
	for in, want := range tests {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}
