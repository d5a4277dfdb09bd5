package shop

import (
	"net/http"
	"time"
)

// Knobs are what a learner turns to change how one service behaves.
type Knobs struct {
	// Latency is how long the service works before answering (and before
	// calling downstream).
	Latency time.Duration
	// ErrorRate is the chance, from 0 to 1, that the service answers 500
	// itself; 1 makes it always fail.
	ErrorRate float64
	// Calls are the services it calls, in order, on every request.
	Calls []string
}

// Spec is one service of the shop: its name (the tracer's service name), the
// one route it serves, and its knobs.
type Spec struct {
	Name   string
	Method string
	Path   string
	Knobs  Knobs
}

// Route is one request the shop answers: which service, method and path.
type Route struct {
	Service string
	Method  string
	Path    string
}

// DefaultSpecs is the shop a learner gets: an order enters at the gateway,
// checkout checks the stock and takes the payment.
func DefaultSpecs() []Spec {
	return []Spec{
		{Name: "gateway", Method: http.MethodGet, Path: "/order",
			Knobs: Knobs{Latency: 2 * time.Millisecond, Calls: []string{"checkout"}}},
		{Name: "checkout", Method: http.MethodPost, Path: "/checkout",
			Knobs: Knobs{Latency: 5 * time.Millisecond, Calls: []string{"inventory", "payments"}}},
		{Name: "inventory", Method: http.MethodGet, Path: "/stock",
			Knobs: Knobs{Latency: 3 * time.Millisecond}},
		{Name: "payments", Method: http.MethodPost, Path: "/pay",
			Knobs: Knobs{Latency: 8 * time.Millisecond}},
	}
}

// routeOf is the route spec serves.
func routeOf(spec Spec) Route {
	return Route{Service: spec.Name, Method: spec.Method, Path: spec.Path}
}
