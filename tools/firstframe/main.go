// Command firstframe measures how long secu takes, from exec to its first
// complete frame, in a fresh 120x40 pseudo-terminal, and its peak memory.
//
// Usage, from the module root:
//
//	go run ./tools/firstframe [-n 30] [-bin PATH] [-glow PATH] [-json] [-- ARGS...]
//
// Without -bin it first builds the program (go build -o TMP/secu .). ARGS
// are passed to secu. For the 10,000-entry benchmark make a folder first,
// then point secu at it:
//
//	go run ./tools/gencontent -n 10000 /tmp/secu10k
//	go run ./tools/firstframe -n 15 -- --content /tmp/secu10k
//
// The untimed first run lets secu write the folder's open cache, so the
// timed runs measure a folder opened before; with SECU_CACHE=off in the
// environment they measure a first open.
//
// A run ends when the output, stripped of escape sequences, holds the
// header ("secu · French social security", or "secu" and "All ") and the
// footer's "quit" (or, when the footer is cut before it, the footer's
// first binding; the report counts such frames). The pty never answers a terminal query, so this is also
// the "terminal answers no query" case of the budgets. The peak RSS is
// VmHWM from /proc/PID/status, read just after the first frame; then the
// tool sends ctrl+c and kills the program if it has not exited after 2 s.
//
// With -glow PATH it also times "glow -s dark FILE" printing a ~10 KB
// Markdown file to a pipe, until glow exits, after each secu run (so both
// see the same load), and reports the median of the per-pair ratios.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

const (
	cols, rows = 120, 40
	timeout    = 10 * time.Second
)

// stats summarises N durations, in milliseconds.
type stats struct {
	Median float64 `json:"median_ms"`
	P90    float64 `json:"p90_ms"`
	Min    float64 `json:"min_ms"`
	Max    float64 `json:"max_ms"`
}

type report struct {
	N            int      `json:"n"`
	Args         []string `json:"args"`
	CPUs         int      `json:"cpus"`
	LoadAvg      string   `json:"loadavg_before"`
	Pty          string   `json:"pty"`
	FirstFrame   stats    `json:"first_frame"`
	PeakRSSMiB   float64  `json:"peak_rss_median_mib"`
	MinorFaults  float64  `json:"minor_faults_median"`
	Killed       int      `json:"killed_after_ctrl_c"`
	NoQuit       int      `json:"frames_without_quit"`
	Glow         *stats   `json:"glow,omitempty"`
	Ratio        float64  `json:"secu_over_glow_median_ratio,omitempty"`
	GlowSkipped  string   `json:"glow_skipped,omitempty"`
	QueryAnswers bool     `json:"terminal_answers_queries"`
}

func main() {
	n := flag.Int("n", 30, "number of timed runs")
	bin := flag.String("bin", "", "secu binary to run (default: build one from the module root)")
	glow := flag.String("glow", "", "also time `glow -s dark FILE` with this glow binary")
	asJSON := flag.Bool("json", false, "print one JSON object")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/firstframe [-n 30] [-bin PATH] [-glow PATH] [-json] [-- SECU ARGS...]")
		fmt.Fprintln(os.Stderr, "10,000 entries: go run ./tools/gencontent -n 10000 /tmp/secu10k &&")
		fmt.Fprintln(os.Stderr, "                go run ./tools/firstframe -n 15 -- --content /tmp/secu10k")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*n, *bin, *glow, *asJSON, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "firstframe:", err)
		os.Exit(1)
	}
}

func run(n int, bin, glow string, asJSON bool, args []string) error {
	if n < 1 {
		return errors.New("-n must be at least 1")
	}
	tmp, err := os.MkdirTemp("", "firstframe")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "secu")
		if err := build(bin); err != nil {
			return err
		}
	}

	r := report{N: n, Args: args, CPUs: runtime.NumCPU(), LoadAvg: loadAvg(),
		Pty: fmt.Sprintf("%dx%d, TERM=xterm-256color", cols, rows)}
	// One untimed run first, so that every timed run finds the binary and
	// its pages in the cache, and a --content folder's open cache written
	// (secu writes it once its first frame is drawn: SECU_CACHE=off in the
	// environment measures a first open).
	if _, err := frameRun(bin, args, time.Second); err != nil {
		return err
	}
	// With -glow, each secu run is followed by a glow run, so that both
	// see the same machine load; the ratio compares their medians.
	var glowPath, glowFile string
	if glow != "" {
		if glowPath, glowFile, err = prepareGlow(glow, tmp); err != nil {
			r.GlowSkipped = err.Error()
		} else if _, err := glowRun(glowPath, glowFile); err != nil { // warm the cache
			r.GlowSkipped = err.Error()
			glowPath = ""
		}
	}
	var times, rss, faults, glowTimes, ratios []float64
	for range n {
		s, err := frameRun(bin, args, 0)
		if err != nil {
			return err
		}
		times = append(times, ms(s.frame))
		rss = append(rss, s.rssMiB)
		faults = append(faults, s.minflt)
		if s.killed {
			r.Killed++
		}
		if s.noQuit {
			r.NoQuit++
		}
		if glowPath != "" {
			d, err := glowRun(glowPath, glowFile)
			if err != nil {
				r.GlowSkipped = err.Error()
				glowPath = ""
				continue
			}
			glowTimes = append(glowTimes, ms(d))
			ratios = append(ratios, ms(s.frame)/ms(d))
		}
	}
	r.FirstFrame = summarise(times)
	r.PeakRSSMiB = summarise(rss).Median
	r.MinorFaults = summarise(faults).Median
	if len(glowTimes) == n {
		g := summarise(glowTimes)
		r.Glow = &g
		r.Ratio = summarise(ratios).Median
	}

	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Printf("secu %q: %d runs, %d CPUs (load %s), pty %s; the terminal answers no query\n",
		args, r.N, r.CPUs, r.LoadAvg, r.Pty)
	f := r.FirstFrame
	fmt.Printf("first frame: median %.1f ms  p90 %.1f ms  min %.1f ms  max %.1f ms\n", f.Median, f.P90, f.Min, f.Max)
	fmt.Printf("peak RSS (VmHWM): median %.1f MiB; minor page faults: median %.0f\n", r.PeakRSSMiB, r.MinorFaults)
	if r.Killed > 0 {
		fmt.Printf("killed after ctrl+c: %d of %d runs\n", r.Killed, r.N)
	}
	if r.NoQuit > 0 {
		fmt.Printf("first frame without \"quit\" in the footer: %d of %d runs\n", r.NoQuit, r.N)
	}
	switch {
	case r.Glow != nil:
		fmt.Printf("glow -s dark, 10 KB file to a pipe, to exit (interleaved): median %.1f ms  p90 %.1f ms\n", r.Glow.Median, r.Glow.P90)
		fmt.Printf("secu first frame / glow print, median of the per-pair ratios: %.2f\n", r.Ratio)
	case r.GlowSkipped != "":
		fmt.Println("glow skipped:", r.GlowSkipped)
	}
	return nil
}

// build runs go build from the module root.
func build(out string) error {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %v", err)
	}
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %v", err)
	}
	return nil
}

// start runs name in a new 120x40 pty and copies everything it prints to
// the returned channel, which is closed when the pty closes.
func start(name string, args ...string) (*exec.Cmd, *os.File, <-chan []byte, time.Time, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	t0 := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: cols, Rows: rows})
	if err != nil {
		return nil, nil, nil, t0, err
	}
	out := make(chan []byte, 64)
	go func() {
		defer close(out)
		for {
			buf := make([]byte, 32<<10)
			k, err := f.Read(buf)
			if k > 0 {
				out <- buf[:k]
			}
			if err != nil {
				return
			}
		}
	}()
	return cmd, f, out, t0, nil
}

// sample is what one run of secu measured.
type sample struct {
	frame  time.Duration // exec to first complete frame
	rssMiB float64       // VmHWM just after it
	minflt float64       // minor page faults until just after it
	killed bool          // it did not exit within 2 s of ctrl+c
	noQuit bool          // the first frame had no "quit"
}

// frameRun starts secu once and measures it; it lets it run for hold
// after its first frame before ending it.
func frameRun(bin string, args []string, hold time.Duration) (sample, error) {
	var s sample
	cmd, f, out, t0, err := start(bin, args...)
	if err != nil {
		return s, err
	}
	defer f.Close()
	var seen []byte
	deadline := time.After(timeout)
	for s.frame == 0 {
		select {
		case b, ok := <-out:
			if !ok {
				cmd.Wait()
				return s, fmt.Errorf("secu exited before its first frame; it printed:\n%s", ansi.Strip(string(seen)))
			}
			seen = append(seen, b...)
			if text := ansi.Strip(string(seen)); complete(text) {
				s.frame = time.Since(t0)
				s.noQuit = !strings.Contains(text, "quit")
			}
		case <-deadline:
			cmd.Process.Kill()
			cmd.Wait()
			return s, fmt.Errorf("no complete frame after %v; the screen held:\n%s", timeout, ansi.Strip(string(seen)))
		}
	}
	s.rssMiB, err = peakRSS(cmd.Process.Pid)
	if err != nil {
		return s, err
	}
	s.minflt, err = minorFaults(cmd.Process.Pid)
	if err != nil {
		return s, err
	}
	go func() { // keep draining so that secu never blocks on a write
		for range out {
		}
	}()
	time.Sleep(hold)
	f.Write([]byte{3}) // ctrl+c
	s.killed = stop(cmd, 2*time.Second)
	return s, nil
}

// complete reports whether the text holds a whole first frame: the header
// and the footer. The footer is known by "quit" or, as the search box's
// footer may be cut before its last binding ("ctrl+c quit"), by its first
// one, "↑↓ move".
func complete(s string) bool {
	header := strings.Contains(s, "secu · French social security") ||
		strings.Contains(s, "secu") && strings.Contains(s, "All ")
	return header && (strings.Contains(s, "quit") || strings.Contains(s, "↑↓ move"))
}

// stop waits for cmd to exit and kills it after grace; it reports whether
// it had to kill.
func stop(cmd *exec.Cmd, grace time.Duration) bool {
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return false
	case <-time.After(grace):
		cmd.Process.Kill()
		<-done
		return true
	}
}

// peakRSS reads VmHWM, in MiB, from /proc/PID/status.
func peakRSS(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return float64(kb) / 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc/PID/status")
}

// minorFaults reads the minor page faults so far (minflt, the 10th
// field) from /proc/PID/stat: on a VM each costs microseconds, so they are
// much of a start-up's time.
func minorFaults(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 8 {
		return 0, errors.New("unexpected /proc/PID/stat")
	}
	return strconv.ParseFloat(f[7], 64)
}

// prepareGlow finds glow and writes the ~10 KB Markdown file it prints.
func prepareGlow(glow, dir string) (path, file string, err error) {
	if path, err = exec.LookPath(glow); err != nil {
		return "", "", err
	}
	file = filepath.Join(dir, "sample.md")
	return path, file, os.WriteFile(file, []byte(sampleMarkdown()), 0o644)
}

// glowRun times "glow -s dark FILE" with its output to a pipe, until it
// exits: glow's fastest way to show a file.
func glowRun(path, file string) (time.Duration, error) {
	cmd := exec.Command(path, "-s", "dark", "-w", strconv.Itoa(cols), file)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	t0 := time.Now()
	out, err := cmd.Output()
	d := time.Since(t0)
	if err != nil {
		return 0, fmt.Errorf("glow: %v", err)
	}
	if len(out) < 1000 {
		return 0, fmt.Errorf("glow printed only %d bytes", len(out))
	}
	return d, nil
}

// sampleMarkdown is about 10 KB of headings, paragraphs, lists, a table
// and code, like a long entry.
func sampleMarkdown() string {
	var b strings.Builder
	b.WriteString("# Sample entry\n\nA one-sentence summary of what this entry is about.\n\n")
	for i := 1; b.Len() < 10_000; i++ {
		fmt.Fprintf(&b, "## Section %d\n\n", i)
		b.WriteString("The **Caisse primaire d'assurance maladie** pays back part of your *medical costs*. " +
			"See [the Carte Vitale](carte-vitale.md) and the `ameli` account for details.\n\n")
		b.WriteString("1. Create your account.\n2. Send the form S1106 with your documents.\n3. Wait for your number.\n\n")
		b.WriteString("| what | rate |\n|---|---|\n| doctor | 70% |\n| pharmacy | 65% |\n\n")
		b.WriteString("```\nsecu show carte-vitale\n```\n\n")
	}
	return b.String()
}

// loadAvg returns the 1, 5 and 15 minute load averages: other work on the
// machine skews the timings.
func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// summarise returns the median, nearest-rank p90, min and max of xs.
func summarise(xs []float64) stats {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	k := len(s)
	med := s[k/2]
	if k%2 == 0 {
		med = (s[k/2-1] + s[k/2]) / 2
	}
	p90 := s[int(math.Ceil(0.9*float64(k)))-1]
	return stats{Median: med, P90: p90, Min: s[0], Max: s[k-1]}
}
