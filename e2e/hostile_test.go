package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 15: terminal state after signals, the hidden prompt and a 1×1
// start. Each test runs secu under sh, which then prints the exit code and
// whether echo is on, so the screen shows what the shell got back.

const after = `; echo EXIT=$?; stty -a | tr ' ' '\n' | grep -x -e echo -e -echo -e icanon -e -icanon | tr '\n' ' '; echo; sleep 30`

// startShell runs cmd under sh in a new tmux session. INT and QUIT are
// trapped by the shell so that a ctrl+c reaches only secu.
func startShell(t *testing.T, w, h int, cmd string) *term {
	t.Helper()
	tm := startTerm(t, w, h, "xterm-256color")
	tm.tmux("respawn-pane", "-k", "sh", "-c", "trap : INT QUIT; "+cmd+after)
	return tm
}

// secuPid returns the pid of the secu process under the pane's shell.
func (tm *term) secuPid() int {
	tm.t.Helper()
	shell := strings.TrimSpace(tm.tmux("display-message", "-p", "#{pane_pid}"))
	deadline := time.Now().Add(5 * time.Second)
	for {
		out, _ := exec.Command("pgrep", "-P", shell, "-x", "secu").Output()
		if pid, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil {
			return pid
		}
		if time.Now().After(deadline) {
			tm.t.Fatal("no secu process")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wantRestored checks the exit code and that the terminal is as the shell
// left it: echo and canonical mode on, the normal screen, no mouse
// reporting, the cursor visible, and nothing of secu's screen left.
func (tm *term) wantRestored(code int, leftovers ...string) {
	tm.t.Helper()
	exit := "EXIT=" + strconv.Itoa(code) + "\n"
	s := tm.waitFor("exit", exit)
	var modes string
	for deadline := time.Now().Add(5 * time.Second); ; s = tm.screen() {
		_, rest, _ := strings.Cut(s, exit)
		modes, _, _ = strings.Cut(rest, "\n")
		if strings.TrimSpace(modes) != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if f := strings.Fields(modes); len(f) != 2 || !(f[0] == "echo" && f[1] == "icanon" || f[0] == "icanon" && f[1] == "echo") {
		tm.t.Errorf("terminal modes %q, want echo and icanon on", modes)
	}
	flags := strings.TrimSpace(tm.tmux("display-message", "-p", "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{cursor_flag}"))
	if flags != "0 0 0 1" {
		tm.t.Errorf("alternate screen, mouse any, mouse button, cursor = %s, want 0 0 0 1", flags)
	}
	for _, l := range leftovers {
		if strings.Contains(s, l) {
			tm.t.Errorf("%q stayed on the screen:\n%s", l, s)
		}
	}
}

func TestTUISignalsRestoreTerminal(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}, {syscall.SIGHUP, 129}, {syscall.SIGQUIT, 131}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			tm := startShell(t, 80, 20, bin)
			tm.waitFor("start", "secu · French social security")
			tm.tmux("resize-window", "-x", "100", "-y", "30")
			tm.waitFor("resized", "secu · French social security")
			if err := syscall.Kill(tm.secuPid(), c.sig); err != nil {
				t.Fatal(err)
			}
			tm.wantRestored(c.code, "French social security", "enter open")
		})
	}
}

// TestTinyStartLeavesNothing: started at 1×1, grown, then quit: no footer
// line stays on the normal screen.
func TestTinyStartLeavesNothing(t *testing.T) {
	tm := startShell(t, 1, 1, bin)
	tm.secuPid()
	time.Sleep(300 * time.Millisecond)
	tm.tmux("resize-window", "-x", "100", "-y", "20")
	tm.waitFor("grown", "secu · French social security", "enter open")
	tm.keys("C-c")
	tm.wantRestored(0, "enter open", "French social security", "%")
}

func TestNIRPromptEndings(t *testing.T) {
	for _, c := range []struct {
		name string
		code int
		end  func(tm *term)
	}{
		{"ctrl+c", 130, func(tm *term) { tm.keys("C-c") }},
		{"SIGTERM", 143, func(tm *term) { syscall.Kill(tm.secuPid(), syscall.SIGTERM) }},
		{"SIGHUP", 129, func(tm *term) { syscall.Kill(tm.secuPid(), syscall.SIGHUP) }},
		{"ctrl+d", 0, func(tm *term) { tm.keys("C-d") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := startShell(t, 100, 20, bin+" nir")
			tm.waitFor("prompt", "Social security number (hidden")
			tm.text("2 69 05")
			if c.name == "ctrl+d" {
				tm.keys("C-u")
			}
			c.end(tm)
			tm.wantRestored(c.code, "2 69 05", "no number read")
		})
	}
}

// An empty line is skipped, not an error and not the end.
func TestNIRPromptEmptyLine(t *testing.T) {
	tm := startShell(t, 100, 20, bin+" nir")
	tm.waitFor("prompt", "Social security number (hidden")
	tm.keys("Enter")
	tm.text("269054958815780")
	tm.keys("Enter")
	s := tm.waitFor("answer", "Valid social security number.")
	if strings.Contains(s, "Born") || strings.Contains(s, "EXIT") {
		t.Fatalf("want the verdict only and the prompt again:\n%s", s)
	}
	tm.keys("C-d")
	tm.wantRestored(0, "269054958815780")
}

// TestHostileLinksKeepTheScreen opens an entry whose links hold the byte
// 0x9C (Ü, 本, ✔) and whose title holds bidi and zero-width characters:
// before the fix the hyperlink ended early and C1 controls (NEL, RI…)
// moved the cursor; now the frame stays whole and the URL shows encoded.
func TestHostileLinksKeepTheScreen(t *testing.T) {
	dir := t.TempDir()
	body := "---\nid: x\nkind: term\ntitle: \"Hostile \\u202eeltit ❤️ zero\\u200bwidth\"\n---\n" +
		strings.Repeat("Read [the page](https://example.com/Ü本✔) and https://ex.jp/本✔ now.\n\n", 6)
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := start(t, 100, 30, "--content", dir, "hostile")
	s := tm.waitFor("open", "secu · "+filepath.Base(dir), "%E6%9C%AC", "Hostile eltit ❤ zerowidth")
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) != 30 || !strings.Contains(lines[0], "secu") || !strings.Contains(lines[29], "quit") {
		t.Fatalf("the frame is broken:\n%s", s)
	}
	for i, l := range lines {
		if n := len([]rune(l)); n > 100 {
			t.Errorf("line %d is %d wide", i, n)
		}
	}
	if title := strings.TrimSpace(tm.tmux("display-message", "-p", "#{pane_title}")); strings.Contains(title, "example") {
		t.Errorf("pane title changed to %q", title)
	}
	tm.keys("C-c")
	tm.waitExit("ctrl+c did not quit")
}

// A small --content folder is checked whole before the first frame: a
// body problem stops secu on a terminal as it stops every command.
func TestBrokenFolderOnTerminal(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\nid: a\nkind: term\ntitle: A\n---\nSee [b](b.md).\n")
	write("b.md", "---\nid: b\nkind: term\ntitle: B\n---\nSee [gone](gone.md).\n")
	tm := startShell(t, 100, 20, bin+" --content "+dir)
	s := tm.waitFor("the problem and exit 2", "EXIT=2")
	if !strings.Contains(s, "b.md:6: link to a missing entry \"gone.md\"") {
		t.Errorf("the problem is not shown:\n%s", s)
	}
}
