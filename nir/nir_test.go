package nir

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// Tests run as if today were 26 November 2026, so the century rule is stable.
func TestMain(m *testing.M) {
	now = func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

// compact is the test's own normalisation: it drops the separators of nir.md
// §5 and upper-cases ASCII letters.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(" \t\u00a0\u202f.-/", r), r >= '\u2010' && r <= '\u2014':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, strings.TrimSpace(s))
}

// Valid numbers of nir.md §7.1.
var validVectors = []struct {
	in      string
	kind    string
	place   string // substring of Fields.Place
	warning string // substring of one warning, "" for none
}{
	{"2 95 10 99 126 111 93", "nir", "born abroad: Grèce (99126)", ""},
	{"253072B07300470", "nir", "Haute-Corse (2B), commune 073", ""},
	{"253072A07300443", "nir", "Corse-du-Sud (2A), commune 073", ""},
	{"186022A21532523", "nir", "Corse-du-Sud (2A)", ""},
	{"255081416802538", "nir", "Calvados (14), commune 168", ""},
	{"2 55 08 14 168 025 38", "nir", "Calvados (14), commune 168", ""},
	{"255082A16802597", "nir", "Corse-du-Sud (2A)", ""},
	{"2 84 05 88 321 025 32", "nir", "Vosges (88), commune 321", ""},
	{"2 84 05 2A 321 025 52", "nir", "Corse-du-Sud (2A)", ""},
	{"2 84 05 2B 321 025 79", "nir", "Haute-Corse (2B)", ""},
	{"2 84 20 2B 321 025 28", "nir", "Haute-Corse (2B)", "month of birth is unknown"},
	{"2 84 99 2B 321 025 31", "nir", "Haute-Corse (2B)", "month of birth is unknown"},
	{"141068078200557", "nir", "Somme (80), commune 782", ""},
	{"141062a78200555", "nir", "Corse-du-Sud (2A), commune 782", ""},
	{"141062B78200582", "nir", "Haute-Corse (2B), commune 782", ""},
	{"141208078200587", "nir", "Somme (80)", "month of birth is unknown"},
	{"341068078200554", "temporary", "Somme (80)", ""},
	{"399018619400164", "temporary", "Vienne (86), commune 194", ""},
	{"499018619400114", "temporary", "Vienne (86)", ""},
	{"799018619400158", "temporary", "Vienne (86)", ""},
	{"899018619400108", "temporary", "Vienne (86)", ""},
	{"199019911100172", "nir", "born abroad: Bulgarie (99111)", ""},
	{"199018699900170", "nir", "Vienne (86), commune 999", ""},
	{"278056933908941", "nir", "Rhône (69), commune 339", ""},
	{"178059933010817", "nir", "born abroad: Guinée (99330)", ""},
	{"269054958815780", "nir", "Maine-et-Loire (49)", "specimen"},
	{"223115935012322", "nir", "Nord (59)", ""},
	{"200029923123486", "nir", "born abroad: Indonésie (99231)", ""},
	{"254031088723464", "nir", "Aube (10), commune 887", ""},
	{"195017262676215", "nir", "Sarthe (72)", ""},
	{"155053933981739", "nir", "Jura (39)", ""},
	{"106099955391094", "nir", "born abroad: unknown country code (99553)", ""},
	{"8 84 05 88 321 025 23", "temporary", "Vosges (88)", ""}, // CNAM rejects it; its key is right
}

func TestValidVectors(t *testing.T) {
	for _, v := range validVectors {
		r := Check(v.in)
		if !r.Valid || r.Error != "" || r.Kind != v.kind {
			t.Errorf("Check(%q) = valid %v, error %q (%s), kind %q; want valid %s", v.in, r.Valid, r.Error, r.Message, r.Kind, v.kind)
			continue
		}
		if r.ExpectedKey != "" {
			t.Errorf("Check(%q): ExpectedKey %q for a 15-character number", v.in, r.ExpectedKey)
		}
		if r.Fields == nil || !strings.Contains(r.Fields.Place, v.place) {
			t.Errorf("Check(%q).Fields = %+v; want place containing %q", v.in, r.Fields, v.place)
		}
		hasWarning := slices.ContainsFunc(r.Warnings, func(w string) bool { return v.warning != "" && strings.Contains(w, v.warning) })
		if v.warning != "" && !hasWarning {
			t.Errorf("Check(%q).Warnings = %q; want one containing %q", v.in, r.Warnings, v.warning)
		}
		if v.warning == "" && len(r.Warnings) > 0 {
			t.Errorf("Check(%q).Warnings = %q; want none", v.in, r.Warnings)
		}
		if lines := r.Explain(); !strings.HasPrefix(lines[0], "Valid ") {
			t.Errorf("Check(%q).Explain()[0] = %q", v.in, lines[0])
		}
	}
}

// Bodies and keys of nir.md §7.2.
var keyVectors = []struct{ body, key string }{
	{"2 55 08 14 168 025", "38"},
	{"2 94 03 75 120 005", "91"},
	{"1 53 12 45 007 231", "60"},
	{"2 84 05 2A 321 025", "52"},
	{"2 84 05 2a 321 025", "52"},
	{"284052A321025", "52"},
	{"2840588321025", "32"},
	{"2890478342163", "49"},
	{"2890478342212", "97"}, // n mod 97 == 0 gives 97, never 00
	{"2890478342211", "01"},
	{"2890478342210", "02"},
	{"289042A342163", "90"}, // 2A→19
	{"289042B342163", "20"}, // 2B→18
}

func TestKeyVectors(t *testing.T) {
	for _, v := range keyVectors {
		got, err := Key(v.body)
		if err != nil || got != v.key {
			t.Errorf("Key(%q) = %q, %v; want %q", v.body, got, err, v.key)
		}
		r := Check(v.body)
		if !r.Valid || r.ExpectedKey != v.key {
			t.Errorf("Check(%q) = valid %v, error %q, expected key %q; want valid with key %q", v.body, r.Valid, r.Error, r.ExpectedKey, v.key)
		}
		if want := "Key: " + v.key + " (computed"; !slices.ContainsFunc(r.Explain(), func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Errorf("Check(%q).Explain() = %q; want a line %q…", v.body, r.Explain(), want)
		}
		if r := Check(v.body + v.key); !r.Valid {
			t.Errorf("Check(%q + key) not valid: %s", v.body, r.Message)
		}
	}
}

// Invalid inputs of nir.md §7.3.
var invalidVectors = []struct{ in, code, key string }{
	{"295109912611199", ErrKey, "93"},
	{"253072C07300443", ErrFormat, ""},
	{"6546546546546703", ErrLength, ""},
	{"12345678", ErrLength, ""},
	{"255081416802539", ErrKey, "38"},
	{"2 55 08 14 168 025 00", ErrKey, "38"},
	{"2 84 05 88 321 30", ErrLength, ""},
	{"2 55 08 14 168 025 12", ErrKey, "38"},
	{"2780569339089" + "23", ErrKey, "41"},
	{"123456789", ErrLength, ""},
	{"141068078200557123", ErrLength, ""},
	{"941208078200575", ErrSex, ""}, // its key is right
	{"141208078200557", ErrKey, "87"},
	{"141068078200520", ErrKey, "57"},
	{"223145935012322", ErrMonth, ""},
	{"223005935012322", ErrMonth, ""},
	{"323115935012322", ErrKey, "69"},
	{"223119635012322", ErrKey, "90"},
	{"223115935012321", ErrKey, "22"},
	{"2231159350123221", ErrLength, ""},
	{"2230", ErrLength, ""},
	{"2ab115935012322", ErrFormat, ""},
	{"223ab5935012322", ErrFormat, ""},
	{"22311xx35012322", ErrFormat, ""},
	{"2231159zzz12322", ErrFormat, ""},
	{"2231159123zzz22", ErrFormat, ""},
	{"2 84 05 88 321 025 30", ErrKey, "32"}, // CNAM's README example
	{"2 84 05 88 321 024 75", ErrKey, "33"},
}

func TestInvalidVectors(t *testing.T) {
	for _, v := range invalidVectors {
		r := Check(v.in)
		if r.Valid || r.Error != v.code || r.ExpectedKey != v.key {
			t.Errorf("Check(%q) = valid %v, error %q, expected key %q; want error %q, key %q", v.in, r.Valid, r.Error, r.ExpectedKey, v.code, v.key)
		}
		if r.Message == "" {
			t.Errorf("Check(%q): no message", v.in)
		}
		lines := r.Explain()
		if lines[0] != "Not valid: "+r.Message {
			t.Errorf("Check(%q).Explain()[0] = %q", v.in, lines[0])
		}
		if v.code == ErrKey {
			if !strings.Contains(r.Message, "expected "+v.key) || r.Fields == nil {
				t.Errorf("Check(%q): message %q, fields %v; want expected key and decoded fields", v.in, r.Message, r.Fields)
			}
		} else if r.Fields != nil {
			t.Errorf("Check(%q): fields %+v for error %q", v.in, r.Fields, r.Error)
		}
	}
}

func TestNormalisation(t *testing.T) {
	for _, in := range []string{
		"255081416802538",
		"2 55 08 14 168 025 38",
		"  2 55 08 14 168 025 38\r\n",
		"2.55.08.14.168.025.38",
		"2-55-08-14-168-025-38",
		"2/55/08/14/168/025/38",
		"2\t55\t08\t14\t168\t025\t38",
		"2\u00a055\u00a008\u00a014\u00a0168\u00a0025\u00a038", // NBSP
		"2\u202f55\u202f08\u202f14\u202f168\u202f025\u202f38", // narrow NBSP
		"2\u201355\u201408\u201014 168-025.38",                // en dash, em dash, hyphen
	} {
		if r := Check(in); !r.Valid || r.Masked != "2 •• •• •• ••• ••• 38" {
			t.Errorf("Check(%q) = valid %v (%s), masked %q", in, r.Valid, r.Message, r.Masked)
		}
	}
	for _, c := range []struct {
		in, code string
	}{
		{"255081416802538#", ErrChars},
		{"SSN: 255081416802538", ErrChars},
		{"２55081416802538", ErrChars}, // full-width digit
		{"2550814168025\xff38", ErrChars},
		{"2_55_08_14_168_025_38", ErrChars},
		{"2550814\n16802538", ErrChars},
		{"é", ErrChars},
		{"12#", ErrChars}, // chars is checked before length
		{"", ErrLength},
		{" . - ", ErrLength},
		{"25508141680253", ErrLength}, // 14
		{"2550814168025z8", ErrFormat},
		{"141061A78200555", ErrFormat}, // 1A is not a department
		{"2B34567890123", ErrFormat},   // 2B only at positions 6–7
		{"053072A07300443", ErrSex},
	} {
		if r := Check(c.in); r.Error != c.code || r.Kind != "" || r.Fields != nil {
			t.Errorf("Check(%q) = error %q, kind %q, fields %v; want error %q", c.in, r.Error, r.Kind, r.Fields, c.code)
		}
	}
	if r := Check("2 55 0 # 8"); !strings.Contains(r.Message, "Character 8 ") {
		t.Errorf("chars message %q; want the position", r.Message)
	}
}

func TestLengthMessages(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "Nothing typed yet",
		"2":                      "Only 1 character typed",
		"2 55 08":                "Too short: 5 characters typed",
		"25508141680253":         "14 characters typed",
		"2 55 08 14 168 025 384": "Too long: 16 characters typed",
	} {
		r := Check(in)
		if r.Error != ErrLength || !strings.Contains(r.Message, want) || !strings.Contains(r.Message, "13 characters, or 15 with the key") {
			t.Errorf("Check(%q).Message = %q; want %q", in, r.Message, want)
		}
	}
}

// As someone types, every prefix gets a sensible verdict and no panic.
func TestExplainPartial(t *testing.T) {
	full := "2 55 08 14 168 025 38"
	for i := range len(full) + 1 {
		r := Check(full[:i])
		lines := r.Explain()
		if len(lines) == 0 || (r.Valid != strings.HasPrefix(lines[0], "Valid")) {
			t.Errorf("prefix %q: %q", full[:i], lines)
		}
		if n := len(compact(full[:i])); n != 13 && n != 15 && r.Error != ErrLength {
			t.Errorf("prefix %q: error %q; want length", full[:i], r.Error)
		}
	}
}

func TestTemporary(t *testing.T) {
	for in, hint := range map[string]string{
		"399018619400164": "male", "499018619400114": "female",
		"799018619400158": "male", "899018619400108": "female",
	} {
		r := Check(in)
		if !r.Valid || r.Kind != "temporary" || r.Fields.Sex != "" {
			t.Fatalf("Check(%q) = %+v", in, r)
		}
		text := strings.Join(r.Explain(), "\n")
		for _, want := range []string{"Valid temporary number.", "Sex: probably " + hint, "Carte Vitale", "ameli account", "9 months", "placeholders"} {
			if !strings.Contains(text, want) {
				t.Errorf("Check(%q).Explain() lacks %q:\n%s", in, want, text)
			}
		}
	}
	// A 13-digit 7/8 number may be an old NNP.
	r := Check("7120123456789")
	if !r.Valid || r.Kind != "temporary" || !slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "NNP") }) {
		t.Errorf("13-digit 7x: %+v", r)
	}
	if r := Check("6120123456789"); r.Error != ErrSex || !strings.Contains(r.Message, "MIG") {
		t.Errorf("13-digit 6x: %+v", r)
	}
	if r := Check("1 55 08 14 168 025 35"); r.Kind != "nir" || r.Fields.Sex != "male" {
		t.Errorf("1x: %+v", r)
	}
}

func TestCorsica(t *testing.T) {
	a, _ := Key("289042A342163")
	b, _ := Key("289042B342163")
	plain, _ := Key("2890420342163")
	if a != "90" || b != "20" || a == plain {
		t.Errorf("keys 2A %s, 2B %s, 20 %s", a, b, plain)
	}
	if r := Check("289042b342163" + b); !r.Valid || !strings.HasPrefix(r.Fields.Place, "Haute-Corse (2B)") {
		t.Errorf("lower-case 2b: %+v", r)
	}
	// Swapping the letter is caught by the key.
	if r := Check("289042A342163" + b); r.Error != ErrKey || r.ExpectedKey != a {
		t.Errorf("2A with the 2B key: %+v", r)
	}
}

// withKey adds the key to a synthetic test body; such bodies are obviously
// fake (order numbers 001, 000) and are not realistic numbers of real people.
func withKey(t *testing.T, body string) string {
	t.Helper()
	k, err := Key(body)
	if err != nil {
		t.Fatalf("Key(%q): %v", body, err)
	}
	return body + k
}

func TestPlaces(t *testing.T) {
	for _, c := range []struct{ body, place, warning string }{
		{"1850399350001", "born abroad: Maroc (99350)", ""},
		{"1850399352001", "born abroad: Algérie (99352)", ""},
		{"1850399307001", "born abroad: Kenya (99307, territory of Royaume-Uni, until 1963)", "does not fit a birth in 1985"},
		{"1850399115001", "born abroad: Tchécoslovaquie (99115, until 1993)", ""},
		{"1850399158001", "born abroad: Féroé (99158, territory of Danemark)", ""},
		{"1850397105001", "Guadeloupe (971, overseas department), commune 05", ""},
		{"1850397441001", "La Réunion (974, overseas department), commune 41", ""},
		{"1850398702001", "Polynésie française (987, overseas collectivity), commune 02", ""},
		{"1850398501001", "probably Mayotte (985), commune 01", "985"},
		{"1850397901001", "unknown overseas code 979, commune 01", ""},
		{"1850300001001", "unknown department code 00, commune 001", ""},
		{"1850375111001", "Paris (75), commune 111", ""},
		{"1500320073001", "Corse (20), commune 073", "before 1976"},
		{"1500396001001", "Tunisie, before independence (96)", "Tunisia"},
		{"1550391123001", "Essonne (91), commune 123, or Algérie before independence", "both readings"},
		{"1250395123001", "Val-d'Oise (95), commune 123, or Maroc before independence", "both readings"}, // 1925 or 2025
		{"1850391123001", "Essonne (91), commune 123", ""},                                               // 1985 only
		{"1850314168000", "Calvados (14), commune 168", "Order number 000"},
	} {
		r := Check(withKey(t, c.body))
		if !r.Valid || r.Fields.Place != c.place {
			t.Errorf("%s: place %q (%s); want %q", c.body, r.Fields.Place, r.Message, c.place)
		}
		if c.warning == "" && len(r.Warnings) > 0 || c.warning != "" && (len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], c.warning)) {
			t.Errorf("%s: warnings %q; want %q", c.body, r.Warnings, c.warning)
		}
	}
	r := Check("2 95 10 99 126 111 93")
	if !slices.Contains(r.Explain(), "Place of birth: abroad, Grèce (99126) (as registered)") {
		t.Errorf("Explain: %q", r.Explain())
	}
}

func TestMonths(t *testing.T) {
	for m, want := range map[string]string{"01": "January", "05": "May", "12": "December", "20": "unknown", "30": "unknown", "42": "unknown", "50": "unknown", "99": "unknown"} {
		r := Check(withKey(t, "185"+m+"14168001"))
		if !r.Valid || r.Fields.Month != want {
			t.Errorf("month %s: %q (%s); want %q", m, r.Fields.Month, r.Message, want)
		}
		if unknown := want == "unknown"; unknown != (len(r.Warnings) == 1) {
			t.Errorf("month %s: warnings %q", m, r.Warnings)
		}
	}
	for _, m := range []string{"00", "13", "19", "43", "49"} {
		if r := Check("185" + m + "14168001"); r.Error != ErrMonth {
			t.Errorf("month %s: error %q; want month", m, r.Error)
		}
	}
	r := Check(withKey(t, "1857014168001"))
	if !slices.Contains(r.Explain(), "Born: 1985, month unknown") {
		t.Errorf("Explain: %q", r.Explain())
	}
}

func TestYearRule(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	for _, c := range []struct {
		year     int
		yy, want string
	}{
		{2026, "85", "1985"},
		{2026, "27", "1927"},
		{2026, "26", "1926 or 2026"}, // born this year is possible
		{2026, "25", "1925 or 2025"},
		{2026, "00", "1900 or 2000"},
		{2030, "27", "1927 or 2027"},
		{2010, "25", "1925"},
	} {
		now = func() time.Time { return time.Date(c.year, 1, 1, 0, 0, 0, 0, time.UTC) }
		r := Check(withKey(t, "1"+c.yy+"0514168001"))
		if r.Fields.Year != c.want {
			t.Errorf("in %d, yy %s: %q; want %q", c.year, c.yy, r.Fields.Year, c.want)
		}
	}
	now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	if r := Check(withKey(t, "1250514168001")); !slices.Contains(r.Explain(), "Born: May 1925 or 2025 (the number holds only the last two digits of the year)") {
		t.Errorf("Explain: %q", r.Explain())
	}
}

func TestKeyErrors(t *testing.T) {
	for _, in := range []string{"", "12", "255081416802538", "253072C073004", "25508141680#2", "\xff\xfe"} {
		if k, err := Key(in); err == nil || k != "" {
			t.Errorf("Key(%q) = %q, %v; want an error", in, k, err)
		} else if strings.Contains(err.Error(), compact(in)) && len(compact(in)) > 2 {
			t.Errorf("Key(%q): error %q echoes the input", in, err)
		}
	}
}

func TestMasked(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"2":                        "2",
		"2 55 08":                  "2 •• ••",
		"2550814168025":            "2 •• •• •• ••• •••",
		"255081416802538":          "2 •• •• •• ••• ••• 38",
		"2550814168025384":         "2 •• •• •• ••• ••• ••…",
		"#55081416802538":          "• •• •• •• ••• ••• 38",
		strings.Repeat("9", 10000): "9 •• •• •• ••• ••• ••…",
	} {
		if got := Check(in).Masked; got != want {
			t.Errorf("Check(%.20q).Masked = %q; want %q", in, got, want)
		}
	}
}

// The output never contains the whole number, whatever its spacing.
func TestNeverFullNumber(t *testing.T) {
	var inputs []string
	for _, v := range validVectors {
		inputs = append(inputs, v.in)
	}
	for _, v := range invalidVectors {
		inputs = append(inputs, v.in)
	}
	for _, v := range keyVectors {
		inputs = append(inputs, v.body)
	}
	for _, in := range inputs {
		r := Check(in)
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out := strings.Join(append(r.Explain(), r.Masked, string(j)), "\n")
		n := compact(in)
		for _, s := range []string{in, n, n[:min(len(n), 13)]} {
			if len(s) >= 13 && strings.Contains(compact(out), s) {
				t.Errorf("output for %q contains %q", in, s)
			}
		}
		// Only the first digit and the key may show in the masked form.
		if digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, r.Masked); len(digits) > 3 {
			t.Errorf("Masked %q shows too much", r.Masked)
		}
	}
}

func TestOddInputs(t *testing.T) {
	for _, in := range []string{
		"\xff", "\x00\x00\x00", strings.Repeat("\xff", 20), "2A", "2a2b", "\u00a0",
		strings.Repeat("1", 1<<20), strings.Repeat("#", 1<<20), strings.Repeat(" ", 1<<20),
		strings.Repeat("2 55 08 14 168 025 38 ", 1000),
	} {
		r := Check(in)
		if r.Valid || r.Error == "" || len(r.Explain()) == 0 || len(r.Masked) > 64 {
			t.Errorf("Check(%.20q) = %+v", in, r)
		}
	}
}

func TestJSONShape(t *testing.T) {
	j, _ := json.Marshal(Check("12"))
	if string(j) != `{"valid":false,"kind":"","error":"length","message":"Too short: 2 characters typed, but a social security number has 13 characters, or 15 with the key.","expected_key":"","fields":null,"masked":"1 •"}` {
		t.Errorf("JSON: %s", j)
	}
	j, _ = json.Marshal(Check("2 55 08 14 168 025 38"))
	if string(j) != `{"valid":true,"kind":"nir","error":"","expected_key":"","fields":{"sex":"female","year":"1955","month":"August","place":"Calvados (14), commune 168","order":"025"},"masked":"2 •• •• •• ••• ••• 38"}` {
		t.Errorf("JSON: %s", j)
	}
}

func TestExplainShape(t *testing.T) {
	got := Check("2 55 08 14 168 025 38").Explain()
	want := []string{
		"Valid social security number.",
		"Sex: female",
		"Born: August 1955",
		"Place of birth: Calvados (14), commune 168",
		"Order number: 025",
		"Key: 38 (matches)",
		"A valid key shows the number is well formed, not that it exists or is yours.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Explain:\n%q\nwant\n%q", got, want)
	}
	got = Check("2 55 08 14 168 025 39").Explain()
	if got[0] != "Not valid: The key (last 2 digits) does not match the rest of the number: expected 38, so a digit is probably mistyped." ||
		got[len(got)-1] != "Key: 39 typed, 38 expected" {
		t.Errorf("Explain: %q", got)
	}
	if got := (Result{}).Explain(); !slices.Equal(got, []string{"Not valid."}) {
		t.Errorf("zero Result: %q", got)
	}
}
