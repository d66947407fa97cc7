// Package ui is the Bubble Tea program: a search list on the left, the
// selected entry rendered by Glamour on the right.
package ui

import (
	"fmt"
	"os"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"secu/content"
	"secu/search"
)

// Options configure the TUI.
type Options struct {
	Library *content.Library
	Query   string // initial search
	Style   string // auto, dark, light or notty
	Kind    string // initial tab: "" or a content kind
}

type focus int

const (
	focusSearch focus = iota
	focusList
	focusReader
)

// tabs in header order; kind "" is All.
var tabs = []struct{ kind, name string }{
	{"", "All"},
	{content.KindAgency, "Agencies"},
	{content.KindTerm, "Glossary"},
	{content.KindGuide, "Guide"},
}

// Two panes from this width; under it, one pane at a time.
const splitWidth = 80

// Up to this many entries the search index is built before the first
// frame (a few ms); above, it is built in the background so that a big
// folder shows its list at once.
const syncIndexMax = 2000

// indexMsg carries the search index built in the background.
type indexMsg struct{ index *search.Index }

// Model is the root model: it owns the layout and routes keys, mouse and
// resizes to the list, the reader and the overlays.
type Model struct {
	lib   *content.Library
	index *search.Index
	keys  keyMap
	help  help.Model

	style   string // resolved Glamour style: dark, light or notty
	auto    bool   // --style auto: waiting for the terminal's answer
	plain   bool   // no colour at all
	st      styles
	pages   *pageCache
	list    list
	reader  reader
	checker checker

	focus    focus
	tab      int
	counts   [4]int
	showHelp bool
	// initialQuery opens its best match once the index is ready.
	initialQuery string
	helpTop      int
	width        int
	height       int
}

// New builds the root model; it does no terminal I/O.
func New(opts Options) *Model {
	m := &Model{
		lib:     opts.Library,
		keys:    newKeyMap(),
		help:    help.New(),
		list:    newList(),
		reader:  newReader(),
		checker: newChecker(),
		pages:   newPageCache(opts.Library),
		width:   80,
		height:  24,
	}
	m.plain = os.Getenv("NO_COLOR") != "" || opts.Style == "notty"
	switch opts.Style {
	case "dark", "light", "notty":
		m.style = opts.Style
	default:
		m.style, m.auto = "dark", true
	}
	if m.plain {
		m.style = "notty"
	}
	m.applyStyles()
	for i, t := range tabs {
		if t.kind == opts.Kind {
			m.tab = i
		}
	}
	if len(opts.Library.Entries) <= syncIndexMax {
		m.index = search.New(opts.Library.Entries)
	}
	m.list.input.SetValue(opts.Query)
	m.list.input.CursorEnd()
	m.list.input.Focus()
	m.refresh("")
	m.initialQuery = opts.Query
	if strings.TrimSpace(opts.Query) != "" && len(m.list.results) > 0 {
		m.focus = focusReader
		m.list.input.Blur()
	}
	m.layout()
	return m
}

func (m *Model) applyStyles() {
	m.st = newStyles(m.style != "light", m.plain)
	m.list.setStyles(m.st)
	m.checker.setStyles(m.st)
	hs := help.DefaultStyles(m.style != "light")
	hs.ShortKey, hs.ShortDesc, hs.ShortSeparator = m.st.footerKey, m.st.footerDesc, m.st.dim
	hs.FullKey, hs.FullDesc = m.st.footerKey, m.st.footerDesc
	m.help.Styles = hs
}

// Init asks the terminal for its background colour when the style is auto;
// the first frame is drawn dark without waiting for the answer.
func (m *Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.index == nil {
		entries := m.lib.Entries
		cmds = append(cmds, func() tea.Msg { return indexMsg{search.New(entries)} })
	}
	return tea.Batch(cmds...)
}

// refresh runs the search for the current query and tab and shows the
// selected entry, keeping keepID selected when it is still listed.
func (m *Model) refresh(keepID string) {
	q := m.list.input.Value()
	var all []search.Result
	switch {
	case m.index != nil:
		all = m.index.SearchAll(q, "")
	case strings.TrimSpace(q) == "":
		// No index yet: the list in library order is all an empty query needs.
		all = make([]search.Result, len(m.lib.Entries))
		for i, e := range m.lib.Entries {
			all[i] = search.Result{Entry: e}
		}
	}
	m.counts = [4]int{}
	var inTab []search.Result
	for _, r := range all {
		m.counts[0]++
		for i := 1; i < len(tabs); i++ {
			if r.Entry.Kind == tabs[i].kind {
				m.counts[i]++
			}
		}
		if tabs[m.tab].kind == "" || r.Entry.Kind == tabs[m.tab].kind {
			inTab = append(inTab, r)
		}
	}
	m.list.setResults(inTab, keepID)
	m.list.indexing = m.index == nil
	m.reader.setTerms(search.Terms(q))
	m.syncReader()
}

// syncReader shows the list's selection in the reader, unless the reader
// already shows it.
func (m *Model) syncReader() {
	id := m.list.selectedID()
	if id == "" {
		m.reader.entry, m.reader.page = nil, nil
		return
	}
	if m.reader.entry != nil && m.reader.entry.ID == id {
		return
	}
	m.reader.back, m.reader.forward = nil, nil
	m.open(id, 0)
}

// open shows an entry in the reader at a scroll offset.
func (m *Model) open(id string, offset int) {
	e := m.lib.Get(id)
	if e == nil {
		return
	}
	m.reader.show(e, m.pages.get(e, m.readerWidth(), m.style), offset)
}

// follow opens a link target, an entry or the number checker, and
// reports whether it did (an external URL has nothing to open offline).
func (m *Model) follow(target string) bool {
	if target == nirTarget {
		m.checker.open()
		return true
	}
	if m.lib.Get(target) == nil || m.reader.entry == nil {
		return false
	}
	m.reader.back = append(m.reader.back, histItem{m.reader.entry.ID, m.reader.offset})
	m.reader.forward = nil
	m.open(target, 0)
	m.focus = focusReader
	return true
}

func (m *Model) goBack() {
	n := len(m.reader.back)
	if n == 0 || m.reader.entry == nil {
		return
	}
	prev := m.reader.back[n-1]
	m.reader.back = m.reader.back[:n-1]
	m.reader.forward = append(m.reader.forward, histItem{m.reader.entry.ID, m.reader.offset})
	m.open(prev.id, prev.offset)
}

func (m *Model) goForward() {
	n := len(m.reader.forward)
	if n == 0 || m.reader.entry == nil {
		return
	}
	next := m.reader.forward[n-1]
	m.reader.forward = m.reader.forward[:n-1]
	m.reader.back = append(m.reader.back, histItem{m.reader.entry.ID, m.reader.offset})
	m.open(next.id, next.offset)
}

// split reports whether both panes are shown.
func (m *Model) split() bool { return m.width >= splitWidth }

func (m *Model) listWidth() int {
	if !m.split() {
		return m.width
	}
	return max(24, m.width/3)
}

func (m *Model) readerWidth() int {
	if !m.split() {
		return max(1, m.width)
	}
	return max(1, m.width-m.listWidth()-1)
}

// bodyHeight is the height between the header and the footer.
func (m *Model) bodyHeight() int { return max(0, m.height-2) }

// layout sizes the panes and re-renders the reader at its new width.
func (m *Model) layout() {
	m.list.setSize(m.listWidth(), m.bodyHeight())
	m.reader.width, m.reader.height = m.readerWidth(), m.bodyHeight()
	m.checker.setSize(m.width, m.bodyHeight())
	m.help.SetWidth(m.width)
	if m.reader.entry != nil {
		m.reader.relayout(m.pages.get(m.reader.entry, m.reader.width, m.style))
	}
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	if f == focusSearch {
		m.list.input.Focus()
	} else {
		m.list.input.Blur()
	}
}

func (m *Model) setTab(i int) {
	if i == m.tab || i < 0 || i >= len(tabs) {
		return
	}
	keep := m.list.selectedID()
	m.tab = i
	m.refresh(keep)
}

// Update routes a message to the part of the screen it belongs to.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(0, msg.Width), max(0, msg.Height)
		m.layout()
		return m, nil
	case indexMsg:
		m.index = msg.index
		m.refresh(m.list.selectedID())
		if strings.TrimSpace(m.list.input.Value()) != "" && len(m.list.results) > 0 && m.focus == focusSearch && m.list.input.Value() == m.initialQuery {
			m.setFocus(focusReader)
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if m.auto && !m.plain {
			m.auto = false
			if style := map[bool]string{true: "dark", false: "light"}[msg.IsDark()]; style != m.style {
				m.style = style
				m.applyStyles()
				m.layout()
			}
		}
		return m, nil
	case tea.PasteMsg:
		if m.checker.active {
			return m, m.checker.update(msg)
		}
		if m.focus != focusSearch {
			m.setFocus(focusSearch)
		}
		return m, m.updateInput(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
		return m, nil
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	s := msg.String()
	if s == "ctrl+c" {
		return tea.Quit
	}
	if m.checker.active {
		if key.Matches(msg, k.CheckerClose) {
			m.checker.close()
			return nil
		}
		return m.checker.update(msg)
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Help), s == "esc", s == "q":
			m.showHelp = false
		case key.Matches(msg, k.ScrollDown):
			m.helpTop++
		case key.Matches(msg, k.ScrollUp):
			m.helpTop = max(0, m.helpTop-1)
		case key.Matches(msg, k.PageDown):
			m.helpTop += max(1, m.bodyHeight()-1)
		case key.Matches(msg, k.PageUp):
			m.helpTop = max(0, m.helpTop-max(1, m.bodyHeight()-1))
		}
		return nil
	}
	if key.Matches(msg, k.Checker) {
		m.checker.open()
		return nil
	}
	if key.Matches(msg, k.BoxTabs) {
		m.setTab(int(s[len(s)-1] - '1'))
		return nil
	}
	if key.Matches(msg, k.F1) {
		m.showHelp, m.helpTop = true, 0
		return nil
	}
	if m.focus == focusSearch {
		return m.keySearch(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = true, 0
		return nil
	case key.Matches(msg, k.Tabs):
		m.setTab(int(s[0] - '1'))
		return nil
	}
	if m.focus == focusReader {
		m.keyReader(msg)
		return nil
	}
	return m.keyList(msg)
}

func (m *Model) keySearch(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.BoxUp):
		m.list.move(-1)
		m.syncReader()
	case key.Matches(msg, k.BoxDown):
		m.list.move(1)
		m.syncReader()
	case key.Matches(msg, k.BoxPageUp):
		m.list.move(-max(1, m.list.rows()))
		m.syncReader()
	case key.Matches(msg, k.BoxPageDown):
		m.list.move(max(1, m.list.rows()))
		m.syncReader()
	case key.Matches(msg, k.BoxOpen):
		if m.reader.entry != nil {
			m.setFocus(focusReader)
		}
	case key.Matches(msg, k.Clear):
		if m.list.input.Value() == "" {
			m.setFocus(focusList)
			return nil
		}
		m.list.input.SetValue("")
		m.refresh(m.list.selectedID())
	default:
		return m.updateInput(msg)
	}
	return nil
}

// updateInput passes a key or paste to the search box and searches again
// when the query changed.
func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	before := m.list.input.Value()
	var cmd tea.Cmd
	m.list.input, cmd = m.list.input.Update(msg)
	if v := m.list.input.Value(); v != before {
		// Pasted text may hold newlines or controls: keep one clean line.
		if clean := strings.Join(strings.Fields(content.Clean(v)), " "); clean != v && strings.ContainsAny(v, "\n\t\r") {
			m.list.input.SetValue(clean)
		}
		m.refresh("")
	}
	return cmd
}

func (m *Model) keyList(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Search):
		m.setFocus(focusSearch)
	case key.Matches(msg, k.Clear):
		if m.list.input.Value() != "" {
			m.list.input.SetValue("")
			m.refresh(m.list.selectedID())
		}
	case key.Matches(msg, k.Up):
		m.list.move(-1)
	case key.Matches(msg, k.Down):
		m.list.move(1)
	case key.Matches(msg, k.PageUp):
		m.list.move(-max(1, m.list.rows()))
	case key.Matches(msg, k.PageDown):
		m.list.move(max(1, m.list.rows()))
	case key.Matches(msg, k.Top):
		m.list.move(-len(m.list.results))
	case key.Matches(msg, k.Bottom):
		m.list.move(len(m.list.results))
	case key.Matches(msg, k.Open):
		if m.reader.entry != nil {
			m.setFocus(focusReader)
		}
	}
	m.syncReader()
	return nil
}

func (m *Model) keyReader(msg tea.KeyPressMsg) {
	k, r := m.keys, &m.reader
	page := max(1, r.height-1)
	switch {
	case key.Matches(msg, k.ScrollDown):
		r.scroll(1)
	case key.Matches(msg, k.ScrollUp):
		r.scroll(-1)
	case key.Matches(msg, k.PageDown):
		r.scroll(page)
	case key.Matches(msg, k.PageUp):
		r.scroll(-page)
	case key.Matches(msg, k.ReaderTop):
		r.top()
	case key.Matches(msg, k.ReaderBottom):
		r.bottom()
	case key.Matches(msg, k.NextLink):
		r.nextLink(1)
	case key.Matches(msg, k.PrevLink):
		r.nextLink(-1)
	case key.Matches(msg, k.Follow):
		if t := r.selected(); t != "" {
			m.follow(t)
		}
	case key.Matches(msg, k.Back):
		m.goBack()
	case key.Matches(msg, k.Forward):
		m.goForward()
	case key.Matches(msg, k.NextHit):
		r.nextHit(1)
	case key.Matches(msg, k.PrevHit):
		r.nextHit(-1)
	case key.Matches(msg, k.Close):
		m.setFocus(focusList)
		// Back in the list, the reader shows the list's selection again.
		m.syncReader()
	case key.Matches(msg, k.Search):
		m.setFocus(focusSearch)
	}
}

// paneAt tells which pane a screen cell belongs to, and the cell's
// coordinates inside it.
func (m *Model) paneAt(x, y int) (f focus, px, py int, ok bool) {
	py = y - 1
	if py < 0 || py >= m.bodyHeight() {
		return 0, 0, 0, false
	}
	if m.split() {
		if x < m.listWidth() {
			return focusList, x, py, true
		}
		if x > m.listWidth() {
			return focusReader, x - m.listWidth() - 1, py, true
		}
		return 0, 0, 0, false
	}
	if m.focus == focusReader {
		return focusReader, x, py, true
	}
	return focusList, x, py, true
}

func (m *Model) wheel(ms tea.Mouse) {
	if m.checker.active {
		return
	}
	if m.showHelp {
		if ms.Button == tea.MouseWheelDown {
			m.helpTop++
		} else if ms.Button == tea.MouseWheelUp {
			m.helpTop = max(0, m.helpTop-1)
		}
		return
	}
	f, _, _, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return
	}
	d := 0
	switch ms.Button {
	case tea.MouseWheelDown:
		d = 3
	case tea.MouseWheelUp:
		d = -3
	}
	if f == focusReader {
		m.reader.scroll(d)
		return
	}
	m.list.scroll(d)
	m.syncReader()
}

func (m *Model) click(ms tea.Mouse) {
	if m.checker.active || m.showHelp || ms.Button != tea.MouseLeft {
		return
	}
	f, x, y, ok := m.paneAt(ms.X, ms.Y)
	if !ok {
		return
	}
	if f == focusList {
		if y == 0 {
			m.setFocus(focusSearch)
			return
		}
		if i := m.list.rowAt(y); i >= 0 {
			m.list.cursor = i
			m.list.follow()
			if m.focus == focusReader {
				m.setFocus(focusList)
			}
			m.syncReader()
		}
		return
	}
	if m.follow(m.reader.linkAt(x, y)) {
		return
	}
	if m.focus != focusReader {
		m.setFocus(focusReader)
	}
}

// View draws the whole screen: never wider or taller than the terminal.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "secu"
	return v
}

// render is the screen as text, exactly height lines of width cells.
func (m *Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < 20 || h < 5 {
		return tooSmall(w, h)
	}
	var body string
	switch {
	case m.checker.active:
		body = m.checker.view(m.st)
	case m.showHelp:
		body = m.helpView()
	case m.split():
		lv := strings.Split(m.list.view(m.st, m.tabName(), m.focus != focusReader), "\n")
		rv := strings.Split(m.reader.view(m.st), "\n")
		bar := m.st.blurBar.Render("│")
		if m.focus == focusReader {
			bar = m.st.focusBar.Render("│")
		}
		rows := make([]string, m.bodyHeight())
		for i := range rows {
			rows[i] = at(lv, i) + bar + at(rv, i)
		}
		body = strings.Join(rows, "\n")
	case m.focus == focusReader:
		body = m.reader.view(m.st)
	default:
		body = m.list.view(m.st, m.tabName(), true)
	}
	return m.header() + "\n" + body + "\n" + m.footer()
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

func tooSmall(w, h int) string {
	msg := fit("secu: make the window bigger (20×5 at least)", w)
	lines := []string{msg}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) tabName() string {
	if m.tab == 0 {
		return ""
	}
	return tabs[m.tab].name
}

// header shows the name and the tabs with their counts; it shortens
// itself to fit.
func (m *Model) header() string {
	full := func(short bool) string {
		parts := make([]string, len(tabs))
		for i, t := range tabs {
			name := t.name
			if short {
				name = name[:2]
			}
			label := fmt.Sprintf("%s %d", name, m.counts[i])
			if i == m.tab {
				parts[i] = m.st.tabActive.Render(label)
			} else {
				parts[i] = m.st.tab.Render(label)
			}
		}
		return strings.Join(parts, m.st.dim.Render(" · "))
	}
	title := m.st.header.Render("secu · French social security")
	if m.checker.active {
		title = m.st.header.Render("secu · number checker")
	} else if m.showHelp {
		title = m.st.header.Render("secu · keys")
	}
	right := full(false)
	if lipgloss.Width(title)+lipgloss.Width(right)+2 > m.width {
		title = m.st.header.Render("secu")
	}
	if lipgloss.Width(title)+lipgloss.Width(right)+2 > m.width {
		right = full(true)
	}
	gap := m.width - lipgloss.Width(title) - lipgloss.Width(right)
	if gap < 1 {
		return fit(right, m.width)
	}
	return title + strings.Repeat(" ", gap) + right
}

// footer shows the short help for the focused pane and the reader's
// scroll position.
func (m *Model) footer() string {
	var bindings []key.Binding
	switch {
	case m.checker.active:
		bindings = []key.Binding{m.keys.CheckerClose, m.keys.BoxQuit}
	case m.showHelp:
		bindings = []key.Binding{m.keys.ScrollDown, m.keys.Help, m.keys.BoxQuit}
	default:
		bindings = m.keys.short(m.focus)
	}
	right := ""
	if !m.checker.active && !m.showHelp && m.reader.entry != nil && (m.split() || m.focus == focusReader) {
		right = m.st.percent.Render(fmt.Sprintf(" %3d%%", m.reader.percent()))
	}
	hm := m.help
	hm.SetWidth(max(1, m.width-lipgloss.Width(right)))
	left := hm.ShortHelpView(bindings)
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 0 {
		return fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

// helpView is the full-screen list of every binding, from the key map,
// wrapped to the width and scrollable.
func (m *Model) helpView() string {
	var lines []string
	w := max(1, m.width-1)
	wrap := func(s string, width int) []string {
		return strings.Split(ansi.Wrap(s, max(1, width), "/"), "\n")
	}
	kw := 0
	for _, g := range m.keys.full() {
		for _, b := range g.bindings {
			kw = max(kw, lipgloss.Width(b.Help().Key))
		}
	}
	kw = min(kw, w/3)
	for _, g := range m.keys.full() {
		for _, l := range wrap(g.title, w) {
			lines = append(lines, m.st.heading.Render(l))
		}
		for _, b := range g.bindings {
			h := b.Help()
			k := ansi.Truncate(h.Key, kw, "")
			pad := strings.Repeat(" ", kw+4)
			for i, d := range wrap(h.Desc, w-kw-4) {
				if i == 0 {
					lines = append(lines, "  "+m.st.footerKey.Render(k+strings.Repeat(" ", kw-lipgloss.Width(k)))+"  "+m.st.footerDesc.Render(d))
				} else {
					lines = append(lines, pad+m.st.footerDesc.Render(d))
				}
			}
		}
		lines = append(lines, "")
	}
	lines = append(lines, m.st.heading.Render("Mouse"))
	for _, l := range wrap("The wheel scrolls the pane under the pointer; a click selects a row or follows a link.", w-2) {
		lines = append(lines, "  "+m.st.footerDesc.Render(l))
	}
	lines = append(lines, "", m.st.dim.Render("? or esc closes this help."))
	bh := m.bodyHeight()
	m.helpTop = max(0, min(m.helpTop, len(lines)-bh))
	out := make([]string, 0, bh)
	for i := m.helpTop; i < len(lines) && len(out) < bh; i++ {
		out = append(out, fit(lines[i], m.width))
	}
	for len(out) < bh {
		out = append(out, strings.Repeat(" ", m.width))
	}
	return strings.Join(out, "\n")
}

// Run starts the TUI on the terminal and returns when the user quits.
func Run(opts Options) error {
	return run(New(opts))
}
