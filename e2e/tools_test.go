package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPlanInBrowser opens "My plan" with p, fills the form, reads the
// checklist, follows a link into the reader and comes back.
func TestPlanInBrowser(t *testing.T) {
	tm := start(t, 110, 35)
	tm.waitFor("start", "secu · French social security")
	tm.keys("Escape")
	tm.keys("Escape")
	tm.keys("p")
	tm.waitFor("form", "secu · my plan", "Why are you in France?")
	tm.keys("Enter") // studying
	tm.waitFor("eu", "Are you a national of the EU")
	tm.keys("Enter") // no
	tm.waitFor("arriving", "Are you arriving")
	tm.keys("Enter") // arriving
	tm.waitFor("children", "How many children")
	tm.keys("Enter") // 0
	tm.waitFor("have", "What do you already have?")
	tm.keys("Down", "Down", "Down", "Down", "Space", "Enter") // a bank account
	s := tm.waitFor("checklist", "For: Studying · from outside the EU/EEA/Switzerland · arriving · no children",
		"▸ [ ] 1. Validate your long-stay visa (VLS-TS) online", "[x] 2. Have a bank account")
	if strings.Contains(s, "Which act?") {
		t.Fatalf("wrong page:\n%s", s)
	}
	tm.keys("x")
	tm.waitFor("tick", "▸ [x] 1. Validate")
	tm.keys("Tab", "Enter")
	tm.waitFor("link followed", "secu · French social security", "Titre de séjour")
	tm.keys("p")
	tm.waitFor("back to the plan", "secu · my plan", "▸ [x] 1. Validate")
	tm.keys("Escape")
	tm.keys("r")
	tm.waitFor("refund", "secu · what will I pay?", "Which act?")
	tm.keys("Enter", "Enter", "Enter", "Enter", "Enter", "Enter")
	tm.waitFor("refund result", "GP consultation, sector 1", "Left for you", "11 €", "Figures as of")
	tm.keys("Escape")
	tm.keys("q", "q")
	tm.waitExit("q q did not quit")
}

// TestPlanCommandForm runs `secu plan` in a terminal: the huh form, then
// the Markdown checklist on stdout.
func TestPlanCommandForm(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.md")
	tm := &term{t: t, socket: filepath.Join(dir, "tmux.sock")}
	tm.tmux("new-session", "-d", "-x", "100", "-y", "30", "env", "TERM=xterm-256color", "sh", "-c",
		fmt.Sprintf("%q plan > %q; echo exit=$?; sleep 60", bin, out))
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	tm.waitFor("form", "Why are you in France?")
	tm.keys("Down", "Down", "Enter") // self-employed
	tm.waitFor("eu", "Are you a national of the EU")
	tm.keys("Down", "Enter") // yes
	tm.waitFor("arriving", "Are you arriving")
	tm.keys("Down", "Enter") // already here
	tm.waitFor("children", "How many children")
	tm.keys("BSpace")
	tm.text("1")
	tm.keys("Enter")
	tm.waitFor("have", "What do you already have?")
	tm.keys("Enter")
	tm.waitFor("done", "exit=0")
	var md []byte
	for i := 0; i < 50; i++ {
		md, _ = os.ReadFile(out)
		if len(md) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	s := string(md)
	for _, want := range []string{"# My plan", "For: Self-employed · EU/EEA/Swiss national · already living in France · 1 child.",
		"- [ ] **", "Register your business online", "Ask the CAF about family benefits"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in:\n%s", want, s)
		}
	}
	if strings.Contains(s, "\x1b") {
		t.Errorf("escape sequences in the Markdown:\n%q", s)
	}
}
