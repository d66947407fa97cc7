package refund

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text renders the calculation as aligned lines for a terminal or a
// pipe: the label, the amount on the right, then its note indented.
func (r Result) Text() string { return r.TextWidth(72) }

// TextWidth is Text with notes wrapped to width columns (for a narrow
// pane: wrapping Text again would lose the notes' indent).
func (r Result) TextWidth(width int) string {
	var b strings.Builder
	title := ActLabels[r.Input.Act]
	if consultation(r.Input.Act) {
		title += fmt.Sprintf(", sector %d", r.Input.Sector)
		if r.Input.OPTAM {
			title += " (OPTAM)"
		}
	}
	b.WriteString(title + "\n\n")
	labels := 0
	for _, l := range r.Lines {
		labels = max(labels, utf8.RuneCountInString(l.Label))
	}
	amounts := make([]string, len(r.Lines))
	col := 0
	for i, l := range r.Lines {
		amounts[i] = money(cents(l.Amount))
		if l.Unit == "percent" {
			amounts[i] = percent(l.Amount)
		}
		col = max(col, utf8.RuneCountInString(amounts[i]))
	}
	// Amounts right-aligned in 10 columns, fewer if the width needs it.
	col = max(col, min(10, width-labels-2))
	for i, l := range r.Lines {
		pad := strings.Repeat(" ", labels-utf8.RuneCountInString(l.Label))
		fmt.Fprintf(&b, "%s%s  %*s\n", l.Label, pad, col, amounts[i])
		if l.Note != "" {
			b.WriteString(wrap(l.Note, "    ", "    ", width))
		}
	}
	b.WriteString("\n")
	for _, n := range r.Notes {
		b.WriteString(wrap(n, "- ", "  ", width))
	}
	b.WriteString(wrap(fmt.Sprintf("Figures as of %s (secu show key-figures).", r.AsOfText()), "", "", width))
	return b.String()
}

// AsOfText is the date of the newest figure used: "22 December 2024".
func (r Result) AsOfText() string {
	for _, f := range r.Figures {
		if f.Since == r.AsOf {
			return f.SinceText()
		}
	}
	return r.AsOf
}

// wrap breaks s into lines of at most width columns (a longer word
// stands alone), the first starting with first and the others with rest.
func wrap(s, first, rest string, width int) string {
	var b strings.Builder
	line, n := first, utf8.RuneCountInString(first)
	empty := true
	for _, w := range strings.Fields(s) {
		wn := utf8.RuneCountInString(w)
		if !empty && n+1+wn > width {
			b.WriteString(line + "\n")
			line, n, empty = rest, utf8.RuneCountInString(rest), true
		}
		if !empty {
			line += " "
			n++
		}
		line += w
		n += wn
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}
