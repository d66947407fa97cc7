package content

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"
	"unsafe"
)

// The open cache keeps, between runs, what Open parsed of each file of a
// big folder (or of the built-in guide), with the file's status. A later
// Open then stats a file whose record still matches (one system call)
// instead of opening, reading and parsing it (four, and the front
// matter): on the 2-core VM of issue 14 that is 3.3 µs against 10 µs a
// file in system calls alone.
// Only per-file work is cached: the checks between entries (ids, links,
// paths) run on every Open, and Finish reads every body as before.
//
// A record is trusted while the file's device, inode, size, modification
// and change times are all as recorded. Any write to a file moves its
// change time, which no user can set back; a file changed within the
// clock's granularity of being read could keep both times, so a file
// changed less than racyWindow before Open read it is not recorded (git
// does the same with its index). The cache names the build of secu that
// wrote it and the folder: another build, another folder, a damaged or
// foreign file, and it is ignored, never trusted in part.

const (
	cacheMagic   = "secu open cache"
	cacheVersion = 2
)

// Variables for tests: cacheMin is the smallest folder Open caches (below
// it, reading takes a few milliseconds); racyWindow, how long ago a file
// must have changed to be recorded.
var (
	cacheMin   = 1000
	racyWindow = 2 * time.Second
)

// stamp is what a file's status says of its content.
type stamp struct {
	dev, ino           uint64
	size, mtime, ctime int64 // times in Unix nanoseconds
}

func (s stamp) key() fileKey { return fileKey{s.dev, s.ino} }

// cacheRec is one file of the folder as a previous Open parsed it.
type cacheRec struct {
	st stamp
	e  *parsed
}

// CachedDirFS is DirFS(dir) whose Open keeps its front matter in file
// between runs (the open cache, above); ident names the program's build,
// so that another build does not trust it. Open reads the cache; the
// library's SaveCache writes it.
func CachedDirFS(dir, file, ident string) *CachedDir {
	return &CachedDir{fsys: DirFS(dir), file: file, ident: ident + "\x00" + dir}
}

// CachedEmbeddedFS is the built-in guide read through the open cache:
// its files change only with the build, which ident names, so a record
// is taken without a look at the file.
func CachedEmbeddedFS(file, ident string) *CachedDir {
	return &CachedDir{fsys: EmbeddedFS(), file: file, ident: ident + "\x00built-in guide", fixed: true}
}

// CachedDir is a folder read through the open cache.
type CachedDir struct {
	fsys        fs.FS // a dirFS, or the embedded guide
	file, ident string
	fixed       bool // the embedded guide
}

// Open opens a file of the folder: a CachedDir is an fs.FS.
func (c *CachedDir) Open(name string) (fs.File, error) { return c.fsys.Open(name) }

// readCache reads the cache file; nil when it is missing, damaged, or
// another build's or folder's. Only a regular file no bigger than a
// folder's budget is read (a pipe in its place would block).
func readCache(file, ident string) map[string]cacheRec {
	info, err := os.Stat(file)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxFolderBytes {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	recs, err := decodeCache(data, ident)
	if err != nil {
		return nil
	}
	return recs
}

// decodeCache parses a cache; every string points into data, kept whole.
func decodeCache(data []byte, ident string) (map[string]cacheRec, error) {
	r := &cacheReader{s: unsafe.String(unsafe.SliceData(data), len(data))}
	if r.raw() != cacheMagic || r.u64() != cacheVersion || r.raw() != ident {
		return nil, errBadCache
	}
	n := r.u64()
	if r.err != nil || n > maxEntries || n > uint64(len(r.s)) {
		return nil, errBadCache
	}
	recs := make(map[string]cacheRec, n)
	for range n {
		path := r.str()
		st := stamp{r.u64(), r.u64(), r.i64(), r.i64(), r.i64()}
		e := &parsed{Entry: &Entry{Path: path}}
		e.ID, e.Kind, e.Title, e.French, e.English = r.str(), r.str(), r.str(), r.str(), r.str()
		e.Aliases, e.Keywords, e.SeeAlso = r.strs(), r.strs(), r.strs()
		e.Website, e.Sources, e.Verified = r.str(), r.strs(), r.str()
		e.Order, e.Paths = int(r.i64()), r.strs()
		e.idLine, e.seeAlsoLines, e.pathsLine, e.sourcesLine = r.int(), r.ints(), r.int(), r.int()
		e.closeLine, e.emptied, e.size = r.int(), r.u64() == 1, r.int()
		e.figRefs, e.sortKey = r.strs(), r.str()
		if r.err != nil {
			return nil, r.err
		}
		if _, dup := recs[path]; dup || !fs.ValidPath(path) {
			return nil, errBadCache
		}
		recs[path] = cacheRec{st, e}
	}
	if r.s != "" {
		return nil, errBadCache
	}
	return recs, nil
}

var errBadCache = errors.New("not a usable cache")

// cacheReader reads the cache's fields; the first error sticks.
type cacheReader struct {
	s   string
	err error
}

// u64 reads a varint: most lengths and line numbers take one byte.
func (r *cacheReader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		if i == binary.MaxVarintLen64-1 && c > 1 {
			break // overflows 64 bits
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.s = r.s[i+1:]
			return v
		}
	}
	r.err = errBadCache
	return 0
}

func (r *cacheReader) i64() int64 { return int64(r.u64()) }

// int reads a line number or size: never negative, never huge.
func (r *cacheReader) int() int {
	v := r.u64()
	if v > maxFileSize+1 {
		r.err = errBadCache
		return 0
	}
	return int(v)
}

// raw reads a string as it is.
func (r *cacheReader) raw() string {
	n := r.u64()
	if r.err != nil || n > uint64(len(r.s)) {
		r.err = errBadCache
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

// str reads a string of one line: the loader cleaned every field it
// cached, so a control character, or bytes that are not UTF-8, mean the
// file is not the cache it claims to be (and would reach the screen).
func (r *cacheReader) str() string {
	s := r.raw()
	if !oneLineText(s) {
		r.err = errBadCache
		return ""
	}
	return s
}

func (r *cacheReader) strs() []string { return readList(r, r.str) }
func (r *cacheReader) ints() []int    { return readList(r, r.int) }

// readList reads a count, then that many items, each a byte at least.
func readList[T any](r *cacheReader, item func() T) []T {
	n := r.u64()
	if r.err != nil || n > uint64(len(r.s)) {
		r.err = errBadCache
		return nil
	}
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = item()
	}
	return out
}

// oneLineText reports whether s is UTF-8 without C0 or C1 control
// characters.
func oneLineText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || (r >= 0x80 && r <= 0x9f) {
			return false
		}
		i += n
	}
	return true
}

// cacheWriter appends the cache's fields.
type cacheWriter struct{ b []byte }

func (w *cacheWriter) u64(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *cacheWriter) i64(v int64)  { w.u64(uint64(v)) }
func (w *cacheWriter) str(s string) { w.u64(uint64(len(s))); w.b = append(w.b, s...) }
func (w *cacheWriter) strs(ss []string) {
	w.u64(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}
func (w *cacheWriter) ints(vs []int) {
	w.u64(uint64(len(vs)))
	for _, v := range vs {
		w.u64(uint64(v))
	}
}

func encodeCache(ident string, recs []cacheRec) []byte {
	w := &cacheWriter{}
	w.str(cacheMagic)
	w.u64(cacheVersion)
	w.str(ident)
	w.u64(uint64(len(recs)))
	for _, c := range recs {
		e := c.e
		w.str(e.Path)
		w.u64(c.st.dev)
		w.u64(c.st.ino)
		w.i64(c.st.size)
		w.i64(c.st.mtime)
		w.i64(c.st.ctime)
		for _, s := range []string{e.ID, e.Kind, e.Title, e.French, e.English} {
			w.str(s)
		}
		w.strs(e.Aliases)
		w.strs(e.Keywords)
		w.strs(e.SeeAlso)
		w.str(e.Website)
		w.strs(e.Sources)
		w.str(e.Verified)
		w.i64(int64(e.Order))
		w.strs(e.Paths)
		w.u64(uint64(e.idLine))
		w.ints(e.seeAlsoLines)
		w.u64(uint64(e.pathsLine))
		w.u64(uint64(e.sourcesLine))
		w.u64(uint64(e.closeLine))
		emptied := uint64(0)
		if e.emptied {
			emptied = 1
		}
		w.u64(emptied)
		w.u64(uint64(e.size))
		w.strs(e.figRefs)
		w.str(e.sortKey)
	}
	return w.b
}

// writeCache replaces the cache file whole (a rename, so that a reader
// never sees half of it). A process ended while it wrote leaves its
// temporary file: those older than a minute are removed first.
func writeCache(file string, data []byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if old, _ := filepath.Glob(filepath.Join(dir, tempPattern)); len(old) > 0 {
		for _, p := range old {
			if info, err := os.Lstat(p); err == nil && time.Since(info.ModTime()) > time.Minute {
				os.Remove(p)
			}
		}
	}
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// tempPattern names the cache files being written.
const tempPattern = ".open-cache-*"

// cacheSave is what SaveCache writes: set by Open when the folder was
// read through the cache, had no problem, and changed since.
type cacheSave struct {
	file, ident string
	recs        []cacheRec
}

// SaveCache writes the open cache of a library from a CachedDir, if Open
// found anything new to keep; call it once the first frame is drawn. It
// is safe to call beside Finish.
func (l *Library) SaveCache() error {
	s := l.save
	if s == nil {
		return nil
	}
	l.save = nil
	return writeCache(s.file, encodeCache(s.ident, s.recs))
}

// sameStamps reports whether a cache already holds exactly recs.
func sameStamps(old map[string]cacheRec, recs []cacheRec) bool {
	if len(old) != len(recs) {
		return false
	}
	for _, c := range recs {
		if o, ok := old[c.e.Path]; !ok || o.st != c.st {
			return false
		}
	}
	return true
}

// useCached takes f's entry from its cache record c if the file's status
// is still c's, counting it as readEntry counts a file it reads; it
// reports whether it did (false: read the file).
func useCached(d dirFS, f *file, c cacheRec, budget *readBudget) bool {
	st, regular, err := d.statRaw(f.path)
	if err != nil || !regular || st.ctime == 0 || st != c.st {
		return false
	}
	f.key, f.keyed, f.stamp = st.key(), true, st
	f.size = -1
	if budget.claim(f.key, f.idx) {
		return true // another name of a file already read
	}
	f.size = st.size
	budget.read(int(st.size))
	f.entry, f.fromCache = c.e, true
	return true
}

// takeFixed takes f's entry from its record c, for the built-in guide.
func takeFixed(f *file, c cacheRec, budget *readBudget) {
	f.size = int64(c.e.size)
	budget.read(c.e.size)
	f.entry, f.fromCache = c.e, true
}

// cacheToSave lists what the cache should now hold, in walk order, or
// nil when it holds it already: every file that gave an entry without a
// problem, whose times are known and older than the racy window when the
// folder was opened.
func cacheToSave(cd *CachedDir, files []*file, old map[string]cacheRec, opened time.Time) *cacheSave {
	limit := opened.Add(-racyWindow).UnixNano()
	var recs []cacheRec
	for _, f := range files {
		st := f.stamp
		switch {
		case f.entry == nil || len(f.probs) > 0:
			continue
		case cd.fixed: // no stamp: the build names the files
		case !f.keyed || st.ctime == 0 || st.ctime >= limit || st.mtime >= limit:
			continue
		}
		recs = append(recs, cacheRec{st, f.entry})
	}
	if sameStamps(old, recs) {
		return nil
	}
	return &cacheSave{cd.file, cd.ident, recs}
}

// File is the cache file.
func (c *CachedDir) File() string { return c.file }
