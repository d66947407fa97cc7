package ui

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
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

// blankOnQuit wraps the root model so that the last frame, drawn after a
// quit, is empty: tmux copies what the alternate screen held, after the
// pane was resized, onto the normal screen when the program leaves it, and
// the footer stayed in the shell's scrollback.
type blankOnQuit struct {
	tea.Model
	quitting *bool
}

func (b blankOnQuit) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := b.Model.Update(msg)
	b.Model = m
	return b, cmd
}

func (b blankOnQuit) View() tea.View {
	v := b.Model.View()
	if *b.quitting {
		v.Content = ""
	}
	return v
}

// clearScreen erases the alternate screen before a signal's Kill leaves
// it, for the same reason as blankOnQuit (Kill draws no last frame).
const clearScreen = "\x1b[H\x1b[2J"

// run runs the model with the signal handling and exit of runProgram.
func run(m tea.Model) error {
	quitting := new(bool)
	p := tea.NewProgram(blankOnQuit{m, quitting},
		tea.WithoutSignalHandler(),
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.QuitMsg); ok {
				*quitting = true
			}
			return msg
		}))
	return runProgram(p, os.Stdout)
}

// runProgram runs p, which must be built with tea.WithoutSignalHandler, and
// on a signal restores the terminal (Program.Kill) and returns a
// SignalError, or exits with its code if the event loop does not return.
func runProgram(p *tea.Program, out io.Writer) error {
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
			p.Kill()
			time.AfterFunc(killGrace, func() { os.Exit(128 + int(sig)) })
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
