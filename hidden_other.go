//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

import "golang.org/x/term"

// readHidden reads one line with echo off.
func readHidden(fd int) ([]byte, error) { return term.ReadPassword(fd) }
