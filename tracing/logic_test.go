package tracing

import (
	"errors"
	"math/rand"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
)

func TestParseSamplerSpec(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in      string
		want    string
		wantErr string
	}{
		{"always", "always", ""},
		{"never", "never", ""},
		{"modulo:1", "modulo:1", ""},
		{" Modulo:10 ", "modulo:10", ""},
		{"boundary:0.5", "boundary:0.5", ""},
		{"boundary:0", "boundary:0", ""},
		{"boundary:0.0001", "boundary:0.0001", ""},
		{"counting:0.3", "counting:0.3", ""},
		{"counting:1", "counting:1", ""},
		{"modulo", "", "whole number"},
		{"modulo:-1", "", "whole number"},
		{"modulo:x", "", "whole number"},
		{"boundary:2", "", "between 0.0001 and 1"},
		{"boundary:0.00001", "", "between 0.0001 and 1"},
		{"counting:0.001", "", "between 0.01 and 1"},
		{"counting:abc", "", "needs a rate"},
		{"always:3", "", "takes no parameter"},
		{"sometimes", "", "is not one of"},
	} {
		spec, err := ParseSamplerSpec(c.in)
		if c.wantErr != "" {
			if err == nil || !errors.Is(err, errBadSampler) || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("ParseSamplerSpec(%q): want error containing %q, have %v", c.in, c.wantErr, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseSamplerSpec(%q): %v", c.in, err)
			continue
		}
		if want, have := c.want, spec.String(); want != have {
			t.Errorf("ParseSamplerSpec(%q): want %q, have %q", c.in, want, have)
		}
	}
}

// The explanation must agree with zipkin-go's own decision for every sampler.
func TestSamplerExplainMatchesZipkinDecision(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewSource(1))
	for _, spec := range []string{"modulo:10", "modulo:3", "boundary:0.3", "boundary:0.0001", "counting:0.5", "always", "never"} {
		s, err := NewSampler(mustSpec(t, spec))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2000; i++ {
			id := rnd.Uint64()
			decision := s.Sample(id)
			why := s.Explain(id, decision)
			if decision != !strings.Contains(why, "not sampled") && !strings.HasPrefix(why, "always") && !strings.HasPrefix(why, "never") {
				t.Fatalf("%s id %d: decision %v but explanation %q", spec, id, decision, why)
			}
		}
	}
	s, _ := NewSampler(mustSpec(t, "modulo:10"))
	if want, have := "modulo 10: trace ID low 64 bits mod 10 = 7 ≠ 0 → not sampled", s.Explain(17, false); want != have {
		t.Errorf("want %q, have %q", want, have)
	}
}

func mustSpec(t *testing.T, s string) SamplerSpec {
	t.Helper()
	spec, err := ParseSamplerSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestHeadersComeFromZipkinInjectors(t *testing.T) {
	t.Parallel()
	tid, _ := model.TraceIDFromHex("80f198ee56343ba864fe8b2a57d3eff7")
	parent := model.ID(0x05e3ac9a4f6e3b90)
	yes, no := true, false
	sampled := model.SpanContext{TraceID: tid, ID: 0xe457b5a2e4d86bd1, ParentID: &parent, Sampled: &yes}
	for _, c := range []struct {
		name string
		sc   model.SpanContext
		f    b3.Format
		want string
	}{
		{"multi", sampled, b3.Multi, "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7|X-B3-SpanId: e457b5a2e4d86bd1|X-B3-ParentSpanId: 05e3ac9a4f6e3b90|X-B3-Sampled: 1"},
		{"single", sampled, b3.Single, "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"},
		{"both", sampled, b3.Both, "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7|X-B3-SpanId: e457b5a2e4d86bd1|X-B3-ParentSpanId: 05e3ac9a4f6e3b90|X-B3-Sampled: 1|b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"},
		{"grpc", sampled, b3.GRPC, "x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7|x-b3-spanid: e457b5a2e4d86bd1|x-b3-parentspanid: 05e3ac9a4f6e3b90|x-b3-sampled: 1"},
		{"unsampled root", model.SpanContext{TraceID: tid, ID: 1, Sampled: &no}, b3.Multi, "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7|X-B3-SpanId: 0000000000000001|X-B3-Sampled: 0"},
		{"debug", model.SpanContext{TraceID: tid, ID: 1, Debug: true}, b3.Multi, "X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7|X-B3-SpanId: 0000000000000001|X-B3-Flags: 1"},
		{"debug single", model.SpanContext{TraceID: tid, ID: 1, Debug: true}, b3.Single, "b3: 80f198ee56343ba864fe8b2a57d3eff7-0000000000000001-d"},
	} {
		lines, err := b3.Headers(c.sc, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var parts []string
		for _, l := range lines {
			parts = append(parts, l.Name+": "+l.Value)
		}
		if want, have := c.want, strings.Join(parts, "|"); want != have {
			t.Errorf("%s:\nwant %s\nhave %s", c.name, want, have)
		}
	}
}

func TestParseTextRoundTrips(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90",
		"80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
		"X-B3-TraceId: 80f198ee56343ba864fe8b2a57d3eff7\nX-B3-SpanId: e457b5a2e4d86bd1\nX-B3-Sampled: 1",
		"x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7; x-b3-spanid: e457b5a2e4d86bd1; x-b3-sampled: 1",
	} {
		sc, err := b3.ParseText(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if want, have := "80f198ee56343ba864fe8b2a57d3eff7/e457b5a2e4d86bd1", sc.TraceID.String()+"/"+sc.ID.String(); want != have {
			t.Errorf("%q: want %s, have %s", in, want, have)
		}
	}
	for _, bad := range []string{"", "b3: nothex", "X-B3-TraceId: 80f198ee56343ba8",
		// half-pasted: zipkin-go's parser panics on these; ours must not.
		"b3: 80f198ee56343ba864fe8b2a57d3eff7-", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2"} {
		if _, err := b3.ParseText(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestClassifyStatus(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		status int
		msg    string
		want   outbox.FailureClass
		hint   string
	}{
		{202, "", outbox.ClassOK, ""},
		{200, "", outbox.ClassOK, ""},
		{400, "Expected a JSON_V2 encoded list", outbox.ClassBadRequest, "rejected the payload"},
		{400, "Client sent an HTTP request to an HTTPS server.", outbox.ClassTLS, "http:// vs https://"},
		{401, "", outbox.ClassAuth, "copy the full endpoint, including the auth segment"},
		{403, "", outbox.ClassAuth, "auth segment"},
		{404, "", outbox.ClassNotFound, "/api/v2/spans"},
		{405, "", outbox.ClassNotFound, "wrong path or method"},
		{413, "", outbox.ClassTooLarge, "smaller batches"},
		{415, "", outbox.ClassUnsupportedMedia, "content type"},
		{429, "", outbox.ClassOverloaded, "retry later"},
		{500, "", outbox.ClassOverloaded, "retry later"},
		{503, "", outbox.ClassOverloaded, "retry later"},
		{302, "", outbox.ClassRedirect, "redirects"},
		{418, "", outbox.ClassHTTP, "stay queued"},
	} {
		class := outbox.ClassifyStatus(c.status, c.msg)
		if class != c.want || !strings.Contains(class.Hint(), c.hint) {
			t.Errorf("%d: want %q (%q), have %q (%q)", c.status, c.want, c.hint, class, class.Hint())
		}
	}
}

func TestSessionTreeOperations(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "always")
	root, err := s.NewTrace("")
	if err != nil {
		t.Fatal(err)
	}
	if want, have := DefaultSpanName, root.Name; want != have {
		t.Errorf("empty name: want %q, have %q", want, have)
	}
	clientKind, serverKind := model.Client, model.Server
	client, _ := s.Start(root, SpanOptions{Name: "call backend", Kind: &clientKind})
	server, _ := s.Start(client, SpanOptions{Name: "handle", Kind: &serverKind})
	leaf, _ := s.Child(server, "query")

	if want, have := []*Node{root, client, server, leaf}, s.Tree().Nodes(); len(have) != 4 || have[0] != want[0] || have[1] != want[1] || have[2] != want[2] || have[3] != want[3] {
		t.Fatalf("display order wrong")
	}
	if !server.Key.Shared || server.Context.ID != client.Context.ID || leaf.Kind != model.Undetermined {
		t.Errorf("SERVER child must join its CLIENT parent as a shared span: shared=%v ids %s %s", server.Key.Shared, server.Context.ID, client.Context.ID)
	}
	if leaf.Context.ParentID == nil || *leaf.Context.ParentID != server.Context.ID {
		t.Errorf("leaf's parent ID must be the server span's ID")
	}
	if err := s.Tag(leaf, "db", "orders"); err != nil {
		t.Fatal(err)
	}
	if err := s.Tag(leaf, " ", "x"); !errors.Is(err, errEmptyTagKey) {
		t.Errorf("empty key: want errEmptyTagKey, have %v", err)
	}
	_ = s.Error(leaf, "timeout")
	_ = s.Error(leaf, "second")
	if want, have := "timeout", leaf.Tags["error"]; want != have {
		t.Errorf("error tag is first-write-wins: want %q, have %q", want, have)
	}
	if want, have := `{"event":"error","stack":"timeout"}`, leaf.Annotations[0].Value; want != have {
		t.Errorf("error annotation: want %s, have %s", want, have)
	}
	if err := s.Finish(leaf); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(leaf); !errors.Is(err, errFinished) {
		t.Errorf("second finish: want errFinished, have %v", err)
	}
	if err := s.Tag(leaf, "late", "x"); !errors.Is(err, errFinished) {
		t.Errorf("tag after finish: want errFinished, have %v", err)
	}
	if want, have := 1, s.Outbox().Counts().Queued; want != have {
		t.Errorf("queued after finishing one sampled span: want %d, have %d", want, have)
	}
	pending := s.Outbox().PendingSpans()
	if pending[0].Tags["error"] != "timeout" || pending[0].Tags["db"] != "orders" {
		t.Errorf("zipkin-go's reported span lacks the tags: %v", pending[0].Tags)
	}
}

func TestSessionSamplerAndDebug(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "never")
	n, _ := s.NewTrace("dropped")
	if n.Sampled() || !strings.Contains(n.SamplerReason, "never") {
		t.Errorf("never sampler: sampled=%v reason %q", n.Sampled(), n.SamplerReason)
	}
	lines, _ := b3.Headers(n.Context, b3.Multi)
	if want, have := "X-B3-Sampled: 0", lines[len(lines)-1].Name+": "+lines[len(lines)-1].Value; want != have {
		t.Errorf("unsampled header: want %q, have %q", want, have)
	}
	_ = s.Finish(n)
	if want, have := 0, s.Outbox().Counts().Queued; want != have {
		t.Errorf("an unsampled span must never be queued: have %d", have)
	}
	d, _ := s.DebugTrace("forced")
	if !d.Sampled() || !d.Context.Debug || !strings.Contains(d.SamplerReason, "debug") {
		t.Errorf("debug trace: sampled=%v debug=%v reason %q", d.Sampled(), d.Context.Debug, d.SamplerReason)
	}
	if err := s.SetSampler(mustSpec(t, "always")); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Child(n, "still unsampled")
	if c.Sampled() {
		t.Errorf("a span of a trace started before the sampler change keeps its decision")
	}
	fresh, _ := s.NewTrace("new")
	if !fresh.Sampled() {
		t.Errorf("new traces use the new sampler")
	}
}

func TestContinueTraceFromB3(t *testing.T) {
	t.Parallel()
	s := newTestSession(t, "never")
	n, err := s.ContinueTrace("b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1", SpanOptions{Name: "downstream"})
	if err != nil {
		t.Fatal(err)
	}
	if n.Context.TraceID.String() != "80f198ee56343ba864fe8b2a57d3eff7" || n.Context.ParentID == nil || n.Context.ParentID.String() != "e457b5a2e4d86bd1" {
		t.Errorf("continued span: trace %s parent %v", n.Context.TraceID, n.Context.ParentID)
	}
	if !n.Sampled() || !strings.Contains(n.SamplerReason, "B3 headers") || !n.RemoteParent {
		t.Errorf("the caller's sampled=1 wins over the never sampler: sampled=%v reason %q", n.Sampled(), n.SamplerReason)
	}
}

func newTestSession(t *testing.T, sampler string) *Session {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Listen = "127.0.0.1:0"
	cfg.Sampler = mustSpec(t, sampler)
	s, err := NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// The boundary explanation against figures worked out by hand (Python's
// integers): 2^53+1 is the first ID a float64 cannot hold.
func TestExplainBoundaryMatchesHandCalculation(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		id       uint64
		decision bool
		want     string
	}{
		{1234, true, "boundary 0.5: trace ID low 64 bits = 1234; 1234 mod 10000 = 1234; 1234 < 5000 (rate × 10000) → sampled"},
		{7001, false, "boundary 0.5: trace ID low 64 bits = 7001; 7001 mod 10000 = 7001; 7001 ≥ 5000 (rate × 10000) → not sampled"},
		{9007199254740993, true, "boundary 0.5: trace ID low 64 bits = 9007199254740993; 9007199254740993 mod 10000 = 993, " +
			"but zipkin-go rounds the ID to a float64 (9007199254740992) first and gets 992; 992 < 5000 (rate × 10000) → sampled"},
	} {
		if have := explainBoundary("0.5", 5000, c.id, c.decision); have != c.want {
			t.Errorf("id %d:\nwant %s\nhave %s", c.id, c.want, have)
		}
		if want, have := c.decision, zipkinBoundaryValue(c.id) < 5000; want != have {
			t.Errorf("id %d: zipkin-go's expression decides %v", c.id, have)
		}
	}
}
