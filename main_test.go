package main

// The command-line tests build the real binary once and run it with os/exec,
// so that they check the real exit codes and that nothing prints a Go stack
// trace. Standard input and output are always pipes: the tests need no
// terminal, and they check what secu does when it has none.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// secuBin is the binary built by TestMain.
var secuBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "secu-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot make a temporary folder:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	secuBin = filepath.Join(dir, "secu")
	// go test puts $GOROOT/bin first in PATH, so this is the go that runs
	// the tests.
	build := exec.Command("go", "build", "-o", secuBin, ".")
	build.Stdout = os.Stderr
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "go build failed:", err)
		return 1
	}
	return m.Run()
}

// result is what one run of the binary produced.
type result struct {
	args           []string
	stdout, stderr string
	code           int // -1 when killed by a signal
}

func (r result) String() string {
	return fmt.Sprintf("secu %s\nexit %d\n--- stdout:\n%s\n--- stderr:\n%s", strings.Join(r.args, " "), r.code, clip(r.stdout), clip(r.stderr))
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// runOpts are the optional settings of runSecuWith.
type runOpts struct {
	stdin string
	env   []string // nil: the test's environment without NO_COLOR and COLORFGBG
	dir   string   // working directory ("" = the test's)
}

// runSecu runs the binary with no input on a pipe.
func runSecu(t *testing.T, args ...string) result {
	t.Helper()
	return runSecuWith(t, runOpts{}, args...)
}

// runSecuIn runs the binary with stdin as standard input.
func runSecuIn(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runSecuWith(t, runOpts{stdin: stdin}, args...)
}

func runSecuWith(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, secuBin, args...)
	cmd.Stdin = strings.NewReader(o.stdin)
	var out, errb bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errb
	cmd.Dir = o.dir
	if o.env != nil {
		cmd.Env = o.env
	} else {
		cmd.Env = baseEnv()
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("secu %s: timed out (is it waiting for a terminal?)", strings.Join(args, " "))
	}
	r := result{args: args, stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatalf("secu %s: %v", strings.Join(args, " "), err)
	}
	noStackTrace(t, r)
	return r
}

// baseEnv is the test's environment without the variables that change
// secu's colours, so that results do not depend on the developer's shell.
func baseEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "NO_COLOR", "COLORFGBG", "COLUMNS", "CLICOLOR_FORCE":
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// noStackTrace fails when a run printed a Go panic or stack trace.
func noStackTrace(t *testing.T, r result) {
	t.Helper()
	for _, s := range []string{r.stdout, r.stderr} {
		for _, bad := range []string{"goroutine ", "panic:", "runtime error", "internal error", ".go:"} {
			if strings.Contains(s, bad) {
				t.Errorf("output contains %q (a stack trace?)\n%s", bad, r)
			}
		}
	}
}

// wantCode fails when the exit code is not want.
func wantCode(t *testing.T, r result, want int) {
	t.Helper()
	if r.code != want {
		t.Errorf("exit code %d, want %d\n%s", r.code, want, r)
	}
}

// wantOneLineError checks a failed run: exactly one line on stderr, starting
// with "secu:".
func wantOneLineError(t *testing.T, r result) {
	t.Helper()
	if !strings.HasSuffix(r.stderr, "\n") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr is not exactly one line\n%s", r)
	}
	if !strings.HasPrefix(r.stderr, "secu: ") {
		t.Errorf("stderr does not start with \"secu: \"\n%s", r)
	}
}

// lines splits output into lines, without the final newline.
func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// row is one line of search or list output.
type row struct{ id, kind, title, french string }

// rows parses search/list output, failing on a line that does not have
// exactly four tab-separated fields.
func rows(t *testing.T, r result) []row {
	t.Helper()
	var out []row
	for i, l := range lines(r.stdout) {
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			t.Errorf("line %d has %d tab-separated fields, want 4: %q", i+1, len(f), l)
			continue
		}
		if f[0] == "" || f[1] == "" || f[2] == "" {
			t.Errorf("line %d has an empty id, kind or title: %q", i+1, l)
		}
		out = append(out, row{f[0], f[1], f[2], f[3]})
	}
	return out
}

// writeFiles creates files (path relative to dir → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
}
