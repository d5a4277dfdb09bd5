package verify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

// demoTrace builds the demo's shape in s: a root, a CLIENT call whose SERVER
// half joins it as a shared span, a child of the server with an error and an
// annotation. It returns the spans handed to the outbox.
func demoTrace(t testing.TB, s *tracing.Session, rootName string) []model.SpanModel {
	t.Helper()
	clientKind, serverKind := model.Client, model.Server
	root, err := s.NewTrace(rootName)
	mustOK(t, err)
	client, err := s.Start(root, tracing.SpanOptions{Name: "charge card", Kind: &clientKind})
	mustOK(t, err)
	mustOK(t, s.SetRemoteEndpoint(client, "payments", "10.0.0.7:443"))
	server, err := s.Start(client, tracing.SpanOptions{Name: "charge card", Kind: &serverKind})
	mustOK(t, err)
	if !server.Key.Shared || server.Context.ID != client.Context.ID {
		t.Fatalf("the SERVER child of a CLIENT span should be shared")
	}
	grand, err := s.Child(server, "validate")
	mustOK(t, err)
	mustOK(t, s.Tag(root, "order.id", "42"))
	mustOK(t, s.Error(grand, "card declined"))
	mustOK(t, s.Annotate(client, "retrying"))
	var out []model.SpanModel
	for _, n := range []*tracing.Node{grand, server, client, root} {
		mustOK(t, s.Finish(n))
		out = append(out, *n.Reported)
	}
	return out
}

func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestVerifyAgainstEmbeddedReceiver reads a real session's spans back from the
// embedded receiver: names as zipkin-go's JSON sends them are verified; a
// capitalised name is changed, explained by the JSON serializer (or, sent as
// proto, by Zipkin's lowercasing, which the receiver does as Zipkin does).
func TestVerifyAgainstEmbeddedReceiver(t *testing.T) {
	t.Parallel()
	for enc, rewrite := range map[outbox.Encoding]string{outbox.EncodingJSON: "json-lowercase", outbox.EncodingProto: "zipkin-lowercase"} {
		t.Run(string(enc), func(t *testing.T) { verifyEmbedded(t, enc, rewrite) })
	}
}

func verifyEmbedded(t *testing.T, enc outbox.Encoding, rewrite string) {
	s := sessiontest.To(t, "", func(c *tracing.Config) { c.Encoding = enc })
	sent := demoTrace(t, s, "checkout")
	sent = append(sent, demoTrace(t, s, "Checkout")...)
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 8 {
		t.Fatalf("flush: %+v", sum)
	}
	api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
	mustOK(t, err)
	rep := NewVerifier(api, Options{Timeout: 5 * time.Second, Encoding: enc}).Verify(context.Background(), sent)
	if rep.Kind != QueryKindZipkin || len(rep.Traces) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	first, second := rep.Traces[0], rep.Traces[1]
	if first.State != StateVerified || first.Found != 4 || first.Spans != 4 || len(first.Differences) != 0 {
		t.Errorf("lowercase trace: want verified 4/4, have %s %d/%d %+v", first.State, first.Found, first.Spans, first.Differences)
	}
	if want := "verified 4/4 spans in "; !strings.HasPrefix(first.Summary(rep.Timeout), want) {
		t.Errorf("summary %q, want prefix %q", first.Summary(rep.Timeout), want)
	}
	if second.State != StateChanged || len(second.Differences) != 1 {
		t.Fatalf("capitalised trace: want changed with one difference, have %s %+v", second.State, second.Differences)
	}
	if d := second.Differences[0]; d.Field != "name" || d.Sent != "Checkout" || d.Stored != "checkout" || d.Rewrite != rewrite {
		t.Errorf("difference: %+v", d)
	}
	if want, have := 7, rep.Verified; want != have {
		t.Errorf("spans read back intact: want %d, have %d", want, have)
	}
	if c := rep.Span(outbox.KeyOf(sent[1])); c == nil || c.State != StateVerified || !c.Key.Shared {
		t.Errorf("the shared server span's check: %+v", c)
	}
	if rep.Missing() != 0 {
		t.Errorf("missing: %d", rep.Missing())
	}
}

// zipkinLike is a collector answering 202 to every POST that keeps the spans
// and serves them on Zipkin's query API only after delay (storage lag); with
// drop set it stores nothing at all.
type zipkinLike struct {
	delay time.Duration
	drop  bool

	mu     sync.Mutex
	stored map[model.TraceID][]model.SpanModel
	at     time.Time
	gets   int
}

func (z *zipkinLike) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	z.mu.Lock()
	defer z.mu.Unlock()
	switch {
	case r.Method == http.MethodPost:
		body, _ := io.ReadAll(r.Body)
		var spans []model.SpanModel
		if err := json.Unmarshal(body, &spans); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if !z.drop {
			if z.stored == nil {
				z.stored = map[model.TraceID][]model.SpanModel{}
			}
			for _, s := range spans {
				z.stored[s.TraceID] = append(z.stored[s.TraceID], s)
			}
			z.at = time.Now()
		}
		w.WriteHeader(http.StatusAccepted)
	case r.URL.Path == "/api/v2/services":
		_, _ = w.Write([]byte(`[]`))
	case strings.HasPrefix(r.URL.Path, "/api/v2/trace/"):
		z.gets++
		id, _ := model.TraceIDFromHex(strings.TrimPrefix(r.URL.Path, "/api/v2/trace/"))
		spans := z.stored[id]
		if spans == nil || time.Since(z.at) < z.delay {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		_ = json.NewEncoder(w).Encode(spans)
	default:
		http.NotFound(w, r)
	}
}

func verifyThrough(t *testing.T, z *zipkinLike, opts Options) Report {
	t.Helper()
	srv := httptest.NewServer(z)
	t.Cleanup(srv.Close)
	s := sessiontest.To(t, srv.URL+secret.V2Path)
	sent := demoTrace(t, s, "checkout")
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 4 {
		t.Fatalf("flush: %+v", sum)
	}
	api, err := QueryAPIFor(context.Background(), s.Config(), s.Endpoint(), QueryOptions{})
	mustOK(t, err)
	return NewVerifier(api, opts).Verify(context.Background(), sent)
}

// TestVerifyMissingWhenAcceptedButNotStored: 202 for every POST, nothing ever
// stored — missing once the timeout runs out, after several polls.
func TestVerifyMissingWhenAcceptedButNotStored(t *testing.T) {
	t.Parallel()
	rep := verifyThrough(t, &zipkinLike{drop: true}, Options{Timeout: 400 * time.Millisecond})
	if rep.Missing() != 1 || rep.Verified != 0 {
		t.Fatalf("want the trace missing, have %+v", rep.Traces)
	}
	tr := rep.Traces[0]
	if tr.Found != 0 || tr.Spans != 4 || tr.Polls < 3 {
		t.Errorf("found %d/%d after %d polls; want 0/4 after several", tr.Found, tr.Spans, tr.Polls)
	}
	if want, have := "missing after 400ms", tr.Summary(rep.Timeout); want != have {
		t.Errorf("summary: want %q, have %q", want, have)
	}
}

// TestVerifyFindsDelayedStorage: a backend that serves spans 300ms after the
// POST is found within the timeout by polling again, not on the first look.
func TestVerifyFindsDelayedStorage(t *testing.T) {
	t.Parallel()
	z := &zipkinLike{delay: 300 * time.Millisecond}
	rep := verifyThrough(t, z, Options{Timeout: 10 * time.Second})
	tr := rep.Traces[0]
	if tr.State != StateVerified || rep.Verified != 4 {
		t.Fatalf("want verified, have %s %+v", tr.State, tr.Differences)
	}
	if tr.Polls < 2 || tr.Elapsed < 300*time.Millisecond {
		t.Errorf("found after %d polls in %s: the lag was not waited out by polling", tr.Polls, tr.Elapsed)
	}
}

// TestVerifyBacksOff: the waits between polls start at 50ms, double, stop at
// 1s, and the last one ends exactly at the timeout (fake clock).
func TestVerifyBacksOff(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Unix(1_700_000_000, 0)
	var waits []time.Duration
	opts := Options{
		Timeout: 5 * time.Second,
		Now:     func() time.Time { mu.Lock(); defer mu.Unlock(); return now },
		Sleep: func(_ context.Context, d time.Duration) error {
			mu.Lock()
			defer mu.Unlock()
			waits = append(waits, d)
			now = now.Add(d)
			return nil
		},
	}
	rep := verifyThrough(t, &zipkinLike{drop: true}, opts)
	ms := time.Millisecond
	want := []time.Duration{50 * ms, 100 * ms, 200 * ms, 400 * ms, 800 * ms, time.Second, time.Second, time.Second, 450 * ms}
	if len(waits) != len(want) {
		t.Fatalf("waits: want %v, have %v", want, waits)
	}
	for i := range want {
		if waits[i] != want[i] {
			t.Errorf("wait %d: want %s, have %s", i, want[i], waits[i])
		}
	}
	if tr := rep.Traces[0]; tr.State != StateMissing || tr.Polls != len(want)+1 {
		t.Errorf("want missing after %d polls, have %s after %d", len(want)+1, tr.State, tr.Polls)
	}
}
