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
