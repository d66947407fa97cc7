package ui

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// SignalError is what Run returns when a signal ended the program; a shell
// expects the exit code 128 + the signal's number (130 for SIGINT, 143 for
// SIGTERM).
type SignalError struct{ Signal syscall.Signal }

func (e *SignalError) Error() string { return fmt.Sprintf("stopped by %v", e.Signal) }

// ExitCode is 128 + the signal's number.
func (e *SignalError) ExitCode() int { return 128 + int(e.Signal) }

// exitSignals end the program. Bubble Tea's own handler knows only SIGINT
// and SIGTERM (and exits 0 or 1); SIGHUP (the terminal closed) and SIGQUIT
// would end the process with the terminal left in raw mode, in the
// alternate screen, with mouse reporting on and the cursor hidden.
var exitSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// killGrace is how long Run waits, after restoring the terminal on a
// signal, for the event loop to return; one busy in an update is not waited
// for.
const killGrace = 2 * time.Second

// guarded wraps the root model for the real terminal:
//
//   - the last frame, drawn after a quit, is empty: tmux copies what the
//     alternate screen held, after the pane was resized, onto the normal
//     screen when the program leaves it, and the footer stayed in the
//     shell's scrollback;
//   - a panic in Update or View ends the program cleanly, with a one-line
//     error, where Bubble Tea would print a stack trace.
type guarded struct {
	tea.Model
	st *runState
}

// runState is shared by the copies of guarded that Bubble Tea holds.
type runState struct {
	// started is closed by the model's Init, which Bubble Tea calls once
	// its renderer runs: see runProgram. (nil: not watched.)
	started     chan struct{}
	startedOnce sync.Once
	viewed      atomic.Bool // View has drawn a non-empty screen
	quitting    bool
	panicked    any       // the first panic's value
	quit        func()    // asks the program to quit (View cannot return a command)
	once        sync.Once // quit is asked once
}

func (s *runState) fail(r any) {
	if s.panicked == nil {
		s.panicked = r
	}
	s.quitting = true
	if s.quit != nil {
		s.once.Do(func() { go s.quit() })
	}
}

func (g guarded) Init() tea.Cmd {
	if g.st.started != nil {
		g.st.startedOnce.Do(func() { close(g.st.started) })
	}
	return g.Model.Init()
}

func (g guarded) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if g.st.panicked != nil {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.st.fail(r)
			m, cmd = g, tea.Quit
		}
	}()
	inner, cmd := g.Model.Update(msg)
	g.Model = inner
	return g, cmd
}

func (g guarded) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			g.st.fail(r)
			v = tea.NewView("")
			v.AltScreen = true
		}
	}()
	if g.st.panicked != nil {
		v = tea.NewView("")
		v.AltScreen = true
		return v
	}
	v = g.Model.View()
	if g.st.quitting {
		v.Content = ""
	} else if v.Content != "" && !g.st.viewed.Load() {
		g.st.viewed.Store(true)
	}
	return v
}

// hookedOutput is the terminal with a hook on the first frame: the first
// write after View drew a screen is the renderer's tick writing it (the
// tick writes queued sequences, then the frame, one after the other), so
// firstFrame runs one frame interval later, off the writing goroutine.
// It embeds the *os.File so that Bubble Tea still sees a terminal (Fd).
type hookedOutput struct {
	*os.File
	st         *runState
	firstFrame func()
	once       sync.Once
}

func (o *hookedOutput) Write(b []byte) (int, error) {
	n, err := o.File.Write(b)
	if o.firstFrame != nil && o.st.viewed.Load() {
		o.once.Do(func() { time.AfterFunc(time.Second/frameRate, o.firstFrame) })
	}
	return n, err
}

// clearScreen erases the alternate screen before a signal's Kill leaves
// it, for the same reason as guarded (Kill draws no last frame).
const clearScreen = "\x1b[H\x1b[2J"

// frameRate is Bubble Tea's renderer rate: a frame waits for the next
// tick to be written, so the first one waited up to 16.7 ms at the default
// 60 fps; at 120 (Bubble Tea's maximum) the wait is at most 8.3 ms, and an
// idle tick that has nothing new to write costs next to nothing.
const frameRate = 120

// run runs the model with the signal handling and exit of runProgram;
// firstFrame (if not nil) is called once the first frame is written.
func run(m tea.Model, firstFrame func()) error {
	early := earlyFrame(os.Stdout, m)
	go prewarm() // for Bubble Tea's first flush, not for the frame above
	st := &runState{started: make(chan struct{})}
	out := &hookedOutput{File: os.Stdout, st: st, firstFrame: firstFrame}
	p := tea.NewProgram(guarded{m, st},
		tea.WithOutput(out),
		tea.WithFPS(frameRate),
		tea.WithoutSignalHandler(),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.QuitMsg); ok {
				st.quitting = true
			}
			return msg
		}))
	st.quit = p.Quit
	err := runProgram(p, os.Stdout, st.started)
	if err != nil && early {
		// Bubble Tea may have failed before taking the screen over.
		io.WriteString(os.Stdout, leaveEarly)
	}
	if st.panicked != nil {
		return fmt.Errorf("internal error: %v", st.panicked)
	}
	return err
}

// earlyFrame writes the model's first frame straight to the terminal, in
// the alternate screen with the cursor hidden, as Bubble Tea will draw it:
// Bubble Tea first sets the terminal up, then waits for its next frame
// tick, some 15 ms here before the same frame reached the screen. Its
// first frame then replaces this one with the same text. Colours go
// through the terminal's profile, as Bubble Tea's own do. It reports
// whether it wrote anything.
func earlyFrame(out *os.File, m tea.Model) bool {
	v := m.View()
	if v.Content == "" || !v.AltScreen {
		return false
	}
	// The modes as they are; the text through the colour profile (which
	// would strip the modes too where it strips colours).
	if _, err := io.WriteString(out, "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"); err != nil {
		return false
	}
	w := colorprofile.NewWriter(out, os.Environ())
	io.WriteString(w, strings.ReplaceAll(v.Content, "\n", "\r\n"))
	return true
}

// leaveEarly undoes earlyFrame's modes.
const leaveEarly = "\x1b[?25h\x1b[?1049l"

// runProgram runs p, which must be built with tea.WithoutSignalHandler, and
// on a signal restores the terminal (Program.Kill) and returns a
// SignalError, or exits with its code if the event loop does not return.
//
// started (nil: not watched) is closed once Bubble Tea's renderer runs
// (the model's Init: guarded.Init): a Kill racing with Run's start-up
// resets a sync.Once under Bubble Tea's feet and ends the process with
// "sync: unlock of unlocked mutex", so a signal that early waits for it.
func runProgram(p *tea.Program, out io.Writer, started <-chan struct{}) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, exitSignals...)
	defer signal.Stop(sigs)
	caught := make(chan syscall.Signal, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case s := <-sigs:
			sig, _ := s.(syscall.Signal)
			caught <- sig
			io.WriteString(out, clearScreen)
			grace := time.After(killGrace)
			if started != nil {
				select {
				case <-started:
				case <-done:
					return
				case <-grace:
					os.Exit(128 + int(sig))
				}
			}
			p.Kill()
			// Exit only if the event loop has not returned by then.
			select {
			case <-done:
			case <-grace:
				os.Exit(128 + int(sig))
			}
		case <-done:
		}
	}()
	_, err := p.Run()
	select {
	case sig := <-caught:
		return &SignalError{sig}
	default:
	}
	return err
}
