package ui

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// maxRecent is how many recently read entries are kept.
const maxRecent = 8

// store is what the browser keeps between runs: recently read entries and
// bookmarks, in one JSON file in the user's state directory.
type store struct {
	path   string   // "" keeps everything in memory (tests)
	Recent []string `json:"recent"`
	Marked []string `json:"marked"`
	// problem is a one-line notice about a file that could not be read or
	// written; the browser works without it.
	problem string
}

// StateDir is where secu keeps its state: $XDG_STATE_HOME/secu, else
// ~/.local/state/secu; "" when neither is known.
func StateDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "secu")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "state", "secu")
	}
	return ""
}

// loadStore reads the state file in dir; a missing file is an empty
// state, a corrupt or unreadable one a notice.
func loadStore(dir string) *store {
	s := &store{}
	if dir == "" {
		return s
	}
	s.path = filepath.Join(dir, "state.json")
	data, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s
	case err != nil:
		s.problem = "cannot read " + s.path + ": " + plainErr(err) + " (recent and marked entries are not kept)"
		return s
	case len(data) > 1<<20:
		s.problem = s.path + " is too big; starting with no recent or marked entries"
		return s
	}
	var f struct {
		Recent []string `json:"recent"`
		Marked []string `json:"marked"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		s.problem = s.path + " is damaged; starting with no recent or marked entries"
		return s
	}
	s.Recent, s.Marked = f.Recent, f.Marked
	return s
}

func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// save writes the state atomically: a temporary file in the same folder,
// then a rename, so that a crash never leaves half a file.
func (s *store) save() {
	if s.path == "" {
		return
	}
	data, _ := json.MarshalIndent(struct {
		Recent []string `json:"recent"`
		Marked []string `json:"marked"`
	}{orEmpty(s.Recent), orEmpty(s.Marked)}, "", "  ")
	err := os.MkdirAll(filepath.Dir(s.path), 0o700)
	if err == nil {
		err = writeAtomic(s.path, append(data, '\n'))
	}
	if err != nil {
		s.problem = "cannot save " + s.path + ": " + plainErr(err)
		return
	}
	// Saved: a damaged or unreadable file of the start is behind us, and
	// each mark now says what it did.
	s.problem = ""
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".state-*.json")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// visit puts an entry first among the recent ones.
func (s *store) visit(id string) {
	if len(s.Recent) > 0 && s.Recent[0] == id {
		return
	}
	s.Recent = slices.DeleteFunc(s.Recent, func(x string) bool { return x == id })
	s.Recent = append([]string{id}, s.Recent...)
	if len(s.Recent) > maxRecent {
		s.Recent = s.Recent[:maxRecent]
	}
	s.save()
}

func (s *store) marked(id string) bool { return slices.Contains(s.Marked, id) }

// toggle marks or unmarks an entry and reports whether it is now marked.
func (s *store) toggle(id string) bool {
	on := !s.marked(id)
	if on {
		s.Marked = append(s.Marked, id)
	} else {
		s.Marked = slices.DeleteFunc(s.Marked, func(x string) bool { return x == id })
	}
	s.save()
	return on
}
