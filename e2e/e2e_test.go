// Package e2e drives the built secu binary in a real terminal (tmux) the
// way a person would, and checks the screen at each step.
package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "secu-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "secu")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// term is one tmux session running secu on its own server socket.
type term struct {
	t      *testing.T
	socket string
	state  string // XDG_STATE_HOME of the programs it runs
}

// run replaces the pane's program with a shell command line; secu in it
// is the built binary, with the test's state folder.
func (tm *term) run(line string) {
	tm.tmux("respawn-pane", "-k", "env", "XDG_STATE_HOME="+tm.state, "XDG_CACHE_HOME="+tm.state, "PATH="+os.Getenv("PATH"), "sh", "-c", line)
}

func start(t *testing.T, w, h int, args ...string) *term {
	t.Helper()
	return startTerm(t, w, h, "xterm-256color", args...)
}

func startTerm(t *testing.T, w, h int, termName string, args ...string) *term {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux not installed")
	}
	tm := &term{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), state: t.TempDir()}
	// XDG_STATE_HOME and XDG_CACHE_HOME: recent and marked entries and
	// the open cache go to a temporary folder, never to the real home.
	cmd := append([]string{"new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env", "TERM=" + termName, "XDG_STATE_HOME=" + tm.state, "XDG_CACHE_HOME=" + tm.state, bin}, args...)
	tm.tmux(cmd...)
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *term) screen() string { return tm.tmux("capture-pane", "-p") }

// waitFor polls the screen until it contains every string, or fails.
func (tm *term) waitFor(step string, want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: screen lacks %q:\n%s", step, want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys sends key names. After Escape it pauses, as a person would: an
// escape followed at once by a key reads as alt+key.
func (tm *term) keys(k ...string) {
	for _, key := range k {
		tm.tmux("send-keys", key)
		if key == "Escape" {
			time.Sleep(150 * time.Millisecond)
		}
	}
}
func (tm *term) text(s string) { tm.tmux("send-keys", "-l", s) }

// waitExit fails unless secu ends within 5 s.
func (tm *term) waitExit(what string) {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !tm.exited() {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s:\n%s", what, tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (tm *term) exited() bool {
	out, err := exec.Command("tmux", "-S", tm.socket, "list-sessions").CombinedOutput()
	return err != nil || len(out) == 0
}

func TestBrowse(t *testing.T) {
	tm := start(t, 120, 40)
	tm.waitFor("start", "secu · French social security", "All ", "Agencies")

	tm.text("carte vit")
	// The reader follows the selection (its page renders in the background).
	tm.waitFor("search", "/ carte vit", "▸ Carte Vitale", "health insurance card")

	tm.keys("Enter")
	tm.waitFor("open", "tab next link")

	tm.keys("Tab")
	tm.keys("Enter")
	s := tm.waitFor("follow link", "bksp")
	if strings.Contains(strings.SplitN(s, "\n", 3)[1], "Carte Vitale ") && strings.Contains(s, "French health insurance card") {
		t.Fatalf("following the first link did not change the entry:\n%s", s)
	}

	tm.keys("BSpace")
	tm.waitFor("back", "French health insurance card")

	tm.tmux("resize-window", "-x", "60", "-y", "20")
	s = tm.waitFor("resize", "Carte Vitale")
	for i, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if n := len([]rune(line)); n > 60 {
			t.Fatalf("line %d is %d wide at 60 columns: %q", i, n, line)
		}
	}

	tm.keys("Escape")
	tm.waitFor("back to list", "/ carte vit")
	tm.keys("?")
	tm.waitFor("help", "Anywhere", "quit")
	tm.keys("G")
	tm.waitFor("help at the end (G)", "Number checker", "close and forget")
	tm.keys("Home")
	tm.waitFor("help at the top (Home)", "Anywhere")
	tm.keys("Space")
	tm.waitFor("help scrolled", "Reader")
	tm.keys("Escape")
	tm.keys("q", "q")
	tm.waitExit("q q did not quit")
}

// Typing a word where the list or the reader has focus searches for it
// and never quits (the q of quebec).
func TestTypingNeverQuits(t *testing.T) {
	tm := start(t, 100, 30)
	tm.waitFor("start", "secu · French social security")
	tm.keys("Escape")
	tm.text("quebec")
	tm.waitFor("typed in the list", "/ quebec")
	tm.keys("Escape", "Escape")
	tm.text("cpam")
	tm.keys("Enter")
	tm.waitFor("reader", "Caisse primaire")
	tm.text("quebec")
	tm.waitFor("typed in the reader", "/ quebec")
	if tm.exited() {
		t.Fatal("typing quebec quit secu")
	}
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit")
}

func TestOpenOnQuery(t *testing.T) {
	tm := start(t, 100, 30, "urssaf")
	tm.waitFor("start on a query", "URSSAF", "Union de recouvrement")
}

func TestNarrowAndTiny(t *testing.T) {
	tm := start(t, 40, 12)
	tm.waitFor("narrow start", "/ ")
	tm.text("cpam")
	tm.keys("Enter")
	tm.waitFor("narrow reader", "CPAM")
	tm.tmux("resize-window", "-x", "10", "-y", "3")
	tm.waitFor("tiny", "secu")
	tm.tmux("resize-window", "-x", "80", "-y", "24")
	tm.waitFor("grown", "CPAM", "Caisse primaire")
	tm.keys("C-c")
}

func TestChecker(t *testing.T) {
	tm := start(t, 100, 30)
	tm.waitFor("start", "secu")
	tm.keys("C-k")
	tm.waitFor("checker", "Check a French social security number")
	tm.text("269054958815780")
	s := tm.waitFor("checked", "Valid")
	if strings.Contains(s, "269054958815780") && strings.Count(s, "269054958815780") > 1 {
		t.Fatalf("the number appears more than once on screen:\n%s", s)
	}
	tm.keys("Escape")
	tm.keys("C-k")
	s = tm.waitFor("reopened", "Check a French")
	if strings.Contains(s, "2690549") {
		t.Fatalf("the checker kept the number:\n%s", s)
	}
}

func TestResizeStormThenSIGTERM(t *testing.T) {
	tm := start(t, 100, 30)
	tm.waitFor("start", "secu · French social security")
	tm.text("mutuelle")
	for i := 0; i < 40; i++ {
		tm.tmux("resize-window", "-x", fmt.Sprint(20+(i*37)%200), "-y", fmt.Sprint(5+(i*13)%60))
	}
	tm.tmux("resize-window", "-x", "90", "-y", "25")
	s := tm.waitFor("after the storm", "secu · French social security", "/ mutuelle")
	for i, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if n := len([]rune(line)); n > 90 {
			t.Fatalf("line %d is %d wide at 90 columns: %q", i, n, line)
		}
	}
	pid, err := strconv.Atoi(strings.TrimSpace(tm.tmux("display-message", "-p", "#{pane_pid}")))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	tm.waitExit("SIGTERM did not end secu")
}

func TestDumbTerminal(t *testing.T) {
	tm := startTerm(t, 80, 24, "dumb")
	tm.waitFor("TERM=dumb", "secu · French social security", "CAF")
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit under TERM=dumb")
}

// With stdin not a terminal, secu prints plain text even when stdout is one.
func TestStdinNotATerminal(t *testing.T) {
	tm := startTerm(t, 100, 30, "xterm-256color")
	tm.tmux("respawn-pane", "-k", "sh", "-c", "echo | "+bin+" cpam; echo EXIT=$?; sleep 30")
	s := tm.waitFor("plain output", "EXIT=0")
	if !strings.Contains(s, "CPAM") || strings.Contains(s, "secu · French social security") {
		t.Fatalf("want plain search output, not the browser:\n%s", s)
	}
}

// secu nir on a terminal: hidden input, an answer per number, no echo.
func TestNIRPrompt(t *testing.T) {
	tm := startTerm(t, 100, 30, "xterm-256color")
	tm.tmux("respawn-pane", "-k", "sh", "-c", bin+" nir --explain; echo EXIT=$?; sleep 30")
	tm.waitFor("prompt", "Social security number (hidden")
	tm.text("2 69 05 49 588 157 80")
	tm.keys("Enter")
	s := tm.waitFor("answer", "Valid social security number.", "Born: May 1969")
	if strings.Contains(strings.ReplaceAll(s, " ", ""), "2690549588157") {
		t.Fatalf("the number is on the screen:\n%s", s)
	}
	tm.keys("C-d")
	tm.waitFor("exit", "EXIT=0")
}

// secu show on a terminal goes through $PAGER; --no-pager prints directly.
func TestShowThroughPager(t *testing.T) {
	tm := start(t, 100, 30)
	tm.waitFor("start", "secu")
	tm.run("PAGER='sed s/^/PAGED:/' " + bin + " show cpam; echo EXIT=$?; sleep 30")
	s := tm.waitFor("paged", "EXIT=0")
	if !strings.Contains(s, "PAGED:") {
		t.Fatalf("show did not go through $PAGER:\n%s", s)
	}
	tm.run("PAGER='sed s/^/PAGED:/' " + bin + " show --no-pager cpam; echo EXIT=$?; sleep 30")
	s = tm.waitFor("no pager", "EXIT=0", "CPAM")
	if strings.Contains(s, "PAGED:") {
		t.Fatalf("--no-pager still paged:\n%s", s)
	}
	// The default pager is less -R: it waits for q on a long entry.
	tm.run("unset PAGER LESS; " + bin + " show carte vitale; echo EXIT=$?; sleep 30")
	tm.waitFor("less", "Carte Vitale")
	if s := tm.screen(); strings.Contains(s, "EXIT=") {
		t.Fatalf("show did not wait in less:\n%s", s)
	}
	tm.keys("q")
	tm.waitFor("less quit", "EXIT=0")
}

// secu search on a terminal: aligned columns with the English gloss;
// piped, it stays tab-separated.
func TestSearchColumnsOnTerminal(t *testing.T) {
	tm := start(t, 120, 30)
	tm.waitFor("start", "secu")
	tm.run(bin + " search carte; echo EXIT=$?; sleep 30")
	s := tm.waitFor("columns", "EXIT=0", "Carte Vitale", "French health insurance card")
	// The English gloss starts at the same cell on every row.
	var list []struct{ ID, English string }
	out, err := exec.Command(bin, "list", "--json").Output()
	if err != nil || json.Unmarshal(out, &list) != nil {
		t.Fatalf("secu list --json: %v", err)
	}
	english := map[string]string{}
	for _, e := range list {
		english[e.ID] = e.English
	}
	ids, err := exec.Command(bin, "search", "carte").Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(s, "\n")
	col := -1
	for i, line := range strings.Split(strings.TrimSpace(string(ids)), "\n") {
		gloss := english[strings.Split(line, "\t")[0]]
		if gloss == "" || i >= len(rows) {
			continue
		}
		k := strings.Index(rows[i], gloss[:min(10, len(gloss))])
		if k < 0 {
			continue // cut off at the right edge
		}
		c := utf8.RuneCountInString(rows[i][:k])
		if col >= 0 && c != col {
			t.Fatalf("the English column starts at %d on row %d, %d above:\n%s", c, i, col, s)
		}
		col = c
	}
	if col < 0 {
		t.Fatalf("no English gloss found:\n%s", s)
	}
	tm.run(bin + " search carte | cat -A | head -3; sleep 30")
	s = tm.waitFor("piped", "^I")
	if strings.Contains(s, "French health insurance card") {
		t.Fatalf("piped search shows the gloss column:\n%s", s)
	}
}

// y copies with OSC 52: tmux (set-clipboard on) puts it in its buffer.
func TestCopyReachesTmuxBuffer(t *testing.T) {
	tm := start(t, 100, 30, "cpam")
	tm.tmux("set", "-g", "set-clipboard", "on")
	tm.waitFor("reader", "Caisse primaire")
	tm.keys("y")
	tm.waitFor("confirmation", "Copied https://www.ameli.fr")
	deadline := time.Now().Add(5 * time.Second)
	for {
		out, _ := exec.Command("tmux", "-S", tm.socket, "show-buffer").CombinedOutput()
		if strings.TrimSpace(string(out)) == "https://www.ameli.fr" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("tmux buffer holds %q, want the CPAM website", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit")
}

// o hands the website to the platform's opener (here a fake xdg-open),
// as one argument, with no shell.
func TestOpenWebsite(t *testing.T) {
	dir := t.TempDir()
	got := filepath.Join(dir, "opened")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + got + "\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tm := start(t, 100, 30)
	tm.waitFor("start", "secu")
	tm.run("PATH=" + dir + ":$PATH " + bin + " cpam")
	tm.waitFor("reader", "Caisse primaire")
	tm.keys("o")
	tm.waitFor("confirmation", "Opened https://www.ameli.fr")
	// The opener runs beside the browser: it may write a moment later.
	var data []byte
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if data, err = os.ReadFile(got); err == nil && len(data) > 0 {
			break
		}
	}
	if err != nil || string(data) != "https://www.ameli.fr\n" {
		t.Fatalf("the opener got %q (%v)", data, err)
	}
	tm.keys("C-c")
}

// Marks are kept between runs, in XDG_STATE_HOME.
func TestMarksKeptBetweenRuns(t *testing.T) {
	tm := start(t, 120, 30, "cpam")
	tm.waitFor("reader", "Caisse primaire")
	tm.keys("m")
	tm.waitFor("marked", "Marked CPAM")
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit")
	if _, err := os.Stat(filepath.Join(tm.state, "secu", "state.json")); err != nil {
		t.Fatalf("no state file in XDG_STATE_HOME: %v", err)
	}
	tm2 := start(t, 120, 30)
	tm2.state = tm.state
	tm2.run(bin)
	tm2.waitFor("kept", "Marked 1", "Recent")
	tm2.keys("C-c")
}

// A slow entry renders off the event loop: the reader says so, and
// ctrl+c quits at once.
func TestCtrlCWhileRendering(t *testing.T) {
	dir := t.TempDir()
	body := strings.Repeat(">", 1000) + " deep\n"
	if err := os.WriteFile(filepath.Join(dir, "deep.md"), []byte("---\nid: deep\nkind: term\ntitle: Deep quote\n---\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "validate", dir).CombinedOutput(); err != nil {
		t.Skipf("this build refuses the slow entry (content limits): %s", out)
	}
	tm := start(t, 100, 30, "--content", dir, "deep")
	tm.waitFor("placeholder", "rendering…")
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit while an entry rendered")
}
