// Package ui is the Bubble Tea program: a search list on the left, the
// selected entry rendered by Glamour on the right.
//
// The root model (this file) owns the layout, the keys that work
// everywhere and the routing; chrome.go draws the header and footer,
// mouse.go maps clicks to views and actions.go opens and copies. Each view
// is a component in its own file with its own state, Update, View and
// SetSize: list.go, reader.go (with find.go), start.go, checker.go and
// help.go, sharing the context in common.go.
package ui

import (
	"os"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"secu/content"
	"secu/plan"
	"secu/search"
)

// Options configure the TUI.
type Options struct {
	Library *content.Library
	Query   string // initial search
	Style   string // auto, dark, light or notty
	Kind    string // initial tab: "" or a content kind
	// StateDir keeps recent and marked entries between runs; "" keeps
	// them in memory only.
	StateDir string
	// PlanRules are the plan rules of the folder, for the p page (nil: none).
	PlanRules *plan.Rules
	// Folder names a --content folder; "" is the built-in guide, whose
	// header and start page speak of French social security.
	Folder string
	// LoadPlanRules, when set, gives the plan rules the first time the p
	// page opens, so that parsing them stays off the first frame.
	LoadPlanRules func() *plan.Rules
	// Width and Height are the terminal's size when known (0: unknown), so
	// that the first layout is the real one, not a guess redone at once.
	Width, Height int
	// FirstFrame, when set, is called once the first frame has been written
	// to the terminal (Run only): start-up work can resume then.
	FirstFrame func()
}

type focus int

const (
	focusSearch focus = iota
	focusList
	focusReader // the reader, or the start page in its place
)

// Two panes from this width; under it, one pane at a time.
const splitWidth = 80

// Up to this many entries the search index is built before the first
// frame (a few ms); above, it is built in the background so that a big
// folder shows its list at once.
const syncIndexMax = 2000

// noticeTime is how long a footer notice stays.
var noticeTime = 4 * time.Second

// indexMsg carries the search index built in the background, and the
// problems content.Finish found in a big folder's bodies on the way.
type indexMsg struct {
	index    *search.Index
	problems content.Problems
}

// clearNoticeMsg ends the notice it was set for.
type clearNoticeMsg int

// Model is the root model: it owns the layout and routes keys, mouse and
// resizes to the views.
type Model struct {
	c       *common
	help    help.Model // the footer's short help
	list    list
	reader  reader
	start   startPage
	checker checker
	helpv   helpView
	tools   tools // the p and r pages (tools.go)

	auto  bool // --style auto: waiting for the terminal's answer
	focus focus
	// home: the start page is shown in the reader's place (no query yet).
	home bool
	// quitArmed: q in the list or reader started a search with "q"; a
	// second q right away quits. Typing a word never quits.
	quitArmed    bool
	initialQuery string
	initCmd      tea.Cmd
	notice       string
	noticeID     int
	tabSpans     [][2]int // header cells of each tab, for the mouse
	width        int
	height       int
	// unchanged: the last message changed nothing on screen, so View
	// returns view, the last screen drawn, without drawing it again.
	unchanged bool
	drawn     bool
	view      string
	// firstFrame, when not nil, is closed once the first frame is on
	// screen (Run): background work that the frame does not show waits.
	firstFrame chan struct{}
}

// New builds the root model; it does no terminal I/O.
func New(opts Options) *Model {
	c := &common{
		folder:     opts.Folder,
		lib:        opts.Library,
		keys:       newKeyMap(),
		pages:      newPageCache(opts.Library),
		store:      loadStore(opts.StateDir),
		paths:      guidePaths(opts.Library),
		whole:      wholeGuide(opts.Library),
		now:        content.Today,
		openURL:    openWithPlatform,
		systemCopy: systemCopy,
	}
	c.plain = os.Getenv("NO_COLOR") != "" || opts.Style == "notty"
	m := &Model{c: c, help: help.New(), width: 80, height: 24}
	if opts.Width > 0 && opts.Height > 0 {
		m.width, m.height = opts.Width, opts.Height
	}
	switch opts.Style {
	case "dark", "light", "notty":
		c.style = opts.Style
	default:
		c.style, m.auto = "dark", true
	}
	if c.plain {
		c.style = "notty"
	}
	m.list = newList(c)
	m.reader = newReader(c)
	m.checker = newChecker(c)
	m.helpv = helpView{c: c}
	m.start = newStartPage(c)
	m.tools = newTools(c, opts.PlanRules)
	m.tools.plan.load = opts.LoadPlanRules
	m.applyStyles()
	for i, t := range tabs[:markedTab] {
		if t.kind == opts.Kind {
			m.list.tab = i
		}
	}
	// The empty query lists the library in its order and needs no index:
	// then the index is always built in the background, after the first
	// frame's work.
	if strings.TrimSpace(opts.Query) != "" && len(opts.Library.Entries) <= syncIndexMax {
		m.list.index = search.NewLibrary(opts.Library)
	}
	// A query from the command line is finished: a trailing space tells
	// the as-you-type search that its last word is whole ("car" must not
	// match "carry"), and the cursor is ready for another word.
	query := opts.Query
	if strings.TrimSpace(query) != "" && !strings.HasSuffix(query, " ") {
		query += " "
	}
	m.list.input.SetValue(query)
	m.list.input.CursorEnd()
	m.setFocus(focusSearch)
	m.list.refresh("")
	m.initialQuery = query
	m.home = strings.TrimSpace(opts.Query) == ""
	m.notice = c.store.problem
	if !m.home && m.list.results.Len() > 0 {
		m.setFocus(focusReader)
	}
	m.initCmd = tea.Batch(m.layout(), m.syncReader())
	if m.focus == focusReader && m.reader.entry != nil {
		m.visit(m.reader.entry.ID)
	}
	return m
}

func (m *Model) applyStyles() {
	c := m.c
	c.st = newStyles(c.style != "light", c.plain)
	m.list.setStyles()
	m.checker.setStyles()
	m.reader.find.setStyles(c.st, c.style != "light")
	hs := help.DefaultStyles(c.style != "light")
	hs.ShortKey, hs.ShortDesc, hs.ShortSeparator = c.st.footerKey, c.st.footerDesc, c.st.dim
	hs.FullKey, hs.FullDesc = c.st.footerKey, c.st.footerDesc
	m.help.Styles = hs
}

// Init asks the terminal for its background colour when the style is auto
// (the first frame is drawn dark without waiting for the answer), builds a
// big folder's index and renders the first entry, all in commands.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.initCmd}
	if m.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.list.index == nil {
		lib, drawn := m.c.lib, m.firstFrame
		cmds = append(cmds, func() tea.Msg {
			// On two cores, building it beside the first frame delayed
			// that frame by as long: wait until it is on screen.
			if drawn != nil {
				<-drawn
			}
			probs := lib.Finish()
			return indexMsg{search.NewLibrary(lib), probs}
		})
	}
	return tea.Batch(cmds...)
}

// syncReader shows the list's selection in the reader, unless the start
// page is shown or the reader already shows it.
func (m *Model) syncReader() tea.Cmd {
	m.reader.setTerms(search.Terms(m.list.query()))
	if m.home {
		return nil
	}
	id := m.list.selectedID()
	if id == "" {
		m.reader.entry, m.reader.page, m.reader.want = nil, nil, pageKey{}
		return nil
	}
	if m.reader.entry != nil && m.reader.entry.ID == id {
		return nil
	}
	m.reader.back, m.reader.forward = nil, nil
	m.reader.path = m.pathFor(id)
	return m.reader.show(m.c.lib.Get(id), 0)
}

// pathFor returns the guide path an entry is read on: the current one if
// it has the entry, else the path the entry starts, else the whole guide
// (a common step read outside any chosen path).
func (m *Model) pathFor(id string) *guidePath {
	if p := m.reader.path; p != nil && p.index(id) >= 0 {
		return p
	}
	for i := range m.c.paths {
		if m.c.paths[i].start == id {
			return &m.c.paths[i]
		}
	}
	if w := m.c.whole; w != nil && w.index(id) >= 0 {
		return w
	}
	return nil
}

// afterRead keeps the list on the entry being read and remembers it.
func (m *Model) afterRead() {
	if e := m.reader.entry; e != nil {
		m.list.selectID(e.ID)
		m.reader.path = m.pathFor(e.ID)
		m.visit(e.ID)
	}
}

// visit remembers an entry as read, for the start page's Recent.
func (m *Model) visit(id string) {
	m.c.store.visit(id)
	m.start.build()
}

// follow opens a link target, an entry or the number checker.
func (m *Model) follow(target string) tea.Cmd {
	if target == nirTarget {
		m.checker.open()
		return nil
	}
	if m.c.lib.Get(target) == nil || m.reader.entry == nil {
		return nil
	}
	cmd := m.reader.follow(target)
	m.setFocus(focusReader)
	m.afterRead()
	return cmd
}

// openItem opens a start page choice: the first step of a path, or an
// entry.
func (m *Model) openItem(it *startItem) tea.Cmd {
	e := m.c.lib.Get(it.id)
	if e == nil {
		return nil
	}
	m.home = false
	m.reader.back, m.reader.forward = nil, nil
	m.reader.path = nil
	if it.path >= 0 {
		m.reader.path = &m.c.paths[it.path]
	}
	cmd := m.reader.show(e, 0)
	m.setFocus(focusReader)
	m.afterRead()
	return cmd
}

// homeAlone: one pane, showing the start page under the search box (the
// list shows instead once it has focus).
func (m *Model) homeAlone() bool { return m.home && !m.split() && m.focus != focusList }

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

// layout sizes the views; the reader asks for its page at the new width.
func (m *Model) layout() tea.Cmd {
	bh := m.bodyHeight()
	m.list.SetSize(m.listWidth(), bh)
	m.reader.SetSize(m.readerWidth(), bh)
	if m.split() {
		m.start.SetSize(m.readerWidth(), bh)
	} else {
		m.start.SetSize(m.width, max(0, bh-1)) // under the search box
	}
	m.checker.SetSize(m.width, bh)
	m.helpv.SetSize(m.width, bh)
	m.tools.SetSize(m.width, bh)
	m.help.SetWidth(m.width)
	return m.reader.relayout()
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.list.focusBox(f == focusSearch)
	m.list.focused = f != focusReader
	m.start.focused = f == focusReader
}

func (m *Model) setTab(i int) tea.Cmd {
	if !m.list.setTab(i) {
		return nil
	}
	return m.syncReader()
}

func (m *Model) setNotice(s string) tea.Cmd {
	m.notice = s
	m.noticeID++
	id := m.noticeID
	return tea.Tick(noticeTime, func(time.Time) tea.Msg { return clearNoticeMsg(id) })
}

// Update routes a message to the view it belongs to.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.unchanged = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w, h := max(0, msg.Width), max(0, msg.Height)
		if w == m.width && h == m.height {
			// The size New was given (or the last one): laid out already.
			m.unchanged = true
			return m, nil
		}
		m.width, m.height = w, h
		return m, m.layout()
	case pageMsg:
		m.reader.gotPage(msg)
		return m, nil
	case indexMsg:
		if m.list.index != nil {
			return m, nil // built already, for a query typed first
		}
		m.list.index = msg.index
		if n := len(msg.problems); n > 0 {
			// Only a folder too big to check before the first frame
			// gets here (secu stops on a smaller one's problems).
			what := "1 problem"
			if n > 1 {
				what = strconv.Itoa(n) + " problems"
			}
			m.notice = "This folder has " + what + " (run 'secu validate' on it); the first: " + msg.problems[0].String()
		}
		m.list.refresh(m.list.selectedID())
		if strings.TrimSpace(m.list.query()) != "" && m.list.results.Len() > 0 && m.focus == focusSearch && m.list.query() == m.initialQuery {
			m.setFocus(focusReader)
		}
		return m, m.syncReader()
	case noticeMsg:
		return m, m.setNotice(string(msg))
	case clearNoticeMsg:
		if int(msg) == m.noticeID {
			m.notice = ""
		} else {
			m.unchanged = true
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if m.auto && !m.c.plain {
			m.auto = false
			if style := map[bool]string{true: "dark", false: "light"}[msg.IsDark()]; style != m.c.style {
				m.c.style = style
				m.applyStyles()
				return m, m.layout()
			}
		}
		m.unchanged = true
		return m, nil
	case openEntryMsg:
		return m, m.openEntry(msg.id)
	}
	if m.tools.active() && !m.checker.active && !m.helpv.active {
		// Help and the checker work from the tool pages too, as the help
		// says ("anywhere"); ? only where it does not type (not in a form).
		if k, ok := msg.(tea.KeyPressMsg); ok {
			form := (m.tools.plan.active && m.tools.plan.form != nil) || (m.tools.refund.active && m.tools.refund.form != nil)
			switch {
			case key.Matches(k, m.c.keys.F1), !form && k.String() == "?":
				m.helpv.open()
				return m, nil
			case key.Matches(k, m.c.keys.Checker):
				m.checker.open()
				return m, nil
			}
		}
		return m, m.tools.update(msg)
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if m.checker.active {
			return m, m.checker.Update(msg)
		}
		if m.focus != focusSearch {
			m.setFocus(focusSearch)
		}
		return m, m.boxAct(m.list.updateBox(msg))
	case tea.MouseWheelMsg:
		return m, m.wheel(msg.Mouse())
	case tea.MouseClickMsg:
		return m, m.click(msg.Mouse())
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	// Nothing above takes it (the terminal's colour profile, environment,
	// mode reports…): the screen is as it was.
	m.unchanged = true
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	s := msg.String()
	if s == "ctrl+c" {
		return tea.Quit
	}
	m.notice = ""
	armed := m.quitArmed
	m.quitArmed = false
	if armed && s == "q" && m.focus == focusSearch && m.list.query() == "q" {
		return tea.Quit
	}
	if m.checker.active {
		if key.Matches(msg, k.CheckerClose) {
			m.checker.close()
			return nil
		}
		return m.checker.Update(msg)
	}
	if m.helpv.active {
		m.helpv.Update(msg)
		return nil
	}
	switch {
	case key.Matches(msg, k.Checker):
		m.checker.open()
		return nil
	case key.Matches(msg, k.BoxTabs):
		return m.setTab(int(s[len(s)-1] - '1'))
	case key.Matches(msg, k.F1):
		m.helpv.open()
		return nil
	}
	if m.focus == focusSearch {
		return m.boxAct(m.list.updateBox(msg))
	}
	if m.focus == focusReader && !m.home && m.reader.find.typing {
		act, cmd := m.reader.Update(msg)
		return tea.Batch(cmd, m.readerAct(act))
	}
	if cmd, ok := m.tools.open(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		m.startSearch("q")
		m.quitArmed = true
		// Say so: the footer shows the search box's keys now.
		return m.setNotice("q again quits; any other key goes on with the search")
	case key.Matches(msg, k.Help):
		m.helpv.open()
		return nil
	case key.Matches(msg, k.Tabs):
		return m.setTab(int(s[0] - '1'))
	case key.Matches(msg, k.Browse):
		return m.browse()
	case key.Matches(msg, k.Copy):
		return m.copyLink()
	case key.Matches(msg, k.CopyDoc):
		return m.copyDoc()
	case key.Matches(msg, k.Mark):
		return m.mark()
	}
	if m.focus == focusReader {
		if m.home {
			it, handled := m.start.Update(msg)
			switch {
			case it != nil:
				return m.openItem(it)
			case handled:
				return nil
			case key.Matches(msg, k.Close):
				m.setFocus(focusList)
				return nil
			}
			m.typeToSearch(msg)
			return nil
		}
		act, cmd := m.reader.Update(msg)
		if act == rNone {
			m.typeToSearch(msg)
			return nil
		}
		return tea.Batch(cmd, m.readerAct(act))
	}
	act := m.list.updateList(msg)
	if act == actNone {
		m.typeToSearch(msg)
		return nil
	}
	return m.listAct(act)
}

// readerAct carries out what a reader key asked of the root.
func (m *Model) readerAct(act readerAct) tea.Cmd {
	switch act {
	case rClose:
		m.setFocus(focusList)
		// Back in the list, the reader shows the list's selection again.
		return m.syncReader()
	case rFollow:
		return m.follow(m.reader.selected())
	case rHandled:
		// Back, forward and steps may have changed the entry.
		if e := m.reader.entry; e != nil && m.list.selectedID() != e.ID {
			m.afterRead()
		}
	}
	return nil
}

// boxAct carries out what a key in the search box asked of the root.
func (m *Model) boxAct(act listAct, cmd tea.Cmd) tea.Cmd {
	switch act {
	case actQuery:
		// An empty query brings the start page back.
		m.home = strings.TrimSpace(m.list.query()) == ""
	case actHandled:
		if m.list.selectedID() != "" && m.home && (m.reader.entry == nil || m.reader.entry.ID != m.list.selectedID()) {
			m.home = false
		}
	case actOpen:
		if m.home {
			m.setFocus(focusReader)
			return cmd
		}
		if m.reader.entry != nil {
			m.setFocus(focusReader)
			m.visit(m.reader.entry.ID)
		}
	case actLeaveBox:
		m.setFocus(focusList)
	}
	return tea.Batch(cmd, m.syncReader())
}

// listAct carries out what a key in the list asked of the root.
func (m *Model) listAct(act listAct) tea.Cmd {
	switch act {
	case actFocusBox:
		m.setFocus(focusSearch)
		return nil
	case actQuery:
		m.home = strings.TrimSpace(m.list.query()) == ""
	case actHandled:
		m.home = false
	case actOpen:
		if m.home {
			m.home = false
		}
		cmd := m.syncReader()
		if m.reader.entry != nil {
			m.setFocus(focusReader)
			m.visit(m.reader.entry.ID)
		}
		return cmd
	}
	return m.syncReader()
}

// typeToSearch starts a new search with a printable key that is bound to
// nothing where the focus is, so that typing is never lost or misread.
func (m *Model) typeToSearch(msg tea.KeyPressMsg) {
	if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 || notTyping(msg.Text) {
		return
	}
	m.startSearch(msg.Text)
}

// notTyping reports whether a key's text is a control or a space, which
// never starts a search.
func notTyping(t string) bool {
	for _, r := range t {
		if r <= ' ' || r == 0x7f {
			return true
		}
	}
	return false
}

// startSearch replaces the query with text and focuses the search box.
func (m *Model) startSearch(text string) {
	m.setFocus(focusSearch)
	m.list.setQuery(text)
	m.home = false
	m.syncReader()
}

// View draws the whole screen: never wider or taller than the terminal.
func (m *Model) View() tea.View {
	if !m.unchanged || !m.drawn {
		m.view, m.drawn = m.render(), true
	}
	v := tea.NewView(m.view)
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
	right := func() string {
		if m.home {
			return m.start.View()
		}
		return m.reader.View()
	}
	switch {
	case m.checker.active:
		body = m.checker.View()
	case m.helpv.active:
		body = m.helpv.View()
	case m.tools.active():
		body = m.tools.View()
	case m.split():
		lv := strings.Split(m.list.View(), "\n")
		rv := strings.Split(right(), "\n")
		bar := m.c.st.blurBar.Render("│")
		if m.focus == focusReader {
			bar = m.c.st.focusBar.Render("│")
		}
		rows := make([]string, m.bodyHeight())
		for i := range rows {
			rows[i] = at(lv, i) + bar + at(rv, i)
		}
		body = strings.Join(rows, "\n")
	case m.homeAlone():
		box := strings.SplitN(m.list.View(), "\n", 2)[0]
		body = box + "\n" + m.start.View()
	case m.focus == focusReader:
		body = m.reader.View()
	default:
		body = m.list.View()
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

// Run starts the TUI on the terminal and returns when the user quits.
func Run(opts Options) error {
	m := New(opts)
	drawn := make(chan struct{})
	m.firstFrame = drawn
	return run(m, func() {
		close(drawn)
		if opts.FirstFrame != nil {
			opts.FirstFrame()
		}
	})
}
