package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Limits that keep a hostile folder from exhausting memory or time.
const (
	maxFileSize         = 1 << 20 // 1 MiB per entry
	maxFrontMatterLines = 300
	maxEntries          = 200_000
)

var (
	// linkPattern finds Markdown link targets; internal ones end in .md.
	linkPattern = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
)

// Problem is one thing wrong with a content folder. Every field is safe to
// print: a control character in a file name is shown escaped (\x1b), and
// messages quote what they cite.
type Problem struct {
	File string // the slash path inside the folder, "." for the folder
	Line int    // 1-based; 0 when the problem is the whole file
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found in a folder; it is the error Load returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Load reads every *.md file under fsys, validates it and returns the
// library. When anything is wrong it returns a nil library and Problems
// listing every problem, each with its file and line, sorted by file and
// line. It never returns both, nor neither.
//
// Hidden files and folders (".name") and files not ending in ".md" are
// skipped. Symbolic links to folders are not followed, so a link loop
// cannot trap it; a *.md name that is not a regular file is reported
// without being opened, so a named pipe cannot block it.
//
// Load is Open and Finish in one: every problem of both halves.
func Load(fsys fs.FS) (*Library, error) {
	lib, probs := open(fsys)
	probs = append(probs, lib.Finish()...)
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, probs
	}
	return lib, nil
}

// Open is the first half of Load, all a list needs: it reads the files
// and checks their front matter, the figures table and the links between
// entries (see_also, paths), and returns the library in list order, with
// the key figures. The bodies are not ready: Finish checks and prepares
// them, and until it has run every Body is empty and Links nil. A browser
// draws its first frame in between. Open's error is the Problems found so
// far (Load would report them too, with those of the bodies).
func Open(fsys fs.FS) (*Library, error) {
	lib, probs := open(fsys)
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, probs
	}
	return lib, nil
}

// Finish is the second half of Load for a library from Open: it reads
// every body again, puts the figures in, cleans and checks it (renderer
// limits, links to missing entries, an empty body), finds its links, and
// reads the synonym table and the sources' warnings. It runs once; later
// calls, from any goroutine, wait for it and return the same problems,
// sorted (none for a library from Load). Call it before reading any Body,
// BodyLine, Links, Synonyms or Warnings; the browser still shows a body
// with problems (its renderer checks the limits again).
func (l *Library) Finish() Problems {
	if l.rest == nil {
		return nil
	}
	return l.rest.wait(l)
}

// pending is what Finish needs from Open.
type pending struct {
	fsys    fs.FS
	budget  *readBudget
	entries []*parsed
	orphans []*parsed       // parsed files with no id: bodies checked only
	broken  map[string]bool // files that gave no entry, by id
	// The figures table, read by Finish for the bodies' references (its
	// parse was a third of the built-in guide's Open).
	figsPresent bool // a regular file the budget admitted: Finish reads it
	figsBroken  bool // it cannot be read: references to it are not reported
	figs        []Figure
	figIndex    map[string]int
	// keyFigures is the entry Open made for the table, if it did: Finish
	// writes its body, sources and date.
	keyFigures *Entry
	once       sync.Once
	probs      Problems
}

func (p *pending) wait(l *Library) Problems {
	p.once.Do(func() {
		p.probs = p.finish(l)
		sortProblems(p.probs)
	})
	return p.probs
}

func (p *pending) finish(l *Library) Problems {
	var probs Problems
	var figProbs Problems
	if p.figsPresent {
		p.figs, figProbs = readFigures(p.fsys, nil) // counted by Open
		p.figsBroken = p.figs == nil && len(figProbs) > 0
		probs = append(probs, figProbs...)
	}
	p.figIndex = figureIndex(p.figs)
	// The bodies, on every core: cleaned, checked, their links found.
	work := make(chan *parsed, 64)
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) { // as open: reading waits on the system
		wg.Go(func() {
			for e := range work {
				e.bodyProbs = prepareBody(p, e)
			}
		})
	}
	for _, e := range p.entries {
		work <- e
	}
	for _, e := range p.orphans {
		work <- e
	}
	close(work)
	wg.Wait()
	for _, e := range p.orphans {
		probs = append(probs, e.bodyProbs...)
	}
	for _, e := range p.entries {
		probs = append(probs, e.bodyProbs...)
		e.bodyProbs = nil
		probs = append(probs, bodyLinkProblems(e, l.byID, p.broken)...)
		e.Links = e.linkIDs
	}
	// Warnings only `secu validate` prints: not worth the first frame's
	// time (a URL parsed for every entry).
	for _, e := range p.entries {
		if len(e.Sources) > 0 && !OfficialSource(e.Sources[0]) {
			l.Warnings = append(l.Warnings, Problem{displayPath(e.Path), e.sourcesLine, fmt.Sprintf("the first source %q is not an official site (cite ameli.fr, service-public.fr, legifrance.gouv.fr… first)", e.Sources[0])})
		}
	}
	syns, sprobs := loadSynonyms(p.fsys, p.budget)
	l.Synonyms = syns
	probs = append(probs, sprobs...)
	// Which entry uses which figure; a table with problems is not handed
	// out (the refund tool, `secu figures`).
	unused := figureUsage(p.entries, p.figs, p.figIndex)
	if len(figProbs) == 0 {
		l.Figures, l.Unused = p.figs, unused
	}
	if kf := p.keyFigures; kf != nil {
		fillKeyFigures(kf, l.Figures, l)
		if len(figProbs) > 0 {
			kf.Body = "The figures table has problems, so its figures are not shown: `secu validate` lists them."
		}
		_, kf.Links = bodyLinks(kf.Body)
	}
	p.entries, p.orphans, p.broken, p.fsys, p.figs, p.figIndex, p.keyFigures = nil, nil, nil, nil, nil, nil, nil
	return probs
}

func sortProblems(probs Problems) {
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
}

// open reads and checks the front matter of every file (Open's work). It
// always returns a library, in use only when there are no problems, whose
// Finish checks the bodies of every entry that has an id.
func open(fsys fs.FS) (*Library, Problems) {
	var (
		probs Problems
		files []*file // every *.md file, in walk order
	)
	// A CachedDir's cache is read beside the walk; workers wait for it.
	var (
		cd         *CachedDir
		cached     map[string]cacheRec
		cacheReady chan struct{}
		started    = time.Now()
	)
	if c, ok := fsys.(*CachedDir); ok {
		cd, fsys = c, c.fsys
		cacheReady = make(chan struct{})
		go func() {
			defer close(cacheReady)
			cached = readCache(c.file, c.ident)
		}()
	}
	add := func(name string, line int, format string, args ...any) {
		probs = append(probs, Problem{displayPath(name), line, fmt.Sprintf(format, args...)})
	}

	// This goroutine walks; the workers, spread over the CPUs, stat, read
	// and parse. Which name of a file linked under several is read, and
	// where the folder's budget runs out, are then decided in walk order
	// (settle), so that the same folder always gives the same problems;
	// meanwhile the workers skip a name whose file an earlier name claimed,
	// and the walk stops once the bytes read pass the budget, which bounds
	// memory. fsys must be safe for concurrent reads, as os.DirFS,
	// embed.FS and fstest.MapFS are.
	dirs := newDirFDs() // the folders, held open while files are read
	defer dirs.close()
	jobs := make(chan []*file, jobQueue)
	var batch []*file
	budget := newReadBudget(0)
	if _, ok := fsys.(dirFS); ok {
		budget = newReadBudget(4096)
	}
	// Twice as many workers as CPUs: one waiting in a system call or a
	// page fault leaves its CPU to another (4 workers: 248 ms against 255
	// to the first frame of 10,000 entries on 2 CPUs).
	workers := 2 * runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// One buffer for every file this worker reads: parse keeps
			// no byte of it. (A new buffer for each file cost more than
			// the reading here: every new page of memory is a fault.)
			var buf []byte
			for b := range jobs {
				for _, f := range b {
					if cacheReady != nil {
						<-cacheReady
						if c, ok := cached[f.path]; ok && cd.fixed {
							takeFixed(f, c, budget)
							continue
						} else if ok && useCached(fsys.(dirFS), f, c, budget) {
							continue
						}
					}
					data, err := readEntry(fsys, f, budget, buf, dirs)
					if cap(data) > cap(buf) && cap(data) <= 64<<10 {
						buf = data[:0]
					}
					if err != nil {
						f.probs = Problems{{displayPath(f.path), 0, plainErr(err)}}
						continue
					}
					if data == nil {
						continue // another name of a file already read
					}
					f.entry, f.probs = parse(f.path, data)
				}
			}
		})
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			add(p, 0, "cannot read: %s", plainErr(err))
			if d != nil && d.IsDir() && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
			return nil // not an entry: skipped
		}
		if len(files) >= maxEntries {
			add(p, 0, "too many entries (the limit is %d)", maxEntries)
			return fs.SkipAll
		}
		if budget.readPast() {
			return fs.SkipAll // settle reports where the budget ran out
		}
		f := &file{path: p, idx: len(files)}
		files = append(files, f)
		if msg := notRegular(fsys, p, d); msg != "" {
			f.probs = Problems{{displayPath(p), 0, msg}}
			return nil
		}
		if batch = append(batch, f); len(batch) == jobBatch {
			jobs <- batch
			batch = nil
		}
		return nil
	})
	if len(batch) > 0 {
		jobs <- batch
	}
	close(jobs)
	wg.Wait()
	files = budget.settle(files)
	// The figures table is counted against the budget after every entry,
	// as if read last; Finish reads it.
	figsPresent, figProbs := statFigures(fsys, budget)
	if err != nil {
		add(".", 0, "cannot read the folder: %s", plainErr(err))
	}

	// A kept file goes with its entry to Finish; the others close now.
	for _, f := range files {
		switch {
		case !f.kept:
		case f.entry != nil:
			f.entry.kept.Store(int64(f.fd) + 1)
		default:
			closeKept(f.fd)
		}
		f.kept = false
	}

	var entries []*parsed
	// broken holds the names of files that gave no entry, so that a link
	// to a file with broken front matter is not reported too.
	broken := map[string]bool{}
	var orphans []*parsed // no id: not entries, but their bodies are checked
	for _, f := range files {
		probs = append(probs, f.probs...)
		switch {
		case f.entry != nil && f.entry.ID != "":
			entries = append(entries, f.entry)
		case f.entry != nil:
			orphans = append(orphans, f.entry)
			fallthrough
		default:
			broken[strings.TrimSuffix(path.Base(f.path), ".md")] = true
		}
	}
	if len(entries) == 0 && len(probs) == 0 {
		add(".", 0, "no entries found (expected *.md files with front matter)")
	}

	probs = append(probs, figProbs...)
	rest := &pending{fsys: fsys, budget: budget, entries: entries, orphans: orphans, broken: broken,
		figsPresent: figsPresent, figsBroken: len(figProbs) > 0}
	lib := &Library{
		Entries: make([]*Entry, 0, len(entries)+1),
		byID:    make(map[string]*Entry, len(entries)+1),
		rest:    rest,
	}
	for _, pe := range entries {
		e := pe.Entry
		lib.Entries = append(lib.Entries, e)
		if prev, ok := lib.byID[e.ID]; ok {
			add(e.Path, pe.idLine, "duplicate id %q (also in %s)", e.ID, displayPath(prev.Path))
			continue
		}
		lib.byID[e.ID] = e
	}
	// The key figures entry is known before the links are checked: an
	// entry may name it in see_also.
	if figsPresent && lib.byID[KeyFiguresID] == nil {
		kf := keyFiguresEntry() // Finish fills it in
		rest.keyFigures = kf
		lib.Entries = append(lib.Entries, kf)
		lib.byID[kf.ID] = kf
	}
	// Sorted while the links are checked: the sort reads kinds, orders,
	// ids and keys, the check writes Cited alone.
	keys := make([]string, 0, len(lib.Entries))
	for _, pe := range entries {
		keys = append(keys, pe.sortKey)
	}
	for _, e := range lib.Entries[len(entries):] { // the key figures
		keys = append(keys, sortKey(e.Title))
	}
	sorted := make(chan struct{})
	go func() {
		sortEntries(lib.Entries, keys)
		close(sorted)
	}()
	probs = append(probs, checkLinks(entries, lib.byID, broken)...)
	<-sorted
	if len(probs) > 0 {
		closeAllKept(slices.Concat(entries, orphans)) // no Finish for it
		return lib, probs
	}
	for _, f := range files {
		if f.fromCache && f.entry != nil {
			lib.fromCache++
		}
	}
	if cd != nil && (cd.fixed || len(entries) >= cacheMin) {
		lib.save = cacheToSave(cd, files, cached, started)
	}
	// A library dropped without Finish closes what Open kept for it.
	runtime.AddCleanup(lib, closeAllKept, slices.Concat(entries, orphans))
	return lib, nil
}

// file is one *.md file of the folder and what reading and parsing it
// gave.
type file struct {
	path  string
	idx   int      // its place in walk order
	key   fileKey  // the file on disk, when keyed
	keyed bool     // the file system gives device and inode
	size  int64    // bytes read; -1 if not read
	entry *parsed  // nil if the file gave no entry
	probs Problems // what reading and parse found
	stamp stamp    // its status when read, for the open cache
	// fromCache: its entry is the open cache's record, the file unread.
	fromCache bool
	// kept: the file is still open, as fd (keepOpen), for its entry's
	// body.
	kept bool
	fd   int
}

// parsed is an entry with the lines that messages about it point to.
type parsed struct {
	*Entry
	idLine       int   // file line of the id field
	seeAlsoLines []int // file line of each see_also item
	pathsLine    int   // file line of the paths field
	sourcesLine  int   // file line of the sources field
	// closeLine is the file line of the "---" that ends the front matter.
	closeLine int
	// emptied: the body was reported empty already (Open).
	emptied bool
	// size is the file's size when Open read it: Finish reads it again,
	// through the descriptor Open kept open, if it did: kept holds it
	// plus one (0: none). Whoever swaps it out closes it (takeKept).
	size int
	kept atomic.Int64
	// figRefs are the figure names the body refers to (Open).
	figRefs []string
	sortKey string // the title folded for sorting, found while parsing
	// The body's internal links, found by Finish: the line in the body
	// (from 0) and the id of each.
	linkLines []int
	linkIDs   []string
	bodyProbs Problems
}

// notRegular returns why the file p cannot be an entry, or "" if it can be
// read. It stats symbolic links (a loop fails here) and never opens a file
// that is not regular: opening a named pipe would block.
func notRegular(fsys fs.FS, p string, d fs.DirEntry) string {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return "cannot read: " + plainErr(err)
		}
		mode = info.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return ""
	case mode.IsDir():
		return "is a folder, not a file (a link to a folder is not followed)"
	}
	return "not a regular file (a pipe, socket or device is not read)"
}

// displayPath makes a file name safe to print: a name with control
// characters or invalid UTF-8 is shown escaped, as Go would quote it.
func displayPath(p string) string {
	if isPlain(p) && !hasBreak(p) {
		return p
	}
	q := strconv.Quote(p)
	return q[1 : len(q)-1]
}

// plainErr drops the path that fs errors repeat, since messages already
// start with the file name.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

func readLimited(fsys fs.FS, p string, budget *readBudget) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", plainErr(err))
	}
	defer f.Close()
	// Read into a buffer of the file's size (plus one byte, to see the
	// end), not one grown step by step; the limit holds whatever Stat says.
	size := 512
	if st, err := f.Stat(); err == nil {
		if msg := budget.admit(p, st); msg != "" {
			return nil, errors.New(msg)
		}
		if st.Size() >= 0 && st.Size() < maxFileSize {
			size = int(st.Size()) + 1
		}
	}
	data, err := readAll(io.LimitReader(f, maxFileSize+1), size)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", plainErr(err))
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("file too large (the limit is %d KiB)", maxFileSize>>10)
	}
	if err := budget.take(len(data)); err != nil {
		return nil, err
	}
	return data, nil
}

// readEntry reads the entry f. It returns nil data, and no error, when an
// earlier name (in walk order) of the same file claimed it: only one name
// of a file is read, whatever the number of links.
func readEntry(fsys fs.FS, f *file, budget *readBudget, buf []byte, dirs *dirFDs) ([]byte, error) {
	f.size = -1
	if d, ok := fsys.(dirFS); ok {
		data, err := d.readRaw(f.path, func(st stamp) bool {
			f.key, f.keyed, f.stamp = st.key(), true, st
			return budget.claim(f.key, f.idx)
		}, buf, func(fd int) bool {
			if f.kept = keepOpen(); f.kept {
				f.fd = fd
			}
			return f.kept
		}, dirs)
		if err != errNoRaw {
			if err == errFileTooLarge {
				return nil, err
			}
			if err != nil {
				return nil, fmt.Errorf("cannot read: %s", plainErr(err))
			}
			if data != nil {
				f.size = int64(len(data))
				budget.read(len(data))
			}
			return data, nil
		}
	}
	fh, err := fsys.Open(f.path)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", plainErr(err))
	}
	defer fh.Close()
	size := 512
	if st, err := fh.Stat(); err == nil {
		if k, ok := keyOf(st); ok {
			f.key, f.keyed = k, true
			if budget.claim(k, f.idx) {
				return nil, nil
			}
		}
		if st.Size() > maxFileSize {
			return nil, errFileTooLarge
		}
		if st.Size() >= 0 {
			size = int(st.Size()) + 1
		}
	}
	data, err := readInto(io.LimitReader(fh, maxFileSize+1), buf, size)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", plainErr(err))
	}
	if len(data) > maxFileSize {
		return nil, errFileTooLarge
	}
	f.size = int64(len(data))
	budget.read(len(data))
	return data, nil
}

var (
	errFileTooLarge = fmt.Errorf("file too large (the limit is %d KiB)", maxFileSize>>10)
	errNoRaw        = errors.New("no raw read here")
)

// readAll is io.ReadAll starting from a buffer of the given size, as
// os.ReadFile does.
func readAll(r io.Reader, size int) ([]byte, error) { return readInto(r, nil, size) }

// readInto is readAll into buf when it holds size bytes: a worker's
// buffer, reused from file to file.
func readInto(r io.Reader, buf []byte, size int) ([]byte, error) {
	data := buf[:0]
	if cap(buf) < size {
		data = make([]byte, 0, size)
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// parse splits one file into front matter and body and checks both. It
// returns the entry whenever it has an id, even with problems, so that
// links to it resolve and only the real problems are reported.
func parse(file string, data []byte) (*parsed, Problems) {
	var probs Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{displayPath(file), line, fmt.Sprintf(format, args...)})
	}
	if bytes.IndexByte(data, 0) >= 0 {
		add(0, "binary file (contains NUL bytes)")
		return nil, probs
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		add(line, "not valid UTF-8 text (save the file as UTF-8)")
		return nil, probs
	}
	// Only the front matter is kept, copied: data is the reading worker's
	// buffer, reused for the next file. The body is read again by Finish.
	src, body, end, opened := split(unsafe.String(unsafe.SliceData(data), len(data)))
	switch {
	case !opened:
		add(1, "missing front matter (the file must start with a line \"---\")")
		return nil, probs
	case end < 0:
		add(1, "front matter not closed (a line \"---\" must end it)")
		return nil, probs
	case end > maxFrontMatterLines+1:
		add(1, "front matter too long: %d lines (the limit is %d)", end-1, maxFrontMatterLines)
		return nil, probs
	}
	e := &parsed{Entry: &Entry{Path: file}, size: len(data)}
	probs = append(probs, decodeFront(file, strings.Clone(src), end+1, e)...)
	e.sortKey = sortKey(e.Title) // here, on the worker's core

	// The body waits for Finish; only an empty one is told now, and the
	// figures it names noted for the key figures.
	e.closeLine = end + 1
	if strings.TrimSpace(body) == "" {
		e.emptied = true
		add(end+1, "empty body (write the entry below the front matter)")
	} else if strings.Contains(body, "{{") {
		e.figRefs = figureNames(body)
	}
	return e, probs
}

// split cuts a file's text (a byte-order mark dropped, CRLF made LF) into
// its front matter src and its body. opened: the first line is "---"; end
// is the index of the closing line (the opening one is line 0), -1 when
// there is none.
func split(text string) (src, body string, end int, opened bool) {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n") // copies only when it replaces
	opening, rest, _ := strings.Cut(text, "\n")
	if strings.TrimRight(opening, " \t") != "---" {
		return "", "", -1, false
	}
	front := rest
	for i := 1; rest != ""; i++ {
		line, after, _ := strings.Cut(rest, "\n")
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return front[:len(front)-len(rest)], after, i, true
		}
		rest = after
	}
	return "", "", -1, true
}

// readBody reads an entry's file again, for Finish: its body, and the
// file line of the body's first line.
func readBody(fsys fs.FS, e *parsed) (string, int, error) {
	var data []byte
	err := errNoRaw
	if d, ok := fsys.(dirFS); ok {
		if fd, ok := e.takeKept(); ok {
			data, err = readKept(fd, e.size)
		} else {
			data, err = d.readRaw(e.Path, func(stamp) bool { return false }, nil, nil, nil)
		}
		if err == errFileTooLarge {
			return "", 0, err
		}
	}
	if err == errNoRaw {
		var f fs.File
		if f, err = fsys.Open(e.Path); err == nil {
			data, err = readAll(io.LimitReader(f, maxFileSize+1), 2048)
			f.Close()
		}
	}
	if err != nil {
		return "", 0, fmt.Errorf("cannot read: %s", plainErr(err))
	}
	if len(data) > maxFileSize {
		return "", 0, errFileTooLarge
	}
	if len(data) > e.size+64<<10 {
		// Kept, it would pass what the folder's budget allowed.
		return "", 0, errors.New("changed since it was first read: it grew")
	}
	_, body, end, _ := split(unsafe.String(unsafe.SliceData(data), len(data)))
	if end < 0 {
		return "", 0, errors.New("changed since it was first read: its front matter is gone")
	}
	return body, end + 2, nil
}

// takeKept takes the descriptor Open kept open for e, if any: the
// caller closes it.
func (e *parsed) takeKept() (int, bool) {
	v := e.kept.Swap(0)
	return int(v - 1), v != 0
}

// closeAllKept closes the files Open kept open for es.
func closeAllKept(es []*parsed) {
	for _, e := range es {
		if fd, ok := e.takeKept(); ok {
			closeKept(fd)
		}
	}
}

// skipBlankLines drops the blank lines that start body, counting them
// into first, the file line of its first line.
func skipBlankLines(body string, first int) (string, int) {
	for {
		i := strings.IndexByte(body, '\n')
		if i < 0 || strings.TrimSpace(body[:i]) != "" {
			return body, first
		}
		body = body[i+1:]
		first++
	}
}

// prepareBody is Finish's work on one entry: its body read again, the
// figures put in, cleaned into Body (Clean keeps every line, so body lines
// still map to file lines), checked against the renderer's limits (a
// browser showing the folder anyway checks again before rendering), and
// its links found.
func prepareBody(p *pending, e *parsed) Problems {
	var probs Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{displayPath(e.Path), line, fmt.Sprintf(format, args...)})
	}
	raw, first, err := readBody(p.fsys, e)
	if err != nil {
		add(0, "%s", err.Error())
		return probs
	}
	raw, first = skipBlankLines(raw, first)
	raw = strings.TrimRightFunc(raw, unicode.IsSpace)
	if strings.Contains(raw, "{{") {
		var fprobs Problems
		raw, fprobs = substitute(e, raw, first, p.figs, p.figIndex, p.figsBroken)
		probs = append(probs, fprobs...)
	}
	body, first := skipBlankLines(Clean(raw), first)
	e.Body = strings.TrimRightFunc(body, unicode.IsSpace)
	e.BodyLine = first
	if strings.TrimSpace(e.Body) == "" {
		e.Body = ""
		if !e.emptied {
			add(e.closeLine, "empty body (write the entry below the front matter)")
		}
	}
	for _, p := range scanLimits(e.Body) {
		add(first+p.line-1, "%s", p.msg)
	}
	e.linkLines, e.linkIDs = bodyLinks(e.Body)
	return probs
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// decodeFront walks the YAML node tree by hand, so that each problem gets
// its own line and every problem is reported, not only the first. src is
// the front matter: its line 1 is line 2 of the file, and closeLine is the
// file line of the "---" that ends it.
func decodeFront(file, src string, closeLine int, e *parsed) Problems {
	var probs Problems
	add := func(line int, format string, args ...any) {
		// YAML line n is file line n+1; a line past the end (an error at
		// the end of the stream) is the closing "---".
		line = min(line+1, closeLine)
		probs = append(probs, Problem{displayPath(file), line, fmt.Sprintf(format, args...)})
	}
	sc := frontPool.Get().(*frontScratch)
	defer frontPool.Put(sc)
	doc, ok := fastFrontIn(src, sc)
	if !ok {
		var y yaml.Node
		if err := decodeYAML(src, &y); err != nil {
			line, msg := yamlError(err, src)
			add(line, "malformed front matter: %s", msg)
			return probs
		}
		doc = fromYAML(&y)
	}
	if doc.kind == 0 {
		add(0, "empty front matter (it needs at least id, kind and title)")
		return probs
	}
	if len(doc.content) == 0 || doc.content[0].kind != yaml.MappingNode {
		line := doc.line
		if len(doc.content) > 0 {
			line = doc.content[0].line
		}
		add(max(line, 1), "malformed front matter: expected \"field: value\" lines")
		return probs
	}
	m := &doc.content[0]
	// The fields seen, with their YAML line, and those already reported
	// as bad: a dozen at most, so a slice, not maps, per entry.
	var store [16]fieldSeen
	seen := fields(store[:0])
	for i := 0; i+1 < len(m.content); i += 2 {
		k, v := &m.content[i], &m.content[i+1]
		name := k.value
		if prev, ok := seen.line(name); ok {
			add(k.line, "field %q given twice (first on line %d)", name, prev+1)
			continue
		}
		seen = append(seen, fieldSeen{name: name, line: k.line})
		switch name {
		case "id", "kind", "title", "french", "english", "website", "verified":
			if v.kind != yaml.ScalarNode {
				add(v.line, "%s must be a single value", name)
				seen.markBad(name)
				continue
			}
			raw := ""
			if !v.null {
				raw = strings.TrimSpace(v.value)
			}
			s := oneLine(raw)
			if msg := fieldLimits(name, []string{s}, false); msg != "" {
				add(k.line, "%s", msg)
			}
			switch name {
			case "id":
				e.ID = s
				e.idLine = k.line + 1
				if raw != "" && !validID(raw) {
					add(k.line, "bad id %q (use lower-case letters, digits and single hyphens)", raw)
				}
			case "kind":
				e.Kind = s
				if raw != "" && !validKind(raw) {
					add(k.line, "unknown kind %q (use agency, term or guide)", raw)
				}
			case "title":
				e.Title = s
			case "french":
				e.French = s
			case "english":
				e.English = s
			case "website":
				e.Website = s
			case "verified":
				e.Verified = s
				if raw != "" && !validMonth(raw) {
					add(k.line, "verified must be a month such as 2026-11, not %q", raw)
				}
			}
		case "aliases", "keywords", "see_also", "sources", "paths":
			list, lines, ok := stringList(v, name == "see_also")
			if !ok {
				add(v.line, "%s must be a list such as [a, b]", name)
				continue
			}
			if msg := fieldLimits(name, list, false); msg != "" {
				add(v.line, "%s", msg)
			}
			switch name {
			case "aliases":
				e.Aliases = list
			case "keywords":
				e.Keywords = list
			case "paths":
				e.Paths = list
				e.pathsLine = k.line + 1
			case "see_also":
				e.SeeAlso = list
				e.seeAlsoLines = make([]int, len(lines))
				for i, l := range lines {
					e.seeAlsoLines[i] = min(l+1, closeLine)
				}
			case "sources":
				e.Sources = list
				e.sourcesLine = k.line + 1
			}
		case "order":
			// An integer only: yaml.v3 would truncate 1.5 to 1 (fromYAML).
			if v.kind != yaml.ScalarNode || !v.isInt {
				add(v.line, "order must be a whole number")
			} else {
				e.Order = v.intVal
			}
		default:
			add(k.line, "unknown field %q (allowed: id, kind, title, french, english, aliases, keywords, see_also, website, sources, verified, order, paths)", name)
		}
	}
	for _, f := range []struct{ name, value string }{{"id", e.ID}, {"kind", e.Kind}, {"title", e.Title}} {
		if l, ok := seen.line(f.name); !ok {
			add(m.line, "missing required field %q", f.name)
		} else if f.value == "" && !seen.bad(f.name) {
			add(l, "%s is empty", f.name)
		}
	}
	base := strings.TrimSuffix(path.Base(file), ".md")
	if e.ID != "" && e.ID != base && validID(e.ID) {
		idLine, _ := seen.line("id")
		add(idLine, "id %q does not match the file name %q", e.ID, base+".md")
	}
	return probs
}

type fieldSeen struct {
	name string
	line int  // YAML line
	bad  bool // reported already
}

type fields []fieldSeen

func (fs fields) line(name string) (int, bool) {
	for _, f := range fs {
		if f.name == name {
			return f.line, true
		}
	}
	return 0, false
}

func (fs fields) bad(name string) bool {
	for _, f := range fs {
		if f.name == name {
			return f.bad
		}
	}
	return false
}

func (fs fields) markBad(name string) {
	for i := range fs {
		if fs[i].name == name {
			fs[i].bad = true
		}
	}
}

// errSecondDocument reports a "--- x" line inside the front matter.
type errSecondDocument struct{ line int }

func (e errSecondDocument) Error() string {
	return fmt.Sprintf("yaml: line %d: a second YAML document starts here (only one is allowed)", e.line)
}

// decodeYAML decodes the one YAML document of src into doc; doc is left
// zero when src holds none.
func decodeYAML(src string, doc *yaml.Node) error {
	// A Decoder, not yaml.Unmarshal, which would silently ignore a second
	// document (a line "--- x": only a line "---" alone ends the front
	// matter).
	dec := yaml.NewDecoder(strings.NewReader(src))
	if err := dec.Decode(doc); err != nil {
		if err == io.EOF {
			return nil
		}
		return err
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return errSecondDocument{max(extra.Line, 1)}
}

// hasBreak reports whether s holds a line break or a tab (two byte
// searches: strings.ContainsAny with a set is a slower loop).
func hasBreak(s string) bool {
	return strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\t') >= 0
}

// oneLine cleans a one-line field: controls and escapes removed, and tabs
// and newlines (a YAML block scalar) turned into single spaces.
func oneLine(s string) string {
	s = Clean(s)
	if hasBreak(s) {
		s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }), " ")
	}
	return strings.TrimSpace(s)
}

// stringList reads a list field and, withLines, the YAML line of each
// item. A single value stands for a one-item list; empty items are
// dropped.
func stringList(v *fnode, withLines bool) ([]string, []int, bool) {
	switch v.kind {
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.content))
		var lines []int
		if withLines {
			lines = make([]int, 0, len(v.content))
		}
		for i := range v.content {
			c := &v.content[i]
			if c.kind != yaml.ScalarNode {
				return nil, nil, false
			}
			if c.null {
				continue
			}
			if s := oneLine(c.value); s != "" {
				out = append(out, s)
				if withLines {
					lines = append(lines, c.line)
				}
			}
		}
		return out, lines, true
	case yaml.ScalarNode:
		if v.null {
			return nil, nil, true
		}
		if s := oneLine(v.value); s != "" {
			return []string{s}, []int{v.line}, true
		}
		return nil, nil, true
	}
	return nil, nil, false
}

// yamlError pulls the line number out of a yaml.v3 error message.
var (
	yamlLine   = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	yamlAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// yamlParserErrors are the messages of yaml.v3's parser (as opposed to its
// scanner): it reports their line counted from 0, so one line too early.
var yamlParserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// YAMLError returns the line (counted in src, from 1) and the message of a
// yaml.v3 error, cleaned for printing: the one place that knows which of
// yaml.v3's messages count lines from 0.
func YAMLError(err error, src string) (int, string) { return yamlError(err, src) }

func yamlError(err error, src string) (int, string) {
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	line := 1
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return line, Clean(msg)
	}
	msg = m[2]
	if m[1] != "" {
		if n, err := strconv.Atoi(m[1]); err == nil {
			line = n
			if yamlParserErrors[msg] {
				line++
			}
		}
	} else if msg == "control characters are not allowed" {
		// No line given: find the first one.
		for i, l := range strings.Split(src, "\n") {
			if strings.IndexFunc(l, func(r rune) bool { return isControl(r) && r != '\t' }) >= 0 {
				line = i + 1
				break
			}
		}
	} else if a := yamlAnchor.FindStringSubmatch(msg); a != nil {
		// No line given: find the alias.
		for i, l := range strings.Split(src, "\n") {
			if strings.Contains(l, "*"+a[1]) {
				line = i + 1
				break
			}
		}
	}
	return line, Clean(msg)
}

// ValidID reports whether s is a valid entry id: lower-case letters and
// digits in words joined by single hyphens (^[a-z0-9]+(-[a-z0-9]+)*$).
func ValidID(s string) bool { return validID(s) }

// validID is ValidID, checked for every entry.
func validID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// validMonth: a month such as 2026-11 (^\d{4}-(0[1-9]|1[0-2])$).
func validMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	m := (s[5]-'0')*10 + s[6] - '0'
	return m >= 1 && m <= 12
}

func validKind(k string) bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// checkLinks reports paths and see_also ids that name no entry (a link
// to a file that exists but failed to load is not reported again) and
// counts each entry's citations (Cited). It checks two halves of the
// entries at once: 10,000 entries are ~7 ms of map look-ups on one core.
func checkLinks(entries []*parsed, byID map[string]*Entry, broken map[string]bool) Problems {
	halves := [2][]*parsed{entries[:len(entries)/2], entries[len(entries)/2:]}
	var probs [2]Problems
	var cited [2][]*Entry
	var wg sync.WaitGroup
	for i, half := range halves {
		wg.Go(func() {
			for _, pe := range half {
				var p Problems
				p, cited[i] = checkFront(pe, byID, broken, cited[i])
				probs[i] = append(probs[i], p...)
			}
		})
	}
	wg.Wait()
	for _, c := range cited {
		for _, t := range c {
			t.Cited++
		}
	}
	return append(probs[0], probs[1]...)
}

// checkFront checks the links of e, appending the entries it cites to
// cited.
func checkFront(e *parsed, byID map[string]*Entry, broken map[string]bool, cited []*Entry) (Problems, []*Entry) {
	var probs Problems
	if len(e.Paths) > 0 && e.Kind != KindGuide {
		probs = append(probs, Problem{displayPath(e.Path), e.pathsLine, "only a guide can be a step of a path (paths is for kind: guide)"})
	}
	for _, id := range e.Paths {
		switch g := byID[id]; {
		case g == nil && !broken[id]:
			probs = append(probs, Problem{displayPath(e.Path), e.pathsLine, fmt.Sprintf("paths names a missing entry %q", id)})
		case g != nil && g.Kind != KindGuide:
			probs = append(probs, Problem{displayPath(e.Path), e.pathsLine, fmt.Sprintf("paths names %q, which is not a guide", id)})
		}
	}
	for i, id := range e.SeeAlso {
		t := byID[id]
		switch {
		case t == nil && !broken[id]:
			probs = append(probs, Problem{displayPath(e.Path), e.seeAlsoLines[i], fmt.Sprintf("see_also names a missing entry %q", id)})
		case t != nil && id != e.ID && !slices.Contains(e.SeeAlso[:i], id):
			cited = append(cited, t) // once for each entry that names it
		}
	}
	return probs, cited
}

// bodyLinkProblems reports the body links (found by prepareBody) that
// name no entry, as checkLinks does for the front matter.
func bodyLinkProblems(e *parsed, byID map[string]*Entry, broken map[string]bool) Problems {
	var probs Problems
	type at struct {
		line int
		id   string
	}
	reported := map[at]bool{} // a line linking twice to a missing entry: one problem
	for k, target := range e.linkIDs {
		l := e.linkLines[k]
		if byID[target] == nil && !broken[target] && !reported[at{l, target}] {
			reported[at{l, target}] = true
			probs = append(probs, Problem{displayPath(e.Path), e.BodyLine + l, fmt.Sprintf("link to a missing entry %q", target+".md")})
		}
	}
	return probs
}

// LinkTargets returns the ids of the internal links ("other-id.md") in s.
func LinkTargets(s string) []string {
	if !strings.Contains(s, "](") {
		return nil // most lines: no link, no regexp run
	}
	var ids []string
	for _, m := range linkPattern.FindAllStringSubmatch(s, -1) {
		if id, ok := InternalID(m[1]); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// RewriteLinks replaces the target of every internal link in s with
// to(id), leaving other links and code alone: the reader uses it to mark
// cross-references, with the same pattern that validation checks.
func RewriteLinks(s string, to func(id string) string) string {
	return mapProse(s, func(_ int, s string) string {
		return linkPattern.ReplaceAllStringFunc(s, func(m string) string {
			if id, ok := InternalID(linkPattern.FindStringSubmatch(m)[1]); ok {
				return "](" + to(id) + ")"
			}
			return m
		})
	})
}

// InternalID reports whether a link target is an internal cross-reference
// ("cpam.md", "../agencies/cpam.md#x") and returns the id it names.
func InternalID(target string) (string, bool) {
	// The reader's own scheme for cross-references: written in content,
	// it must name an entry like any other cross-reference.
	if len(target) >= 5 && strings.EqualFold(target[:5], "secu:") {
		id, _, _ := strings.Cut(target[5:], "#")
		return id, true
	}
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "tel:") {
		return "", false
	}
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	if !strings.HasSuffix(target, ".md") {
		return "", false
	}
	return strings.TrimSuffix(path.Base(target), ".md"), true
}

// sortEntries puts entries in list order: agencies, terms, guides; guides
// by their order, everything else by title, ignoring case and accents.
//
// keys, when not nil, holds each entry's sortKey, found while parsing.
func sortEntries(es []*Entry, keys []string) {
	rank := map[string]int{}
	for i, k := range Kinds {
		rank[k] = i
	}
	// Keys computed once, beside each entry: a map lookup per comparison
	// took 0.6 s at 100,000 entries. Ids are unique here, so the order is
	// total and an unstable sort gives the one order.
	type keyed struct {
		e    *Entry
		rank int
		key  string
	}
	ks := make([]keyed, len(es))
	for i, e := range es {
		var key string
		if keys != nil {
			key = keys[i]
		} else {
			key = sortKey(e.Title)
		}
		ks[i] = keyed{e, rank[e.Kind], key}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		a, b := x.e, y.e
		if x.rank != y.rank {
			return x.rank - y.rank
		}
		if a.Kind == KindGuide && a.Order != b.Order {
			// Guides with an order come first, in that order.
			if a.Order == 0 || b.Order == 0 {
				if b.Order == 0 {
					return -1
				}
				return 1
			}
			return cmp.Compare(a.Order, b.Order)
		}
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for i := range ks {
		es[i] = ks[i].e
	}
}

// sortKey folds a title for sorting: lower case, accents removed.
func sortKey(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return strings.ToLower(s)
	}
	// Decompose (é → e + ◌́), drop the combining marks, recompose the rest.
	folded := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
	return strings.ToLower(norm.NFC.String(folded))
}

// The walk hands files to the workers jobBatch at a time, at most
// jobQueue batches ahead of them: one hand-over a file cost a goroutine
// switch each.
const (
	jobBatch = 16
	jobQueue = 4
)
