package content_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"secu/content"
)

// Hostile folders: Load must return, quickly, with a library or problems,
// and nothing it returns may hold a control character.

// writeTree writes files (slash paths) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
}

// loadDir loads dir, failing the test if Load takes longer than limit (a
// hang) or breaks its contract.
func loadDir(t *testing.T, dir string, limit time.Duration) (*content.Library, content.Problems) {
	t.Helper()
	type result struct {
		lib *content.Library
		err error
	}
	done := make(chan result, 2)
	go func() {
		lib, err := content.Load(content.DirFS(dir))
		done <- result{lib, err}
		// The same through os.DirFS, without DirFS's raw reads.
		lib, err = content.Load(os.DirFS(dir))
		done <- result{lib, err}
	}()
	select {
	case r := <-done:
		select {
		case viaOS := <-done:
			if !reflect.DeepEqual(viaOS.err, r.err) || (viaOS.lib == nil) != (r.lib == nil) {
				t.Errorf("Load(DirFS) gave %v; Load(os.DirFS) gave %v", r.err, viaOS.err)
			}
		case <-time.After(limit):
			t.Fatalf("Load(os.DirFS) did not return within %v", limit)
		}
		checkResult(t, r.lib, r.err)
		var probs content.Problems
		errors.As(r.err, &probs)
		if r.lib != nil {
			checkClean(t, r.lib)
		}
		return r.lib, probs
	case <-time.After(limit):
		t.Fatalf("Load did not return within %v", limit)
		return nil, nil
	}
}

// wantProblem fails unless one problem starts with prefix.
func wantProblem(t *testing.T, probs content.Problems, prefix string) {
	t.Helper()
	for _, p := range probs {
		if strings.HasPrefix(p.String(), prefix) {
			return
		}
	}
	t.Errorf("no problem starts with %q; got:\n%v", prefix, probs)
}

// checkClean fails if any text of any entry holds a control character, or
// a one-line field holds a tab or newline. It walks the fields by
// reflection, so that a field added later is checked too.
func checkClean(t testing.TB, lib *content.Library) {
	t.Helper()
	for _, e := range lib.Entries {
		v := reflect.ValueOf(e).Elem()
		for i := range v.NumField() {
			f, name := v.Field(i), v.Type().Field(i).Name
			var ss []string
			switch {
			case f.Kind() == reflect.String:
				ss = []string{f.String()}
			case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
				ss = f.Interface().([]string)
			}
			for _, s := range ss {
				if bad, ok := firstControl(s); ok {
					t.Errorf("entry %s: %s = %q holds the control %q", e.Path, name, s, bad)
				}
				if name != "Body" && strings.ContainsAny(s, "\n\t") {
					t.Errorf("entry %s: one-line field %s = %q holds a tab or newline", e.Path, name, s)
				}
			}
		}
	}
}

const quick = 10 * time.Second // generous: a hang, not a slow machine

func TestHostileSizes(t *testing.T) {
	front := "---\nid: x\nkind: term\ntitle: X\n---\n"
	cpam := entryText("cpam", "agency", "CPAM")
	tests := []struct {
		name string
		body string
		want string // a problem prefix, or "" if the folder loads
	}{
		{"10 MB body", strings.Repeat("0123456789 abcdefghijklmnopqrstuvwxyz [CPAM](cpam.md)\n", 10<<20/52), "x.md: file too large"},
		{"million-character line", strings.Repeat("word ", 200_000) + "[CPAM](cpam.md)\n", "x.md:6: body too long"},
		{"million-character line of brackets", strings.Repeat("[](", 330_000) + "\n", "x.md:6: body too long"},
		{"5,000 nested list levels on one line", strings.Repeat("- ", 5000) + "deep\n", "x.md:6: block quotes and lists nested 5000 deep (the limit is 8)"},
		{"1,000 nested list levels by indentation", nestedList(1000), "x.md:14: block quotes and lists nested 9 deep (the limit is 8)"},
		{"5,000 nested list levels by indentation", nestedList(5000), "x.md: file too large"},
		{"5,000 nested block quotes", strings.Repeat(">", 5000) + " deep\n", "x.md:6: block quotes and lists nested 5000 deep"},
		{"100,000 short lines", strings.Repeat("a\n", 100_000), "x.md:32774: body too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"cpam.md": cpam, "x.md": front + tt.body})
			start := time.Now()
			lib, probs := loadDir(t, dir, quick)
			t.Logf("Load took %v", time.Since(start))
			if tt.want == "" {
				if lib == nil {
					t.Fatalf("Load rejected the folder:\n%v", probs)
				}
				if got, want := lib.Get("x").Body, strings.TrimSpace(tt.body); got != want {
					t.Errorf("body changed: %d bytes, want %d", len(got), len(want))
				}
				return
			}
			wantProblem(t, probs, tt.want)
		})
	}
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", 2*i) + "- level\n")
	}
	return b.String()
}

func TestHostileFrontMatterNesting(t *testing.T) {
	tests := []struct {
		name, field, want string
	}{
		{"5,000 nested flow lists", "keywords: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000), "x.md:5: keywords must be a list"},
		{"20,000 nested flow lists", "keywords: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "x.md:5: malformed front matter: exceeded max depth"},
		{"5,000 nested flow maps", "aliases: " + strings.Repeat("{a: ", 5000) + "b" + strings.Repeat("}", 5000), "x.md:5: aliases must be a list"},
		{"block list markers on one line", "keywords: " + strings.Repeat("- ", 5000) + "x", "x.md:5: malformed front matter"},
		{"alias bomb", "aliases: &a [x, x, x, x, x, x, x, x, x]\nkeywords: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nsee_also: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\norder: [*c, *c, *c, *c, *c, *c, *c, *c, *c]", "x.md:6: keywords must be a list"},
		{"order as an alias", "aliases: &a [x]\norder: *a", "x.md:6: order must be a whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"x.md": "---\nid: x\nkind: term\ntitle: X\n" + tt.field + "\n---\nBody.\n"})
			_, probs := loadDir(t, dir, quick)
			wantProblem(t, probs, tt.want)
		})
	}
}

// evilYAML holds escape sequences and controls written as YAML escapes,
// since YAML itself refuses raw control characters.
const evilYAML = `\e[31mred\e[0m \e]0;pwned title\a \e]8;;http://evil.example\aclick\e]8;;\a ` +
	`\e]52;c;ZXZpbA==\a \eP1;2|dcs\e\\ \e_apc\e\\ \e^pm\e\\ \eXsos\e\\ ` +
	`\x9b31m \x9d0;c1 title\x9c \x90c1 dcs\x9c \x85 \a \b \x7f \x01 \x1f \r \v \f \u2028`

// evilRaw holds the same, raw, for the body.
const evilRaw = "\x1b[31mred\x1b[0m \x1b]0;pwned title\x07 \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ " +
	"\x1b]52;c;ZXZpbA==\x07 \x1bP1;2|dcs\x1b\\ \x1b_apc\x1b\\ \x1b^pm\x1b\\ \x1bXsos\x1b\\ " +
	"\u009b31m \u009d0;c1 title\u009c \u0090c1 dcs\u009c \u0085 \x07 \x08 \x7f \x01 \x02 \x03 \x04 \x05 \x06 " +
	"\x0b \x0c \x0e \x0f \x10 \x11 \x12 \x13 \x14 \x15 \x16 \x17 \x18 \x19 \x1a \x1c \x1d \x1e \x1f \r trailing \x1b"

func TestHostileEscapesNeverSurvive(t *testing.T) {
	q := func(s string) string { return `"` + s + evilYAML + `"` }
	front := "---\n" +
		"id: evil\n" +
		"kind: term\n" +
		"title: " + q("Title") + "\n" +
		"french: " + q("Français") + "\n" +
		"english: " + q("English") + "\n" +
		"aliases: [" + q("alias") + ", " + q("") + "]\n" +
		"keywords:\n  - " + q("kw") + "\n  - plain\n" +
		"see_also: [\"\\e[1mcpam\\e[0m\"]\n" +
		"website: " + q("https://example.org/") + "\n" +
		"sources: [" + q("https://a.example/") + "]\n" +
		"verified: 2026-11\n" +
		"---\n"
	body := "Summary " + evilRaw + "\n\n## Head" + evilRaw + "\n\n- [CPAM](cpam.md) " + evilRaw + "\n"
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"cpam.md": entryText("cpam", "agency", "CPAM"),
		"evil.md": front + body,
	})
	lib, probs := loadDir(t, dir, quick) // checkClean runs inside
	if lib == nil {
		t.Fatalf("Load rejected escapes it should have cleaned:\n%v", probs)
	}
	e := lib.Get("evil")
	if !strings.HasPrefix(e.Title, "Titlered ") || !strings.HasPrefix(e.Body, "Summary red ") {
		t.Errorf("cleaning lost the text: title %q, body %q", e.Title, e.Body)
	}
	if !strings.Contains(e.Body, "\n- [CPAM](cpam.md) red") {
		t.Errorf("cleaning broke the body's lines: %q", e.Body)
	}
	if len(e.SeeAlso) != 1 || e.SeeAlso[0] != "cpam" {
		t.Errorf("see_also = %q, want [cpam]", e.SeeAlso)
	}
	for _, bad := range []string{"http://evil.example", "ZXZpbA", "pwned", "dcs", "apc"} {
		for _, s := range append([]string{e.Title, e.French, e.Body}, e.Aliases...) {
			if strings.Contains(s, bad) {
				t.Errorf("the payload %q of an escape sequence survived in %q", bad, s)
			}
		}
	}
}

func TestHostileEscapesInCheckedFields(t *testing.T) {
	// In id, kind and verified an escape makes the value wrong: the
	// problem names it, escaped.
	for _, field := range []string{"id", "kind", "verified"} {
		t.Run(field, func(t *testing.T) {
			values := map[string]string{"id": "x", "kind": "term", "verified": "2026-11"}
			values[field] = `"` + values[field] + `\e]0;pwned\a\x9b2J"`
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"x.md": "---\nid: " + values["id"] + "\nkind: " + values["kind"] +
				"\ntitle: X\nverified: " + values["verified"] + "\n---\nBody.\n"})
			lib, probs := loadDir(t, dir, quick) // checkResult checks problems are clean
			if lib != nil {
				t.Fatalf("Load accepted %s with an escape sequence", field)
			}
			wantProblem(t, probs, "x.md:")
			if !strings.Contains(probs.Error(), `\x1b]0;pwned\a\u009b2J`) {
				t.Errorf("the problem does not show the escapes escaped:\n%v", probs)
			}
		})
	}
}
