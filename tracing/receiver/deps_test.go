package receiver

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing/testkit"
)

// /api/v2/dependencies links as Zipkin's DependencyLinker: messaging through
// its broker (DependencyLinkerTest messagingWithBroker_both_sides_same), a
// local span between a server and its clients (intermediatedClientSpans...),
// and the backfilled link to a client whose server span is missing
// (missingSpan).
func TestReceiverDependenciesAsZipkin(t *testing.T) {
	t.Parallel()
	r := startTestReceiver(t)
	ts := time.Now().Add(-time.Minute).UnixMicro()
	ep := func(s string) string { return `{"serviceName":"` + s + `"}` }
	spans := []string{
		// trace 1: producer -> kafka -> consumer
		fmt.Sprintf(`{"traceId":"1","id":"a","kind":"PRODUCER","timestamp":%d,"localEndpoint":%s,"remoteEndpoint":%s}`, ts, ep("producer"), ep("kafka")),
		fmt.Sprintf(`{"traceId":"1","parentId":"a","id":"b","kind":"CONSUMER","timestamp":%d,"localEndpoint":%s,"remoteEndpoint":%s}`, ts, ep("consumer"), ep("kafka")),
		// trace 2: web server -> local span -> client calls reported by "app"
		fmt.Sprintf(`{"traceId":"2","id":"a","kind":"SERVER","timestamp":%d,"localEndpoint":%s}`, ts, ep("web")),
		fmt.Sprintf(`{"traceId":"2","parentId":"a","id":"b","kind":"CLIENT","timestamp":%d,"localEndpoint":%s,"tags":{"error":""}}`, ts, ep("app")),
	}
	if status, msg := testkit.PostSpans(t, r.URL(), "application/json", "", []byte("["+strings.Join(spans, ",")+"]")); status != 202 {
		t.Fatalf("POST: %d %s", status, msg)
	}
	var got []DependencyLink
	getJSON(t, r, fmt.Sprintf("/api/v2/dependencies?endTs=%d", time.Now().UnixMilli()), &got)
	want := []DependencyLink{
		{Parent: "kafka", Child: "consumer", CallCount: 1},
		{Parent: "producer", Child: "kafka", CallCount: 1},
		{Parent: "web", Child: "app", CallCount: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links %+v\nZipkin %+v", got, want)
	}
}
