package ui

import "charm.land/bubbles/v2/key"

// keyMap is the one key map: Update matches against it and the footer and
// the help overlay are generated from it.
type keyMap struct {
	// Anywhere.
	Help, Quit, Tabs, Checker key.Binding
	// List, reader and start page: act on the entry.
	Browse, Copy, CopyDoc, Mark key.Binding
	// List and search box.
	Search, Clear, Up, Down, Top, Bottom, Open key.Binding
	// Reader.
	ScrollUp, ScrollDown, PageUp, PageDown, ReaderTop, ReaderBottom    key.Binding
	NextLink, PrevLink, Follow, Back, Forward, NextHit, PrevHit, Close key.Binding
	Find, NextStep, PrevStep                                           key.Binding
	// Search box: most keys type, these do not.
	BoxUp, BoxDown, BoxPageUp, BoxPageDown key.Binding
	BoxMove, BoxOpen, BoxTabs, BoxQuit     key.Binding // BoxMove: the help line of BoxUp and BoxDown
	// Number checker.
	CheckerClose key.Binding
	// F1 is help where ? types (the search box); shown there only.
	F1 key.Binding
	// Help overlay.
	HelpTop, HelpBottom, HelpClose key.Binding
	// Start page (it moves with ScrollUp/ScrollDown and opens with Follow).
	StartMove, StartOpen key.Binding
}

func newKeyMap() keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	k := keyMap{
		Help:    b([]string{"?", "f1"}, "?", "help"),
		Quit:    b([]string{"q", "ctrl+c"}, "q q", "quit"),
		Tabs:    b([]string{"1", "2", "3", "4", "5"}, "1-5", "All/Agencies/Glossary/Guide/Marked tabs"),
		Checker: b([]string{"ctrl+k"}, "ctrl+k", "number checker"),

		Browse:  b([]string{"o"}, "o", "open in browser"),
		Copy:    b([]string{"y"}, "y", "copy link"),
		CopyDoc: b([]string{"Y"}, "Y", "copy as Markdown"),
		Mark:    b([]string{"m"}, "m", "mark"),

		Search: b([]string{"/"}, "/", "search"),
		Clear:  b([]string{"esc"}, "esc", "clear/list"),
		Up:     b([]string{"up", "k", "ctrl+p"}, "↑/k", "up"),
		Down:   b([]string{"down", "j", "ctrl+n"}, "↓/j", "down"),
		Top:    b([]string{"g", "home"}, "g/home", "first"),
		Bottom: b([]string{"G", "end"}, "G/end", "last"),
		Open:   b([]string{"enter", "right", "tab"}, "enter/→", "open"),

		ScrollUp:     b([]string{"up", "k"}, "↑/k", "scroll up"),
		ScrollDown:   b([]string{"down", "j"}, "↓/j", "scroll down"),
		PageUp:       b([]string{"pgup", "b"}, "pgup/b", "page up"),
		PageDown:     b([]string{"pgdown", "space"}, "pgdn/space", "page down"),
		ReaderTop:    b([]string{"g", "home"}, "g/home", "top"),
		ReaderBottom: b([]string{"G", "end"}, "G/end", "bottom"),
		NextLink:     b([]string{"tab"}, "tab", "next link"),
		PrevLink:     b([]string{"shift+tab"}, "shift+tab", "previous link"),
		Follow:       b([]string{"enter"}, "enter", "follow link"),
		Back:         b([]string{"backspace", "alt+left"}, "bksp/alt+←", "back"),
		Forward:      b([]string{"alt+right"}, "alt+→", "forward"),
		NextHit:      b([]string{"n"}, "n", "next match"),
		PrevHit:      b([]string{"N"}, "N", "previous match"),
		Close:        b([]string{"esc", "left"}, "esc/←", "list"),
		Find:         b([]string{"/"}, "/", "find in page"),
		NextStep:     b([]string{"]"}, "]", "next step"),
		PrevStep:     b([]string{"["}, "[", "previous step"),

		BoxUp:       b([]string{"up", "ctrl+p"}, "↑/ctrl+p", "up"),
		BoxDown:     b([]string{"down", "ctrl+n"}, "↓/ctrl+n", "down"),
		BoxPageUp:   b([]string{"pgup"}, "pgup", "page up"),
		BoxPageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		BoxOpen:     b([]string{"enter", "tab"}, "enter", "open"),
		BoxTabs:     b([]string{"alt+1", "alt+2", "alt+3", "alt+4", "alt+5"}, "alt+1-5", "tabs"),
		BoxQuit:     b([]string{"ctrl+c"}, "ctrl+c", "quit"),

		CheckerClose: b([]string{"esc"}, "esc", "close and forget the number"),
		F1:           b([]string{"f1"}, "f1", "help"),

		HelpTop:    b([]string{"g", "home"}, "g/home", "top"),
		HelpBottom: b([]string{"G", "end"}, "G/end", "bottom"),
		HelpClose:  b([]string{"?", "esc", "q", "f1"}, "?/esc", "close help"),

		StartMove: b([]string{"up", "down", "j", "k"}, "↑↓", "choose"),
		StartOpen: b([]string{"enter", "right"}, "enter", "open"),
	}
	k.BoxMove = b(append(k.BoxUp.Keys(), k.BoxDown.Keys()...), "↑↓", "move")
	return k
}

// full returns every binding in groups, for the help overlay.
func (k keyMap) full() []helpGroup {
	// f1 is help everywhere, the search box included, where ? types.
	anyHelp := k.Help
	anyHelp.SetHelp("?/f1", "help")
	return []helpGroup{
		{"Anywhere", []key.Binding{anyHelp, k.Quit, k.Tabs, k.Checker}},
		{"Start page", []key.Binding{k.StartMove, k.StartOpen}},
		{"Search box (focused at start: q, ? and digits type there)",
			[]key.Binding{k.BoxMove, k.BoxOpen, k.Clear, k.BoxTabs, k.BoxQuit}},
		{"List (any other letter starts a new search)", []key.Binding{k.Search, k.Up, k.Down, k.Top, k.Bottom, k.Open,
			k.Browse, k.Copy, k.CopyDoc, k.Mark}},
		{"Reader (any other letter starts a new search)", []key.Binding{k.ScrollUp, k.ScrollDown, k.PageDown, k.PageUp,
			k.ReaderTop, k.ReaderBottom, k.NextLink, k.PrevLink, k.Follow, k.Back,
			k.Forward, k.Find, k.NextHit, k.PrevHit, k.NextStep, k.PrevStep,
			k.Browse, k.Copy, k.CopyDoc, k.Mark, k.Close}},
		{"Help", []key.Binding{k.ScrollDown, k.ScrollUp, k.HelpTop, k.HelpBottom, k.HelpClose}},
		{"My plan (p) and What will I pay? (r), from the list or the reader", toolBindings},
		{"Number checker", []key.Binding{k.CheckerClose}},
	}
}

type helpGroup struct {
	title    string
	bindings []key.Binding
}
