package ui

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"secu/content"
)

// pageKey identifies a rendering: scrolling and revisiting render nothing.
type pageKey struct {
	id    string
	width int
	style string
}

// pageMsg carries a page rendered off the event loop.
type pageMsg struct {
	key  pageKey
	page *page
}

// pageCache keeps every page rendered, by (entry, width, style). Renders
// run in commands, off the event loop, so that no entry can freeze the
// keys; the cache is shared with them, hence the lock.
type pageCache struct {
	lib     *content.Library
	mu      sync.Mutex
	pages   map[pageKey]*page
	renders int // how many renders ran, for tests
}

func newPageCache(lib *content.Library) *pageCache {
	return &pageCache{lib: lib, pages: map[pageKey]*page{}}
}

func (c *pageCache) cached(k pageKey) *page {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages[k]
}

func (c *pageCache) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.renders
}

// renderCmd renders an entry in the background. A result nobody waits
// for any more (the reader moved on) is kept in the cache and ignored.
func (c *pageCache) renderCmd(e *content.Entry, k pageKey) tea.Cmd {
	return func() tea.Msg { return pageMsg{k, c.render(e, k)} }
}

// render renders with a renderer of its own: Glamour's renderers are not
// safe to share between goroutines, and a slow render must not hold a
// lock that the next one needs.
func (c *pageCache) render(e *content.Entry, k pageKey) *page {
	if p := c.cached(k); p != nil {
		return p
	}
	c.lib.Finish() // the bodies: at once, but for the first seconds of a big folder
	var p *page
	tr, err := newGlamour(k.style, k.width)
	if lerr := limitsError(e); lerr != nil {
		// Past the renderer's limits: a notice, never Glamour.
		p = errorPage("This entry is not shown: "+lerr.Error()+". Run 'secu validate' on the folder for every problem.", k.width)
	} else if err != nil {
		p = errorPage(err.Error(), k.width)
	} else if out, err := tr.Render(Document(c.lib, e)); err != nil {
		p = errorPage("cannot show this entry: "+err.Error(), k.width)
	} else {
		p = newPage(out, k.width)
	}
	c.mu.Lock()
	c.renders++
	c.pages[k] = p
	c.mu.Unlock()
	return p
}
