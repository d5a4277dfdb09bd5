package shop

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"

	zipkin "github.com/openzipkin/zipkin-go"
	zipkinhttp "github.com/openzipkin/zipkin-go/middleware/http"
)

// service is one running shop service: a listener, a tracer of its own, the
// server middleware around its handler and one traced client per downstream.
type service struct {
	spec     Spec
	ln       net.Listener
	srv      *http.Server
	tracer   *zipkin.Tracer
	relay    *relay
	clients  map[string]*zipkinhttp.Client
	urls     map[string]string // downstream service → its route's URL
	methods  map[string]string // downstream service → its route's method
	mu       sync.Mutex
	knobs    Knobs
	captured []Captured
}

// Captured is one request as a service received it, before any middleware.
type Captured struct {
	Method string
	Path   string
	// Header holds the propagation headers as net/http handed them to the
	// server (names in Go's canonical form, e.g. X-B3-Traceid).
	Header []HeaderLine
}

// HeaderLine is one header as received.
type HeaderLine struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Answer is the JSON body every service answers with: who answered, the
// propagation headers it received, and what its downstream calls returned.
type Answer struct {
	Service  string       `json:"service"`
	Status   int          `json:"status"`
	Received []HeaderLine `json:"received"`
	Calls    []CallStatus `json:"calls,omitempty"`
	Error    string       `json:"error,omitempty"`
}

// CallStatus is the outcome of one downstream call.
type CallStatus struct {
	Service string `json:"service"`
	Status  int    `json:"status"`
	Error   string `json:"error,omitempty"`
}

const maxCaptured = 32

// newTracer is the service's own zipkin-go tracer: its own service name and
// address; it follows the sampling and debug decision of the incoming B3.
// With shared on (zipkin-go's default) a SERVER span joins its caller's ID.
func newTracer(name string, ln net.Listener, rep *relay, shared bool) (*zipkin.Tracer, error) {
	ep, err := zipkin.NewEndpoint(name, ln.Addr().String())
	if err != nil {
		return nil, err
	}
	return zipkin.NewTracer(rep, zipkin.WithLocalEndpoint(ep), zipkin.WithSharedSpans(shared))
}

// newClients are traced clients, one per downstream, so each CLIENT span
// names the service it calls as its remote endpoint.
func (s *service) newClients(calls map[string]bool, quiet *log.Logger) error {
	s.clients = map[string]*zipkinhttp.Client{}
	for name := range calls {
		c, err := zipkinhttp.NewClient(s.tracer,
			zipkinhttp.WithClient(&http.Client{Timeout: 10 * time.Second}),
			zipkinhttp.WithRemoteEndpoint(remoteNamed(name)),
			zipkinhttp.TransportOptions(zipkinhttp.TransportLogger(quiet)),
		)
		if err != nil {
			return err
		}
		s.clients[name] = c
	}
	return nil
}

// handler is the capture outside zipkin-go's server middleware outside the
// service's work.
func (s *service) handler() http.Handler {
	traced := zipkinhttp.NewServerMiddleware(s.tracer,
		zipkinhttp.SpanName(s.spec.Method+" "+s.spec.Path))(http.HandlerFunc(s.work))
	mux := http.NewServeMux()
	mux.Handle(s.spec.Method+" "+s.spec.Path, traced)
	return s.capture(mux)
}

// capture records the propagation headers the request arrived with.
func (s *service) capture(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := Captured{Method: r.Method, Path: r.URL.Path, Header: propagationHeaders(r.Header)}
		s.mu.Lock()
		s.captured = append(s.captured, c)
		if len(s.captured) > maxCaptured {
			s.captured = s.captured[len(s.captured)-maxCaptured:]
		}
		s.mu.Unlock()
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), capturedKey{}, c)))
	})
}

type capturedKey struct{}

// work waits the latency, calls downstream, and fails as the knobs say: a
// downstream 5xx becomes this service's 502, so an error travels up.
func (s *service) work(w http.ResponseWriter, r *http.Request) {
	knobs := s.Knobs()
	c, _ := r.Context().Value(capturedKey{}).(Captured)
	ans := Answer{Service: s.spec.Name, Status: http.StatusOK, Received: c.Header}
	if !sleep(r.Context(), knobs.Latency) {
		return
	}
	for _, name := range knobs.Calls {
		st := s.call(r.Context(), name)
		ans.Calls = append(ans.Calls, st)
		if st.Status == 0 || st.Status >= 500 {
			ans.Status, ans.Error = http.StatusBadGateway, name+" failed"
		}
	}
	if ans.Status == http.StatusOK && knobs.ErrorRate > 0 && rand.Float64() < knobs.ErrorRate {
		ans.Status, ans.Error = http.StatusInternalServerError, "the error-rate knob said so"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(ans.Status)
	_ = json.NewEncoder(w).Encode(ans)
}

// call makes the downstream request through the traced client, under the
// server span the middleware put in ctx.
func (s *service) call(ctx context.Context, name string) CallStatus {
	st := CallStatus{Service: name}
	client, url := s.clients[name], s.urls[name]
	if client == nil || url == "" {
		st.Error = "no such service in the shop"
		return st
	}
	req, err := http.NewRequestWithContext(ctx, s.methods[name], url, nil)
	if err != nil {
		st.Error = err.Error()
		return st
	}
	resp, err := client.Do(req)
	if err != nil {
		st.Error = err.Error()
		return st
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	st.Status = resp.StatusCode
	return st
}

// Knobs are the service's current knobs.
func (s *service) Knobs() Knobs {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.knobs
	k.Calls = append([]string(nil), k.Calls...)
	return k
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// propagationNames are the headers B3 propagation uses, in Go's canonical
// form and the order the B3 spec lists them.
var propagationNames = []string{"X-B3-Traceid", "X-B3-Spanid", "X-B3-Parentspanid", "X-B3-Sampled", "X-B3-Flags", "B3"}

func propagationHeaders(h http.Header) []HeaderLine {
	var out []HeaderLine
	for _, name := range propagationNames {
		for _, v := range h.Values(name) {
			out = append(out, HeaderLine{Name: name, Value: v})
		}
	}
	return out
}
