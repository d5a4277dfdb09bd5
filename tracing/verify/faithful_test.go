package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

// postModelSpans POSTs spans to the receiver as zipkin-go's JSON writes them.
func postModelSpans(t *testing.T, r *receiver.Receiver, spans ...model.SpanModel) {
	t.Helper()
	body, err := json.Marshal(spans)
	mustOK(t, err)
	resp, err := http.Post(r.URL(), "application/json", bytes.NewReader(body))
	mustOK(t, err)
	resp.Body.Close()
	if resp.StatusCode != 202 {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
}

// A trace that already holds other services' spans (the usual case after P
// continues a real trace) is complete only once every span sent is in it:
// verification waits for the late one rather than report it missing.
func TestVerifyWaitsForEverySpanSentNotForACount(t *testing.T) {
	t.Parallel()
	r, err := receiver.Start("127.0.0.1:0")
	mustOK(t, err)
	t.Cleanup(func() { r.Close() })
	other := func(s *model.SpanModel) { s.LocalEndpoint = &model.Endpoint{ServiceName: "gateway"} }
	postModelSpans(t, r, span(0x10, 0, "edge", other), span(0x11, 0x10, "route", other), span(0x12, 0x11, "auth", other))
	ours, late := span(0x20, 0x11, "checkout"), span(0x21, 0x20, "charge")
	postModelSpans(t, r, ours)
	sleeps := 0
	api := newZipkinQuery(mustParseQuery(t, "http://"+r.Addr()), QueryOptions{})
	v := NewVerifier(api, Options{Timeout: time.Hour, Encoding: outbox.EncodingJSON,
		Sleep: func(ctx context.Context, d time.Duration) error {
			if sleeps++; sleeps == 1 {
				postModelSpans(t, r, late) // stored after the first look
			}
			return ctx.Err()
		}})
	rep := v.Verify(context.Background(), []model.SpanModel{ours, late})
	if len(rep.Traces) != 1 || rep.Traces[0].State != StateVerified || rep.Traces[0].Found != 2 {
		t.Fatalf("want verified 2/2 after the late span arrived, have %+v", rep.Traces)
	}
	if sleeps != 1 {
		t.Errorf("polls: want a second look after one wait, waited %d times", sleeps)
	}
}

func mustParseQuery(t *testing.T, raw string) secret.Endpoint {
	t.Helper()
	ep, err := ParseQueryURL(raw)
	mustOK(t, err)
	return ep
}

// Tags are compared by presence: a tag added with an empty value (Jaeger adds
// component="") is a difference, and a tag sent empty and kept is none.
func TestCompareTagsByPresence(t *testing.T) {
	t.Parallel()
	sent := span(1, 0, "a", func(s *model.SpanModel) { s.Tags = map[string]string{"cache": ""} })
	stored := span(1, 0, "a", func(s *model.SpanModel) { s.Tags = map[string]string{"cache": "", "component": ""} })
	rep := compareTrace([]model.SpanModel{sent}, []model.SpanModel{stored}, QueryKindJaeger, outbox.EncodingProto)
	if len(rep.Differences) != 1 || rep.Differences[0].Field != "tags.component" || rep.Differences[0].Stored != `""` {
		t.Errorf("want one difference, tags.component added empty; have %+v", rep.Differences)
	}
}

// A peer.service tag that Jaeger reads back as the remote service is one
// difference, explained, not two.
func TestComparePeerServiceTagIsOneDifference(t *testing.T) {
	t.Parallel()
	sent := span(1, 0, "a", func(s *model.SpanModel) { s.Kind, s.Tags = model.Client, map[string]string{"peer.service": "db"} })
	stored := span(1, 0, "a", func(s *model.SpanModel) { s.Kind, s.RemoteEndpoint = model.Client, &model.Endpoint{ServiceName: "db"} })
	rep := compareTrace([]model.SpanModel{sent}, []model.SpanModel{stored}, QueryKindJaeger, outbox.EncodingProto)
	if len(rep.Differences) != 1 || rep.Differences[0].Rewrite != "jaeger-peer-service" {
		t.Errorf("want one difference (jaeger-peer-service), have %+v", rep.Differences)
	}
}

// Jaeger re-IDs a shared SERVER span another service reported and moves its
// children, ours, under the new ID; v1 ws/wr annotations come back as
// annotations. Both are known rewrites, each with its explanation.
func TestCompareExplainsRemoteSharedParentAndWireAnnotations(t *testing.T) {
	t.Parallel()
	// Another service's CLIENT 0x5 called a SERVER that shared its ID;
	// our span 0x20 is that server's child, sent with parent 0x5.
	ours := span(0x20, 0x5, "work")
	theirServer := span(0x1, 0x5, "handle", func(s *model.SpanModel) { s.Kind = model.Server })
	moved := span(0x20, 0x1, "work")
	rep := compareTrace([]model.SpanModel{ours}, []model.SpanModel{theirServer, moved}, QueryKindJaeger, outbox.EncodingProto)
	if len(rep.Differences) != 1 || rep.Differences[0].Rewrite != "jaeger-remote-shared-parent" {
		t.Errorf("re-parented under a remote shared span: %+v", rep.Differences)
	}
	producer := span(0x30, 0, "publish", func(s *model.SpanModel) { s.Kind = model.Producer })
	storedProducer := producer
	storedProducer.Annotations = []model.Annotation{{Timestamp: producer.Timestamp.Add(producer.Duration), Value: "ws"}}
	rep = compareTrace([]model.SpanModel{producer}, []model.SpanModel{storedProducer}, QueryKindJaeger, outbox.EncodingV1)
	if len(rep.Differences) != 1 || rep.Differences[0].Rewrite != "v1-wire-annotation" {
		t.Errorf("ws annotation: %+v", rep.Differences)
	}
	for _, d := range rep.Differences {
		if r, ok := RewriteNamed(d.Rewrite); !ok || r.Explain == "" {
			t.Errorf("%s: no explanation", d.Rewrite)
		}
	}
}

// A continued trace's SERVER span shares its ID with the other service's
// CLIENT: until ours is stored, that CLIENT is not taken for it (which would
// end the wait early and report made-up differences).
func TestVerifyDoesNotTakeAnotherServicesSpanForOurs(t *testing.T) {
	t.Parallel()
	theirs := span(0x5, 0x4, "call shop", func(s *model.SpanModel) {
		s.Kind, s.LocalEndpoint = model.Client, &model.Endpoint{ServiceName: "gateway"}
	})
	ours := span(0x5, 0x4, "checkout", func(s *model.SpanModel) { s.Kind, s.Shared = model.Server, true })
	stored := []model.SpanModel{span(0x4, 0, "edge"), theirs}
	if allStored([]model.SpanModel{ours}, stored, outbox.EncodingJSON) {
		t.Error("complete, though only the other service's span is stored")
	}
	if rep := compareTrace([]model.SpanModel{ours}, stored, QueryKindJaeger, outbox.EncodingJSON); rep.State != StateMissing {
		t.Errorf("want missing, have %s %+v", rep.State, rep.Differences)
	}
}
