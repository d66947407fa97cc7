//go:build unix

package ui

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

type stubModel struct{}

func (stubModel) Init() tea.Cmd                       { return nil }
func (stubModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return stubModel{}, nil }
func (stubModel) View() tea.View                      { return tea.NewView("footer line") }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSignalEndsProgram: each exit signal ends the program with a
// SignalError whose code is 128 + the signal, after clearing the screen.
func TestSignalEndsProgram(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT, syscall.SIGQUIT} {
		out := &lockedBuffer{}
		p := tea.NewProgram(stubModel{}, tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignalHandler())
		go func() {
			time.Sleep(200 * time.Millisecond)
			syscall.Kill(os.Getpid(), sig)
		}()
		err := runProgram(p, out)
		var se *SignalError
		if !errors.As(err, &se) || se.Signal != sig || se.ExitCode() != 128+int(sig) {
			t.Fatalf("%v: runProgram = %v", sig, err)
		}
		if !strings.Contains(out.String(), clearScreen) {
			t.Errorf("%v: the screen was not cleared", sig)
		}
	}
}

func TestBlankOnQuit(t *testing.T) {
	quitting := false
	b := blankOnQuit{stubModel{}, &quitting}
	if b.View().Content != "footer line" {
		t.Fatal("the view is changed before quitting")
	}
	quitting = true
	m, _ := b.Update(tea.QuitMsg{})
	if v := m.View(); v.Content != "" {
		t.Errorf("last frame %q, want empty", v.Content)
	}
}
