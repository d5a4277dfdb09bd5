package ui

import (
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// screen lays out and draws the panes. One list of placements decides where
// each pane goes, its size and the order tab visits them in, so a new pane
// cannot be drawn and skipped by tab, or the other way round. The screen
// knows the terminal size and the status it last laid out for (a long
// status takes rows from the panes); what else a frame shows (the mode, the
// dialog, the status) the root hands it as plain values.
type screen struct {
	*component.Common
	*panes                // shared with the root (panes.go)
	actions []actionGroup // the bottom line offers their keys
	help    help.Model

	width, height int
	status        string // the status last laid out for
}

// frame is what the root shows around the panes.
type frame struct {
	mode   mode
	dialog component.Dialog // the open dialog; nil when none
	status string
	bad    bool   // the status tells of a failure
	lead   string // an escape sequence leading the frame (an OSC 52 copy)
}

// touring says whether the lesson panel has a place on the screen: the
// tour is on.
func (s *screen) touring() bool { return s.lesson.Active() }

// focusRing is the components tab visits, in the placements' order.
func (s *screen) focusRing() []component.Placement {
	var ring []component.Placement
	for _, p := range s.placements(s.layout()) {
		if p.Name != "" {
			ring = append(ring, p)
		}
	}
	return ring
}

// focusedPane is the pane that gets the keys no action takes.
func (s *screen) focusedPane() component.Pane {
	for _, stop := range s.focusRing() {
		if stop.C.Focused() {
			return stop.C
		}
	}
	return s.tree
}

// focus gives c the keys and takes them from every other component.
func (s *screen) focus(c component.Component) {
	for _, p := range s.placements(s.layout()) {
		p.C.Blur()
	}
	c.Focus()
}

// setSize sizes every component in one loop, and the open dialog d (nil
// when none).
func (s *screen) setSize(w, h int, d component.Dialog) {
	s.width, s.height = w, h
	s.resize(s.status)
	s.help.Width = w
	if d != nil {
		s.sizeDialog(d)
	}
}

// sizeDialog gives a dialog the rows it is drawn in — the body, between the
// top bar and the status — and up to 100 columns: a dialog told the whole
// screen's height lost its last lines under the status.
func (s *screen) sizeDialog(d component.Dialog) { d.SetSize(min(s.width, 100), s.layout().BodyH) }

// resize sizes the panes again for status: the status and the B3 headers
// change the layout as they grow and shrink.
func (s *screen) resize(status string) {
	s.status = status
	if s.width == 0 {
		return
	}
	for _, p := range s.placements(s.layout()) {
		p.C.SetSize(p.W, p.H)
	}
}

// owner is the pane that owns msg, one of its own async results; nil when
// no pane does.
func (s *screen) owner(msg tea.Msg) component.Component {
	for _, p := range s.placements(layoutSizes{}) { // the panes, whatever their sizes
		if o, ok := p.C.(component.Owner); ok && o.Owns(msg) {
			return p.C
		}
	}
	return nil
}
