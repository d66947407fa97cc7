package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
	"secu/plan"
)

func planRules(t testing.TB) *plan.Rules {
	t.Helper()
	r, err := plan.Load(content.EmbeddedFS())
	if err != nil {
		t.Fatal(err)
	}
	if probs := r.Figures(guide(t).Figure); len(probs) > 0 {
		t.Fatal(probs)
	}
	return r
}

// toolModel is a browser on the built-in guide with its plan rules, the
// focus on the list (where p and r open the tool pages).
func toolModel(t testing.TB, w, h int) *Model {
	t.Helper()
	m := New(Options{Library: guide(t), Style: "dark", PlanRules: planRules(t)})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.setFocus(focusList)
	return m
}

// drive sends keys and runs the commands they return, feeding their
// messages back, as a Bubble Tea program does: the forms move from one
// question to the next through such messages. A command that takes
// longer than a moment (a cursor blink timer) is dropped.
func drive(m *Model, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		runCmds(m, cmd, 0)
	}
}

func runCmds(m *Model, cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 20 {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(30 * time.Millisecond):
		return
	}
	if msg == nil {
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			runCmds(m, v.Index(i).Interface().(tea.Cmd), depth+1)
		}
		return
	}
	_, next := m.Update(msg)
	runCmds(m, next, depth+1)
}

func screenOf(m *Model) string { return ansi.Strip(m.render()) }

func wantScreen(t *testing.T, m *Model, want ...string) {
	t.Helper()
	s := screenOf(m)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// checkGolden compares the screen with testdata/golden/NAME.txt.
func checkGolden(t *testing.T, m *Model, name string) {
	t.Helper()
	checkFits(t, m, name)
	got := screenOf(m)
	file := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden screen (go test ./ui -update after checking):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// answerPlan answers the plan form: an employee (the second role), from
// outside the EU, arriving, two children, who has a NIR.
func answerPlan(m *Model) {
	drive(m, "down", "enter", "enter", "enter", "backspace", "2", "enter", "space", "enter")
}

func TestPlanPage(t *testing.T) {
	m := toolModel(t, 100, 30)
	drive(m, "p")
	if !m.tools.plan.active {
		t.Fatal("p did not open the plan page")
	}
	wantScreen(t, m, "secu · my plan", "Why are you in France?", "Studying", "Living here without working")
	checkGolden(t, m, "plan-form-100x30")

	answerPlan(m)
	p := m.tools.plan
	if p.result == nil {
		t.Fatalf("no checklist after the answers:\n%s", screenOf(m))
	}
	a := p.result.Answers
	if a.As != "employee" || a.EU || !a.Arriving || a.Children != 2 || len(a.Have) != 1 || a.Have[0] != "nir" {
		t.Fatalf("answers %+v", a)
	}
	wantScreen(t, m, "For: Working for an employer · from outside the EU/EEA/Switzerland · arriving · 2 children",
		"▸ [ ] 1. Validate your long-stay visa (VLS-TS) online", "[x] 3. Get registered through your job")
	checkGolden(t, m, "plan-checklist-100x30")

	// Tick the first step, then move down: the tick stays.
	drive(m, "x", "j")
	if !m.tools.plan.ticked[0] || m.tools.plan.cursor != 1 {
		t.Fatalf("ticked %v cursor %d", m.tools.plan.ticked, m.tools.plan.cursor)
	}
	wantScreen(t, m, "[x] 1. Validate", "▸ [ ] 2. Have a bank account")
	md := m.tools.plan.markdown()
	if !strings.Contains(md, "- [x] **1. Validate your long-stay visa") || !strings.Contains(md, "- [ ] **2. Have a bank account") {
		t.Errorf("copied Markdown:\n%s", md)
	}
	m2 := *m
	_, cmd := m2.Update(keyMsg("y"))
	if cmd == nil {
		t.Error("y copies nothing")
	}

	// tab selects the step's link; enter follows it into the reader.
	drive(m, "tab")
	if m.tools.plan.link != 0 || m.tools.plan.cursor != 1 {
		t.Fatalf("link %d cursor %d", m.tools.plan.link, m.tools.plan.cursor)
	}
	drive(m, "enter")
	if m.tools.active() || m.reader.entry == nil || m.reader.entry.ID != "rib" || m.focus != focusReader {
		t.Fatalf("following the link: active %v, focus %v, entry %v", m.tools.active(), m.focus, m.reader.entry)
	}
	wantScreen(t, m, "secu · French social security", "RIB")

	// p brings the checklist back as it was.
	drive(m, "p")
	if !m.tools.plan.active || !m.tools.plan.ticked[0] || m.tools.plan.cursor != 1 {
		t.Fatal("the plan came back changed")
	}
	// The wheel scrolls.
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.tools.plan.top != 3 {
		t.Errorf("wheel: top %d", m.tools.plan.top)
	}
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	// Scrolling to the end and back.
	drive(m, "G")
	wantScreen(t, m, "Ask the CAF about family benefits")
	drive(m, "g")
	wantScreen(t, m, "For: Working for an employer")

	// n asks again; esc closes.
	drive(m, "n")
	wantScreen(t, m, "Why are you in France?")
	drive(m, "esc")
	if m.tools.active() {
		t.Fatal("esc did not close the page")
	}
	wantScreen(t, m, "secu · French social security")
}

func TestToolKeysTypeInTheSearchBox(t *testing.T) {
	m := toolModel(t, 100, 30)
	m.setFocus(focusSearch)
	drive(m, "p", "r")
	if m.tools.active() || m.list.input.Value() != "pr" {
		t.Fatalf("active %v, query %q", m.tools.active(), m.list.input.Value())
	}
}

func TestPlanPageWithoutRules(t *testing.T) {
	m := newModel(t, 80, 24, "")
	m.setFocus(focusList)
	drive(m, "p")
	wantScreen(t, m, "no plan rules (plan.yaml)")
	drive(m, "esc")
	if m.tools.active() {
		t.Fatal("esc did not close the page")
	}
}

func TestRefundPage(t *testing.T) {
	m := toolModel(t, 100, 30)
	drive(m, "r")
	wantScreen(t, m, "secu · what will I pay?", "Which act?", "GP consultation")
	checkGolden(t, m, "refund-form-100x30")
	// GP, sector 2, OPTAM: yes, 40 €, mutuelle 150 %, nothing else.
	drive(m, "enter", "down", "enter", "left", "enter", "4", "0", "enter", "1", "5", "0", "enter", "enter", "enter")
	r := m.tools.refund
	if r.result == nil {
		t.Fatalf("no result (reason %q):\n%s", r.reason, screenOf(m))
	}
	if r.result.AMO != 19 || r.result.Top != 19 || r.result.You != 2 {
		t.Fatalf("AMO %v, mutuelle %v, you %v", r.result.AMO, r.result.Top, r.result.You)
	}
	wantScreen(t, m, "GP consultation, sector 2 (OPTAM)", "Left for you", "Figures as of 22 December 2024")
	checkGolden(t, m, "refund-result-100x30")

	// n starts again; a teleconsultation is refused with the reason.
	drive(m, "n", "down", "down", "enter", "enter", "enter", "enter", "enter", "enter")
	if m.tools.refund.result != nil || !strings.Contains(m.tools.refund.reason, "teleconsultation fee is not confirmed") {
		t.Fatalf("reason %q", m.tools.refund.reason)
	}
	wantScreen(t, m, "This cannot be computed exactly")
	drive(m, "esc")
	if m.tools.active() {
		t.Fatal("esc did not close the page")
	}
}

func TestToolPagesFit(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {40, 12}, {79, 24}, {160, 50}} {
		m := toolModel(t, size[0], size[1])
		drive(m, "p")
		checkFits(t, m, "plan form")
		answerPlan(m)
		checkFits(t, m, "plan checklist")
		for i := 0; i < 30; i++ {
			drive(m, "j")
			checkFits(t, m, "plan scrolled")
		}
		drive(m, "tab", "tab", "tab")
		checkFits(t, m, "plan link")
		m.Update(tea.WindowSizeMsg{Width: size[1] + 30, Height: size[0]/2 + 5})
		checkFits(t, m, "plan resized")
		drive(m, "esc", "r")
		checkFits(t, m, "refund form")
		drive(m, "enter", "enter", "enter", "enter", "enter", "enter")
		checkFits(t, m, "refund result")
	}
}
