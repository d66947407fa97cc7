package ui

import (
	"errors"
	"net/url"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"

	"secu/content"
)

// webURL returns u when it is an http or https address, the only kinds
// handed to a browser.
func webURL(u string) (string, bool) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	return u, true
}

// errNoOpener: this machine has no program to open a web page.
var errNoOpener = errors.New("no browser opener")

// openWithPlatform starts the platform's opener on a URL, without a
// shell, and does not wait for the browser.
func openWithPlatform(u string) error {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name = "rundll32"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return errNoOpener
	}
	args := []string{u}
	if runtime.GOOS == "windows" {
		args = []string{"url.dll,FileProtocolHandler", u}
	}
	cmd := exec.Command(path, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reap it; its status says nothing useful
	return nil
}

// openCmd opens a URL off the event loop and reports the outcome.
func openCmd(open func(string) error, u string) tea.Cmd {
	return func() tea.Msg {
		if err := open(u); err != nil {
			if errors.Is(err, errNoOpener) {
				return noticeMsg("No browser opener here (xdg-open): the address is " + u)
			}
			return noticeMsg("Could not open the browser: " + err.Error() + ". The address is " + u)
		}
		return noticeMsg("Opened " + u)
	}
}

// noticeMsg is a one-line message for the footer.
type noticeMsg string

// clipboards are the system clipboard programs tried, in order, after
// OSC 52 (which works over SSH but not in every terminal).
var clipboards = [][]string{
	{"wl-copy"},
	{"xclip", "-selection", "clipboard"},
	{"xsel", "--clipboard", "--input"},
	{"pbcopy"},
}

// copyCmd copies text with OSC 52 and, where there is one, the system
// clipboard.
func copyCmd(c *common, text, what string) tea.Cmd {
	system := func() tea.Msg {
		c.systemCopy(text)
		return noticeMsg("Copied " + what)
	}
	return tea.Batch(tea.SetClipboard(text), system)
}

// systemCopy hands text to the first clipboard program present.
func systemCopy(text string) {
	for _, c := range clipboards {
		path, err := exec.LookPath(c[0])
		if err != nil {
			continue
		}
		cmd := exec.Command(path, c[1:]...)
		cmd.Stdin = strings.NewReader(text)
		// No pipes for its output: xclip stays behind to serve the
		// selection, and Run would wait for it to close them.
		if cmd.Run() == nil {
			return
		}
	}
}

// entryMarkdown is an entry as Markdown, for Y: the title, the names and
// the body as written, then the website and sources.
func entryMarkdown(e *content.Entry) string {
	var b strings.Builder
	b.WriteString("# " + e.Title + "\n\n")
	if e.French != "" && e.French != e.Title {
		b.WriteString("*" + e.French + "*\n\n")
	}
	b.WriteString(strings.TrimSpace(e.Body) + "\n")
	if e.Website != "" {
		b.WriteString("\nWebsite: " + e.Website + "\n")
	}
	if len(e.Sources) > 0 {
		b.WriteString("\nSources:\n")
		for _, s := range e.Sources {
			b.WriteString("- " + s + "\n")
		}
	}
	return b.String()
}

// current is the entry the keys o, y, Y and m act on: the one read, or
// the one selected.
func (m *Model) current() *content.Entry {
	switch {
	case m.focus == focusReader && m.home:
		if it := m.start.selected(); it != nil {
			return m.c.lib.Get(it.id)
		}
		return nil
	case m.focus == focusReader:
		return m.reader.entry
	}
	return m.c.lib.Get(m.list.selectedID())
}

// finished is current once the library's second half has run: the keys
// that use an entry's body or sources wait for it (the generated key
// figures entry gets its sources from the figures table, read there).
func (m *Model) finished() *content.Entry {
	m.c.lib.Finish()
	return m.current()
}

// linkOrSite is the selected external link in the reader, else the
// entry's website, else its first source.
func (m *Model) linkOrSite(e *content.Entry) string {
	if m.focus == focusReader && !m.home {
		if t := m.reader.selected(); strings.Contains(t, ":") {
			return t
		}
	}
	if e.Website != "" {
		return e.Website
	}
	if len(e.Sources) > 0 {
		return e.Sources[0]
	}
	return ""
}

func (m *Model) browse() tea.Cmd {
	e := m.finished()
	if e == nil {
		return nil
	}
	target := m.linkOrSite(e)
	if target == "" {
		return m.setNotice(e.Title + " has no website to open.")
	}
	u, ok := webURL(target)
	if !ok {
		return m.setNotice("Only web addresses open in the browser; this is " + target)
	}
	return openCmd(m.c.openURL, u)
}

func (m *Model) copyLink() tea.Cmd {
	e := m.finished()
	if e == nil {
		return nil
	}
	target := m.linkOrSite(e)
	if target == "" {
		return m.setNotice(e.Title + " has no web address to copy.")
	}
	return copyCmd(m.c, target, target)
}

func (m *Model) copyDoc() tea.Cmd {
	e := m.finished()
	if e == nil {
		return nil
	}
	return copyCmd(m.c, entryMarkdown(e), e.Title+" as Markdown")
}

func (m *Model) mark() tea.Cmd {
	e := m.current()
	if e == nil {
		return nil
	}
	msg := "Unmarked " + e.Title
	if m.c.store.toggle(e.ID) {
		msg = "Marked " + e.Title + " (5 lists marked entries)"
	}
	if p := m.c.store.problem; p != "" {
		msg = p
	}
	m.list.refresh(m.list.selectedID())
	return tea.Batch(m.setNotice(msg), m.syncReader())
}
