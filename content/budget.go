package content

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"
)

// maxFolderBytes caps the bytes Load reads from one folder, whatever the
// number of files: memory stays bounded (a 1 MiB entry hard-linked 4,000
// times made validate peak at 6.3 GB). A variable for tests.
var maxFolderBytes int64 = 256 << 20

// errFolderTooLarge stops the walk: the rest of the folder is not read.
var errFolderTooLarge = errors.New("folder too large")

// fileKey identifies a file on disk (device and inode), so that a file
// reached by several names, through hard or symbolic links, is read once.
type fileKey struct{ dev, ino uint64 }

// readBudget is what Load may still read, and the files already read.
// Load's walk admits files and counts their sizes in walk order; its
// readers count what a file grew by since: hence the lock.
type readBudget struct {
	mu        sync.Mutex
	left      int64
	seen      map[fileKey]string // file: the first name it was read under
	claims    map[fileKey]int    // file: the earliest walk index that asked for it
	bytesRead atomic.Int64       // bytes the workers read, in any order
}

// newReadBudget sizes its maps for that many files (a folder on disk):
// grown step by step (claims under the lock the workers share, seen in
// settle, before the first frame) they cost more than their memory.
func newReadBudget(files int) *readBudget {
	return &readBudget{left: maxFolderBytes, seen: make(map[fileKey]string, files), claims: make(map[fileKey]int, files)}
}

// claim records that the name at walk index idx is the file k, and
// reports whether an earlier name claimed it already (then it is not
// read). A later name that claimed it first was read for nothing: settle
// drops it.
func (b *readBudget) claim(k fileKey, idx int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if first, ok := b.claims[k]; ok && first < idx {
		return true
	}
	b.claims[k] = idx
	return false
}

// read counts bytes a worker read.
func (b *readBudget) read(n int) {
	b.bytesRead.Add(int64(n))
}

// readPast reports whether the workers have read past the budget: the
// walk stops there (settle finds where, in walk order).
func (b *readBudget) readPast() bool {
	return b.bytesRead.Load() > maxFolderBytes
}

// settle goes over the files in walk order, once every worker is done: a
// name of a file an earlier name was read under gets the "same file"
// problem, and the file whose bytes take the folder past its budget gets
// the "over" problem; the files after it are dropped, as if never walked.
func (b *readBudget) settle(files []*file) []*file {
	for i, f := range files {
		if f.keyed {
			if first := b.claims[f.key]; first != f.idx {
				f.entry, f.probs = nil, Problems{{displayPath(f.path), 0, fmt.Sprintf("the same file as %s (a hard or symbolic link): each entry must be its own file", displayPath(files[first].path))}}
				continue
			}
			b.seen[f.key] = f.path // for countFigures
		}
		if f.size < 0 {
			continue // not read: its problem says why
		}
		if err := b.take(int(f.size)); err != nil {
			f.entry, f.probs = nil, Problems{{displayPath(f.path), 0, err.Error()}}
			return files[:i+1]
		}
	}
	return files
}

// admit returns why the file p, described by info, is not read, or "".
func (b *readBudget) admit(p string, info fs.FileInfo) string {
	if b == nil {
		return ""
	}
	k, ok := keyOf(info)
	if !ok {
		return ""
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if prev, dup := b.seen[k]; dup {
		return fmt.Sprintf("the same file as %s (a hard or symbolic link): each entry must be its own file", displayPath(prev))
	}
	b.seen[k] = p
	return ""
}

// take counts n bytes read and reports an error once the folder is over
// its limit.
func (b *readBudget) take(n int) error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.left -= int64(n)
	if b.left < 0 {
		return budgetError(fmt.Sprintf("over %d MiB of entries (the limit is %d MiB); the rest is not read", maxFolderBytes>>20, maxFolderBytes>>20))
	}
	return nil
}

// budgetError is errFolderTooLarge with its message.
type budgetError string

func (e budgetError) Error() string { return string(e) }

func (budgetError) Is(target error) bool { return target == errFolderTooLarge }
