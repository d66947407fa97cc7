package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"secu/content"
	"secu/nir"
	"secu/plan"
	"secu/search"
	"secu/ui"
)

// options are the flags every command accepts.
type options struct {
	contentDir string
	json       bool
	kind       string
	style      string
	width      int
	limit      int
	noPager    bool
	explain    bool // nir: the decoded fields too
}

type app struct {
	in       io.Reader
	out, err io.Writer
	opts     options
	maxAge   int  // validate --max-age
	browsing bool // the TUI is starting: see restoreGC
}

const longHelp = `secu is an offline guide to French social security ("la Sécu") for
newcomers: which agency does what, what each form and term means, and how
to register, step by step. It never uses the network.

Run it with no arguments in a terminal to browse and search the guide.
With a query (secu carte vitale) it opens on the best match.

Keys in the browser: type to search · ↑↓ move · enter open · tab next link
· backspace back · / find in page · 1-5 tabs · ctrl+k number checker
· f1 all keys · ctrl+c quit (q q outside the search box).`

func newRootCmd(in io.Reader, out, errw io.Writer) *cobra.Command {
	a := &app{in: in, out: out, err: errw}
	root := &cobra.Command{
		Use:           "secu [QUERY...]",
		Short:         "An offline guide to French social security",
		Long:          longHelp,
		Version:       version,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          a.runRoot,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.checkFlags()
		},
	}
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errw)
	root.SetVersionTemplate("secu {{.Version}}\n")
	f := root.PersistentFlags()
	f.StringVar(&a.opts.contentDir, "content", "", "browse the entries in `DIR` instead of the built-in guide")
	f.BoolVar(&a.opts.json, "json", false, "print JSON (search, list, show, figures, nir, plan, refund)")
	f.StringVar(&a.opts.kind, "kind", "", "only entries of this kind: agency, term or guide (search, list)")
	f.StringVar(&a.opts.style, "style", "auto", "reader style: auto, dark, light or notty")
	f.IntVar(&a.opts.width, "width", 0, "wrap `N` columns wide (show; default: the terminal's width, else 80)")
	f.IntVar(&a.opts.limit, "limit", 20, "show at most `N` matches (search)")
	f.BoolVar(&a.opts.noPager, "no-pager", false, "print show's output directly, not through $PAGER")
	// Completion: the values of --kind and --style, folders for --content.
	_ = root.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(
		[]string{"agency\tagencies", "term\tglossary terms", "guide\tstep-by-step guides"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("style", cobra.FixedCompletions(
		[]string{"auto\tfrom the terminal", "dark", "light", "notty\tplain text"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.MarkPersistentFlagDirname("content")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageErr("%s (see 'secu --help')", flagMessage(cmd, err))
	})
	// Our own completion command: Cobra's prints help and exits 0 when
	// the shell is missing or unknown, where a usage error is due.
	root.CompletionOptions.DisableDefaultCmd = true

	root.AddCommand(
		&cobra.Command{
			Use:   "search QUERY...",
			Short: "Print the entries that match QUERY, best first",
			Long: "Print the entries that match QUERY, best first, one a line:\n" +
				"id, kind, title and French name, separated by tabs. Exit 1 if none.",
			Args: minArgs(1, "search needs a query, for example: secu search carte vitale"),
			RunE: a.runSearch,
		},
		&cobra.Command{
			Use:   "show ID|QUERY...",
			Short: "Print one entry (an exact id, else the best match)",
			Args:  minArgs(1, "show needs an entry id or a query, for example: secu show cpam"),
			RunE:  a.runShow,
			// Completes entry ids, from --content when given.
			ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				lib, err := a.quietLoad()
				if err != nil {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				var ids []string
				for _, e := range lib.Entries {
					if strings.HasPrefix(e.ID, prefix) {
						ids = append(ids, e.ID+"\t"+cell(e.Title))
					}
				}
				return ids, cobra.ShellCompDirectiveNoFileComp
			},
		},
		&cobra.Command{
			Use:   "list",
			Short: "Print every entry, one a line",
			Args:  noArgs("list"),
			RunE:  a.runList,
		},
		a.validateCmd(),
		a.figuresCmd(),
		a.nirCmd(),
		&cobra.Command{
			Use:       "completion bash|zsh|fish",
			Short:     "Print a shell completion script",
			Long:      "Print a completion script for bash, zsh or fish, for example:\n  secu completion bash > ~/.local/share/bash-completion/completions/secu",
			ValidArgs: []string{"bash", "zsh", "fish"},
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) != 1 {
					return usageErr("completion needs one shell: bash, zsh or fish (for example: secu completion bash)")
				}
				switch args[0] {
				case "bash", "zsh", "fish":
					return nil
				}
				return usageErr("completion supports bash, zsh and fish, not %q", args[0])
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				root := cmd.Root()
				var err error
				switch args[0] {
				case "bash":
					err = root.GenBashCompletionV2(a.out, true)
				case "zsh":
					err = root.GenZshCompletion(a.out)
				case "fish":
					err = root.GenFishCompletion(a.out, true)
				}
				return writeErr(err)
			},
		},
		&cobra.Command{
			Use:   "version",
			Short: "Print the version",
			Args:  noArgs("version"),
			RunE: func(cmd *cobra.Command, _ []string) error {
				_, err := fmt.Fprintln(a.out, "secu "+version)
				return writeErr(err)
			},
		},
	)
	root.AddCommand(a.planCmd(), a.refundCmd())
	return root
}

func (a *app) nirCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "nir",
		Short: "Check social security numbers read from standard input",
		Long: "Check French social security numbers (NIR), one a line on standard\n" +
			"input; in a terminal it asks for them with hidden input (ctrl+d ends).\n" +
			"It says whether each is valid and, if not, what is wrong. With\n" +
			"--explain it also decodes sex, birth and place; when the output is not\n" +
			"a terminal the commune and order number are left out, since with the\n" +
			"birth data they would rebuild the number. The number is never taken\n" +
			"as an argument (your shell history would keep it), never stored and\n" +
			"never printed in full.\n" +
			"Exit 0 if all are valid, 1 if any is not, 2 on a usage error.",
		Args: cobra.ArbitraryArgs,
		RunE: a.runNIR,
	}
	c.Flags().BoolVar(&a.opts.explain, "explain", false, "also show what the number says (sex, birth, place)")
	return c
}

// nirOptions chooses how much secu nir prints (see nirCmd).
func (a *app) nirOptions() nir.Options {
	o := nir.Options{JSON: a.opts.json, Detail: nir.Verdict}
	if a.opts.explain {
		o.Detail = nir.Private
		if isTerminal(a.out) {
			o.Detail = nir.Full
		}
	}
	return o
}

func minArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErr("%s", msg)
		}
		return nil
	}
}

func maxArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErr("%s", msg)
		}
		return nil
	}
}

func noArgs(name string) cobra.PositionalArgs {
	return maxArgs(0, name+" takes no arguments")
}

// maxLimit bounds --limit: more than any folder holds results.
const maxLimit = 100_000

func (a *app) checkFlags() error {
	o := &a.opts
	switch strings.ToLower(o.kind) {
	case "":
	case "agency", "agencies":
		o.kind = content.KindAgency
	case "term", "terms", "glossary":
		o.kind = content.KindTerm
	case "guide", "guides":
		o.kind = content.KindGuide
	default:
		return usageErr("--kind must be agency, term or guide, not %q", o.kind)
	}
	switch o.style {
	case "auto", "dark", "light", "notty":
	default:
		return usageErr("--style must be auto, dark, light or notty, not %q", o.style)
	}
	if o.width != 0 && (o.width < 20 || o.width > 1000) {
		return usageErr("--width must be between 20 and 1000, not %d", o.width)
	}
	// Bounded so that no arithmetic on it can overflow.
	if o.limit < 1 || o.limit > maxLimit {
		return usageErr("--limit must be between 1 and %d, not %d", maxLimit, o.limit)
	}
	return nil
}

// load reads the guide, or the --content folder, and reports every
// problem on stderr.
func (a *app) load() (*content.Library, error) {
	// Loading is the bulk of start-up garbage: past it, a long-running
	// command (a big validate) collects as usual. The browser waits for
	// its first frame (runRoot).
	if !a.browsing {
		defer restoreGC()
	}
	if a.opts.contentDir == "" {
		lib, err := content.Embedded()
		if err != nil {
			return nil, &exitError{2, "the built-in guide is broken:\n" + err.Error()}
		}
		return lib, nil
	}
	return a.loadDir(a.opts.contentDir, a.err)
}

// quietLoad loads like load but prints nothing: for shell completion.
func (a *app) quietLoad() (*content.Library, error) {
	if a.opts.contentDir == "" {
		return content.Embedded()
	}
	return a.loadDir(a.opts.contentDir, io.Discard)
}

func (a *app) loadDir(dir string, w io.Writer) (*content.Library, error) {
	return a.readDir(dir, w, func() (*content.Library, error) { return content.Load(content.DirFS(dir)) })
}

// readDir checks that dir is a folder, reads it with load (content.Load
// or content.Open of it) and reports its problems on w.
func (a *app) readDir(dir string, w io.Writer, load func() (*content.Library, error)) (*content.Library, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, usageErr("cannot open the folder %q: %s", dir, plainErr(err))
	}
	if !st.IsDir() {
		return nil, usageErr("%q is not a folder", dir)
	}
	lib, err := load()
	if err != nil {
		probs, ok := err.(content.Problems)
		if !ok {
			return nil, &exitError{2, err.Error()}
		}
		return nil, reportProblems(dir, probs, w)
	}
	return lib, nil
}

// reportProblems prints a folder's problems on w, one a line, and returns
// the error that ends the command.
func reportProblems(dir string, probs content.Problems, w io.Writer) error {
	for _, p := range probs {
		p.File = filepath.Join(dir, p.File)
		fmt.Fprintln(w, maskNumbers(p.String()))
	}
	return &exitError{2, fmt.Sprintf("%s: %s", dir, plural(len(probs), "problem"))}
}

// finishFirstMax is the largest --content folder whose bodies the browser
// checks before its first frame (content.Finish, a few ms), so that a
// problem stops it as it stops every other command. A bigger folder shows
// its list at once and its problems in the footer when they are found.
const finishFirstMax = 2000

// openForBrowser is load for the browser: the front matter now, the
// bodies (content.Finish) after the first frame. The built-in guide's
// bodies cannot fail: its tests check them.
func (a *app) openForBrowser() (*content.Library, error) {
	if a.opts.contentDir == "" {
		lib, err := content.Open(openCacheFS(""))
		if err != nil {
			return nil, &exitError{2, "the built-in guide is broken:\n" + err.Error()}
		}
		return lib, nil
	}
	dir := a.opts.contentDir
	lib, err := a.readDir(dir, a.err, func() (*content.Library, error) { return content.Open(openCacheFS(dir)) })
	if err != nil {
		return nil, err
	}
	if len(lib.Entries) <= finishFirstMax {
		if probs := lib.Finish(); len(probs) > 0 {
			return nil, reportProblems(a.opts.contentDir, probs, a.err)
		}
	}
	return lib, nil
}

// folderName is how the browser names a --content folder: its base name,
// safe to print; "" for the built-in guide.
func folderName(dir string) string {
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	name := content.Clean(filepath.Base(abs))
	if strings.TrimSpace(name) == "" || name == string(filepath.Separator) {
		return "entries"
	}
	return name
}

func plainErr(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return strconv.Itoa(n) + " " + strings.TrimSuffix(word, "y") + "ies"
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

func (a *app) runRoot(cmd *cobra.Command, args []string) error {
	// Only an exact command name is a command (cobra found none): anything
	// else is a query, "secu lost card" as much as "secu cpam".
	if !isTerminal(a.in) || !isTerminal(a.out) {
		if len(args) > 0 {
			return a.runSearch(cmd, args)
		}
		return a.runList(cmd, nil)
	}
	a.browsing = true
	lib, err := a.openForBrowser()
	if err != nil {
		restoreGC()
		return err
	}
	// The terminal's size now, so that the first layout is the real one.
	width, height := 0, 0
	if f, ok := a.out.(*os.File); ok {
		width, height, _ = term.GetSize(int(f.Fd()))
	}
	// Collect as usual once the first frame is on screen (or, should it
	// never come, after a second).
	fallback := time.AfterFunc(time.Second, restoreGC)
	err = ui.Run(ui.Options{
		Library:  lib,
		Query:    strings.Join(args, " "),
		Style:    a.opts.style,
		Kind:     a.opts.kind,
		StateDir: ui.StateDir(),
		Width:    width,
		Height:   height,
		Folder:   folderName(a.opts.contentDir),

		LoadPlanRules: func() *plan.Rules { return a.browserPlanRules(lib) },
		FirstFrame: func() {
			fallback.Stop()
			restoreGC()
			go lib.SaveCache() // best effort: a cache that is not written is read next time
		},
	})
	var sig *ui.SignalError
	if errors.As(err, &sig) {
		return &exitError{sig.ExitCode(), ""}
	}
	if err != nil {
		return &exitError{1, err.Error()}
	}
	return nil
}

// listItem is the JSON shape of list and search (design.md).
type listItem struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	French   string   `json:"french"`
	English  string   `json:"english"`
	Aliases  []string `json:"aliases"`
	Keywords []string `json:"keywords"`
	SeeAlso  []string `json:"see_also"`
	Website  string   `json:"website"`
}

func newListItem(e *content.Entry) listItem {
	return listItem{e.ID, e.Kind, e.Title, e.French, e.English,
		orEmpty(e.Aliases), orEmpty(e.Keywords), orEmpty(e.SeeAlso), e.Website}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// cell makes a value safe for one tab-separated column.
func cell(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
}

func (a *app) printRow(e *content.Entry) error {
	_, err := fmt.Fprintf(a.out, "%s\t%s\t%s\t%s\n", e.ID, e.Kind, cell(e.Title), cell(e.French))
	return writeErr(err)
}

// writeErr reports that stdout could not be written (a full disk): exit 2
// with one line, rather than exit 0 with the output lost.
func writeErr(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{2, "cannot write the output: " + plainErr(err)}
}

func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return writeErr(enc.Encode(v))
}

func (a *app) runList(_ *cobra.Command, _ []string) error {
	lib, err := a.load()
	if err != nil {
		return err
	}
	items := []listItem{}
	for _, e := range lib.Entries {
		if a.opts.kind != "" && e.Kind != a.opts.kind {
			continue
		}
		if a.opts.json {
			items = append(items, newListItem(e))
		} else if err := a.printRow(e); err != nil {
			return err
		}
	}
	if a.opts.json {
		return a.writeJSON(items)
	}
	return nil
}

type searchItem struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	French  string `json:"french"`
	Score   int    `json:"score"`
	Field   string `json:"field"`
	Snippet string `json:"snippet"`
	// Partial: the entry matches only some of the query's words (no entry
	// matched them all).
	Partial bool `json:"partial,omitempty"`
}

func (a *app) runSearch(_ *cobra.Command, args []string) error {
	lib, err := a.load()
	if err != nil {
		return err
	}
	query := strings.Join(args, " ")
	results := search.NewLibrary(lib).Search(query, a.opts.kind, a.opts.limit)
	if strings.TrimSpace(query) == "" {
		results = nil
	}
	if a.opts.json {
		items := []searchItem{}
		for _, r := range results {
			e := r.Entry
			items = append(items, searchItem{e.ID, e.Kind, e.Title, e.French, r.Score, r.Field, r.Snippet, r.Partial()})
		}
		if err := a.writeJSON(items); err != nil {
			return err
		}
	} else if isTerminal(a.out) && len(results) > 0 {
		if err := a.printColumns(results); err != nil {
			return err
		}
	} else {
		if search.NoExactMatch(results) {
			fmt.Fprintf(a.err, "secu: no entry matches every word of %q; these are the closest\n", query)
		}
		for _, r := range results {
			if err := a.printRow(r.Entry); err != nil {
				return err
			}
		}
	}
	if len(results) == 0 {
		if a.opts.json {
			return &exitError{1, ""}
		}
		return &exitError{1, fmt.Sprintf("nothing matches %q; try fewer letters or another word", query)}
	}
	return nil
}

type showItem struct {
	listItem
	Sources  []string `json:"sources"`
	Verified string   `json:"verified"`
	Body     string   `json:"body"`
}

func (a *app) runShow(_ *cobra.Command, args []string) error {
	lib, err := a.load()
	if err != nil {
		return err
	}
	query := strings.Join(args, " ")
	e := lib.Get(strings.ToLower(strings.TrimSpace(query)))
	if e == nil && strings.TrimSpace(query) != "" {
		if rs := search.NewLibrary(lib).Search(query, "", 1); len(rs) > 0 && !rs[0].Partial() {
			e = rs[0].Entry
		}
	}
	if e == nil {
		return &exitError{1, fmt.Sprintf("no entry matches %q; try fewer words, or 'secu list' to see every entry", query)}
	}
	if a.opts.json {
		return a.writeJSON(showItem{newListItem(e), orEmpty(e.Sources), e.Verified, e.Body})
	}
	style := a.resolveStyle()
	width := a.opts.width
	if width == 0 {
		width = 80
		if f, ok := a.out.(*os.File); ok && isTerminal(f) {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil && w >= 20 {
				width = w
			}
		}
	}
	if line, msg, ok := content.CheckEntry(e); !ok {
		at := e.Path
		if line > 0 {
			at = fmt.Sprintf("%s:%d", e.Path, e.BodyLine+line-1)
		}
		return &exitError{2, fmt.Sprintf("%s: %s (run 'secu validate' for every problem)", at, msg)}
	}
	out, err := ui.RenderEntry(lib, e, width, style)
	if err != nil {
		return &exitError{1, err.Error()}
	}
	if note := staleNote(e); note != "" {
		// Wrapped to the width like the entry under it.
		wrapped := strings.ReplaceAll(ansi.Wordwrap(note, max(1, width-2), ""), "\n", "\n  ")
		out = "\n  " + wrapped + "\n" + out
	}
	if !a.opts.noPager && isTerminal(a.out) {
		if done, err := page(out, a.out, a.err); done {
			return err
		}
	}
	_, err = io.WriteString(a.out, out)
	return writeErr(err)
}

// page shows text through $PAGER (default less -R), as git and gh do,
// and reports whether it did; no pager found means printing directly.
// The pager's words are split on spaces, never run by a shell.
func page(text string, out, errw io.Writer) (bool, error) {
	pager, set := os.LookupEnv("PAGER")
	if !set {
		pager = "less -R"
	}
	words := strings.Fields(pager)
	if len(words) == 0 || words[0] == "cat" {
		return false, nil
	}
	path, err := exec.LookPath(words[0])
	if err != nil {
		return false, nil
	}
	cmd := exec.Command(path, words[1:]...)
	cmd.Stdin = strings.NewReader(text)
	cmd.Stdout, cmd.Stderr = out, errw
	// Like git: less quits when the text fits, keeps colours and does not
	// clear the screen, unless the user set LESS.
	cmd.Env = os.Environ()
	if _, ok := os.LookupEnv("LESS"); !ok {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return true, nil // the pager's own exit (q, a signal) is not ours
		}
		return false, nil
	}
	return true, nil
}

// outWidth is the width of the terminal on stdout, 100 if unknown.
func (a *app) outWidth() int {
	if f, ok := a.out.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w >= 20 {
			return w
		}
	}
	return 100
}

// printColumns prints search results for a person: aligned title,
// French name and English gloss, cut to the terminal's width.
func (a *app) printColumns(results []search.Result) error {
	width := a.outWidth()
	var tw, fw int
	for _, r := range results {
		tw = max(tw, ansi.StringWidth(cell(r.Entry.Title)))
		fw = max(fw, ansi.StringWidth(cell(r.Entry.French)))
	}
	tw, fw = min(tw, width/3), min(fw, width/3)
	pad := func(s string, w int) string {
		s = ansi.Truncate(cell(s), w, "…")
		return s + strings.Repeat(" ", w-ansi.StringWidth(s))
	}
	for _, r := range results {
		e := r.Entry
		line := strings.TrimRight(pad(e.Title, tw)+"  "+pad(e.French, fw)+"  "+cell(e.English), " ")
		if _, err := fmt.Fprintln(a.out, ansi.Truncate(line, width, "…")); err != nil {
			return writeErr(err)
		}
	}
	return nil
}

// resolveStyle turns --style auto into a concrete style without asking the
// terminal anything: plain when stdout is not a terminal or NO_COLOR is set.
func (a *app) resolveStyle() string {
	if a.opts.style != "auto" {
		return a.opts.style
	}
	if !isTerminal(a.out) || os.Getenv("NO_COLOR") != "" {
		return "notty"
	}
	return ui.GuessStyle()
}

func (a *app) validateCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check a folder of entries (default: the built-in guide)",
		Long: "Check a folder of entries (default: the built-in guide): front matter,\n" +
			"links, the figures table. With --max-age MONTHS, also list the entries\n" +
			"checked longer ago than that. Exit 0 if all is well, 2 otherwise.",
		Args: maxArgs(1, "validate takes at most one folder"),
		RunE: a.runValidate,
	}
	c.Flags().IntVar(&a.maxAge, "max-age", 0, "also report entries verified more than `MONTHS` months ago")
	return c
}

func (a *app) runValidate(cmd *cobra.Command, args []string) error {
	if a.maxAge < 0 || a.maxAge > 1200 {
		return usageErr("--max-age must be a number of months between 1 and 1200, not %d", a.maxAge)
	}
	var (
		lib *content.Library
		err error
		dir = "the built-in guide"
	)
	if len(args) == 1 {
		dir = args[0]
		lib, err = a.loadDir(dir, a.out)
	} else if a.opts.contentDir != "" {
		dir = a.opts.contentDir
		lib, err = a.loadDir(dir, a.out)
	} else {
		lib, err = content.Embedded()
		if err != nil {
			fmt.Fprintln(a.out, err)
			err = &exitError{2, "the built-in guide has problems"}
		}
	}
	// Every stage runs, so that one run lists every problem: the entries
	// and figures, the renderer's limits, the plan rules, unused figures.
	failed := err != nil
	if lib != nil {
		// Load scans every body linearly; the renderer's limits are
		// checked here on the parsed Markdown too, so that what passes
		// renders.
		for _, p := range content.CheckRendering(lib) {
			if len(args) == 1 || a.opts.contentDir != "" {
				p.File = filepath.Join(dir, p.File)
			}
			fmt.Fprintln(a.out, p.String())
			failed = true
		}
	}
	if perr := a.validatePlan(args, lib); perr != nil {
		if !failed {
			err = perr
		}
		failed = true
	}
	if lib != nil {
		shown := ""
		if dir != "the built-in guide" {
			shown = dir
		}
		if a.reportChecks(lib, shown) > 0 {
			failed = true
		}
	}
	if failed {
		if err == nil {
			err = &exitError{2, dir + ": problems found (listed above)"}
		}
		return err
	}
	_, err = fmt.Fprintf(a.out, "ok: %s: %s (%s, %s, %s)\n", dir,
		plural(len(lib.Entries), "entry"), plural(lib.Count(content.KindAgency), "agency"),
		plural(lib.Count(content.KindTerm), "term"), plural(lib.Count(content.KindGuide), "guide"))
	return writeErr(err)
}

func (a *app) runNIR(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		// Never echo the argument: it is probably the number itself.
		return usageErr("nir does not take the number as an argument (your shell history would keep it); run 'secu nir' and type it, or pipe it on standard input")
	}
	if f, ok := a.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return a.promptNIR(f)
	}
	n, ok, err := nir.Run(a.in, a.out, a.nirOptions())
	if err != nil {
		return &exitError{2, err.Error()}
	}
	if n == 0 {
		return usageErr("no number read: type one at the prompt, or pipe it in (printf '%%s\\n' \"$NUMBER\" | secu nir)")
	}
	if !ok {
		return &exitError{1, ""}
	}
	return nil
}

var flagValue = regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*$`)

// flagMessage rewrites pflag's parse errors, which quote Go internals
// (strconv.ParseInt...), into plain words.
func flagMessage(cmd *cobra.Command, err error) string {
	if m := flagValue.FindStringSubmatch(err.Error()); m != nil {
		flag := m[2]
		if i := strings.Index(flag, "--"); i >= 0 {
			flag = flag[i:]
		}
		if f := cmd.Flags().Lookup(strings.TrimPrefix(flag, "--")); f != nil && f.Value.Type() == "bool" {
			return fmt.Sprintf("%s is a boolean flag: write %s or %s=false, not %s=%q", flag, flag, flag, flag, m[1])
		}
		return fmt.Sprintf("%s needs a number, not %q", flag, m[1])
	}
	return err.Error()
}
