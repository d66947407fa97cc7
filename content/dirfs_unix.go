//go:build unix

package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// dirFDs holds the folders of a dirFS open, so that their files are
// opened relative to them: the kernel then looks up one name a file, not
// every folder of the path again (10,000 files in /tmp/secu10k/part-NN:
// 52 against 58 ms on 2 CPUs). Open holds one while it reads.
type dirFDs struct {
	fds sync.Map // folder (slash path, "." the top) → descriptor
	n   atomic.Int64
}

// maxDirFDs bounds the folders held open; the others' files are opened
// by their whole path. A variable for tests.
var maxDirFDs int64 = 1024

func newDirFDs() *dirFDs { return new(dirFDs) }

// at is where to open the file name of d from: its folder's descriptor
// and its base name, or, failing that (or with no dirFDs), the working
// directory and the whole path.
func (ds *dirFDs) at(d dirFS, name string) (int, string) {
	full := d.dir + "/" + name
	if ds == nil {
		return unix.AT_FDCWD, full
	}
	dir, base := path.Split(name)
	dir = path.Clean(dir)
	if fd, ok := ds.fds.Load(dir); ok {
		return fd.(int), base
	}
	if ds.n.Add(1) > maxDirFDs {
		ds.n.Add(-1)
		return unix.AT_FDCWD, full
	}
	fd, err := syscall.Open(d.dir+"/"+dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		ds.n.Add(-1)
		return unix.AT_FDCWD, full
	}
	if other, loaded := ds.fds.LoadOrStore(dir, fd); loaded {
		syscall.Close(fd)
		ds.n.Add(-1)
		fd = other.(int)
	}
	return fd, base
}

// close closes the folders' descriptors.
func (ds *dirFDs) close() {
	ds.fds.Range(func(_, fd any) bool {
		syscall.Close(fd.(int))
		return true
	})
}

// readRaw reads the regular file name of d whole, as readEntry does
// through fs.FS: its identity and status first, so that claim can skip a
// name whose file another name read (claim returns true: nil data, nil
// error), then
// its bytes, at most maxFileSize+1 of them, into buf when it is big
// enough. Opening is non-blocking, so a pipe put in a file's place since
// the walk cannot hang it. Once it is read, the file is closed unless
// keep (if not nil) takes its descriptor.
func (d dirFS) readRaw(name string, claim func(stamp) bool, buf []byte, keep func(fd int) bool, dirs *dirFDs) (_ []byte, err error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	at, rel := dirs.at(d, name)
	var fd int
	for {
		fd, err = unix.Openat(at, rel, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil || keep == nil || !keep(fd) {
			syscall.Close(fd)
		}
	}()
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, errors.New("not a regular file")
	}
	if claim(stampOf(&st)) {
		keep = nil
		return nil, nil
	}
	if st.Size > maxFileSize {
		return nil, errFileTooLarge
	}
	// One byte more than the size, to see the end in one read; a file
	// that grew since is read on, up to the limit.
	data := buf[:0]
	if int64(cap(buf)) < st.Size+1 {
		data = make([]byte, 0, st.Size+1)
	}
	return readFull(fd, data, st.Size, false)
}

// readFull appends the rest of the file fd to data, growing it, up to
// maxFileSize+1 bytes in all: with read(2) from where fd is, or with
// pread(2) from len(data) when positional. Once whole bytes are read
// (what fstat said, if more than 0), it stops without a read to see the
// end.
func readFull(fd int, data []byte, whole int64, positional bool) ([]byte, error) {
	for len(data) <= maxFileSize {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		p := data[len(data):min(cap(data), maxFileSize+1)]
		var n int
		var err error
		if positional {
			n, err = syscall.Pread(fd, p, int64(len(data)))
		} else {
			n, err = syscall.Read(fd, p)
		}
		switch {
		case err == syscall.EINTR || err == syscall.EAGAIN:
			continue
		case err != nil:
			return nil, err
		case n == 0:
			return data, nil
		}
		data = data[:len(data)+n]
		if whole > 0 && int64(len(data)) == whole {
			return data, nil
		}
	}
	return nil, errFileTooLarge
}

// statRaw is the status of the file name of d, through symbolic links,
// as readRaw would find it; regular reports whether it is a regular file.
func (d dirFS) statRaw(name string) (st stamp, regular bool, err error) {
	if !fs.ValidPath(name) {
		return stamp{}, false, fs.ErrInvalid
	}
	var s syscall.Stat_t
	for {
		err = syscall.Stat(d.dir+"/"+name, &s)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return stamp{}, false, err
	}
	return stampOf(&s), s.Mode&syscall.S_IFMT == syscall.S_IFREG, nil
}

// FileIdentity names the file at path as it is now: its device, inode,
// size and times. Any write to it, or another file put in its place,
// changes the name. It fails where the times are not known.
func FileIdentity(path string) (string, error) {
	var s syscall.Stat_t
	if err := syscall.Stat(path, &s); err != nil {
		return "", err
	}
	st := stampOf(&s)
	if st.ctime == 0 {
		return "", errNoRaw
	}
	return fmt.Sprintf("%d %d %d %d %d", st.dev, st.ino, st.size, st.mtime, st.ctime), nil
}

// Open leaves up to keptLimit entry files open (kept counts them) for
// Finish, which reads their bodies through them and closes them: their
// closing is off the first frame's path (10,000 files: ~20 ms of system
// time), and Finish opens and stats no file again. The limit leaves most
// of the process's descriptors free; tests lower it.
var (
	keptLimit = func() int64 {
		var rl syscall.Rlimit
		if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl) != nil || rl.Cur < 4096 {
			return 0
		}
		return int64(min(rl.Cur/2, 1<<16))
	}()
	kept atomic.Int64
)

// keepOpen reports whether one more file may be kept open for Finish,
// counting it if so.
func keepOpen() bool {
	if kept.Add(1) > keptLimit {
		kept.Add(-1)
		return false
	}
	return true
}

// closeKept closes a descriptor keepOpen took.
func closeKept(fd int) {
	syscall.Close(fd)
	kept.Add(-1)
}

// readKept reads the whole of the kept file fd, at most maxFileSize+1
// bytes, from its start; size is what Open read of it. It closes fd.
func readKept(fd, size int) ([]byte, error) {
	defer closeKept(fd)
	return readFull(fd, make([]byte, 0, min(size, maxFileSize)+1), 0, true)
}
