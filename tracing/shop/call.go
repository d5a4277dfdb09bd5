package shop

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/propagation/b3"
)

// CallResult is one request the playground made to the shop.
type CallResult struct {
	Route Route
	// RequestLine is "METHOD URL", as sent.
	RequestLine string
	// Sent are the propagation headers on the request, as injected.
	Sent []HeaderLine
	// Answer is the service's own account: the headers it received, its
	// status and its downstream calls. Zero when it did not answer in JSON.
	Answer Answer
	Status int
	// ContentLength is the answer's declared length (-1 when unknown).
	ContentLength int64
	Took          time.Duration
	Err           error
}

// InjectB3 is zipkin-go's HTTP injector for sc with opts (single header,
// both), as a function Call runs on the request it builds.
func InjectB3(sc model.SpanContext, opts ...b3.InjectOption) func(*http.Request) error {
	return func(req *http.Request) error { return b3.InjectHTTP(req, opts...)(sc) }
}

// Call requests route with a plain client (the caller's span already stands
// for this call), after inject has set the propagation headers.
func (sh *Shop) Call(ctx context.Context, route Route, inject func(*http.Request) error) CallResult {
	res := CallResult{Route: route}
	s := sh.byName[route.Service]
	if s == nil {
		res.Err = fmt.Errorf("%w: %q", ErrUnknownService, route.Service)
		return res
	}
	req, err := http.NewRequestWithContext(ctx, s.spec.Method, s.url(), nil)
	if err != nil {
		res.Err = err
		return res
	}
	res.RequestLine = req.Method + " " + req.URL.String()
	if inject != nil {
		if res.Err = inject(req); res.Err != nil {
			return res
		}
	}
	res.Sent = propagationHeaders(req.Header)
	client := &http.Client{Timeout: 15 * time.Second}
	start := time.Now()
	resp, err := client.Do(req)
	res.Took = time.Since(start)
	if err != nil {
		res.Err = err
		return res
	}
	defer resp.Body.Close()
	res.Status, res.ContentLength = resp.StatusCode, resp.ContentLength
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	_ = json.Unmarshal(body, &res.Answer)
	return res
}
