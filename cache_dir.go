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

// openCacheFS is the folder dir read through content's open cache (a
// folder's front matter kept between runs: content/cache.go), or plain
// when there is no cache folder or no way to name this build; dir ""
// is the built-in guide. The cache lives in $XDG_CACHE_HOME/secu/open
// (~/.cache/secu/open), one file per folder; SECU_CACHE=off turns it off,
// and deleting it is always safe.
func openCacheFS(dir string) fs.FS {
	plain := content.EmbeddedFS()
	if dir != "" {
		plain = content.DirFS(dir)
	}
	if os.Getenv("SECU_CACHE") == "off" {
		return plain
	}
	base, err := os.UserCacheDir()
	ident, ierr := buildIdent()
	if err != nil || ierr != nil {
		return plain
	}
	base = filepath.Join(base, "secu", "open")
	if dir == "" {
		return content.CachedEmbeddedFS(filepath.Join(base, "guide"), ident)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return plain
	}
	sum := sha256.Sum256([]byte(abs))
	return content.CachedDirFS(dir, filepath.Join(base, hex.EncodeToString(sum[:16])), ident)
}

// buildIdent names this build of secu: its version and its executable's
// path and identity (content.FileIdentity), so that a rebuilt binary,
// whose guide and checks may have changed, trusts no cache an older one
// wrote.
func buildIdent() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	id, err := content.FileIdentity(exe)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %s %s", version, exe, id), nil
}
