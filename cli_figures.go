package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"secu/content"
)

func (a *app) figuresCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "figures",
		Short: "Print every figure of the guide: value, date it took effect, source",
		Long: "Print the figures table: every amount, rate, ceiling and delay the\n" +
			"guide states, with the date it took effect and its official source.\n" +
			"With --json, one JSON array.",
		Args: noArgs("figures"),
		RunE: a.runFigures,
	}
}

type figureItem struct {
	content.Figure
	Text      string `json:"text"`
	SinceText string `json:"since_text"`
}

func (a *app) runFigures(_ *cobra.Command, _ []string) error {
	lib, err := a.load()
	if err != nil {
		return err
	}
	if a.opts.json {
		items := make([]figureItem, 0, len(lib.Figures))
		for _, f := range lib.Figures {
			if f.UsedBy == nil {
				f.UsedBy = []string{}
			}
			items = append(items, figureItem{f, f.Text(), f.SinceText()})
		}
		return a.writeJSON(items)
	}
	if len(lib.Figures) == 0 {
		return &exitError{1, "this folder has no figures table (" + content.FiguresFile + ")"}
	}
	if isTerminal(a.out) {
		// Rows cut to the terminal, as search does: a wrapped row reads as
		// two figures. Piped and --json keep the whole label and the source.
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tVALUE\tSINCE\tWHAT")
		for _, f := range lib.Figures {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Name, f.Text(), f.Since, cell(f.Label))
		}
		tw.Flush()
		width := a.outWidth()
		for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
			if _, err := fmt.Fprintln(a.out, ansi.Truncate(l, width, "…")); err != nil {
				return writeErr(err)
			}
		}
		return nil
	}
	for _, f := range lib.Figures {
		if _, err := fmt.Fprintf(a.out, "%s\t%s\t%s\t%s\t%s\n", f.Name, f.Text(), f.Since, cell(f.Label), f.Source); err != nil {
			return writeErr(err)
		}
	}
	return nil
}

// staleNote says, for an entry checked more than a year ago, how long ago.
func staleNote(e *content.Entry) string {
	age, ok := content.AgeMonths(e.Verified, content.Today())
	if !ok || age <= content.StaleAfter {
		return ""
	}
	return fmt.Sprintf("Checked %d months ago (%s): figures and steps may have changed since; check the sources.", age, e.Verified)
}

// reportChecks prints what validate finds beyond load errors: unused
// figures (problems), first sources that are not official (warnings) and,
// with --max-age, entries checked too long ago. It returns how many
// problems it printed.
func (a *app) reportChecks(lib *content.Library, dir string) int {
	prefix := func(p content.Problem) content.Problem {
		if dir != "" {
			p.File = filepath.Join(dir, p.File)
		}
		return p
	}
	n := 0
	for _, p := range lib.Unused {
		fmt.Fprintln(a.out, prefix(p).String())
		n++
	}
	for _, p := range lib.Warnings {
		p = prefix(p)
		p.Msg = "warning: " + p.Msg
		fmt.Fprintln(a.out, p.String())
	}
	if a.maxAge > 0 {
		for _, e := range lib.Entries {
			age, ok := content.AgeMonths(e.Verified, content.Today())
			switch {
			case !ok:
				fmt.Fprintln(a.out, prefix(content.Problem{File: e.Path, Msg: "no verified month: cannot tell how old it is"}).String())
				n++
			case age > a.maxAge:
				fmt.Fprintln(a.out, prefix(content.Problem{File: e.Path, Msg: fmt.Sprintf("checked %d months ago (verified %s; the limit is %d)", age, e.Verified, a.maxAge)}).String())
				n++
			}
		}
	}
	return n
}
