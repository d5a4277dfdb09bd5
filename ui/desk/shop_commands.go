package desk

// COMMANDS of the demo shop: starting it, calling it, reading the service
// graph. Each copies what it needs before its closure is built.

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/shop"
	"zipkin-playground/tracing/verify"
)

// ShopMsg is every message the shop's commands send; the root hands them
// all to the shop desk's Update.
type ShopMsg interface{ shopMsg() }

// ShopStartedMsg is the shop a command started, or why it could not.
type ShopStartedMsg struct {
	shop  *shop.Shop
	err   error
	child bool // its SERVER spans are children, not shared
}

// ShopCallDoneMsg is one call's result, for the span that made it.
type ShopCallDoneMsg struct {
	call   shopCall
	Result shop.CallResult
}

// ServiceMapMsg is the service graph as the query API returned it.
type ServiceMapMsg struct {
	gen   int
	api   verify.QueryAPI // detected once, asked again on the next tick
	links []receiver.DependencyLink
	err   error
	at    time.Time
}

// serviceMapTickMsg asks the open map to read the graph again.
type serviceMapTickMsg struct{ gen int }

// ShopProblemsMsg asks the root to log what the services' reporters
// complained of since it last looked.
type ShopProblemsMsg struct{}

func (ShopProblemsMsg) shopMsg()   {}
func (ShopStartedMsg) shopMsg()    {}
func (ShopCallDoneMsg) shopMsg()   {}
func (ServiceMapMsg) shopMsg()     {}
func (serviceMapTickMsg) shopMsg() {}

// shopCall is one request H makes: the span it stands for, what that span's
// context was, and the route and B3 format chosen.
type shopCall struct {
	node   *tracing.Node
	sc     model.SpanContext
	route  shop.Route
	format b3.Format
	// failing are the services the picker toggled: true answers 500.
	failing map[string]bool
}

// startShop starts the services off the UI loop, reporting as rep says,
// with child SERVER spans when child; old, when set, is stopped first (its
// spans are flushed): the picker switched the SERVER spans' mode.
func startShop(rep shop.Reporting, child bool, old *shop.Shop) tea.Cmd {
	return func() tea.Msg {
		if old != nil {
			old.Stop()
		}
		sh, err := shop.StartWith(shop.Options{Reporting: rep, ChildServerSpans: child})
		return ShopStartedMsg{shop: sh, err: err, child: child}
	}
}

// callShop points the services at rep when it changed since they started
// (the endpoint was edited), then makes the request with the span's B3.
func callShop(sh *shop.Shop, c shopCall, rep *shop.Reporting) tea.Cmd {
	inject := shop.InjectB3(c.sc, b3.HTTPInjectOptions(c.format)...)
	return func() tea.Msg {
		if rep != nil {
			sh.SetReporting(*rep)
		}
		applyFailing(sh, c.failing)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		return ShopCallDoneMsg{call: c, Result: sh.Call(ctx, c.route, inject)}
	}
}

// serviceMapLookback is how far back the map reads: Zipkin's own default.
const serviceMapLookback = 24 * time.Hour

// fetchServiceMap reads the service graph: from api when known, else from
// the query API found for the session's endpoint.
func fetchServiceMap(gen int, api verify.QueryAPI, cfg tracing.Config, ep secret.Endpoint) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		msg := ServiceMapMsg{gen: gen, api: api}
		if msg.api == nil {
			if msg.api, msg.err = verify.QueryAPIFor(ctx, cfg, ep, verify.QueryOptions{}); msg.err != nil {
				return msg
			}
		}
		reader, ok := msg.api.(verify.DependencyReader)
		if !ok {
			msg.err = errNoServiceGraph
			return msg
		}
		msg.at = time.Now()
		msg.links, msg.err = reader.Dependencies(ctx, msg.at, serviceMapLookback)
		return msg
	}
}

// shopProblemsSoon looks at the reporters' complaints once their batch
// interval has passed.
func shopProblemsSoon() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return ShopProblemsMsg{} })
}

// serviceMapTick is the next read while the map is open.
func serviceMapTick(gen int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return serviceMapTickMsg{gen: gen} })
}
