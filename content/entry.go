// Package content holds the embedded guide and loads any folder of entries
// in the same format: one Markdown file per entry with YAML front matter.
package content

// Kinds an entry may have, in the order the tabs show them.
const (
	KindAgency = "agency"
	KindTerm   = "term"
	KindGuide  = "guide"
)

// Kinds lists the valid kinds in tab order.
var Kinds = []string{KindAgency, KindTerm, KindGuide}

// Entry is one article of the guide. Every text field has already been
// stripped of control characters and escape sequences by the loader, and
// every field but Body is one line: no tab, no newline.
type Entry struct {
	ID       string   `yaml:"id" json:"id"`
	Kind     string   `yaml:"kind" json:"kind"`
	Title    string   `yaml:"title" json:"title"`
	French   string   `yaml:"french" json:"french"`
	English  string   `yaml:"english" json:"english"`
	Aliases  []string `yaml:"aliases" json:"aliases"`
	Keywords []string `yaml:"keywords" json:"keywords"`
	SeeAlso  []string `yaml:"see_also" json:"see_also"`
	Website  string   `yaml:"website" json:"website"`
	Sources  []string `yaml:"sources" json:"sources"`
	Verified string   `yaml:"verified" json:"verified"`
	Order    int      `yaml:"order" json:"order,omitempty"`
	// Paths names the step-by-step paths a guide is a step of: each is
	// the id of the guide that opens it (register-student…), in which
	// steps follow their order.
	Paths []string `yaml:"paths" json:"paths,omitempty"`

	// Body is the Markdown after the front matter.
	Body string `yaml:"-" json:"body"`
	// Path is the file's path inside the loaded folder, for messages.
	Path string `yaml:"-" json:"-"`
	// BodyLine is the 1-based line of the file where Body starts.
	BodyLine int `yaml:"-" json:"-"`
	// Links are the ids the body's internal links name, in order, outside
	// code (repeats kept): found once at load, on all cores.
	Links []string `yaml:"-" json:"-"`
	// Cited is how many other entries name this one in see_also: the
	// entries a reader meets most often (Open counts them).
	Cited int `yaml:"-" json:"-"`
}

// Library is a loaded, validated set of entries.
type Library struct {
	// Entries in list order: by kind (agency, term, guide), guides by
	// Order, then by title.
	Entries []*Entry
	// Synonyms is the folder's synonym table (synonyms.yaml), if any.
	Synonyms []Synonym
	// Figures is the figures table (figures.yaml), in file order.
	Figures []Figure
	// Unused lists the figures no entry refers to: not fatal when
	// browsing, but `secu validate` fails on them.
	Unused Problems
	// Warnings are worth fixing but never fatal: a first source that is
	// not an official site.
	Warnings Problems
	byID     map[string]*Entry
	rest     *pending   // what Finish has left to do
	save     *cacheSave // what SaveCache writes
	// fromCache counts the entries Open took from the open cache.
	fromCache int
}

// Figure returns the figure with the given name.
func (l *Library) Figure(name string) (Figure, bool) {
	for _, f := range l.Figures {
		if f.Name == name {
			return f, true
		}
	}
	return Figure{}, false
}

// Get returns the entry with the given id, or nil.
func (l *Library) Get(id string) *Entry { return l.byID[id] }

// Count returns how many entries have the given kind ("" counts all).
func (l *Library) Count(kind string) int {
	if kind == "" {
		return len(l.Entries)
	}
	n := 0
	for _, e := range l.Entries {
		if e.Kind == kind {
			n++
		}
	}
	return n
}
