package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/term"

	"secu/nir"
)

// promptNIR asks for numbers on the terminal without echoing them and
// checks each as soon as it is typed. An empty line is skipped; ctrl+d
// ends. A signal (ctrl+c, SIGTERM, SIGHUP, SIGQUIT) while input is hidden
// would leave the terminal without echo: the handler restores it and exits
// with 128 + the signal's number, as a shell expects.
func (a *app) promptNIR(f *os.File) error {
	fd := int(f.Fd())
	if st, err := term.GetState(fd); err == nil {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
		done := make(chan struct{})
		defer func() { signal.Stop(sigs); close(done) }()
		go func() {
			select {
			case s := <-sigs:
				term.Restore(fd, st)
				fmt.Fprintln(a.err)
				code := 130
				if n, ok := s.(syscall.Signal); ok {
					code = 128 + int(n)
				}
				os.Exit(code)
			case <-done:
			}
		}()
	}
	allValid, any := true, false
	for {
		fmt.Fprint(a.err, "Social security number (hidden; ctrl+d to finish): ")
		line, err := readHidden(fd)
		fmt.Fprintln(a.err)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &exitError{2, "cannot read the terminal: " + err.Error()}
		}
		if strings.TrimSpace(string(line)) == "" {
			continue
		}
		any = true
		_, ok, err := nir.Run(strings.NewReader(string(line)), a.out, a.nirOptions())
		clear(line)
		if err != nil {
			return &exitError{2, err.Error()}
		}
		allValid = allValid && ok
		fmt.Fprintln(a.err)
	}
	if any && !allValid {
		return &exitError{1, ""}
	}
	return nil
}
