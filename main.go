// Command secu is an offline terminal guide to French social security.
package main

import (
	"errors"
	"fmt"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// exitError carries an exit code and a one-line message to main.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{2, fmt.Sprintf(format, args...)}
}

func main() {
	tuneGCForStartup(os.Getenv)
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the exit code. It never lets a
// panic reach the user as a stack trace.
func run(args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "secu: internal error: %s\n", maskNumbers(fmt.Sprint(r)))
			code = 3
		}
	}()
	cmd := newRootCmd(os.Stdin, os.Stdout, os.Stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "secu: "+maskNumbers(ee.msg))
		}
		return ee.code
	}
	// Cobra's own errors: unknown flags, commands and bad flag values.
	fmt.Fprintf(os.Stderr, "secu: %s (see 'secu --help')\n", maskNumbers(err.Error()))
	return 2
}
