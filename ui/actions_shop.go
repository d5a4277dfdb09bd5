package ui

import (
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/desk"
)

// shopActions are the keys of the demo shop: H calls it, M draws the map.
func shopActions(k *component.KeyMap) []action {
	return []action{
		{&k.Shop, needRunningClient, with(shopOf, (*desk.Shop).PickRoute)},
		{&k.ServiceMap, nil, with(shopOf, (*desk.Shop).OpenMap)},
	}
}

// needRunningClient is why H does not apply now.
func needRunningClient(m *Model) string { return m.shop.WhyNoCall() }

// shopOf is the demo shop, for the actions it does.
func shopOf(m *Model) *desk.Shop { return m.shop }
