package pane

import (
	"zipkin-playground/ui/component"

	"github.com/openzipkin/zipkin-go/model"
)

// checkPaste is checkB3 plus what the new span will be: with SERVER as the
// next kind it joins the pasted span (shared span ID), as zipkin-go does.
func (t *Tree) checkPaste(s string) (string, string) {
	note, err := component.CheckB3(s)
	if err == "" && t.Kind == model.Server {
		note += "; next kind SERVER: the new span joins the pasted span (same span ID, shared)"
	}
	return note, err
}
