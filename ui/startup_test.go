package ui

import (
	"os"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The first layout is at the size the terminal reported, and the resize
// Bubble Tea sends at start, to that same size, redoes nothing.
func TestFirstLayoutAtRealSize(t *testing.T) {
	m := New(Options{Library: guide(t), Style: "dark", Width: 132, Height: 41})
	if m.width != 132 || m.height != 41 || m.list.width != m.listWidth() {
		t.Fatalf("laid out at %dx%d (list %d), want 132x41", m.width, m.height, m.list.width)
	}
	first := m.View().Content
	m.Update(tea.WindowSizeMsg{Width: 132, Height: 41})
	if !m.unchanged {
		t.Fatal("a resize to the same size was taken for a change")
	}
	if got := m.View().Content; got != first {
		t.Fatal("the screen changed on a resize to the same size")
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.unchanged || m.width != 100 {
		t.Fatal("a real resize was ignored")
	}
}

// Messages that change nothing on screen reuse the last screen; anything
// else draws again.
func TestViewNotRedrawnOnNoOpMessages(t *testing.T) {
	m := newModel(t, 100, 30, "")
	m.View()
	for _, msg := range []tea.Msg{tea.ColorProfileMsg{}, tea.EnvMsg{}, tea.ModeReportMsg{}, clearNoticeMsg(-1)} {
		m.Update(msg)
		if !m.unchanged {
			t.Errorf("%T redraws the screen", msg)
		}
	}
	press(m, "c")
	if m.unchanged {
		t.Fatal("a key was taken for no change")
	}
	if m.View().Content != m.render() {
		t.Fatal("View shows a stale screen after a key")
	}
}

// The index waits for the first frame: an empty query needs none, and on
// two cores building it beside the frame delayed the frame.
func TestIndexAfterFirstFrame(t *testing.T) {
	m := New(Options{Library: guide(t), Style: "dark", Width: 100, Height: 30})
	if m.list.index != nil {
		t.Fatal("the index was built before the first frame")
	}
	drawn := make(chan struct{})
	m.firstFrame = drawn
	var built atomic.Bool
	cmds := m.Init()
	done := make(chan struct{})
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case indexMsg:
			built.Store(true)
		}
	}
	go func() {
		defer close(done)
		run(cmds)
	}()
	time.Sleep(50 * time.Millisecond)
	if built.Load() {
		t.Fatal("the index was built before the first frame was written")
	}
	close(drawn)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("no index after the first frame")
	}
	if !built.Load() {
		t.Fatal("no index message")
	}
	// A query typed before the index came indexes a small library at once.
	m2 := New(Options{Library: guide(t), Style: "dark", Width: 100, Height: 30})
	press(m2, "c", "p", "a", "m")
	if m2.list.index == nil || m2.list.results.Len() == 0 {
		t.Fatal("typing before the background index found nothing")
	}
}

// The first-frame hook runs once, after the first write that follows a
// drawn screen, and not before.
func TestFirstFrameHook(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st := &runState{}
	var calls atomic.Int32
	out := &hookedOutput{File: f, st: st, firstFrame: func() { calls.Add(1) }}
	out.Write([]byte("\x1b[?2026$p")) // a query, before any View
	time.Sleep(3 * time.Second / frameRate)
	if calls.Load() != 0 {
		t.Fatal("the hook ran before a screen was drawn")
	}
	g := guarded{Model: newModel(t, 80, 24, ""), st: st}
	g.View()
	out.Write([]byte("frame"))
	out.Write([]byte("more"))
	time.Sleep(5 * time.Second / frameRate)
	if n := calls.Load(); n != 1 {
		t.Fatalf("the hook ran %d times, want once", n)
	}
}
