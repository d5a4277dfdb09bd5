package ui

import (
	"github.com/charmbracelet/bubbles/spinner"

	"zipkin-playground/ui/component"
)

func newDeliveryLog(c *component.Common) *component.DeliveryLog {
	return &component.DeliveryLog{PaneBase: component.PaneBase{Common: c}, Spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}
