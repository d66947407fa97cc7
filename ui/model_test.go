package ui

import (
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
)

// screenText is the screen without styling.
func (m *Model) screenText() string { return ansi.Strip(m.render()) }

var update = flag.Bool("update", false, "rewrite the golden screens")

func guide(t testing.TB) *content.Library {
	t.Helper()
	lib, err := content.Embedded()
	if err != nil {
		t.Fatalf("embedded guide: %v", err)
	}
	return lib
}

func newModel(t testing.TB, w, h int, query string) *Model {
	t.Helper()
	return newModelWith(t, Options{Library: guide(t), Query: query, Style: "dark"}, w, h)
}

// newModelWith builds a model that never reaches a browser or the system
// clipboard, runs its start-up commands and sizes it.
func newModelWith(t testing.TB, o Options, w, h int) *Model {
	t.Helper()
	m := New(o)
	m.c.openURL = func(u string) error { return errNoOpener }
	m.c.systemCopy = func(string) {}
	do(m, m.Init())
	send(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func init() { noticeTime = time.Millisecond }

// do runs a command as the program would and feeds back the messages the
// model waits for (rendered pages, the index); others are dropped.
func do(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			do(m, c)
		}
	case pageMsg, indexMsg, noticeMsg:
		send(m, msg)
	}
}

// send delivers a message and runs what it asks for.
func send(m *Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	do(m, cmd)
}

// press sends keys given as Bubble Tea key names ("enter", "alt+left") or,
// for anything longer than one rune that is not a name, literal text.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		send(m, keyMsg(k))
	}
}

var named = map[string]rune{
	"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape,
	"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown,
	"left": tea.KeyLeft, "right": tea.KeyRight, "pgdown": tea.KeyPgDown,
	"pgup": tea.KeyPgUp, "space": tea.KeySpace, "home": tea.KeyHome, "end": tea.KeyEnd,
}

func keyMsg(k string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(k, "ctrl+"):
			mod |= tea.ModCtrl
			k = k[5:]
			continue
		case strings.HasPrefix(k, "alt+"):
			mod |= tea.ModAlt
			k = k[4:]
			continue
		case strings.HasPrefix(k, "shift+"):
			mod |= tea.ModShift
			k = k[6:]
			continue
		}
		break
	}
	if c, ok := named[k]; ok {
		msg := tea.KeyPressMsg{Code: c, Mod: mod}
		if c == tea.KeySpace && mod == 0 {
			msg.Text = " "
		}
		return msg
	}
	r := []rune(k)[0]
	msg := tea.KeyPressMsg{Code: r, Mod: mod}
	if mod == 0 {
		msg.Text = k
	}
	return msg
}

func typeText(m *Model, s string) {
	for _, r := range s {
		send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func TestKeyNames(t *testing.T) {
	for _, k := range []string{"enter", "tab", "shift+tab", "esc", "alt+left", "alt+right", "ctrl+k", "alt+2", "backspace", "q", "G", "space"} {
		if got := keyMsg(k).String(); got != k {
			t.Errorf("keyMsg(%q).String() = %q", k, got)
		}
	}
}

// checkFits fails when the screen is not exactly the terminal's size.
func checkFits(t *testing.T, m *Model, what string) {
	t.Helper()
	screen := m.render()
	lines := strings.Split(screen, "\n")
	if m.width > 0 && m.height > 0 && len(lines) != m.height {
		t.Fatalf("%s: %d lines on a %dx%d terminal", what, len(lines), m.width, m.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.width {
			t.Fatalf("%s: line %d is %d cells wide on a %dx%d terminal: %q", what, i, w, m.width, m.height, ansi.Strip(l))
		}
	}
}

func TestSearchAndOpen(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "carte vit")
	if id := m.list.selectedID(); id != "carte-vitale" {
		t.Fatalf("after typing 'carte vit' the selection is %q, want carte-vitale", id)
	}
	press(m, "enter")
	if m.focus != focusReader {
		t.Fatalf("enter did not move focus to the reader")
	}
	screen := m.screenText()
	if !strings.Contains(screen, "Carte Vitale") || !strings.Contains(screen, "What it is") {
		t.Fatalf("the reader does not show the Carte Vitale entry:\n%s", screen)
	}
	checkFits(t, m, "open entry")
}

func TestTypingQInSearchBoxDoesNotQuit(t *testing.T) {
	m := newModel(t, 100, 30, "")
	_, cmd := m.Update(keyMsg("q"))
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("q quit while the search box had focus")
		}
	}
	if m.list.input.Value() != "q" {
		t.Fatalf("search box holds %q, want q", m.list.input.Value())
	}
	press(m, "esc", "esc") // clear, then leave the box
	// In the list, q starts a search; q again right away quits.
	if _, cmd = m.Update(keyMsg("q")); isQuit(cmd) {
		t.Fatal("one q in the list quit")
	}
	if _, cmd = m.Update(keyMsg("q")); !isQuit(cmd) {
		t.Fatal("q q in the list did not quit")
	}
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, quit := cmd().(tea.QuitMsg)
	return quit
}

// No ordinary typing quits: a word typed where the list or the reader has
// focus becomes a new search.
func TestTypingAWordNeverQuits(t *testing.T) {
	for _, tt := range []struct {
		name  string
		keys  []string
		typed string
		want  string
	}{
		{"list after esc", []string{"esc"}, "quebec", "quebec"},
		{"reader after enter", []string{"enter"}, "quebec", "quebec"},
		{"list, unbound letter", []string{"esc"}, "urssaf", "urssaf"},
		{"reader, unbound letter", []string{"enter"}, "caf", "caf"},
		{"qq inside a word types", []string{}, "aqqa", "aqqa"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(t, 120, 40, "")
			if tt.name == "reader after enter" || tt.name == "reader, unbound letter" {
				typeText(m, "cpam")
			}
			press(m, tt.keys...)
			for _, r := range tt.typed {
				if _, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}); isQuit(cmd) {
					t.Fatalf("typing %q quit at %q", tt.typed, string(r))
				}
			}
			if got := m.list.input.Value(); got != tt.want || m.focus != focusSearch {
				t.Fatalf("typing %q gave query %q (focus %d), want %q in the box", tt.typed, got, m.focus, tt.want)
			}
		})
	}
}

// The list selects the entry being read after following a link and going
// back, so that esc lands on it.
func TestListCursorFollowsReader(t *testing.T) {
	m := newModel(t, 120, 40, "")
	press(m, "esc", "esc")
	do(m, m.follow("cpam")) // needs an entry in the reader: the first is shown
	if m.list.selectedID() != "cpam" {
		t.Fatalf("after following to cpam the list selects %q", m.list.selectedID())
	}
	do(m, m.follow("carte-vitale"))
	press(m, "backspace")
	if m.reader.entry.ID != "cpam" || m.list.selectedID() != "cpam" {
		t.Fatalf("back: reader %q, list %q, want cpam for both", m.reader.entry.ID, m.list.selectedID())
	}
	press(m, "esc")
	if m.reader.entry.ID != "cpam" || m.list.selectedID() != "cpam" {
		t.Fatalf("esc after back: reader %q, list %q", m.reader.entry.ID, m.list.selectedID())
	}
}

func TestFollowLinkAndBack(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "carte vitale")
	press(m, "enter", "down", "down", "down")
	offset := m.reader.offset
	if offset == 0 {
		t.Fatal("scrolling did not move the reader")
	}
	press(m, "tab")
	target := m.reader.selected()
	if target == "" {
		t.Fatal("tab selected no link")
	}
	press(m, "enter")
	if m.reader.entry.ID != target {
		t.Fatalf("enter opened %q, want %q", m.reader.entry.ID, target)
	}
	press(m, "backspace")
	if m.reader.entry.ID != "carte-vitale" {
		t.Fatalf("back opened %q, want carte-vitale", m.reader.entry.ID)
	}
	if m.reader.offset != offset && m.reader.offset < offset {
		// The link may have scrolled the page further down; never up past it.
		t.Fatalf("back restored offset %d, want at least %d", m.reader.offset, offset)
	}
	press(m, "alt+right")
	if m.reader.entry.ID != target {
		t.Fatalf("forward opened %q, want %q", m.reader.entry.ID, target)
	}
	press(m, "alt+left")
	if m.reader.entry.ID != "carte-vitale" {
		t.Fatalf("alt+left opened %q, want carte-vitale", m.reader.entry.ID)
	}
}

func TestBackRestoresExactOffset(t *testing.T) {
	m := newModel(t, 120, 30, "")
	typeText(m, "reimbursement example")
	press(m, "enter", "space")
	want := m.reader.offset
	do(m, m.follow("cpam"))
	m.reader.scroll(5)
	press(m, "backspace")
	if m.reader.entry.ID != "reimbursement-example" || m.reader.offset != want {
		t.Fatalf("back gave %s at %d, want reimbursement-example at %d", m.reader.entry.ID, m.reader.offset, want)
	}
}

func TestInternalLinksShowTextNotFileNames(t *testing.T) {
	m := newModel(t, 120, 60, "")
	typeText(m, "carte vitale")
	for _, l := range m.reader.page.plain {
		if strings.Contains(l, ".md") || strings.Contains(l, "secu:") {
			t.Fatalf("a rendered line shows a link target: %q", l)
		}
	}
	if len(m.reader.page.links) < 3 {
		t.Fatalf("found %d links in carte-vitale, want several", len(m.reader.page.links))
	}
	for _, l := range m.reader.page.links {
		if !l.external() && m.c.lib.Get(l.target) == nil {
			t.Fatalf("link to unknown entry %q", l.target)
		}
		s := l.segs[0]
		text := m.reader.page.plain[s.line]
		if s.end > ansi.StringWidth(text) || s.start >= s.end {
			t.Fatalf("link %q has a bad range %v on %q", l.target, s, text)
		}
	}
}

func TestTabsAndGuideOrder(t *testing.T) {
	m := newModel(t, 120, 40, "")
	press(m, "esc") // leave the search box
	press(m, "4")
	if m.list.tab != 3 {
		t.Fatalf("4 selected tab %d", m.list.tab)
	}
	last := 0
	for i := range m.list.results.Len() {
		r := m.list.results.At(i)
		if r.Entry.Kind != content.KindGuide {
			t.Fatalf("Guide tab lists %s (%s)", r.Entry.ID, r.Entry.Kind)
		}
		if r.Entry.Order < last {
			t.Fatalf("guide %s (order %d) listed after order %d", r.Entry.ID, r.Entry.Order, last)
		}
		last = r.Entry.Order
	}
	if want := "Guide " + strconv.Itoa(m.c.lib.Count(content.KindGuide)); !strings.Contains(m.screenText(), want) {
		t.Fatalf("header lacks the guide count:\n%s", m.screenText())
	}
	press(m, "2")
	for i := range m.list.results.Len() {
		r := m.list.results.At(i)
		if r.Entry.Kind != content.KindAgency {
			t.Fatalf("Agencies tab lists %s", r.Entry.ID)
		}
	}
	// Digits type in the search box; alt+digit switches there.
	press(m, "/")
	typeText(m, "c2s")
	if m.list.input.Value() != "c2s" || m.list.tab != 1 {
		t.Fatalf("typing c2s gave query %q, tab %d", m.list.input.Value(), m.list.tab)
	}
	press(m, "alt+1")
	if m.list.tab != 0 || m.list.results.Len() == 0 || m.list.results.At(0).Entry.ID != "c2s" {
		t.Fatalf("alt+1 gave tab %d, %d results", m.list.tab, m.list.results.Len())
	}
}

func TestResizeKeepsState(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "médecin")
	press(m, "down", "enter", "space")
	id, q, off := m.reader.entry.ID, m.list.input.Value(), m.reader.offset
	frac := float64(off) / float64(m.reader.lines())
	for _, size := range [][2]int{{60, 20}, {20, 5}, {300, 100}, {120, 40}} {
		send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, m, "after resize")
		if m.reader.entry.ID != id || m.list.input.Value() != q {
			t.Fatalf("resize to %v lost the entry or query: %s %q", size, m.reader.entry.ID, m.list.input.Value())
		}
	}
	got := float64(m.reader.offset) / float64(m.reader.lines())
	if d := got - frac; d > 0.1 || d < -0.1 {
		t.Fatalf("resizing moved the reading position from %.2f to %.2f", frac, got)
	}
}

func TestRenderCache(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "cpam")
	press(m, "enter")
	n := m.c.pages.count()
	press(m, "down", "down", "space", "b", "G", "g", "tab", "tab")
	if m.c.pages.count() != n {
		t.Fatalf("scrolling rendered %d times", m.c.pages.count()-n)
	}
	press(m, "esc", "down", "up")
	if m.c.pages.count() != n+1 {
		t.Fatalf("moving away and back rendered %d times, want 1 (the new entry only)", m.c.pages.count()-n)
	}
}

func TestSearchWordsNextPrevious(t *testing.T) {
	m := newModel(t, 120, 30, "")
	typeText(m, "mutuelle")
	press(m, "enter")
	if len(m.reader.hits) < 3 {
		t.Fatalf("found %d occurrences of the search word", len(m.reader.hits))
	}
	press(m, "n")
	first := m.reader.hitIdx
	press(m, "n")
	if m.reader.hitIdx != first+1 {
		t.Fatalf("n went from %d to %d", first, m.reader.hitIdx)
	}
	press(m, "N")
	if m.reader.hitIdx != first {
		t.Fatalf("N went back to %d, want %d", m.reader.hitIdx, first)
	}
	h := m.reader.hits[m.reader.hitIdx]
	line := m.reader.page.plain[h.line]
	word := strings.ToLower(ansi.Cut(line, h.start, h.end))
	if word != "mutuelle" && word != "mutuelles" {
		t.Fatalf("hit covers %q, want mutuelle", word)
	}
}

func TestEmptyResult(t *testing.T) {
	m := newModel(t, 80, 24, "")
	typeText(m, "zzqxw")
	s := m.screenText()
	if !strings.Contains(s, "Nothing matches") || !strings.Contains(s, "fewer letters") {
		t.Fatalf("empty result has no advice:\n%s", s)
	}
}

// When no entry has every word, the list says so above the closest
// entries, and a click still selects the row under the pointer.
func TestNoExactMatchNote(t *testing.T) {
	m := newModel(t, 100, 24, "")
	typeText(m, "carte vitale ameli xylophone")
	s := m.screenText()
	if !strings.Contains(s, "no exact match — closest entries") {
		t.Fatalf("partial results without the note:\n%s", s)
	}
	checkFits(t, m, "partial results")
	m.Update(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if m.list.cursor != 1 {
		t.Fatalf("click on the second result row selected row %d", m.list.cursor)
	}
	press(m, "esc")
	typeText(m, "carte vitale")
	if s := m.screenText(); strings.Contains(s, "no exact match") {
		t.Fatalf("the note stays for a full match:\n%s", s)
	}
}

func TestLongQueryScrollsInBox(t *testing.T) {
	m := newModel(t, 80, 24, "")
	typeText(m, strings.Repeat("sécurité sociale ", 10))
	checkFits(t, m, "long query")
}

func TestMouse(t *testing.T) {
	m := newModel(t, 120, 40, "")
	send(m, tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if m.list.cursor != 2 {
		t.Fatalf("click on the third row selected row %d", m.list.cursor)
	}
	id := m.reader.entry.ID
	send(m, tea.MouseWheelMsg{X: 80, Y: 10, Button: tea.MouseWheelDown})
	if m.reader.offset == 0 {
		t.Fatal("the wheel over the reader did not scroll it")
	}
	if m.reader.entry.ID != id {
		t.Fatal("the wheel over the reader changed the entry")
	}
	// Click on the first link of the page.
	m.reader.top()
	l := m.reader.page.links[0]
	for _, x := range m.reader.page.links {
		if !x.external() {
			l = x
			break
		}
	}
	m.reader.ensureVisible(l.segs[0].line)
	x := m.listWidth() + 1 + l.segs[0].start
	y := 1 + l.segs[0].line - m.reader.offset
	send(m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	if m.reader.entry.ID != l.target {
		t.Fatalf("clicking the link opened %q, want %q", m.reader.entry.ID, l.target)
	}
}

func TestChecker(t *testing.T) {
	m := newModel(t, 100, 30, "")
	press(m, "ctrl+k")
	if !m.checker.active {
		t.Fatal("ctrl+k did not open the checker")
	}
	typeText(m, "2 69 05 49 588 157 80")
	s := m.screenText()
	if !strings.Contains(s, "Valid") {
		t.Fatalf("checker does not say the specimen is valid:\n%s", s)
	}
	press(m, "esc")
	if m.checker.active || m.checker.input.Value() != "" {
		t.Fatal("esc did not close the checker and forget the number")
	}
	press(m, "ctrl+k")
	if m.checker.input.Value() != "" {
		t.Fatal("the checker remembered the number")
	}
}

func TestCheckerFromEntryLink(t *testing.T) {
	m := newModel(t, 120, 40, "")
	typeText(m, "social security number")
	press(m, "enter")
	if m.reader.entry.ID != "social-security-number" {
		t.Fatalf("the query opened %s", m.reader.entry.ID)
	}
	for range m.reader.page.links {
		press(m, "tab")
		if m.reader.selected() == nirTarget {
			press(m, "enter")
			if !m.checker.active {
				t.Fatal("following the checker link did not open it")
			}
			return
		}
	}
	t.Fatal("the social-security-number entry has no link to the checker")
}

func TestHostileContentNeverReachesTheTerminal(t *testing.T) {
	evil := "\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[2J\x1bP1;2|x\x1b\\\u009b31m\x1b]8;;http://evil\x07click\x1b]8;;\x07"
	// YAML refuses raw controls, but its escapes (\e, \a) produce them.
	yamlEvil := `\e]52;c;ZXZpbA==\a\e]0;pwned\a\e[2J\x9b31m\e]8;;http://evil\aclick\e]8;;\a`
	fsys := fstest.MapFS{
		"evil.md": {Data: []byte("---\nid: evil\nkind: term\ntitle: \"Evil" + yamlEvil + "\"\nfrench: \"F" + yamlEvil + "\"\n---\nBody " + evil + " text.\n")},
	}
	lib, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	m := newModelWith(t, Options{Library: lib, Style: "dark"}, 100, 20)
	typeText(m, "evil")
	screen := m.render()
	for _, bad := range []string{"\x1b]52", "\x1b]0;", "\x1b[2J", "\x1bP", "\u009b", "http://evil", "\a"} {
		if strings.Contains(screen, bad) {
			t.Fatalf("screen contains %q", bad)
		}
	}
}

func TestGolden(t *testing.T) {
	sizes := [][2]int{{120, 40}, {80, 24}, {40, 15}}
	states := []struct {
		name string
		run  func(m *Model)
	}{
		{"list", func(m *Model) {}},
		{"entry", func(m *Model) { typeText(m, "carte vitale"); press(m, "enter") }},
		{"help", func(m *Model) { press(m, "esc", "?") }},
		{"empty", func(m *Model) { typeText(m, "zzqxw") }},
	}
	for _, s := range states {
		for _, size := range sizes {
			m := newModel(t, size[0], size[1], "")
			s.run(m)
			checkFits(t, m, s.name)
			got := m.screenText()
			file := filepath.Join("testdata", "golden", s.name+"-"+strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1])+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./ui -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden screen (go test ./ui -update after checking):\n--- got\n%s\n--- want\n%s", file, got, want)
			}
		}
	}
}

// randomMsg draws one key, mouse event or resize.
func randomMsg(r *rand.Rand, w, h int) tea.Msg {
	keys := []string{"a", "e", "c", "p", "m", "1", "2", "3", "4", "q", "?", "/", "j", "k", "g", "G", "n", "N", "b",
		"enter", "tab", "shift+tab", "esc", "backspace", "up", "down", "left", "right", "pgup", "pgdown", "space",
		"alt+left", "alt+right", "alt+2", "ctrl+k", "ctrl+n", "ctrl+p", "home", "end", "é", "2", "A",
		"o", "y", "Y", "m", "]", "[", "5", "/", "x"}
	switch n := r.Intn(20); {
	case n < 14:
		return keyMsg(keys[r.Intn(len(keys))])
	case n < 16:
		return tea.MouseClickMsg{X: r.Intn(w + 2), Y: r.Intn(h + 2), Button: tea.MouseLeft}
	case n < 18:
		b := tea.MouseWheelDown
		if r.Intn(2) == 0 {
			b = tea.MouseWheelUp
		}
		return tea.MouseWheelMsg{X: r.Intn(w + 2), Y: r.Intn(h + 2), Button: b}
	default:
		return tea.WindowSizeMsg{Width: 1 + r.Intn(300), Height: 1 + r.Intn(100)}
	}
}

func TestRandomEventsAlwaysFit(t *testing.T) {
	steps := 10000
	if testing.Short() {
		steps = 1000
	}
	r := rand.New(rand.NewSource(1))
	m := newModel(t, 80, 24, "")
	for i := 0; i < steps; i++ {
		// q may ask to quit; the model must still render after it.
		send(m, randomMsg(r, m.width, m.height))
		checkFits(t, m, "random step")
	}
}

func FuzzModel(f *testing.F) {
	f.Add([]byte("carte\x01\x02\x03"), uint8(80), uint8(24))
	f.Add([]byte("\x10\x11\x12zz"), uint8(20), uint8(5))
	f.Add([]byte{0xff, 0x00, 0x7f, 0x80}, uint8(1), uint8(1))
	lib := guide(f)
	f.Fuzz(func(t *testing.T, data []byte, w, h uint8) {
		// Each byte is an event, and a resize can mean a Glamour render:
		// a bound keeps one run short.
		if len(data) > 256 {
			data = data[:256]
		}
		m := newModelWith(t, Options{Library: lib, Style: "dark"}, int(w), int(h))
		r := rand.New(rand.NewSource(int64(len(data))))
		for _, b := range data {
			r.Seed(int64(b))
			send(m, randomMsg(r, m.width, m.height))
			checkFits(t, m, "fuzz step")
		}
	})
}
