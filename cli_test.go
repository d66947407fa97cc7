package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

var kinds = []string{"agency", "term", "guide"}

// searchFields and listFields are the JSON field names of design.md.
var (
	searchFields = []string{"id", "kind", "title", "french", "score", "field", "snippet"}
	listFields   = []string{"id", "kind", "title", "french", "english", "aliases", "keywords", "see_also", "website"}
	listArrays   = []string{"aliases", "keywords", "see_also"}
	showFields   = append(slices.Clone(listFields), "sources", "verified", "body")
)

func hasFields(t *testing.T, what string, obj map[string]any, fields []string) {
	t.Helper()
	for _, f := range fields {
		if _, ok := obj[f]; !ok {
			t.Errorf("%s: JSON object has no field %q: %v", what, f, obj)
		}
	}
}

func decodeArray(t *testing.T, r result) []map[string]any {
	t.Helper()
	var v []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("stdout is not a JSON array of objects: %v\n%s", err, r)
	}
	return v
}

func TestSearch(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		min     int    // at least this many lines
		max     int    // at most this many lines (0: no limit)
		first   string // the id of the first line, if set
		kind    string // every line has this kind, if set
		contain string // an id that must be among the results, if set
	}{
		{name: "id", args: []string{"search", "cpam"}, min: 1, first: "cpam"},
		{name: "two words", args: []string{"search", "carte", "vitale"}, min: 1, first: "carte-vitale"},
		{name: "prefix", args: []string{"search", "carte vit"}, min: 1, first: "carte-vitale"},
		{name: "upper case", args: []string{"search", "CPAM"}, min: 1, first: "cpam"},
		{name: "limit", args: []string{"search", "--limit", "2", "cpam"}, min: 1, max: 2, first: "cpam"},
		{name: "limit 1", args: []string{"search", "--limit=1", "carte"}, min: 1, max: 1},
		{name: "default limit", args: []string{"search", "e"}, min: 1, max: 20},
		{name: "kind guide", args: []string{"search", "--kind", "guide", "cpam"}, min: 1, kind: "guide"},
		{name: "kind agency", args: []string{"search", "--kind", "agency", "caisse"}, min: 1, kind: "agency"},
		{name: "kind glossary", args: []string{"search", "--kind", "glossary", "carte"}, min: 1, kind: "term"},
		{name: "flag after query", args: []string{"search", "cpam", "--kind", "agency"}, min: 1, first: "cpam", kind: "agency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runSecu(t, tt.args...)
			wantCode(t, r, 0)
			if r.stderr != "" {
				t.Errorf("stderr is not empty\n%s", r)
			}
			rs := rows(t, r)
			if len(rs) < tt.min || (tt.max > 0 && len(rs) > tt.max) {
				t.Errorf("%d lines, want %d to %d\n%s", len(rs), tt.min, tt.max, r)
			}
			if tt.first != "" && (len(rs) == 0 || rs[0].id != tt.first) {
				t.Errorf("first result is not %q\n%s", tt.first, r)
			}
			for _, x := range rs {
				if !slices.Contains(kinds, x.kind) {
					t.Errorf("%s: unknown kind %q", x.id, x.kind)
				}
				if tt.kind != "" && x.kind != tt.kind {
					t.Errorf("%s has kind %q, want only %q", x.id, x.kind, tt.kind)
				}
			}
		})
	}
}

func TestSearchJSON(t *testing.T) {
	r := runSecu(t, "search", "--json", "cpam")
	wantCode(t, r, 0)
	items := decodeArray(t, r)
	if len(items) == 0 || items[0]["id"] != "cpam" {
		t.Fatalf("first item is not cpam\n%s", r)
	}
	for _, it := range items {
		hasFields(t, "search --json", it, searchFields)
		if _, ok := it["score"].(float64); !ok {
			t.Errorf("score is not a number: %v", it)
		}
		for _, f := range []string{"id", "kind", "title", "french", "field", "snippet"} {
			if _, ok := it[f].(string); !ok {
				t.Errorf("%s is not a string: %v", f, it)
			}
		}
		if !slices.Contains(kinds, it["kind"].(string)) {
			t.Errorf("unknown kind: %v", it)
		}
		if !slices.Contains([]string{"id", "title", "alias", "keyword", "body"}, it["field"].(string)) {
			t.Errorf("unknown field %v", it["field"])
		}
	}
	// Best first: scores never go up.
	for i := 1; i < len(items); i++ {
		if items[i]["score"].(float64) > items[i-1]["score"].(float64) {
			t.Errorf("results are not best first: %v before %v", items[i-1], items[i])
		}
	}
	// Same ids, same order, as the plain output.
	plain := rows(t, runSecu(t, "search", "cpam"))
	if len(plain) != len(items) {
		t.Fatalf("plain search has %d lines, --json %d items", len(plain), len(items))
	}
	for i := range plain {
		if plain[i].id != items[i]["id"] {
			t.Errorf("result %d: plain %q, json %q", i, plain[i].id, items[i]["id"])
		}
	}
}

func TestSearchJSONBodySnippet(t *testing.T) {
	r := runSecu(t, "search", "--json", "--limit", "100", "doctor")
	wantCode(t, r, 0)
	body := 0
	for _, it := range decodeArray(t, r) {
		if it["field"] == "body" {
			body++
			if s, _ := it["snippet"].(string); strings.TrimSpace(s) == "" || strings.Contains(s, "\n") {
				t.Errorf("a body match needs a one-line snippet: %v", it)
			}
		}
	}
	if body == 0 {
		t.Errorf("no body match for \"doctor\"\n%s", r)
	}
}

func TestSearchNoMatch(t *testing.T) {
	r := runSecu(t, "search", "zzqxwv")
	wantCode(t, r, 1)
	if r.stdout != "" {
		t.Errorf("stdout is not empty\n%s", r)
	}
	wantOneLineError(t, r)

	r = runSecu(t, "search", "--json", "zzqxwv")
	wantCode(t, r, 1)
	if items := decodeArray(t, r); len(items) != 0 {
		t.Errorf("want an empty array\n%s", r)
	}
}

func TestList(t *testing.T) {
	r := runSecu(t, "list")
	wantCode(t, r, 0)
	if r.stderr != "" {
		t.Errorf("stderr is not empty\n%s", r)
	}
	all := rows(t, r)
	if len(all) < 51 {
		t.Fatalf("list has %d lines, want at least 51", len(all))
	}
	seen := map[string]bool{}
	count := map[string]int{}
	for _, x := range all {
		if seen[x.id] {
			t.Errorf("id %q listed twice", x.id)
		}
		seen[x.id] = true
		if !slices.Contains(kinds, x.kind) {
			t.Errorf("%s: unknown kind %q", x.id, x.kind)
		}
		count[x.kind]++
	}
	for _, id := range []string{"cpam", "caf", "carte-vitale", "nir", "get-carte-vitale"} {
		if !seen[id] {
			t.Errorf("list has no %q", id)
		}
	}

	for _, k := range []struct{ flag, kind string }{
		{"agency", "agency"}, {"agencies", "agency"}, {"term", "term"},
		{"glossary", "term"}, {"guide", "guide"}, {"GUIDE", "guide"},
	} {
		r := runSecu(t, "list", "--kind", k.flag)
		wantCode(t, r, 0)
		rs := rows(t, r)
		if len(rs) != count[k.kind] {
			t.Errorf("list --kind %s: %d lines, want the %d %s entries of list", k.flag, len(rs), count[k.kind], k.kind)
		}
		for _, x := range rs {
			if x.kind != k.kind {
				t.Errorf("list --kind %s: %s has kind %q", k.flag, x.id, x.kind)
			}
		}
	}
}

func TestListJSON(t *testing.T) {
	r := runSecu(t, "list", "--json")
	wantCode(t, r, 0)
	if strings.Contains(r.stdout, "null") {
		t.Errorf("list --json contains null (arrays must be [])")
	}
	items := decodeArray(t, r)
	plain := rows(t, runSecu(t, "list"))
	if len(items) != len(plain) {
		t.Fatalf("list --json has %d items, list %d lines", len(items), len(plain))
	}
	for i, it := range items {
		hasFields(t, "list --json", it, listFields)
		if it["id"] != plain[i].id || it["kind"] != plain[i].kind || it["title"] != plain[i].title {
			t.Errorf("item %d: json %v, plain %v", i, it, plain[i])
		}
		for _, f := range listArrays {
			if _, ok := it[f].([]any); !ok {
				t.Errorf("%v: %s is %#v, want an array", it["id"], f, it[f])
			}
		}
	}

	r = runSecu(t, "list", "--json", "--kind", "agency")
	wantCode(t, r, 0)
	items = decodeArray(t, r)
	if len(items) == 0 {
		t.Fatalf("no agencies\n%s", r)
	}
	for _, it := range items {
		if it["kind"] != "agency" {
			t.Errorf("list --json --kind agency: %v", it)
		}
	}
}

// minimalFolder is a content folder whose entries leave out every optional
// field.
func minimalFolder(t *testing.T) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"bare.md":       "---\nid: bare\nkind: term\ntitle: Bare\n---\nA bare entry. See [Other](other.md).\n",
		"sub/other.md":  "---\nid: other\nkind: agency\ntitle: Other office\nfrench: Autre caisse\naliases: [OO]\nsee_also: [bare]\n---\nThe other one.\n",
		"notes.txt":     "not an entry",
		".hidden/x.md":  "ignored",
		"sub/README":    "not an entry",
		"sub/third.md":  "---\nid: third\nkind: guide\ntitle: Third step\norder: 1\n---\nStep.\n",
		"sub/fourth.md": "---\nid: fourth\nkind: guide\ntitle: A fourth step\norder: 2\n---\nStep.\n",
	})
	return dir
}

func TestListJSONEmptyArrays(t *testing.T) {
	dir := minimalFolder(t)
	for _, args := range [][]string{
		{"--content", dir, "list", "--json"},
		{"--content", dir, "show", "--json", "bare"},
	} {
		r := runSecu(t, args...)
		wantCode(t, r, 0)
		if strings.Contains(r.stdout, "null") {
			t.Errorf("JSON contains null (arrays must be [])\n%s", r)
		}
		var v any
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, r)
		}
		var bare map[string]any
		switch v := v.(type) {
		case []any:
			for _, it := range v {
				if m := it.(map[string]any); m["id"] == "bare" {
					bare = m
				}
			}
		case map[string]any:
			bare = v
		}
		if bare == nil {
			t.Fatalf("no entry \"bare\"\n%s", r)
		}
		arrays := listArrays
		if _, ok := bare["body"]; ok {
			arrays = append(slices.Clone(arrays), "sources")
		}
		for _, f := range arrays {
			if a, ok := bare[f].([]any); !ok || len(a) != 0 {
				t.Errorf("%s: %s is %#v, want []", strings.Join(args, " "), f, bare[f])
			}
		}
	}
}

func TestContentFolder(t *testing.T) {
	dir := minimalFolder(t)
	r := runSecu(t, "--content", dir, "list")
	wantCode(t, r, 0)
	var ids []string
	for _, x := range rows(t, r) {
		ids = append(ids, x.id)
	}
	// By kind (agency, term, guide), guides by order.
	if want := []string{"other", "bare", "third", "fourth"}; !slices.Equal(ids, want) {
		t.Errorf("list ids %v, want %v", ids, want)
	}
	r = runSecu(t, "--content", dir, "search", "autre")
	wantCode(t, r, 0)
	if rs := rows(t, r); len(rs) == 0 || rs[0].id != "other" {
		t.Errorf("search in --content folder\n%s", r)
	}
	r = runSecu(t, "--content", dir, "show", "bare")
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "A bare entry") {
		t.Errorf("show in --content folder\n%s", r)
	}
	r = runSecu(t, "--content", dir, "show", "cpam")
	wantCode(t, r, 1)
	wantOneLineError(t, r)
}

func TestShowPlain(t *testing.T) {
	r := runSecu(t, "show", "carte-vitale")
	wantCode(t, r, 0)
	if r.stderr != "" {
		t.Errorf("stderr is not empty\n%s", r)
	}
	if !strings.Contains(r.stdout, "Carte Vitale") {
		t.Errorf("no \"Carte Vitale\"\n%s", r)
	}
	if strings.ContainsRune(r.stdout, 0x1b) || strings.Contains(r.stdout, "]8;") {
		t.Errorf("plain output contains an escape sequence or an OSC 8 link\n%q", clip(r.stdout))
	}
	if strings.ContainsAny(r.stdout, "\a\u009b\r") {
		t.Errorf("plain output contains a control character")
	}
	for i, l := range lines(r.stdout) {
		if w := ansi.StringWidth(l); w > 80 && !isURLLine(l) {
			t.Errorf("line %d is %d cells wide, want at most 80 (the default without a terminal): %q", i+1, w, l)
		}
	}

	// --style notty and NO_COLOR give the same plain text.
	if n := runSecu(t, "show", "--style", "notty", "carte-vitale"); n.stdout != r.stdout {
		t.Errorf("--style notty differs from the default on a pipe")
	}
	nc := runSecuWith(t, runOpts{env: baseEnv("NO_COLOR=1")}, "show", "carte-vitale")
	if nc.stdout != r.stdout {
		t.Errorf("NO_COLOR=1 differs from the default on a pipe")
	}
}

func TestShowWidth(t *testing.T) {
	for _, id := range []string{"carte-vitale", "register-student", "which-agency", "cpam"} {
		for _, width := range []int{20, 40, 60, 100} {
			for _, style := range []string{"notty", "dark", "light"} {
				w := itoa(width)
				r := runSecu(t, "show", "--width", w, "--style", style, id)
				wantCode(t, r, 0)
				if len(lines(r.stdout)) < 3 {
					t.Errorf("show %s --width %d --style %s: almost empty\n%s", id, width, style, r)
				}
				for i, l := range lines(r.stdout) {
					if cw := ansi.StringWidth(l); cw > width && !isURLLine(ansi.Strip(l)) {
						t.Errorf("show %s --width %d --style %s: line %d is %d cells: %q", id, width, style, i+1, cw, ansi.Strip(l))
					}
				}
			}
		}
	}
}

// isURLLine reports a line that is one source URL: show prints those
// unwrapped so that they can be copied, even past the width.
func isURLLine(l string) bool {
	f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "• "))
	return len(f) == 1 && (strings.HasPrefix(f[0], "https://") || strings.HasPrefix(f[0], "http://"))
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestShowQuery(t *testing.T) {
	byID := runSecu(t, "show", "carte-vitale")
	for _, args := range [][]string{
		{"show", "carte vit"},
		{"show", "carte", "vit"},
		{"show", "Carte-Vitale"},
		{"show", "  carte-vitale  "},
	} {
		r := runSecu(t, args...)
		wantCode(t, r, 0)
		if r.stdout != byID.stdout {
			t.Errorf("%q does not show carte-vitale\n%s", args, r)
		}
	}
}

func TestShowUnknown(t *testing.T) {
	for _, q := range []string{"zzqxwv", "xqzjw-kvq", "   "} {
		r := runSecu(t, "show", q)
		wantCode(t, r, 1)
		if r.stdout != "" {
			t.Errorf("stdout is not empty\n%s", r)
		}
		wantOneLineError(t, r)
		r = runSecu(t, "show", "--json", q)
		wantCode(t, r, 1)
		if r.stdout != "" {
			t.Errorf("show --json of nothing prints something\n%s", r)
		}
	}
}

func TestShowJSON(t *testing.T) {
	r := runSecu(t, "show", "--json", "carte-vitale")
	wantCode(t, r, 0)
	var obj map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &obj); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, r)
	}
	hasFields(t, "show --json", obj, showFields)
	if obj["id"] != "carte-vitale" || obj["kind"] != "term" || obj["title"] != "Carte Vitale" {
		t.Errorf("wrong entry: %v", obj)
	}
	for _, f := range append(slices.Clone(listArrays), "sources") {
		if _, ok := obj[f].([]any); !ok {
			t.Errorf("%s is %#v, want an array", f, obj[f])
		}
	}
	if s, _ := obj["sources"].([]any); len(s) == 0 {
		t.Errorf("carte-vitale has no sources")
	}
	if v, _ := obj["verified"].(string); !regexp.MustCompile(`^\d{4}-\d{2}$`).MatchString(v) {
		t.Errorf("verified is %q, want YYYY-MM", v)
	}
	body, _ := obj["body"].(string)
	if !strings.Contains(body, "Carte Vitale") || !strings.Contains(body, ".md)") {
		t.Errorf("body is not the Markdown source: %q", clip(body))
	}
	// The query form gives the same object.
	if q := runSecu(t, "show", "--json", "carte", "vit"); q.stdout != r.stdout {
		t.Errorf("show --json carte vit differs from show --json carte-vitale")
	}
}

func TestShowExplicitStyleOnPipe(t *testing.T) {
	for _, style := range []string{"dark", "light"} {
		for _, env := range [][]string{baseEnv(), baseEnv("NO_COLOR=1")} {
			r := runSecuWith(t, runOpts{env: env}, "show", "--style", style, "cpam")
			wantCode(t, r, 0)
			if !strings.Contains(r.stdout, "\x1b[") {
				t.Errorf("--style %s on a pipe has no ANSI colours (explicit style wins)", style)
			}
			if !strings.Contains(ansi.Strip(r.stdout), "CPAM") {
				t.Errorf("--style %s: no CPAM", style)
			}
		}
	}
	// auto on a pipe is plain.
	r := runSecu(t, "show", "--style", "auto", "cpam")
	if strings.ContainsRune(r.stdout, 0x1b) {
		t.Errorf("--style auto on a pipe has escape sequences")
	}
}

func TestRootWithoutTerminal(t *testing.T) {
	tests := []struct {
		root, same []string
		code       int
	}{
		{nil, []string{"list"}, 0},
		{[]string{"--kind", "agency"}, []string{"list", "--kind", "agency"}, 0},
		{[]string{"--json"}, []string{"list", "--json"}, 0},
		{[]string{"cpam"}, []string{"search", "cpam"}, 0},
		{[]string{"carte", "vitale"}, []string{"search", "carte", "vitale"}, 0},
		{[]string{"--json", "--limit", "3", "carte"}, []string{"search", "--json", "--limit", "3", "carte"}, 0},
		{[]string{"zzqxwv"}, []string{"search", "zzqxwv"}, 1},
	}
	for _, tt := range tests {
		a, b := runSecu(t, tt.root...), runSecu(t, tt.same...)
		wantCode(t, a, tt.code)
		if a.stdout != b.stdout || a.stderr != b.stderr || a.code != b.code {
			t.Errorf("secu %q differs from secu %q\n%s\n%s", tt.root, tt.same, a, b)
		}
	}
}

func TestValidateEmbedded(t *testing.T) {
	r := runSecu(t, "validate")
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "ok") || r.stderr != "" {
		t.Errorf("validate of the built-in guide\n%s", r)
	}
	r = runSecu(t, "validate", minimalFolder(t))
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "ok") || !strings.Contains(r.stdout, "4 entries") {
		t.Errorf("validate of a good folder\n%s", r)
	}
}

// brokenFolder makes a folder where every file has a problem, and returns it
// with the problems expected: file (slash-separated), line (0: any) and a
// word of the message.
func brokenFolder(t *testing.T) (string, []problem) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.md": "---\nid: good\nkind: term\ntitle: Good\n---\nFine. See [Bad kind](kind.md).\n",
		"links.md": "---\nid: links\nkind: term\ntitle: Links\nsee_also: [good, missing-one]\n---\n" +
			"First line.\n\nA link to [nowhere](nowhere.md) here.\n",
		"kind.md":       "---\nid: kind\nkind: animal\ntitle: Kind\n---\nBody.\n",
		"named.md":      "---\nid: other-name\nkind: term\ntitle: Named\n---\nBody.\n",
		"sub/nofm.md":   "Just text, no front matter.\n",
		"unknown.md":    "---\nid: unknown\nkind: term\ntitle: Unknown\ncolour: blue\n---\nBody.\n",
		"notitle.md":    "---\nid: notitle\nkind: term\n---\nBody.\n",
		"empty.md":      "---\nid: empty\nkind: term\ntitle: Empty\n---\n",
		"latin1.md":     "---\nid: latin1\nkind: term\ntitle: Caf\xe9\n---\nBody.\n",
		"unclosed.md":   "---\nid: unclosed\nkind: term\ntitle: Unclosed\n",
		"Bad_ID.md":     "---\nid: Bad_ID\nkind: term\ntitle: Bad\n---\nBody.\n",
		"malformed.md":  "---\nid: malformed\nkind: [term\ntitle: M\n---\nBody.\n",
		"dup/good.md":   "---\nid: good\nkind: term\ntitle: Good again\n---\nBody.\n",
		"ignored.txt":   "not an entry",
		".git/HEAD.md":  "not read",
		"sub/README.md": "---\nid: README\n---\n",
	})
	return dir, []problem{
		{"links.md", 0, "missing-one"},
		{"links.md", 9, "nowhere"},
		{"kind.md", 3, "animal"},
		{"named.md", 2, "other-name"},
		{"sub/nofm.md", 1, "front matter"},
		{"unknown.md", 5, "colour"},
		{"notitle.md", 0, "title"},
		{"empty.md", 0, "empty"},
		{"latin1.md", 4, "UTF-8"},
		{"unclosed.md", 1, "not closed"},
		{"Bad_ID.md", 2, "Bad_ID"},
		{"malformed.md", 0, "malformed"},
		{"good.md", 2, "duplicate id \"good\" (also in dup/good.md)"},
		{"sub/README.md", 0, "README"},
	}
}

type problem struct {
	file string
	line int
	word string
}

// checkProblems checks that out has one "DIR/file:line: message" line per
// expected problem, and no other kind of line except the summary.
func checkProblems(t *testing.T, dir, out string, want []problem) {
	t.Helper()
	re := regexp.MustCompile(`^(.+):(\d+): (.+)$`)
	var got []string
	for _, l := range lines(out) {
		if strings.HasPrefix(l, "secu: ") {
			continue // the summary
		}
		m := re.FindStringSubmatch(l)
		if m == nil || !strings.HasPrefix(m[1], dir+string(filepath.Separator)) {
			t.Errorf("not a DIR/file:line: message line: %q", l)
			continue
		}
		got = append(got, l)
	}
	for _, p := range want {
		prefix := filepath.Join(dir, filepath.FromSlash(p.file)) + ":"
		found := false
		for _, l := range got {
			if !strings.HasPrefix(l, prefix) || !strings.Contains(l[len(prefix):], p.word) {
				continue
			}
			if p.line > 0 && !strings.HasPrefix(l[len(prefix):], itoa(p.line)+": ") {
				continue
			}
			found = true
		}
		if !found {
			t.Errorf("no problem %s:%d mentioning %q in:\n%s", prefix, p.line, p.word, out)
		}
	}
}

func TestValidateBrokenFolder(t *testing.T) {
	dir, want := brokenFolder(t)
	for _, args := range [][]string{
		{"validate", dir},
		{"--content", dir, "validate"},
		{"validate", "--content", dir},
	} {
		r := runSecu(t, args...)
		wantCode(t, r, 2)
		checkProblems(t, dir, r.stdout+r.stderr, want)
		if strings.HasPrefix(r.stdout, "ok") {
			t.Errorf("a broken folder is reported ok\n%s", r)
		}
	}
}

func TestContentBrokenFolder(t *testing.T) {
	dir, want := brokenFolder(t)
	for _, args := range [][]string{
		{"--content", dir, "list"},
		{"--content", dir, "list", "--json"},
		{"--content", dir, "search", "good"},
		{"--content", dir, "show", "good"},
		{"--content", dir},
		{"--content", dir, "good"},
	} {
		r := runSecu(t, args...)
		wantCode(t, r, 2)
		if r.stdout != "" {
			t.Errorf("problems must not go to stdout\n%s", r)
		}
		checkProblems(t, dir, r.stderr, want)
		last := lines(r.stderr)
		if len(last) == 0 || !strings.HasPrefix(last[len(last)-1], "secu: ") {
			t.Errorf("stderr does not end with a secu: summary\n%s", r)
		}
	}
}

func TestContentNotAFolder(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "entry.md")
	writeFiles(t, tmp, map[string]string{"entry.md": "---\nid: entry\nkind: term\ntitle: E\n---\nBody.\n"})
	missing := filepath.Join(tmp, "missing")
	empty := filepath.Join(tmp, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--content", missing, "list"},
		{"--content", file, "list"},
		{"--content", missing, "search", "x"},
		{"--content", file, "show", "entry"},
		{"--content", missing},
		{"--content", missing, "validate"},
		{"validate", missing},
		{"validate", file},
		{"--content", "", "list"},
	} {
		r := runSecu(t, args...)
		if args[1] == "" {
			// An empty --content means the built-in guide.
			wantCode(t, r, 0)
			continue
		}
		wantCode(t, r, 2)
		wantOneLineError(t, r)
		if r.stdout != "" {
			t.Errorf("stdout is not empty\n%s", r)
		}
	}
	// An empty folder has no entries: a problem, not a crash.
	r := runSecu(t, "--content", empty, "list")
	wantCode(t, r, 2)
	if r.stdout != "" || !strings.Contains(r.stderr, "no entries") {
		t.Errorf("empty folder\n%s", r)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{
		{"--bogus"},
		{"list", "--bogus"},
		{"search", "--bogus", "cpam"},
		{"-x"},
		{"--kind", "animal", "list"},
		{"--kind", "animal", "search", "cpam"},
		{"--kind", "animal"},
		{"list", "--kind"},
		{"--style", "neon", "show", "cpam"},
		{"--style", "DARK", "show", "cpam"},
		{"--width", "5", "show", "cpam"},
		{"--width", "19", "show", "cpam"},
		{"--width", "-1", "show", "cpam"},
		{"--width", "abc", "show", "cpam"},
		{"--width", "1001", "show", "cpam"},
		{"--limit", "0", "search", "cpam"},
		{"--limit", "-3", "search", "cpam"},
		{"--limit", "many", "search", "cpam"},
		{"--json=maybe", "list"},
		{"validate", "a", "b"},
		{"list", "extra"},
		{"version", "extra"},
		{"search"},
		{"show"},
		{"nir", "1234567890123"},
		{"--content"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runSecu(t, args...)
			wantCode(t, r, 2)
			wantOneLineError(t, r)
			if r.stdout != "" {
				t.Errorf("stdout is not empty\n%s", r)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}, {"version", "--json"}} {
		r := runSecu(t, args...)
		wantCode(t, r, 0)
		if r.stdout != "secu "+version+"\n" || r.stderr != "" {
			t.Errorf("want \"secu %s\"\n%s", version, r)
		}
	}
}

func TestHelp(t *testing.T) {
	commands := []string{"search", "show", "list", "nir", "validate", "version", "help", "completion"}
	flags := []string{"--content", "--json", "--kind", "--style", "--width", "--limit"}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"help", "--json"}} {
		r := runSecu(t, args...)
		wantCode(t, r, 0)
		if r.stderr != "" {
			t.Errorf("stderr is not empty\n%s", r)
		}
		for _, w := range append(slices.Clone(commands), flags...) {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("help does not mention %q\n%s", w, r)
			}
		}
	}
	for _, c := range []string{"search", "show", "list", "nir", "validate", "version", "completion"} {
		for _, args := range [][]string{{"help", c}, {c, "--help"}} {
			r := runSecu(t, args...)
			wantCode(t, r, 0)
			if !strings.Contains(r.stdout, "secu "+c) {
				t.Errorf("help for %s\n%s", c, r)
			}
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range []struct{ shell, want string }{
		{"bash", "complete"},
		{"zsh", "compdef"},
		{"fish", "complete -c secu"},
	} {
		r := runSecu(t, "completion", sh.shell)
		wantCode(t, r, 0)
		if r.stderr != "" || len(r.stdout) < 200 || !strings.Contains(r.stdout, sh.want) {
			t.Errorf("completion %s: no script with %q\n%s", sh.shell, sh.want, r)
		}
	}
}

// A query no entry matches in full lists the closest entries with a note on
// stderr and "partial" in --json; one the guide does not answer lists
// nothing and exits 1.
func TestSearchPartialAndUnanswered(t *testing.T) {
	q := "carte vitale ameli xylophone"
	r := runSecu(t, "search", q)
	wantCode(t, r, 0)
	if len(rows(t, r)) == 0 || !strings.Contains(r.stderr, "no entry matches every word") {
		t.Errorf("partial search: want rows and a note on stderr\n%s", r)
	}
	r = runSecu(t, "search", "--json", q)
	wantCode(t, r, 0)
	items := decodeArray(t, r)
	if len(items) == 0 || items[0]["partial"] != true {
		t.Errorf("partial search --json: want \"partial\": true\n%s", r)
	}
	if r.stderr != "" {
		t.Errorf("--json writes to stderr\n%s", r)
	}
	r = runSecu(t, "search", "--json", "carte vitale")
	if items := decodeArray(t, r); len(items) == 0 || items[0]["partial"] != nil {
		t.Errorf("a full match is not partial\n%s", r)
	}
	for _, q := range []string{"buy a car", "weather tomorrow", "acheter une voiture"} {
		r := runSecu(t, "search", q)
		wantCode(t, r, 1)
		if r.stdout != "" {
			t.Errorf("search %q: want nothing on stdout\n%s", q, r)
		}
		wantOneLineError(t, r)
	}
}

// A --content folder brings its own synonym table; a bad one is reported
// as file:line.
func TestContentSynonyms(t *testing.T) {
	dir := minimalFolder(t)
	r := runSecu(t, "--content", dir, "search", "elsewhere")
	wantCode(t, r, 1)
	writeFiles(t, dir, map[string]string{"synonyms.yaml": "- words: [elsewhere]\n  means: [autre]\n"})
	r = runSecu(t, "--content", dir, "search", "elsewhere")
	wantCode(t, r, 0)
	if rs := rows(t, r); len(rs) == 0 || rs[0].id != "other" {
		t.Errorf("search through the folder's synonyms\n%s", r)
	}
	if err := os.WriteFile(filepath.Join(dir, "synonyms.yaml"), []byte("- words: [elsewhere]\n  meaning: [autre]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runSecu(t, "validate", dir)
	wantCode(t, r, 2)
	if !strings.Contains(r.stdout+r.stderr, "synonyms.yaml:2: unknown field \"meaning\"") {
		t.Errorf("bad synonym table: want file:line\n%s", r)
	}
}

// Only an exact command name is a command: a first word near one ("lost"
// and "last" are one letter from "list") is part of a query.
func TestNearCommandIsAQuery(t *testing.T) {
	for _, args := range [][]string{{"lost", "card"}, {"last"}, {"shwo", "cpam"}, {"serch"}} {
		r := runSecu(t, args...)
		if r.code == 2 || strings.Contains(r.stderr, "unknown command") {
			t.Errorf("treated as a command, not a query\n%s", r)
		}
	}
	r := runSecu(t, "lost", "card")
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "carte-vitale\t") {
		t.Errorf("secu lost card does not find the Carte Vitale\n%s", r)
	}
}

// Completion offers the values of --kind and --style and folders for
// --content.
func TestFlagCompletion(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "search", "--kind", ""}, []string{"agency", "term", "guide"}},
		{[]string{"__complete", "--style", ""}, []string{"auto", "dark", "light", "notty"}},
	} {
		r := runSecu(t, tt.args...)
		wantCode(t, r, 0)
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w+"\t") && !strings.Contains(r.stdout, w+"\n") {
				t.Errorf("%v does not offer %q\n%s", tt.args, w, r)
			}
		}
	}
	// :16 is cobra's ShellCompDirectiveFilterDirs.
	r := runSecu(t, "__complete", "--content", "")
	if !strings.Contains(r.stdout, ":16") {
		t.Errorf("--content does not complete folders\n%s", r)
	}
}
