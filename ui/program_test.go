//go:build unix

package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/signal"
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
	sigs := []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT, syscall.SIGQUIT}
	// A handler of the test's own, so that a signal arriving when
	// runProgram is not listening cannot end the test binary. It stays
	// for the rest of the run: a signal sent just before runProgram
	// returned may be delivered after this test ends, and would kill
	// whatever test runs then (a full channel drops it, harmlessly).
	safety := make(chan os.Signal, 8)
	for _, s := range sigs {
		signal.Notify(safety, s)
	}
	for _, sig := range sigs {
		out := &lockedBuffer{}
		st := &runState{started: make(chan struct{})}
		p := tea.NewProgram(guarded{stubModel{}, st}, tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignalHandler())
		done := make(chan error, 1)
		go func() { done <- runProgram(p, out, st.started) }()
		// Signal until runProgram returns: one sent before it listens is
		// caught by the safety handler and changes nothing.
		var err error
	wait:
		for deadline := time.Now().Add(5 * time.Second); ; {
			syscall.Kill(os.Getpid(), sig)
			select {
			case err = <-done:
				break wait
			case <-time.After(100 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("%v: the program did not end", sig)
			}
		}
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
	st := &runState{}
	g := guarded{stubModel{}, st}
	if g.View().Content != "footer line" {
		t.Fatal("the view is changed before quitting")
	}
	st.quitting = true
	m, _ := g.Update(tea.QuitMsg{})
	if v := m.View(); v.Content != "" {
		t.Errorf("last frame %q, want empty", v.Content)
	}
}

type panicky struct{ inView bool }

func (panicky) Init() tea.Cmd { return nil }
func (p panicky) Update(tea.Msg) (tea.Model, tea.Cmd) {
	if !p.inView {
		panic("boom in update")
	}
	return p, nil
}
func (p panicky) View() tea.View {
	if p.inView {
		panic("boom in view")
	}
	return tea.NewView("ok")
}

// TestPanicEndsQuietly: a panic in Update or View asks the program to quit
// and is kept for a one-line error, instead of Bubble Tea's stack trace.
func TestPanicEndsQuietly(t *testing.T) {
	for _, inView := range []bool{false, true} {
		asked := make(chan struct{})
		st := &runState{quit: func() { close(asked) }}
		g := guarded{panicky{inView}, st}
		var cmd tea.Cmd
		var v tea.View
		if inView {
			v = g.View()
		} else {
			_, cmd = g.Update(tea.KeyPressMsg{})
			v = g.View()
		}
		if st.panicked == nil || !strings.HasPrefix(fmt.Sprint(st.panicked), "boom") {
			t.Fatalf("inView %v: panic not kept: %v", inView, st.panicked)
		}
		if v.Content != "" {
			t.Errorf("inView %v: frame %q after a panic", inView, v.Content)
		}
		if !inView {
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Errorf("Update did not quit")
			}
		}
		select {
		case <-asked:
		case <-time.After(5 * time.Second):
			t.Errorf("inView %v: the program was not asked to quit", inView)
		}
	}
}
