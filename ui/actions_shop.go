package ui

import (
	"zipkin-playground/ui/component"
)

// shopActions are the keys of the demo shop: H calls it, M draws the map.
func shopActions(k *component.KeyMap) []action {
	return []action{
		{&k.Shop, needRunningClient, with(shopOf, (*component.ShopDesk).PickRoute)},
		{&k.ServiceMap, nil, with(shopOf, (*component.ShopDesk).OpenMap)},
	}
}

// needRunningClient is why H does not apply now.
func needRunningClient(m *Model) string { return m.shop.WhyNoCall() }

// shopOf is the demo shop, for the actions it does.
func shopOf(m *Model) *component.ShopDesk { return m.shop }
