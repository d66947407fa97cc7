package content_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"secu/content"
)

const figTable = `- name: gp
  label: GP consultation
  value: 30
  unit: EUR
  since: 2024-12-22
  source: https://www.ameli.fr/a
- name: rate
  label: Rate
  value: 70
  unit: percent
  since: 2009-01
  source: https://www.ameli.fr/b
`

// figFS is a folder whose cpam entry uses both figures of figTable.
func figFS(table, body string) fstest.MapFS {
	fs := baseFS()
	fs["figures.yaml"] = &fstest.MapFile{Data: []byte(table)}
	fs["agencies/cpam.md"] = &fstest.MapFile{Data: []byte("---\nid: cpam\nkind: agency\ntitle: CPAM\nverified: 2026-12\n---\n" + body + "\n")}
	return fs
}

func TestFigureText(t *testing.T) {
	cases := []struct {
		value float64
		unit  string
		want  string
	}{
		{30, "EUR", "30 €"},
		{19.61, "EUR", "19.61 €"},
		{26.5, "EUR", "26.50 €"},
		{10339, "EUR", "10,339 €"},
		{1234567.5, "EUR", "1,234,567.50 €"},
		{0.61, "EUR", "0.61 €"},
		{70, "percent", "70 %"},
		{6.5, "percent", "6.5 %"},
		{1, "days", "1 day"},
		{3, "days", "3 days"},
		{48, "hours", "48 hours"},
		{16, "weeks", "16 weeks"},
		{1, "years", "1 year"},
		{11, "count", "11"},
		{47100, "count", "47,100"},
	}
	for _, c := range cases {
		if got := (content.Figure{Value: c.value, Unit: c.unit}).Text(); got != c.want {
			t.Errorf("%v %s: got %q, want %q", c.value, c.unit, got, c.want)
		}
	}
	if got := (content.Figure{Since: "2026-03-01"}).SinceText(); got != "1 March 2026" {
		t.Errorf("SinceText: got %q", got)
	}
	if got := (content.Figure{Since: "2009-01"}).SinceText(); got != "January 2009" {
		t.Errorf("SinceText of a month: got %q", got)
	}
}

func TestFiguresSubstituted(t *testing.T) {
	lib, probs := load(t, figFS(figTable, "A visit costs {{fig:gp}} since {{since:gp}}; {{ fig:rate }} is paid back."))
	if probs != nil {
		t.Fatalf("unexpected problems:\n%v", probs)
	}
	body := lib.Get("cpam").Body
	if want := "A visit costs 30 € since 22 December 2024; 70 % is paid back."; !strings.Contains(body, want) {
		t.Errorf("body %q does not contain %q", body, want)
	}
	f, ok := lib.Figure("gp")
	if !ok || f.Value != 30 || f.Since != "2024-12-22" || len(f.UsedBy) != 1 || f.UsedBy[0] != "cpam" {
		t.Errorf("Figure(gp) = %+v, %v", f, ok)
	}
	if len(lib.Unused) != 0 {
		t.Errorf("unused: %v", lib.Unused)
	}
	kf := lib.Get(content.KeyFiguresID)
	if kf == nil {
		t.Fatal("no key-figures entry generated")
	}
	for _, want := range []string{"## Amounts", "**GP consultation**: 30 € since 22 December 2024.", "[CPAM](cpam.md)", "`https://www.ameli.fr/a`", "## Rates", "**Rate**: 70 % since January 2009."} {
		if !strings.Contains(kf.Body, want) {
			t.Errorf("key figures body lacks %q:\n%s", want, kf.Body)
		}
	}
	if kf.Verified != "2026-12" || kf.Sources[0] != "https://www.ameli.fr/a" || len(kf.Sources) != 2 {
		t.Errorf("key figures: verified %q, sources %v", kf.Verified, kf.Sources)
	}
}

func TestFiguresProblems(t *testing.T) {
	cases := []struct {
		name, table, body string
		want              []string
	}{
		{"unknown figure", figTable, "{{fig:gp}} {{fig:rate}} and {{fig:nope}}", []string{"agencies/cpam.md:7: unknown figure \"nope\""}},
		{"unknown since", figTable, "{{fig:gp}} {{fig:rate}}\n\n{{since:gone}}", []string{"agencies/cpam.md:9: unknown figure \"gone\""}},
		{"malformed reference", figTable, "{{fig:gp}} {{fig:rate}} {{fig gp}}", []string{"agencies/cpam.md:7: malformed figure reference"}},
		{"bad value", strings.Replace(figTable, "value: 30", "value: thirty", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:3: value must be a number"}},
		{"bad unit", strings.Replace(figTable, "unit: EUR", "unit: euros", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:4: unknown unit \"euros\""}},
		{"bad date", strings.Replace(figTable, "2024-12-22", "22/12/2024", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:5: since must be a date"}},
		{"impossible date", strings.Replace(figTable, "2024-12-22", "2024-02-31", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:5: since must be a date"}},
		{"bad source", strings.Replace(figTable, "https://www.ameli.fr/a", "ameli", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:6: source must be a web address"}},
		{"missing field", strings.Replace(figTable, "  label: Rate\n", "", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:7: figure \"rate\": missing field \"label\""}},
		{"unknown field", strings.Replace(figTable, "  label: Rate\n", "  label: Rate\n  colour: red\n", 1), "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:9: unknown field \"colour\""}},
		{"duplicate", figTable + "- name: gp\n  label: x\n  value: 1\n  unit: EUR\n  since: 2020-01-01\n  source: https://a.fr\n", "{{fig:gp}} {{fig:rate}}", []string{"figures.yaml:13: figure \"gp\" defined twice (first on line 1)"}},
		{"not a list", "gp: 30\n", "text", []string{"figures.yaml:1: the figures table must be a list"}},
		{"malformed yaml", "- name: [\n", "text", []string{"figures.yaml:"}},
		{"bad name", strings.Replace(figTable, "name: gp", "name: GP fee", 1), "{{fig:rate}}", []string{"figures.yaml:1: bad figure name \"GP fee\""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, probs := load(t, figFS(c.table, c.body))
			got := probs.Error()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems:\n%s\nwant one starting %q", got, w)
				}
			}
		})
	}
}

func TestFiguresUnusedIsReportedNotFatal(t *testing.T) {
	lib, probs := load(t, figFS(figTable, "Only {{fig:gp}} here."))
	if probs != nil {
		t.Fatalf("an unused figure must not stop browsing: %v", probs)
	}
	if len(lib.Unused) != 1 || lib.Unused[0].String() != `figures.yaml:7: figure "rate" is used by no entry` {
		t.Errorf("Unused = %v", lib.Unused)
	}
}

func TestFolderWithoutFiguresHasNoKeyFigures(t *testing.T) {
	lib, probs := load(t, baseFS())
	if probs != nil || lib.Get(content.KeyFiguresID) != nil || len(lib.Figures) != 0 {
		t.Errorf("a folder without figures.yaml: probs %v, key-figures %v", probs, lib.Get(content.KeyFiguresID))
	}
}

func TestOfficialSource(t *testing.T) {
	cases := map[string]bool{
		"https://www.ameli.fr/assure/x":                true,
		"https://etudiant-etranger.ameli.fr/":          true,
		"https://www.service-public.fr/particuliers/x": true,
		"https://www.legifrance.gouv.fr/x":             true,
		"https://www.impots.gouv.fr/x":                 true,
		"https://www.gov.uk/x":                         true,
		"https://www.ssa.gov/international":            true,
		"https://fr.wikipedia.org/wiki/CPAM":           false,
		"https://www.ameli.fr.example.com/":            false,
		"https://notameli.fr/":                         false,
		"https://www.lecomparateurassurance.com/x":     false,
		"not a url": false,
	}
	for u, want := range cases {
		if got := content.OfficialSource(u); got != want {
			t.Errorf("OfficialSource(%q) = %v, want %v", u, got, want)
		}
	}
}

// The browser's first frame waits for Open only: the figures table is
// read by Finish, which fills in the key figures entry Open listed.
func TestKeyFiguresFilledByFinish(t *testing.T) {
	cases := []struct {
		name, table string
		wantBody    string // in the key figures body after Finish
		wantProb    string // the problem Finish reports, if any
		wantFigs    int
	}{
		{"table", figTable, "**GP consultation**: 30 € since 22 December 2024", "", 2},
		{"comments only", "# nothing yet\n", "lists no figure yet", "", 0},
		{"broken", "- name: [\n", "has problems", "figures.yaml:", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib, err := content.Open(figFS(c.table, "{{fig:gp}} {{fig:rate}}"))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			kf := lib.Get(content.KeyFiguresID)
			if kf == nil || kf.Body != "" || lib.Figures != nil {
				t.Fatalf("after Open: key figures %v, figures %v; want an entry without body, no figures", kf, lib.Figures)
			}
			probs := lib.Finish()
			switch {
			case c.wantProb == "" && len(probs) > 0 && !strings.Contains(probs.Error(), "unknown figure"):
				t.Errorf("Finish: %v", probs)
			case c.wantProb != "" && !strings.Contains(probs.Error(), c.wantProb):
				t.Errorf("Finish: %v, want %q", probs, c.wantProb)
			}
			if !strings.Contains(kf.Body, c.wantBody) {
				t.Errorf("key figures body:\n%s\nwant %q", kf.Body, c.wantBody)
			}
			if len(lib.Figures) != c.wantFigs {
				t.Errorf("%d figures, want %d", len(lib.Figures), c.wantFigs)
			}
			if c.wantFigs > 0 && (len(kf.Sources) == 0 || kf.Verified != "2026-12") {
				t.Errorf("key figures sources %v, verified %q", kf.Sources, kf.Verified)
			}
		})
	}
}

func BenchmarkOpenEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := content.Open(content.EmbeddedFS()); err != nil {
			b.Fatal(err)
		}
	}
}
