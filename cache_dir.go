package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"secu/content"
)

// openCacheFS is the folder dir read through content's open cache (a big
// folder's front matter kept between runs: content/cache.go), or plain
// when there is no cache folder or no way to name this build. The cache
// lives in $XDG_CACHE_HOME/secu (~/.cache/secu), one file per folder;
// SECU_CACHE=off turns it off, and deleting it is always safe.
func openCacheFS(dir string) fs.FS {
	plain := content.DirFS(dir)
	if os.Getenv("SECU_CACHE") == "off" {
		return plain
	}
	base, err := os.UserCacheDir()
	abs, aerr := filepath.Abs(dir)
	ident, ierr := buildIdent()
	if err != nil || aerr != nil || ierr != nil {
		return plain
	}
	sum := sha256.Sum256([]byte(abs))
	file := filepath.Join(base, "secu", "open", hex.EncodeToString(sum[:16]))
	return content.CachedDirFS(dir, file, ident)
}

// buildIdent names this build of secu: its version and its executable's
// path, size and time, so that a rebuilt binary, whose checks may have
// changed, trusts no cache an older one wrote.
func buildIdent() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %s %d %d", version, exe, st.Size(), st.ModTime().UnixNano()), nil
}
