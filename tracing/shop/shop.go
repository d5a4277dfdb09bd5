// Package shop is a small shop of real services — gateway, checkout,
// inventory, payments — each a net/http server on a loopback port with its
// own zipkin-go tracer, wrapped in zipkin-go's HTTP server middleware and
// calling downstream through its traced client. A learner calls it with B3
// headers and watches one trace cross four services.
package shop

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/openzipkin/zipkin-go/model"
)

// ErrUnknownService is returned (wrapped) for a service the shop does not run.
var ErrUnknownService = errors.New("no such service in the shop")

// Shop is the running services.
type Shop struct {
	services []*service
	byName   map[string]*service
	problems problemLog
}

// ServiceInfo is where one service listens and what it serves.
type ServiceInfo struct {
	Route Route
	// URL is the route's full URL, e.g. http://127.0.0.1:41234/order.
	URL string
}

// Options are how a shop is started.
type Options struct {
	Reporting Reporting
	// Specs are the services; DefaultSpecs when empty.
	Specs []Spec
	// ChildServerSpans turns zipkin-go's shared spans off
	// (WithSharedSpans(false)): each SERVER span is a child of the CLIENT
	// span that called it, with an ID of its own. Jaeger and OpenTelemetry
	// expect that; Zipkin and zipkin-go's default share the caller's ID.
	ChildServerSpans bool
}

// Start listens on a free loopback port for each spec (DefaultSpecs when
// none), then serves. The services report their spans as rep says.
func Start(rep Reporting, specs ...Spec) (*Shop, error) {
	return StartWith(Options{Reporting: rep, Specs: specs})
}

// StartWith is Start with every option.
func StartWith(o Options) (*Shop, error) {
	specs := o.Specs
	if len(specs) == 0 {
		specs = DefaultSpecs()
	}
	sh := &Shop{byName: map[string]*service{}}
	for _, spec := range specs {
		if err := sh.listen(spec, o.Reporting, !o.ChildServerSpans); err != nil {
			sh.Stop()
			return nil, err
		}
	}
	if err := sh.wire(); err != nil {
		sh.Stop()
		return nil, err
	}
	for _, s := range sh.services {
		go func(s *service) { _ = s.srv.Serve(s.ln) }(s)
	}
	return sh, nil
}

func (sh *Shop) listen(spec Spec, rep Reporting, shared bool) error {
	if _, dup := sh.byName[spec.Name]; dup || spec.Name == "" {
		return fmt.Errorf("shop service %q: names must be given and differ", spec.Name)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("shop service %s: %w", spec.Name, err)
	}
	s := &service{spec: spec, ln: ln, knobs: spec.Knobs,
		relay: &relay{cur: newReporter(rep, &sh.problems, spec.Name)}}
	if s.tracer, err = newTracer(spec.Name, ln, s.relay, shared); err != nil {
		_ = ln.Close()
		return err
	}
	sh.services = append(sh.services, s)
	sh.byName[spec.Name] = s
	return nil
}

// wire gives each service the URLs and traced clients of everything it may
// call; a call to a service that is not running is refused now.
func (sh *Shop) wire() error {
	quiet := log.New(io.Discard, "", 0)
	for _, s := range sh.services {
		s.urls, s.methods = map[string]string{}, map[string]string{}
		names := map[string]bool{}
		for _, name := range s.spec.Knobs.Calls {
			d := sh.byName[name]
			if d == nil {
				return fmt.Errorf("%w: %s calls %q", ErrUnknownService, s.spec.Name, name)
			}
			s.urls[name], s.methods[name] = d.url(), d.spec.Method
			names[name] = true
		}
		if err := s.newClients(names, quiet); err != nil {
			return err
		}
		s.srv = &http.Server{Handler: s.handler(), ReadHeaderTimeout: 5 * time.Second, ErrorLog: quiet}
	}
	return nil
}

func (s *service) url() string { return "http://" + s.ln.Addr().String() + s.spec.Path }

// Stop closes the servers and flushes what the services still hold to report.
func (sh *Shop) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range sh.services {
		if s.srv != nil {
			_ = s.srv.Shutdown(ctx)
		} else {
			_ = s.ln.Close()
		}
		_ = s.relay.Close()
	}
}

// Services lists the running services, in the order they were given.
func (sh *Shop) Services() []ServiceInfo {
	out := make([]ServiceInfo, 0, len(sh.services))
	for _, s := range sh.services {
		out = append(out, ServiceInfo{Route: routeOf(s.spec), URL: s.url()})
	}
	return out
}

// Routes are the requests the shop answers, gateway first.
func (sh *Shop) Routes() []Route {
	out := make([]Route, 0, len(sh.services))
	for _, s := range sh.services {
		out = append(out, routeOf(s.spec))
	}
	return out
}

// SetKnobs changes how a service behaves from its next request on. Its
// calls may name only services the shop runs that it was wired to call.
func (sh *Shop) SetKnobs(name string, k Knobs) error {
	s := sh.byName[name]
	if s == nil {
		return fmt.Errorf("%w: %q", ErrUnknownService, name)
	}
	for _, c := range k.Calls {
		if s.clients[c] == nil {
			return fmt.Errorf("%w: %s was not started calling %q", ErrUnknownService, name, c)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.knobs = k
	s.knobs.Calls = append([]string(nil), k.Calls...)
	return nil
}

// Captured is what a service received most recently, oldest first.
func (sh *Shop) Captured(name string) []Captured {
	s := sh.byName[name]
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Captured(nil), s.captured...)
}

// SetReporting points every service's reporter at rep (the playground's
// endpoint changed); what the old reporters held is flushed first.
func (sh *Shop) SetReporting(rep Reporting) {
	for _, s := range sh.services {
		s.relay.swap(newReporter(rep, &sh.problems, s.spec.Name))
	}
}

// ReportProblems are the last lines the services' reporters logged (a POST
// that failed or was refused): the services' spans did not all arrive.
func (sh *Shop) ReportProblems() []string { return sh.problems.all() }

// ReportProblemsSince are the problems logged after the first seen, and the
// count to pass next time.
func (sh *Shop) ReportProblemsSince(seen int) ([]string, int) { return sh.problems.since(seen) }

// remoteNamed is the remote endpoint a CLIENT span names its callee by.
func remoteNamed(name string) *model.Endpoint { return &model.Endpoint{ServiceName: name} }
