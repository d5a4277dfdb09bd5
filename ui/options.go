package ui

import (
	"zipkin-playground/ui/component"
)

// newOptions is O, which says how to use it.
func newOptions(c *component.Common) component.Dialog {
	c.Say("Options: {Accept} changes the selected setting; {Cancel} closes.")
	return &component.OptionsDialog{PaneBase: component.PaneBase{Common: c}}
}
