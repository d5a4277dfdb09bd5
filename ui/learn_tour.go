package ui

import (
	"zipkin-playground/ui/component"
)

// The lesson pane runs the tour: it turns it on and off, moves between
// lessons (a lesson not done yet watches from the moment it starts) and
// checks the current lesson after every message. The tour being on is
// what learn mode is: the root and the screen ask active().

// newLearnPane is the lesson pane over the embedded lessons (without a tour
// when they fail to load: L then says why). It watches the tree's selection,
// quotes and waits for the delivery log, and counts the shop's calls.
func newLearnPane(c *component.Common, tree *component.TreePane, log *component.DeliveryLog, shopCalls func() []component.AnsweredCall) *component.LearnPane {
	p := &component.LearnPane{PaneBase: component.PaneBase{Common: c}, Tree: tree, LastResult: log.LastResult, Flushing: log.Flushing, ShopCalls: shopCalls}
	if ls, err := component.BuiltinLessons(); err == nil {
		p.Tour = newTour(ls)
	}
	return p
}
