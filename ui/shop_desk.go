package ui

import (
	"zipkin-playground/tracing"
	"zipkin-playground/ui/component"
)

// newShopDesk is the shop before its first start.
func newShopDesk(c *component.Common, selected func() *tracing.Node, log component.ShopLog, slot func() component.Dialog) *component.ShopDesk {
	return &component.ShopDesk{Common: c, Selected: selected, Log: log, Slot: slot}
}

// shopOf is the demo shop, for the actions it does.
func shopOf(m *Model) *component.ShopDesk { return m.shop }
