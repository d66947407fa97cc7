package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
)

// library loads entries given as file name → file text.
func library(t testing.TB, files map[string]string) *content.Library {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	lib, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func entryFile(id, front, body string) string {
	return "---\nid: " + id + "\nkind: term\ntitle: T " + id + "\n" + front + "---\n" + body + "\n"
}

func TestFindInPage(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "carte vitale")
	press(m, "enter", "/")
	if !m.reader.find.typing {
		t.Fatal("/ in the reader did not open find in page")
	}
	typeText(m, "card")
	n := len(m.reader.hits)
	if n < 2 {
		t.Fatalf("found %d cards", n)
	}
	if m.focus != focusReader || m.list.query() != "carte vitale" {
		t.Fatalf("find in page touched the list search: focus %d, query %q", m.focus, m.list.query())
	}
	if s := m.screenText(); !strings.Contains(s, "1/"+itoa(n)) {
		t.Fatalf("no 1/%d count:\n%s", n, s)
	}
	press(m, "enter", "n")
	if s := m.screenText(); !strings.Contains(s, "2/"+itoa(n)) {
		t.Fatalf("n did not move to 2/%d:\n%s", n, s)
	}
	press(m, "N")
	if m.reader.hitIdx != 0 {
		t.Fatalf("N went to %d", m.reader.hitIdx)
	}
	// Smart case: a capital makes the search exact.
	press(m, "/")
	typeText(m, "Card")
	if len(m.reader.hits) >= n {
		t.Fatalf("Card (exact) found %d, card found %d", len(m.reader.hits), n)
	}
	// Accents are ignored in lower case.
	press(m, "esc", "/")
	typeText(m, "securite")
	if len(m.reader.hits) == 0 {
		t.Fatal("securite does not find sécurité")
	}
	press(m, "esc", "/")
	typeText(m, "zzqx")
	if s := m.screenText(); !strings.Contains(s, "not found") {
		t.Fatalf("no 'not found':\n%s", s)
	}
	press(m, "esc")
	if m.reader.find.shown() || m.focus != focusReader {
		t.Fatal("esc did not leave find in page")
	}
	press(m, "esc")
	if m.focus != focusList {
		t.Fatal("a second esc did not go back to the list")
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return fmtInt(n/10) + string(rune('0'+n%10))
}

func TestReadingMeasure(t *testing.T) {
	m := newModel(t, 200, 60, "")
	typeText(m, "carte vitale")
	for _, l := range m.reader.page.plain {
		if w := ansi.StringWidth(l); w > readingMeasure {
			t.Fatalf("a line is %d wide at 200 columns: %q", w, l)
		}
	}
}

// What people copy never breaks across lines, at any width.
func TestKeepTogether(t *testing.T) {
	tokens := []string{"+33 9 74 75 36 46", "etudiant-etranger.ameli.fr", "21 €", "10 339 €", "https://www.service-public.fr/particuliers"}
	body := "Call " + tokens[0] + " or see " + tokens[1] + " where it costs " + tokens[2] +
		" (or " + tokens[3] + " a year) and read " + tokens[4] + " for more."
	lib := library(t, map[string]string{"a.md": entryFile("a", "", body)})
	for w := 30; w <= 90; w++ {
		out, err := RenderEntry(lib, lib.Get("a"), w, "notty")
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range tokens {
			// Longer than a line, an address has to break somewhere.
			if len(tok) < w-2 && !strings.Contains(out, tok) {
				t.Fatalf("width %d breaks %q:\n%s", w, tok, out)
			}
		}
		if strings.ContainsAny(out, keepSpace+keepHyphen) {
			t.Fatalf("a stand-in character leaked at width %d", w)
		}
	}
}

func TestNaturalLinkText(t *testing.T) {
	for in, want := range map[string]string{
		"See [See a doctor](x.md) now.": "[See a doctor](x.md) now.",
		"see [See a doctor](x.md).":     "[See a doctor](x.md).",
		"Read [See a doctor](x.md).":    "Read [See a doctor](x.md).",
		"[See a doctor](x.md)":          "[See a doctor](x.md)",
	} {
		if got := naturalLinks(in); got != want {
			t.Errorf("naturalLinks(%q) = %q, want %q", in, got, want)
		}
	}
	m := newModel(t, 120, 60, "")
	typeText(m, "medecin conventionne")
	for _, l := range m.reader.page.plain {
		if strings.Contains(l, "See See") {
			t.Fatalf("rendered %q", l)
		}
	}
}

func TestStaleWarning(t *testing.T) {
	lib := library(t, map[string]string{
		"old.md": entryFile("old", "verified: 2025-10\n", "Old facts."),
		"new.md": entryFile("new", "verified: 2026-11\n", "New facts."),
	})
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 100, 20)
	m.c.now = func() time.Time { return time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) }
	typeText(m, "T new")
	if s := m.screenText(); strings.Contains(s, "months ago") {
		t.Fatalf("a recent entry is called stale:\n%s", s)
	}
	press(m, "esc")
	typeText(m, "T old")
	if s := m.screenText(); !strings.Contains(s, "checked 14 months ago") {
		t.Fatalf("no stale warning for an entry checked 14 months ago:\n%s", s)
	}
}

func TestOpenAndCopy(t *testing.T) {
	lib := library(t, map[string]string{
		"site.md": entryFile("site", "website: https://www.ameli.fr\n", "Body with [a page](https://www.urssaf.fr/page) link."),
		"none.md": entryFile("none", "", "No site."),
		"ftp.md":  entryFile("ftp", "website: ftp://files.example.org\n", "Old site."),
	})
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 100, 30)
	var opened []string
	m.c.openURL = func(u string) error { opened = append(opened, u); return nil }
	var copied []string
	m.c.systemCopy = func(s string) { copied = append(copied, s) }

	typeText(m, "T site")
	press(m, "enter", "o")
	if len(opened) != 1 || opened[0] != "https://www.ameli.fr" {
		t.Fatalf("o opened %q, want the website", opened)
	}
	press(m, "tab", "o")
	if len(opened) != 2 || opened[1] != "https://www.urssaf.fr/page" {
		t.Fatalf("o on a selected link opened %q", opened)
	}
	press(m, "y")
	if len(copied) != 1 || copied[0] != "https://www.urssaf.fr/page" {
		t.Fatalf("y copied %q", copied)
	}
	if !strings.Contains(m.screenText(), "Copied https://www.urssaf.fr/page") {
		t.Fatalf("no confirmation:\n%s", m.screenText())
	}
	press(m, "Y")
	if len(copied) != 2 || !strings.HasPrefix(copied[1], "# T site\n") || !strings.Contains(copied[1], "[a page](https://www.urssaf.fr/page)") {
		t.Fatalf("Y copied %q", copied[len(copied)-1])
	}

	press(m, "esc", "esc")
	typeText(m, "T none")
	press(m, "enter", "o")
	if len(opened) != 2 || !strings.Contains(m.screenText(), "no website") {
		t.Fatalf("o without a website: opened %q, screen:\n%s", opened, m.screenText())
	}
	press(m, "esc", "esc")
	typeText(m, "T ftp")
	press(m, "enter", "o")
	if len(opened) != 2 || !strings.Contains(m.screenText(), "ftp://files.example.org") {
		t.Fatalf("o on ftp: opened %q, screen:\n%s", opened, m.screenText())
	}
	// No opener on this machine: say so and show the address.
	m.c.openURL = func(string) error { return errNoOpener }
	press(m, "esc", "esc")
	typeText(m, "T site")
	press(m, "enter", "o")
	if s := m.screenText(); !strings.Contains(s, "No browser opener") || !strings.Contains(s, "https://www.ameli.fr") {
		t.Fatalf("no opener: screen:\n%s", s)
	}
}

func TestMarksAndRecentPersist(t *testing.T) {
	dir := t.TempDir()
	o := Options{Library: guide(t), Style: "dark", StateDir: dir}
	m := newModelWith(t, o, 120, 40)
	typeText(m, "cpam")
	press(m, "enter", "m")
	if !strings.Contains(m.screenText(), "Marked CPAM") {
		t.Fatalf("no confirmation:\n%s", m.screenText())
	}
	m = newModelWith(t, o, 120, 40)
	if s := m.screenText(); !strings.Contains(s, "Marked 1") || !strings.Contains(s, "Recent") {
		t.Fatalf("marks or recent entries were not kept:\n%s", s)
	}
	press(m, "esc", "5")
	if m.list.results.Len() != 1 || m.list.results.At(0).Entry.ID != "cpam" {
		t.Fatalf("the Marked tab lists %d entries", m.list.results.Len())
	}
	files, _ := os.ReadDir(dir)
	if len(files) != 1 || files[0].Name() != "state.json" {
		t.Fatalf("state folder holds %v, want state.json only", files)
	}
	// A damaged file: one line, and the browser works.
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = newModelWith(t, o, 120, 40)
	if s := m.screenText(); !strings.Contains(s, "damaged") {
		t.Fatalf("no notice about a damaged state file:\n%s", s)
	}
	typeText(m, "caf")
	if m.reader.entry == nil {
		t.Fatal("the browser does not work after a damaged state file")
	}
}

func TestStartPageAndGuideSteps(t *testing.T) {
	m := newModel(t, 120, 40, "")
	s := m.screenText()
	for _, want := range []string{"I have just arrived", "Register as a student", "Most used", "Type a word"} {
		if !strings.Contains(s, want) {
			t.Fatalf("the start page lacks %q:\n%s", want, s)
		}
	}
	if m.reader.entry != nil {
		t.Fatalf("the reader shows %s before any search", m.reader.entry.ID)
	}
	press(m, "enter") // from the empty box to the start page
	press(m, "enter") // the first path
	p := m.c.paths[0]
	if m.reader.entry == nil || m.reader.entry.ID != p.steps[0] {
		t.Fatalf("opening the first path shows %v, want %s", m.reader.entry, p.steps[0])
	}
	if s := m.screenText(); !strings.Contains(s, "step 1 of "+itoa(len(p.steps))) {
		t.Fatalf("no step in the header:\n%s", s)
	}
	press(m, "]")
	if m.reader.entry.ID != p.steps[1] || !strings.Contains(m.screenText(), "step 2 of") {
		t.Fatalf("] went to %s", m.reader.entry.ID)
	}
	if m.list.selectedID() != p.steps[1] {
		t.Fatalf("the list selects %s, not the step read", m.list.selectedID())
	}
	press(m, "[")
	if m.reader.entry.ID != p.steps[0] {
		t.Fatalf("[ went to %s", m.reader.entry.ID)
	}
	// The register guide of the path is on it, in order.
	if p.index(p.start) < 0 {
		t.Fatalf("path %s lacks its own guide", p.name)
	}
}

func TestGuidePathsFromFrontMatter(t *testing.T) {
	g := func(id string, order int, paths string) string {
		return "---\nid: " + id + "\nkind: guide\ntitle: " + id + "\norder: " + itoa(order) + "\npaths: [" + paths + "]\n---\nBody.\n"
	}
	lib := library(t, map[string]string{
		"arrive.md":           g("arrive", 1, "student, worker"),
		"number.md":           g("number", 2, "student, worker"),
		"student.md":          g("student", 3, "student"),
		"worker.md":           g("worker", 4, ""),
		"doctor.md":           g("doctor", 5, "student, worker"),
		"topic.md":            g("topic", 9, ""), // on no path: not a step
		"register-nothing.md": g("register-nothing", 6, ""),
	})
	paths := guidePaths(lib)
	if len(paths) != 2 {
		t.Fatalf("%d paths, want 2: %+v", len(paths), paths)
	}
	if got := strings.Join(paths[0].steps, " "); paths[0].start != "student" || got != "arrive number student doctor" {
		t.Fatalf("student path: %s %s", paths[0].start, got)
	}
	// A guide opens its path even when it does not list itself.
	if got := strings.Join(paths[1].steps, " "); paths[1].start != "worker" || got != "arrive number worker doctor" {
		t.Fatalf("worker path: %s %s", paths[1].start, got)
	}
	if w := wholeGuide(lib); w == nil || strings.Join(w.steps, " ") != "arrive number student doctor" {
		t.Fatalf("whole guide: %+v", w)
	}
	none := library(t, map[string]string{"arrive.md": g("arrive", 2, ""), "number.md": g("number", 1, "")})
	if p := guidePaths(none); len(p) != 0 || wholeGuide(none) != nil {
		t.Fatalf("guides on no path make no path: %+v", p)
	}
}

func TestHelpTopBottom(t *testing.T) {
	m := newModel(t, 80, 20, "")
	press(m, "esc", "?", "G")
	if s := m.screenText(); !strings.Contains(s, "closes this help") {
		t.Fatalf("G did not reach the end of the help:\n%s", s)
	}
	press(m, "home")
	if s := m.screenText(); !strings.Contains(s, "Anywhere") {
		t.Fatalf("home did not reach the top:\n%s", s)
	}
	press(m, "end", "g")
	if s := m.screenText(); !strings.Contains(s, "Anywhere") {
		t.Fatalf("g did not reach the top:\n%s", s)
	}
}

func TestTabClick(t *testing.T) {
	m := newModel(t, 120, 40, "")
	m.screenText()
	sp := m.tabSpans[3]
	send(m, tea.MouseClickMsg{X: sp[0] + 1, Y: 0, Button: tea.MouseLeft})
	if m.list.tab != 3 {
		t.Fatalf("a click on the Guide tab selected tab %d", m.list.tab)
	}
}

func TestPlaceholderCutWithEllipsis(t *testing.T) {
	m := newModel(t, 40, 15, "")
	if line := strings.SplitN(m.screenText(), "\n", 3)[1]; !strings.Contains(line, "…") {
		t.Fatalf("the placeholder is cut without …: %q", line)
	}
}

func TestLightCursorIsVisible(t *testing.T) {
	m := newModelWith(t, Options{Library: guide(t), Style: "light"}, 80, 24)
	if c := m.list.input.Styles().Cursor.Color; c != m.c.st.title.GetForeground() {
		t.Fatalf("light cursor colour %v, want the text colour", c)
	}
}

// The reader renders in a command: until the page comes it says so, and
// a page nobody waits for any more is ignored.
func TestRenderingOffTheLoop(t *testing.T) {
	m := New(Options{Library: guide(t), Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, r := range "cpam" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if m.reader.entry == nil || m.reader.page != nil {
		t.Fatal("the page was rendered inside Update")
	}
	if s := m.screenText(); !strings.Contains(s, "rendering…") {
		t.Fatalf("no placeholder while rendering:\n%s", s)
	}
	stale := pageKey{"caf", m.reader.measure(), "dark"}
	m.Update(pageMsg{stale, m.c.pages.render(m.c.lib.Get("caf"), stale)})
	if m.reader.page != nil {
		t.Fatal("a stale page was shown")
	}
	want := m.reader.want
	m.Update(pageMsg{want, m.c.pages.render(m.reader.entry, want)})
	if m.reader.page == nil || !strings.Contains(m.screenText(), "Caisse primaire") {
		t.Fatal("the page did not show when it came")
	}
}

func TestFooterHintsOnlyWhatApplies(t *testing.T) {
	lib := library(t, map[string]string{"a.md": entryFile("a", "", "No links here.")})
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 100, 20)
	typeText(m, "T a")
	press(m, "enter")
	footer := m.screenText()[strings.LastIndex(m.screenText(), "\n"):]
	for _, no := range []string{"next link", "back", "next step", "open in browser"} {
		if strings.Contains(footer, no) {
			t.Fatalf("the footer offers %q where it does nothing: %s", no, footer)
		}
	}
}

// Under 80 columns the start page shows under the search box; esc from it
// shows the list.
func TestStartPageOnePane(t *testing.T) {
	m := newModel(t, 60, 20, "")
	if s := m.screenText(); !strings.Contains(s, "I have just arrived") {
		t.Fatalf("no start page at 60 columns:\n%s", s)
	}
	press(m, "enter", "esc")
	if s := m.screenText(); strings.Contains(s, "I have just arrived") || !strings.Contains(s, "CAF") {
		t.Fatalf("esc from the start page does not show the list:\n%s", s)
	}
	checkFits(t, m, "one pane")
}

// Protecting addresses from wrapping never changes a link's target.
func TestKeepTogetherKeepsLinkTargets(t *testing.T) {
	const u = "https://www.service-public.fr/particuliers/vosdroits/F-123"
	lib := library(t, map[string]string{"a.md": entryFile("a", "", "Read [the page]("+u+") and etudiant-etranger.ameli.fr.")})
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 100, 30)
	typeText(m, "T a")
	found := false
	for _, l := range m.reader.page.links {
		if l.target == u {
			found = true
		}
		if strings.ContainsAny(l.target, keepSpace+keepHyphen) {
			t.Fatalf("link target %q holds a stand-in", l.target)
		}
	}
	if !found {
		t.Fatalf("no link to %s in %+v", u, m.reader.page.links)
	}
	for _, l := range m.reader.page.lines {
		if strings.ContainsAny(l, keepSpace+keepHyphen) {
			t.Fatalf("a line holds a stand-in: %q", l)
		}
	}
}

// A common step read from the list is a step of the whole guide; a
// register guide is the first of its own path's own step.
func TestStepsOutsideAPath(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "which agency to contact")
	press(m, "enter")
	if s := m.screenText(); !strings.Contains(s, "of 10 · the whole guide") {
		t.Fatalf("a common step read from the list:\n%s", s)
	}
	// "/" first: r, like p, opens a tool page from the list.
	press(m, "esc", "esc", "/")
	typeText(m, "register as a student")
	press(m, "enter")
	if s := m.screenText(); !strings.Contains(s, "of 7 · Register as a student") {
		t.Fatalf("a register guide read from the list:\n%s", s)
	}
}
