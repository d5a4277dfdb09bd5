package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/pane"

	"github.com/charmbracelet/bubbles/key"
)

// panes is every pane the screen draws, declared and built here once: the
// screen and the root share them by pointer, so the root reaches a pane as
// m.tree and the screen as s.tree.
//
// Adding a pane takes its file in ui/pane (component.PaneBase, Component, a NewX
// constructor; Owns too when it has async messages of its own, which update
// then hands it) and three places in the root: its field and construction
// below, its line in placements (layout.go: its size and tab order) and its
// line in mainBody (view.go: where its box goes, at that size).
type panes struct {
	tree      *pane.Tree
	inspector *pane.Inspector
	headers   *pane.Headers
	log       *pane.DeliveryLog
	received  *pane.Received
	lesson    *pane.Learn // the guided tour (L): while it is on, browse shows the lesson and takes its keys first
	helpView  *pane.Help  // every key, full screen (?)
}

// newPanes builds the panes over c. The help lists table (reasons says why
// a key is off) and explains the focused pane; the lesson checks the calls
// shopCalls says the demo shop answered.
func newPanes(c *component.Common, table []actionGroup, reasons map[*key.Binding]string, focused func() component.Component, shopCalls func() []pane.AnsweredCall) *panes {
	p := &panes{
		tree:     pane.NewTree(c),
		log:      pane.NewDeliveryLog(c),
		received: pane.NewReceived(c),
		helpView: newHelpPane(c, table, reasons, focused),
	}
	p.inspector = pane.NewInspector(c, p.tree.Selected)
	p.headers = pane.NewHeaders(c, p.tree.Selected)
	p.lesson = pane.NewLearn(c, p.tree, p.log, shopCalls)
	return p
}
