package content

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
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
	mu   sync.Mutex
	left int64
	seen map[fileKey]string // file: the first name it was read under
}

func newReadBudget() *readBudget {
	return &readBudget{left: maxFolderBytes, seen: map[fileKey]string{}}
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

// exhausted reports whether the folder went over its limit.
func (b *readBudget) exhausted() bool {
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.left < 0
}

// budgetError is errFolderTooLarge with its message.
type budgetError string

func (e budgetError) Error() string { return string(e) }

func (budgetError) Is(target error) bool { return target == errFolderTooLarge }
