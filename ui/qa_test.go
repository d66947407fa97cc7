package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
)

// lastLine is the bottom line of the screen without styling or padding.
func lastLine(m *Model) string {
	lines := strings.Split(screenOf(m), "\n")
	return strings.TrimRight(lines[len(lines)-1], " ")
}

// checkHintLine fails unless every item of a hint line is whole: a known
// "key desc" pair, with "…" (and the reader's percentage) only at the end.
func checkHintLine(t *testing.T, line, sep string, known []string, what string) {
	t.Helper()
	line = strings.TrimSpace(line)
	if i := strings.LastIndex(line, "  "); i >= 0 && strings.HasSuffix(line, "%") {
		line = strings.TrimSpace(line[:i])
	}
	line = strings.TrimSuffix(line, " …")
	for _, item := range strings.Split(line, sep) {
		ok := false
		for _, k := range known {
			if item == k {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: cut item %q in %q", what, item, line)
		}
	}
}

// The footer never cuts a key's description in the middle: at any width
// it shows whole hints and "…" for those left out.
func TestFooterHintsAreWholeAtEveryWidth(t *testing.T) {
	k := newKeyMap()
	var known []string
	for _, g := range k.full() {
		for _, b := range g.bindings {
			known = append(known, b.Help().Key+" "+b.Help().Desc)
		}
	}
	known = append(known, "? help", "f1 help", "esc clear", "esc list", "enter open", "↑↓ move")
	for _, w := range []int{30, 40, 60, 80, 120} {
		m := newModel(t, w, 12, "médecin traitant")
		checkHintLine(t, lastLine(m), " • ", known, "search box")
		press(m, "enter")
		checkHintLine(t, lastLine(m), " • ", known, "reader")
		if w == 40 && !strings.HasSuffix(strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(lastLine(m)), "%"), " 0123456789"), "…") {
			t.Errorf("40 columns: the reader's footer should end in …: %q", lastLine(m))
		}
		press(m, "esc")
		checkHintLine(t, lastLine(m), " • ", known, "list")
	}
}

// The plan and refund pages' key bars drop whole items, not letters.
func TestToolBarsAreWhole(t *testing.T) {
	planBar := strings.Split("↑↓ step · x tick · tab link · enter follow · y copy · n new answers · esc back", " · ")
	refundBar := strings.Split("↑↓ scroll · y copy · n new calculation · esc back", " · ")
	for _, w := range []int{30, 40, 60, 100} {
		m := toolModel(t, w, 20)
		drive(m, "p")
		answerPlan(m)
		lines := strings.Split(screenOf(m), "\n")
		checkHintLine(t, lines[len(lines)-2], " · ", planBar, "plan bar")
		drive(m, "esc", "r", "enter", "enter", "enter", "enter", "enter", "enter")
		lines = strings.Split(screenOf(m), "\n")
		checkHintLine(t, lines[len(lines)-2], " · ", refundBar, "refund bar")
	}
}

// The start page and the help overlay name a help key that works where
// the focus is at start: the search box, where ? types.
func TestStartPageHelpKeyWorksInTheSearchBox(t *testing.T) {
	m := newModel(t, 100, 30, "")
	if m.focus != focusSearch {
		t.Fatalf("focus at start %v, want the search box", m.focus)
	}
	s := screenOf(m)
	if !strings.Contains(s, "f1 every key") || strings.Contains(s, "? every key") {
		t.Fatalf("start page should point to f1:\n%s", s)
	}
	press(m, "f1")
	if !m.helpv.active {
		t.Fatal("f1 in the search box did not open help")
	}
	if !strings.Contains(screenOf(m), "?/f1") {
		t.Errorf("help overlay does not list f1:\n%s", screenOf(m))
	}
}

// The plan page keeps a web address whole, as the reader does: at 60
// columns the ANEF site moves under its label instead of breaking at a
// hyphen.
func TestPlanKeepsWebAddressesWhole(t *testing.T) {
	const site = "administration-etrangers-en-france.interieur.gouv.fr"
	for _, w := range []int{60, 70, 100} {
		m := toolModel(t, w, 60)
		drive(m, "p", "enter", "enter", "enter", "enter", "enter")
		if m.tools.plan.result == nil {
			t.Fatalf("%d columns: no checklist:\n%s", w, screenOf(m))
		}
		if s := screenOf(m); !strings.Contains(s, site) {
			t.Errorf("%d columns: %s is broken:\n%s", w, site, s)
		}
		checkFits(t, m, "plan")
	}
}

// The refund page wraps its notes to the pane with their indent, instead
// of wrapping the 72-column text again ("under a" alone on a line).
func TestRefundNotesWrapToThePane(t *testing.T) {
	for _, w := range []int{50, 60, 100} {
		m := toolModel(t, w, 40)
		drive(m, "r", "enter", "enter", "enter", "enter", "enter", "enter")
		if m.tools.refund.result == nil {
			t.Fatalf("%d columns: no result:\n%s", w, screenOf(m))
		}
		for _, l := range m.tools.refund.lines(m.c.st) {
			l = ansi.Strip(l)
			if strings.HasPrefix(l, "Figures as of") {
				break // the last sentence, wrapped as text
			}
			if l == "" || strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "  ") {
				continue
			}
			// Otherwise a line is a title, a label with its amount or the date.
			if !strings.ContainsAny(l, "€%") && !strings.HasPrefix(l, "GP") && !strings.HasPrefix(l, "Figures as of") {
				t.Errorf("%d columns: a note lost its indent: %q", w, l)
			}
		}
		checkFits(t, m, "refund result")
	}
}

// While the find query is typed, n and N type: the bar offers enter and
// esc then, and n/N once enter has kept the query.
func TestFindBarHintsMatchTheKeys(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "carte vitale")
	press(m, "enter", "/")
	typeText(m, "card")
	bar := m.reader.findBar()
	if strings.Contains(ansi.Strip(bar), "n next") || !strings.Contains(ansi.Strip(bar), "enter keep") {
		t.Fatalf("typing: %q", ansi.Strip(bar))
	}
	typeText(m, "n")
	if m.reader.find.query != "cardn" {
		t.Fatalf("n did not type: %q", m.reader.find.query)
	}
	press(m, "backspace", "enter")
	if bar := ansi.Strip(m.reader.findBar()); !strings.Contains(bar, "n next") {
		t.Fatalf("after enter: %q", bar)
	}
}

// q in the list types a "q" search and waits for a second q: the footer
// says so, since it shows the search box's keys, where q types.
func TestFirstQSaysASecondQuits(t *testing.T) {
	m := newModel(t, 120, 40, "")
	press(m, "esc")
	if m.focus != focusList {
		t.Fatalf("focus %v, want the list", m.focus)
	}
	press(m, "q")
	if l := lastLine(m); !strings.Contains(l, "q again quits") {
		t.Fatalf("after one q the footer says %q", l)
	}
	press(m, "u")
	if l := lastLine(m); strings.Contains(l, "q again quits") || m.list.query() != "qu" {
		t.Fatalf("after qu: footer %q, query %q", l, m.list.query())
	}
}

// The tool pages' questions wrap to the screen, also after a resize
// (huh kept the old width until the next key) and the heading too.
func TestToolFormsWrapAfterResize(t *testing.T) {
	for _, tool := range []string{"p", "r"} {
		m := toolModel(t, 80, 24)
		drive(m, tool)
		if tool == "p" {
			drive(m, "down", "enter")
		}
		m.Update(tea.WindowSizeMsg{Width: 40, Height: 14})
		s := screenOf(m)
		for _, want := range map[string][]string{
			"p": {"My plan: a few questions (nothing", "Are you a national of the EU, the", "Switzerland?", "↑ up"},
			"r": {"What will I pay? (figures from the", "guide's table)", "↑ up"},
		}[tool] {
			if !strings.Contains(s, want) {
				t.Errorf("%s at 40 columns after a resize: no %q:\n%s", tool, want, s)
			}
		}
		checkFits(t, m, "resized form")
	}
}

// Every key the list acts on is in the help overlay's List group: Y
// copies the selected entry as Markdown there as in the reader.
func TestHelpListsYInTheList(t *testing.T) {
	k := newKeyMap()
	for _, g := range k.full() {
		if !strings.HasPrefix(g.title, "List") {
			continue
		}
		for _, b := range g.bindings {
			if b.Help().Key == "Y" {
				m := newModel(t, 120, 40, "cpam")
				var copied string
				m.c.systemCopy = func(s string) { copied = s }
				press(m, "esc")
				if m.focus != focusList {
					t.Fatalf("focus %v", m.focus)
				}
				_, cmd := m.Update(keyMsg("Y"))
				runCmds(m, cmd, 0)
				if !strings.Contains(copied, "CPAM") {
					t.Fatalf("Y in the list copied %q", copied)
				}
				return
			}
		}
	}
	t.Fatal("the help's List group does not list Y")
}

// On a small screen the checker shows the number and what it says rather
// than its introduction: at 40×12 the key line was below the screen.
func TestCheckerResultOnASmallScreen(t *testing.T) {
	m := newModel(t, 40, 12, "")
	press(m, "ctrl+k")
	if !strings.Contains(screenOf(m), "Check a French social security") {
		t.Fatalf("no introduction before a number is typed:\n%s", screenOf(m))
	}
	typeText(m, "255081416802538")
	s := screenOf(m)
	for _, want := range []string{"Number: 255081416802538", "Valid social security number.", "Key: 38"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q at 40x12:\n%s", want, s)
		}
	}
	checkFits(t, m, "checker")
	m = newModel(t, 120, 40, "")
	press(m, "ctrl+k")
	typeText(m, "255081416802538")
	if s := screenOf(m); !strings.Contains(s, "never stored") || !strings.Contains(s, "Key: 38") {
		t.Errorf("at 120x40 the introduction and the result both show:\n%s", s)
	}
}

// Punctuation after a cross-reference never starts a line: Glamour puts a
// space before the hidden address and wrapping broke there, leaving
// "(CPAM" above ", or MSA".
func TestNoLineStartsWithPunctuationAfterALink(t *testing.T) {
	lib := guide(t)
	starts := regexp.MustCompile(`^\s*[,.;:!?]`)
	for _, w := range []int{40, 60, 80, 100} {
		for _, e := range lib.Entries {
			out, err := RenderEntry(lib, e, w, "notty")
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(out, "\n")
			for i, l := range lines {
				if i > 0 && starts.MatchString(l) {
					t.Errorf("%s at %d columns: %q then %q", e.ID, w, lines[i-1], l)
				}
			}
		}
	}
	out, err := RenderEntry(lib, lib.Get("pregnancy"), 80, "notty")
	if err != nil || !strings.Contains(out, "(CPAM, or MSA for farm work)") {
		t.Errorf("the text reads differently:\n%s", out)
	}
}

// Only the links rewritten in prose get their punctuation: code stays as
// written.
func TestInternalLinksPunctuationLeavesCodeAlone(t *testing.T) {
	in := "See [CPAM](cpam.md), then **[CAF](caf.md)**: done ([MSA](msa.md)).\n\n```\n[CPAM](cpam.md), literal\n```\n"
	got := internalLinks(in)
	want := "See [CPAM,](secu:cpam) then **[CAF:](secu:caf)** done ([MSA).](secu:msa)\n\n```\n[CPAM](cpam.md), literal\n```\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// On a narrow screen the "no browser opener" notice keeps the address,
// the one thing the reader needs from it.
func TestNarrowNoticeKeepsTheAddress(t *testing.T) {
	m := newModel(t, 70, 20, "médecin traitant")
	press(m, "enter")
	u := m.linkOrSite(m.reader.entry)
	if u == "" || len(u) > 65 {
		t.Fatalf("want a short address to test with, got %q", u)
	}
	press(m, "o")
	if l := lastLine(m); !strings.Contains(l, u) {
		t.Fatalf("footer %q lacks %s", l, u)
	}
	checkFits(t, m, "notice")
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
	if l := lastLine(m); !strings.Contains(l, "No browser opener") {
		t.Fatalf("wide footer %q", l)
	}
}

// In a folder without figures the refund page says so before asking
// anything, and its key bar offers only what works.
func TestRefundWithoutFigures(t *testing.T) {
	lib, err := content.Load(fstest.MapFS{
		"a.md": {Data: []byte("---\nid: a\nkind: term\ntitle: A\n---\nAn entry.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 100, 30)
	m.setFocus(focusList)
	drive(m, "r")
	s := screenOf(m)
	if m.tools.refund.form != nil || !strings.Contains(s, "no figures table") {
		t.Fatalf("refund page without figures:\n%s", s)
	}
	lines := strings.Split(s, "\n")
	if bar := strings.TrimSpace(lines[len(lines)-2]); bar != "esc back" {
		t.Fatalf("bar %q", bar)
	}
	// A refused calculation cannot be copied: no y in the bar.
	m = toolModel(t, 100, 30)
	drive(m, "r", "down", "down", "enter", "enter", "enter", "enter", "enter", "enter")
	lines = strings.Split(screenOf(m), "\n")
	if m.tools.refund.reason == "" || strings.Contains(lines[len(lines)-2], "y copy") {
		t.Fatalf("refused: reason %q, bar %q", m.tools.refund.reason, lines[len(lines)-2])
	}
}

// A damaged state file is reported once; after a save works, m says what
// it did instead of repeating that the file is damaged.
func TestDamagedStateIsReportedThenForgotten(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := newModelWith(t, Options{Library: guide(t), Style: "dark", StateDir: dir}, 60, 20)
	if l := lastLine(m); !strings.Contains(m.c.store.problem, "is damaged") || !strings.HasSuffix(l, "…") {
		t.Fatalf("start: footer %q", l)
	}
	typeText(m, "cpam")
	press(m, "esc", "esc")
	press(m, "m")
	if l := lastLine(m); !strings.Contains(l, "Marked CPAM") {
		t.Fatalf("after m: footer %q", l)
	}
}

// Narrow, the reader's header lines are never cut: the stale warning
// wraps and a guide step drops its key hints, then the path's name.
func TestReaderHeaderWholeWhenNarrow(t *testing.T) {
	lib := library(t, map[string]string{
		"old.md": entryFile("old", "verified: 2025-10\n", "Old facts."),
	})
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 40, 20)
	m.c.now = func() time.Time { return time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) }
	typeText(m, "T old")
	press(m, "enter")
	s := strings.Join(strings.Fields(screenOf(m)), " ")
	if !strings.Contains(s, "⚠ checked 14 months ago: facts may have changed; see the sources") {
		t.Fatalf("stale warning cut at 40 columns:\n%s", screenOf(m))
	}
	for _, w := range []int{30, 40, 60, 120} {
		m := newModel(t, w, 20, "register as a student")
		press(m, "enter")
		head := strings.Split(screenOf(m), "\n")[1]
		if i := strings.Index(head, "│"); i >= 0 {
			head = head[i+len("│"):] // the split view's reader pane
		}
		head = strings.TrimSpace(head)
		ok := false
		for _, want := range []string{"step 4 of 7", "step 4 of 7 · Register as a student", "step 4 of 7 · Register as a student · ] next · [ previous"} {
			ok = ok || head == want
		}
		if !ok {
			t.Errorf("%d columns: header %q", w, head)
		}
	}
}

// On a small screen the start page begins at its heading, not in the
// middle of a sentence; with focus, it scrolls to the chosen item.
func TestStartPageReadsFromTheTop(t *testing.T) {
	m := newModel(t, 40, 12, "")
	if s := screenOf(m); !strings.Contains(s, "Welcome") {
		t.Fatalf("start page at 40x12 without its heading:\n%s", s)
	}
	press(m, "enter") // the empty box opens the start page
	if m.focus != focusReader || !m.home {
		t.Fatalf("focus %v, home %v", m.focus, m.home)
	}
	if s := screenOf(m); !strings.Contains(s, "Register as a student") {
		t.Fatalf("the chosen item is not on screen:\n%s", s)
	}
	checkFits(t, m, "start page")
}

// f1 and ctrl+k work on the plan and refund pages as the help says
// ("anywhere"), and esc comes back to the page as it was.
func TestHelpAndCheckerFromToolPages(t *testing.T) {
	m := toolModel(t, 100, 30)
	drive(m, "p")
	drive(m, "f1")
	if !m.helpv.active || !strings.Contains(screenOf(m), "secu · keys") {
		t.Fatalf("f1 on the plan form:\n%s", screenOf(m))
	}
	drive(m, "esc")
	if m.helpv.active || !m.tools.plan.active || !strings.Contains(screenOf(m), "Why are you in France?") {
		t.Fatalf("esc did not come back to the form:\n%s", screenOf(m))
	}
	answerPlan(m)
	drive(m, "?")
	if !m.helpv.active {
		t.Fatal("? on the checklist did not open help")
	}
	drive(m, "esc", "ctrl+k")
	if !m.checker.active {
		t.Fatal("ctrl+k on the checklist did not open the checker")
	}
	typeText(m, "255081416802538")
	if !strings.Contains(screenOf(m), "Valid social security number") {
		t.Fatalf("checker over the plan:\n%s", screenOf(m))
	}
	drive(m, "esc")
	if m.checker.active || m.tools.plan.result == nil || !strings.Contains(screenOf(m), "steps,") {
		t.Fatalf("esc did not come back to the checklist:\n%s", screenOf(m))
	}
	// In a form, ? is typed (the refund price field takes text).
	drive(m, "esc", "r")
	drive(m, "?")
	if m.helpv.active {
		t.Fatal("? opened help over the refund form")
	}
}

// y on the plan page says "Copied" once, in the footer, not in the page's
// key bar as well.
func TestPlanCopySaysItOnce(t *testing.T) {
	m := toolModel(t, 100, 30)
	var copied string
	m.c.systemCopy = func(s string) { copied = s }
	drive(m, "p")
	answerPlan(m)
	press(m, "y")
	if !strings.Contains(copied, "# My plan") {
		t.Fatalf("copied %q", copied)
	}
	if n := strings.Count(screenOf(m), "Copied"); n != 1 {
		t.Fatalf("%d 'Copied' on screen:\n%s", n, screenOf(m))
	}
}

// A --content folder is named in the header and on the start page, which
// then does not speak of French social security.
func TestOtherFolderIsNamed(t *testing.T) {
	lib := library(t, map[string]string{"a.md": entryFile("a", "", "Body.")})
	m := newModelWith(t, Options{Library: lib, Style: "dark", Folder: "recipes"}, 120, 30)
	s := m.screenText()
	for _, want := range []string{"secu · recipes", "The entries of recipes"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "French social security") {
		t.Errorf("another folder's screen speaks of French social security:\n%s", s)
	}
}
