package content

import (
	"strings"
	"testing"
	"time"
)

// hostileBodies are small bodies that froze or killed the renderer before
// the limits (issue 15), with the limit each must hit.
var hostileBodies = []struct {
	name, body, want string
}{
	{"deep emphasis", strings.Repeat("*", 80000) + "a" + strings.Repeat("*", 80000), "emphasis or links nested"},
	{"spaced emphasis", strings.Repeat("*a ", 200) + "b" + strings.Repeat(" a*", 200), "emphasis or links nested"},
	{"emphasis over lines", strings.Repeat("_a\n", 50) + "b", "emphasis or links nested"},
	{"nested links", strings.Repeat("[", 100) + "a" + strings.Repeat("](x)", 100), "emphasis or links nested"},
	{"quotes", strings.Repeat(">", 1000) + " a", "block quotes and lists nested"},
	{"spaced quotes", strings.Repeat("> ", 1000) + "a", "block quotes and lists nested"},
	{"quotes over lines", func() string {
		var b strings.Builder
		for i := 1; i <= 20; i++ {
			b.WriteString(strings.Repeat(">", i) + " a\n")
		}
		return b.String()
	}(), "block quotes and lists nested"},
	{"list markers on one line", strings.Repeat("- ", 1000) + "a", "block quotes and lists nested"},
	{"numbered markers", strings.Repeat("1. ", 1000) + "a", "block quotes and lists nested"},
	{"indented lists", func() string {
		var b strings.Builder
		for i := range 1000 {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}(), "block quotes and lists nested"},
	{"headings", strings.Repeat("# a\n", 10000), "more than 100 headings"},
	{"setext headings", strings.Repeat("a\n=\n\n", 200), "more than 100 headings"},
	{"links", strings.Repeat("[](", 40000), "more than"},
	{"autolinks", strings.Repeat("https://a.b ", 600), "more than 500 links"},
	{"size", strings.Repeat("word ", 14000), "body too long"},
	{"list items", strings.Repeat("- a\n", 501), "more than 500 lines of text"},
	{"definitions", strings.Repeat("a\n: b\n\n", 300), "more than 500 lines of text"},
	{"thematic breaks", strings.Repeat("***\n", 600), "more than 500"},
}

func TestScanLimitsRefusesHostileBodies(t *testing.T) {
	for _, tc := range hostileBodies {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			ps := scanLimits(tc.body)
			found := false
			for _, p := range ps {
				found = found || strings.Contains(p.msg, tc.want)
			}
			if !found {
				t.Fatalf("scanLimits = %v, want %q", ps, tc.want)
			}
			if d := time.Since(start); d > hang {
				t.Errorf("took %v", d)
			}
			if _, msg, ok := CheckBody(tc.body); ok || msg == "" {
				t.Errorf("CheckBody accepted it")
			}
		})
	}
}

// The tree check catches what the linear scan under-counts, such as list
// items nested through lazy continuation lines.
func TestCheckBodyMeasuresTheTree(t *testing.T) {
	var lazy strings.Builder
	for i := range 12 {
		lazy.WriteString(strings.Repeat("  ", i) + "- a\nb\n")
	}
	line, msg, ok := CheckBody(lazy.String())
	if ok || !strings.Contains(msg, "nested") {
		t.Fatalf("CheckBody = %d %q %v, want a nesting problem", line, msg, ok)
	}
	if line < 2 || line > 24 {
		t.Errorf("line %d, want a line of the body", line)
	}
}

// A paragraph of many lines is one block to the tree check, but the scan
// counts lines: the tree check measures blocks as Glamour sees them.
func TestCheckBodyBlocks(t *testing.T) {
	ok := strings.Repeat("line\n", 400) + "\n" + strings.Repeat("- item\n", 99)
	if _, msg, pass := CheckBody(ok); !pass {
		t.Errorf("refused %d lines in 100 blocks: %s", 499, msg)
	}
	var rows strings.Builder
	rows.WriteString("|a|b|\n|-|-|\n")
	for range 499 {
		rows.WriteString("|x|y|\n")
	}
	if _, msg, pass := CheckBody(rows.String()); pass || !strings.Contains(msg, "blocks") {
		t.Errorf("a table of 501 rows: %q", msg)
	}
}

func TestCheckBodyAcceptsTheGuide(t *testing.T) {
	lib, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if ps := CheckRendering(lib); len(ps) > 0 {
		t.Fatalf("the built-in guide goes over a limit:\n%v", ps)
	}
}

func TestCheckBodyLine(t *testing.T) {
	body := "Intro.\n\n" + strings.Repeat("> ", 9) + "deep\n"
	line, msg, ok := CheckBody(body)
	if ok || line != 3 || !strings.Contains(msg, "the limit is 8") {
		t.Fatalf("CheckBody = %d %q %v, want line 3 and the limit", line, msg, ok)
	}
}

func TestEncodeURLs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[a](https://x.de/Ü)", "[a](https://x.de/%C3%9C)"},
		{"see https://x.jp/本 now", "see https://x.jp/%E6%9C%AC now"},
		{"<https://x.y/✔>", "<https://x.y/%E2%9C%94>"},
		{"www.x.y/✔ and Ü", "www.x.y/%E2%9C%94 and Ü"},
		{"[r]: https://x.y/Ü", "[r]: https://x.y/%C3%9C"},
		{"Ü [Ü](cpam.md) ✔", "Ü [Ü](cpam.md) ✔"},
		{"`https://x.y/✔` and\n\n```\nhttps://x.y/✔\n```", "`https://x.y/✔` and\n\n```\nhttps://x.y/✔\n```"},
	}
	for _, tt := range tests {
		if got := EncodeURLs(tt.in); got != tt.want {
			t.Errorf("EncodeURLs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLinksInCodeStayLiteral(t *testing.T) {
	body := "See [a](a.md).\n\n```\n[b](b.md)\n```\n\nInline `[c](c.md)` and [d](d.md).\n\n    [e](e.md)\n\n- item\n\n    [f](f.md)\n"
	lines, ids := bodyLinks(body)
	want := []string{"a", "d", "f"}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Fatalf("bodyLinks = %v at %v, want %v", ids, lines, want)
	}
	if lines[1] != 6 {
		t.Errorf("d on line %d, want 6", lines[1])
	}
	got := RewriteLinks(body, func(id string) string { return "secu:" + id })
	if !strings.Contains(got, "[b](b.md)") || !strings.Contains(got, "`[c](c.md)`") || !strings.Contains(got, "[d](secu:d)") {
		t.Errorf("RewriteLinks changed code or missed a link:\n%s", got)
	}
}

func TestSecuLinksAreCrossReferences(t *testing.T) {
	for _, tt := range []struct {
		target, id string
		ok         bool
	}{{"secu:cpam", "cpam", true}, {"SECU:cpam#x", "cpam", true}, {"secu:", "", true}, {"https://secu.fr", "", false}} {
		id, ok := InternalID(tt.target)
		if id != tt.id || ok != tt.ok {
			t.Errorf("InternalID(%q) = %q %v, want %q %v", tt.target, id, ok, tt.id, tt.ok)
		}
	}
}

func TestCleanInvisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc\u202edcba", "abcdcba"},
		{"\u2066x\u2069 \u202ay\u202c", "x y"},
		{"a\u200bb\u200cc\u200dd\u2060e\ufeff", "abcde"},
		{"co\u00adop", "coop"},
		{"I ❤\ufe0f it ✔\ufe0f", "I ❤ it ✔"},
		{"dev 👩\u200d💻 ok", "dev 👩\u200d💻 ok"},
		{"\u200d👩", "👩"},
		{"Sécurité sociale", "Sécurité sociale"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFieldLimits(t *testing.T) {
	many := make([]string, MaxListItems+1)
	for i := range many {
		many[i] = "https://x.y/" + strings.Repeat("a", i)
	}
	tests := []struct {
		name   string
		values []string
		want   string
	}{
		{"title", []string{strings.Repeat("*", 100) + "a" + strings.Repeat("*", 100)}, "title: emphasis or links nested"},
		{"french", []string{strings.Repeat("x", MaxFieldBytes+1)}, "french too long"},
		{"sources", many, "sources has 51 items (the limit is 50)"},
		{"see_also", many, "see_also has 51 items"},
		{"website", []string{strings.Repeat("[", 10) + "a"}, "website: emphasis or links nested"},
		{"aliases", []string{strings.Repeat("*", 100) + "a"}, ""},
		{"title", []string{"Carte *Vitale*"}, ""},
	}
	for _, tt := range tests {
		got := fieldLimits(tt.name, tt.values, true)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("fieldLimits(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCheckEntryFields(t *testing.T) {
	e := &Entry{Title: "T", Body: "Fine.", Website: strings.Repeat("*a ", 10) + "x"}
	if line, msg, ok := CheckEntry(e); ok || line != 0 || !strings.HasPrefix(msg, "website: ") {
		t.Errorf("CheckEntry = %d %q %v", line, msg, ok)
	}
}

// BenchmarkScanLimitsGuide measures the load-time scan over every body of
// the built-in guide.
func BenchmarkScanLimitsGuide(b *testing.B) {
	lib, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, e := range lib.Entries {
		n += len(e.Body)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, e := range lib.Entries {
			scanLimits(e.Body)
		}
	}
}

// BenchmarkCheckRenderingGuide measures validate's tree check.
func BenchmarkCheckRenderingGuide(b *testing.B) {
	lib, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		CheckRendering(lib)
	}
}
