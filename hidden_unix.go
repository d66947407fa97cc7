//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"io"

	"golang.org/x/sys/unix"
)

// readHidden reads one line from the terminal fd with echo off. Unlike
// term.ReadPassword, which loops for ever on the empty read that ctrl+d
// gives at the start of a line, it returns io.EOF there: ctrl+d ends.
// Canonical mode and signals stay on, so the line can be edited and
// ctrl+c interrupts (promptNIR restores echo then).
func readHidden(fd int) ([]byte, error) {
	old, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return nil, err
	}
	t := *old
	t.Lflag &^= unix.ECHO
	t.Lflag |= unix.ICANON | unix.ISIG
	t.Iflag |= unix.ICRNL
	if err := unix.IoctlSetTermios(fd, ioctlSetTermios, &t); err != nil {
		return nil, err
	}
	defer unix.IoctlSetTermios(fd, ioctlSetTermios, old)
	var (
		line []byte
		buf  [256]byte
	)
	for {
		n, err := unix.Read(fd, buf[:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return line, err
		}
		if n == 0 { // ctrl+d
			if len(line) == 0 {
				return nil, io.EOF
			}
			return line, nil
		}
		line = append(line, buf[:n]...)
		if line[len(line)-1] == '\n' {
			clear(buf[:])
			return line[:len(line)-1], nil
		}
		if len(line) > 4096 {
			// Bounded: a social security number is 15 characters.
			clear(buf[:])
			return line, nil
		}
	}
}
