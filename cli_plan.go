package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"secu/content"
	"secu/plan"
	"secu/ui"
)

type planFlags struct {
	as       string
	eu       string
	arriving string
	children int
	have     []string
	format   string
}

func (a *app) planCmd() *cobra.Command {
	var pf planFlags
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Make your checklist: what to do, in which order, with which papers",
		Long: "Ask a few questions (why you are in France, where you come from, what you\n" +
			"already have) and print an ordered checklist: each step says what to do,\n" +
			"where, with which documents, by when, and which entries explain it.\n" +
			"With --as the questions are skipped (for scripts). Nothing is stored.\n\n" +
			"Examples:\n" +
			"  secu plan\n" +
			"  secu plan --as student --eu=false --arriving\n" +
			"  secu plan --as employee --eu=true --children 2 --have nir,bank-account --format json",
		Args: noArgs("plan"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runPlan(cmd, pf) },
	}
	f := cmd.Flags()
	f.StringVar(&pf.as, "as", "", "why you are in France: "+strings.Join(plan.Roles, ", "))
	f.StringVar(&pf.eu, "eu", "", "a national of the EU, the EEA or Switzerland: true or false")
	f.Lookup("eu").NoOptDefVal = "true"
	f.StringVar(&pf.arriving, "arriving", "false", "arriving now (true) or already living in France (false)")
	f.Lookup("arriving").NoOptDefVal = "true"
	f.IntVar(&pf.children, "children", 0, "how many children live with you")
	f.StringSliceVar(&pf.have, "have", nil, "what you already have, comma-separated: "+strings.Join(plan.Haves, ","))
	f.StringVar(&pf.format, "format", "md", "output: md (a printable checklist) or json")
	_ = cmd.RegisterFlagCompletionFunc("as", fixedCompletion(plan.Roles...))
	_ = cmd.RegisterFlagCompletionFunc("eu", fixedCompletion("true", "false"))
	_ = cmd.RegisterFlagCompletionFunc("arriving", fixedCompletion("true", "false"))
	_ = cmd.RegisterFlagCompletionFunc("have", fixedCompletion(plan.Haves...))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("md", "json"))
	return cmd
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// parseYesNo reads a boolean flag given as a string, so that a bad value
// gets a message about true and false rather than about numbers.
func parseYesNo(flag, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "y", "1":
		return true, nil
	case "false", "no", "n", "0":
		return false, nil
	}
	return false, usageErr("--%s must be true or false, not %q", flag, v)
}

func (a *app) runPlan(cmd *cobra.Command, pf planFlags) error {
	format := pf.format
	if a.opts.json {
		format = "json"
	}
	if format != "md" && format != "json" {
		return usageErr("--format must be md or json, not %q", pf.format)
	}
	var (
		ans   plan.Answers
		rules *plan.Rules
		lib   *content.Library
		err   error
	)
	f := cmd.Flags()
	if f.Changed("as") {
		if !contains(plan.Roles, pf.as) {
			return usageErr("--as must be one of %s, not %q", strings.Join(plan.Roles, ", "), pf.as)
		}
		if !f.Changed("eu") {
			return usageErr("--as needs --eu=true or --eu=false (a national of the EU, the EEA or Switzerland?)")
		}
		eu, err := parseYesNo("eu", pf.eu)
		if err != nil {
			return err
		}
		arriving, err := parseYesNo("arriving", pf.arriving)
		if err != nil {
			return err
		}
		if pf.children < 0 || pf.children > 99 {
			return usageErr("--children must be between 0 and 99, not %d", pf.children)
		}
		have, err := parseHave(pf.have)
		if err != nil {
			return err
		}
		ans = plan.Answers{As: pf.as, EU: eu, Arriving: arriving, Children: pf.children, Have: have}
	} else {
		for _, name := range []string{"eu", "arriving", "children", "have"} {
			if f.Changed(name) {
				return usageErr("--%s needs --as too (or run 'secu plan' alone to answer the questions)", name)
			}
		}
		// Load first: broken rules should not cost the person their answers.
		if rules, lib, err = a.loadPlan(); err != nil {
			return err
		}
		if ans, err = a.askPlan(); err != nil {
			return err
		}
	}
	if rules == nil {
		if rules, lib, err = a.loadPlan(); err != nil {
			return err
		}
	}
	p := plan.Build(rules, ans)
	if format == "json" {
		return a.writeJSON(p)
	}
	_, err = io.WriteString(a.out, p.Markdown(func(id string) string {
		if e := lib.Get(id); e != nil {
			return e.Title
		}
		return ""
	}))
	return writeErr(err)
}

func parseHave(items []string) ([]string, error) {
	var have []string
	for _, h := range items {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if !contains(plan.Haves, h) {
			return nil, usageErr("--have: unknown item %q (use %s)", h, strings.Join(plan.Haves, ","))
		}
		if !contains(have, h) {
			have = append(have, h)
		}
	}
	return have, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// contentFS is the folder the guide comes from: --content, else the
// embedded guide.
func (a *app) contentFS() fs.FS {
	if a.opts.contentDir != "" {
		return os.DirFS(a.opts.contentDir)
	}
	return content.EmbeddedFS()
}

// loadPlan loads the guide and its plan rules, with the links checked.
func (a *app) loadPlan() (*plan.Rules, *content.Library, error) {
	lib, err := a.load()
	if err != nil {
		return nil, nil, err
	}
	rules, probs := a.planRules(a.contentFS(), a.opts.contentDir, lib)
	if errors.Is(probs, fs.ErrNotExist) {
		return nil, nil, usageErr("%s has no plan rules (%s)", a.opts.contentDir, plan.FileName)
	}
	if probs != nil {
		fmt.Fprintln(a.err, probs.Error())
		return nil, nil, &exitError{2, "the plan rules have problems (run 'secu validate')"}
	}
	return rules, lib, nil
}

// planRules loads the plan rules of fsys and checks their links against
// lib; problems name files inside dir. A folder without rules gives an
// error wrapping fs.ErrNotExist.
func (a *app) planRules(fsys fs.FS, dir string, lib *content.Library) (*plan.Rules, error) {
	rules, err := plan.Load(fsys)
	if err == nil && lib != nil {
		probs := rules.CheckLinks(func(id string) bool { return lib.Get(id) != nil })
		probs = append(probs, rules.Figures(lib.Figure)...)
		if len(probs) > 0 {
			err = probs
		}
	}
	if probs, ok := err.(content.Problems); ok {
		for i := range probs {
			if dir != "" {
				probs[i].File = filepath.Join(dir, probs[i].File)
			}
		}
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return nil, probs
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, &exitError{2, "cannot read the plan rules: " + plainErr(err)}
	}
	return rules, err
}

// browserPlanRules are the plan rules for the browser's "My plan" page;
// broken or missing rules leave the page saying so (secu validate tells
// why).
func (a *app) browserPlanRules(lib *content.Library) *plan.Rules {
	lib.Finish() // the figures the rules name
	rules, err := a.planRules(a.contentFS(), a.opts.contentDir, lib)
	if err != nil {
		return nil
	}
	return rules
}

// validatePlan is the plan part of 'secu validate [DIR]': it prints the
// problems of the folder's plan rules, if it has any rules.
// validatePlan checks the plan rules; with lib nil (the entries did not
// load) it checks the file alone, so that every problem is listed at once.
func (a *app) validatePlan(args []string, lib *content.Library) error {
	dir := a.opts.contentDir
	if len(args) == 1 {
		dir = args[0]
	}
	fsys := content.EmbeddedFS()
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	_, err := a.planRules(fsys, dir, lib)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if probs, ok := err.(content.Problems); ok {
		fmt.Fprintln(a.out, probs.Error())
		label := dir
		if label == "" {
			label = "the built-in guide"
		}
		return &exitError{2, fmt.Sprintf("%s: %s in %s", label, plural(len(probs), "problem"), plan.FileName)}
	}
	return err
}

// askPlan asks the questions: a form on the terminal (drawn on stderr, so
// that `secu plan > plan.md` works), or one question at a time on plain
// lines (huh's accessible mode) when ACCESSIBLE is set or stdin or stderr
// is not a terminal, so a screen reader or a script can answer.
func (a *app) askPlan() (plan.Answers, error) {
	q := ui.NewPlanQuestions()
	q.Accessible = os.Getenv("ACCESSIBLE") != "" || !isTerminal(a.in) || !isTerminal(a.err)
	qs := q.Questions()
	if q.Accessible {
		if err := askAccessible(qs, a.in, a.err, "secu plan --as student --eu=false"); err != nil {
			return plan.Answers{}, err
		}
		return q.Answers(), nil
	}
	if err := runForm(qs, a.in, a.err); err != nil {
		return plan.Answers{}, err
	}
	return q.Answers(), nil
}

// runForm shows the questions as one form on the terminal.
func runForm(qs []ui.Question, in io.Reader, out io.Writer) error {
	var groups []*huh.Group
	for _, q := range qs {
		groups = append(groups, q.Group)
	}
	if err := huh.NewForm(groups...).WithInput(in).WithOutput(out).Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return &exitError{1, "cancelled"}
		}
		return &exitError{1, err.Error()}
	}
	return nil
}

// askAccessible asks each question on plain lines: the questions and
// choices go to w (stderr, so that stdout holds only the result), the
// answers come from r, one a line. Input that ends before the last
// question is a usage error rather than silent defaults.
func askAccessible(qs []ui.Question, r io.Reader, w io.Writer, example string) error {
	lr := &lineReader{r: r}
	out := colorprofile.NewWriter(w, os.Environ())
	for i, q := range qs {
		if q.Hidden() {
			continue
		}
		if err := huh.NewForm(q.Group).WithAccessible(true).WithInput(lr).WithOutput(out).Run(); err != nil {
			return &exitError{1, err.Error()}
		}
		if !lr.eof {
			continue
		}
		for _, later := range qs[i+1:] {
			if !later.Hidden() {
				return usageErr("the input ended before the last question; answer one question a line, or use flags (%s)", example)
			}
		}
	}
	return nil
}

// lineReader hands out at most one line per Read. huh's accessible mode
// makes a new bufio.Scanner for every question, and a scanner reading
// ahead would swallow the answers to the next questions.
type lineReader struct {
	r   io.Reader
	eof bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		var b [1]byte
		m, err := l.r.Read(b[:])
		if m == 1 {
			p[n] = b[0]
			n++
			if b[0] == '\n' {
				return n, nil
			}
		}
		if err != nil {
			if err == io.EOF {
				l.eof = true
			}
			return n, err
		}
	}
	return n, nil
}
