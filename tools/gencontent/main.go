// Command gencontent writes a folder of synthetic, valid guide entries, to
// try `secu --content DIR` or measure it on a big folder:
//
//	go run ./tools/gencontent -n 10000 DIR
//
// DIR is created; it must not already hold files.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"secu/content"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gencontent [-n COUNT] DIR\n\nWrites COUNT synthetic entries into DIR, for secu --content DIR.\n\n")
		flag.PrintDefaults()
	}
	n := flag.Int("n", 10_000, "how many entries to write")
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *n); err != nil {
		fmt.Fprintln(os.Stderr, "gencontent:", err)
		os.Exit(2)
	}
}

func run(dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("-n must be at least 1, not %d", n)
	}
	switch entries, err := os.ReadDir(dir); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: give a new or empty folder", dir)
	}
	if err := content.WriteSynthetic(dir, n); err != nil {
		return err
	}
	fmt.Printf("wrote %d entries to %s\n", n, dir)
	return nil
}
