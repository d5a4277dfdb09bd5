package linker

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/zipkinspan"
)

// span is DependencyLinkerTest.span: IDs in hex ("" is none), services ""
// when absent, an error tag when isError; built as Span.Builder.build does.
func span(parent, id string, kind model.Kind, local, remote string, isError bool) model.SpanModel {
	hexID := func(h string) model.ID { v, _ := strconv.ParseUint(h, 16, 64); return model.ID(v) }
	s := model.SpanModel{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: 0xa}, ID: hexID(id)}, Kind: kind}
	if parent != "" {
		p := hexID(parent)
		s.ParentID = &p
	}
	if local != "" {
		s.LocalEndpoint = &model.Endpoint{ServiceName: local}
	}
	if remote != "" {
		s.RemoteEndpoint = &model.Endpoint{ServiceName: remote}
	}
	if isError {
		s.Tags = map[string]string{"error": ""}
	}
	zipkinspan.Build(&s)
	return s
}

func shared(s model.SpanModel) model.SpanModel {
	s.Shared = true
	zipkinspan.Build(&s)
	return s
}

const (
	client, server     = model.Client, model.Server
	producer, consumer = model.Producer, model.Consumer
	none               = model.Undetermined
)

// trace is DependencyLinkerTest.TRACE, in reverse order as reporting is.
func trace() []model.SpanModel {
	return []model.SpanModel{
		span("b", "c", client, "app", "db", true),
		shared(span("a", "b", server, "app", "web", false)),
		span("a", "b", client, "web", "app", false),
		span("", "a", server, "web", "", false),
	}
}

func withoutParent(s model.SpanModel) model.SpanModel { s.ParentID = nil; return s }

// linkerCases are openzipkin/zipkin's DependencyLinkerTest.java, case by case
// (zipkin/src/test/java/zipkin2/internal/DependencyLinkerTest.java).
var linkerCases = []struct {
	name   string
	traces [][]model.SpanModel
	want   []Link
}{
	{"baseCase", nil, []Link{}},
	{"linksSpans", [][]model.SpanModel{trace()}, []Link{{"app", "db", 1, 1}, {"web", "app", 1, 0}}},
	{"linksSpans_serverMissingParentId", [][]model.SpanModel{{
		shared(span("", "b", server, "link", "arn", false)),
		span("a", "b", client, "arn", "link", false),
		span("", "a", server, "arn", "", false),
	}}, []Link{{"arn", "link", 1, 0}}},
	{"lateParentIdInSharedSpan", [][]model.SpanModel{func() []model.SpanModel {
		t := trace()
		t[2] = withoutParent(t[2])
		return t
	}()}, []Link{{"app", "db", 1, 1}, {"web", "app", 1, 0}}},
	{"lostChildAndNoParentIdInSharedSpan", [][]model.SpanModel{func() []model.SpanModel {
		t := trace()
		t[2] = withoutParent(t[2])
		return append(t[:1], t[2:]...)
	}()}, []Link{{"app", "db", 1, 1}, {"web", "app", 1, 0}}},
	{"messagingSpansDontLinkWithoutBroker_consumer", [][]model.SpanModel{{
		span("", "a", producer, "producer", "", false), span("a", "b", consumer, "consumer", "kafka", false),
	}}, []Link{{"kafka", "consumer", 1, 0}}},
	{"messagingSpansDontLinkWithoutBroker_producer", [][]model.SpanModel{{
		span("", "a", producer, "producer", "kafka", false), span("a", "b", consumer, "consumer", "", false),
	}}, []Link{{"producer", "kafka", 1, 0}}},
	{"messagingWithBroker_both_sides_same", [][]model.SpanModel{{
		span("", "a", producer, "producer", "kafka", false), span("a", "b", consumer, "consumer", "kafka", false),
	}}, []Link{{"kafka", "consumer", 1, 0}, {"producer", "kafka", 1, 0}}},
	{"messagingWithBroker_different", [][]model.SpanModel{{
		span("", "a", producer, "producer", "kafka1", false), span("a", "b", consumer, "consumer", "kafka2", false),
	}}, []Link{{"kafka2", "consumer", 1, 0}, {"producer", "kafka1", 1, 0}}},
	{"messagingWithoutBroker_noLinks", [][]model.SpanModel{{
		span("", "a", producer, "producer", "", false), span("a", "b", consumer, "consumer", "", false),
	}}, []Link{}},
	{"producerLinksToServer_childSpan", [][]model.SpanModel{{
		span("", "a", producer, "producer", "", false), span("a", "b", server, "server", "", false),
	}}, []Link{{"producer", "server", 1, 0}}},
	{"producerLinksToServer_sameSpan", [][]model.SpanModel{{
		span("", "a", producer, "producer", "", false), shared(span("", "a", server, "server", "", false)),
	}}, []Link{{"producer", "server", 1, 0}}},
	{"clientDoesntLinkToConsumer_child", [][]model.SpanModel{{
		span("", "a", client, "client", "", false), span("a", "b", consumer, "consumer", "", false),
	}}, []Link{}},
	{"linksSpansDirectedByKind server", [][]model.SpanModel{{span("", "a", server, "server", "client", false)}},
		[]Link{{"client", "server", 1, 0}}},
	{"linksSpansDirectedByKind client", [][]model.SpanModel{{shared(span("", "a", client, "client", "server", false))}},
		[]Link{{"client", "server", 1, 0}}},
	{"callsAgainstTheSameLinkIncreasesCallCount_span", [][]model.SpanModel{{
		span("", "a", server, "client", "", false),
		span("a", "b", client, "", "server", false),
		span("a", "c", client, "", "server", false),
	}}, []Link{{"client", "server", 2, 0}}},
	{"callsAgainstTheSameLinkIncreasesCallCount_trace", [][]model.SpanModel{
		{span("", "a", server, "client", "", false), span("a", "b", client, "", "server", false)},
		{span("", "a", server, "client", "", false), span("a", "b", client, "", "server", false)},
	}, []Link{{"client", "server", 2, 0}}},
	{"singleHostSpansResultInASingleCallCount", [][]model.SpanModel{{
		span("", "a", client, "client", "", false), span("a", "b", server, "server", "", false),
	}}, []Link{{"client", "server", 1, 0}}},
	{"singleHostSpansResultInASingleErrorCount", [][]model.SpanModel{{
		span("", "a", client, "client", "", true), span("a", "b", server, "server", "", true),
	}}, []Link{{"client", "server", 1, 1}}},
	{"singleHostSpansResultInASingleErrorCount_sameId", [][]model.SpanModel{{
		span("", "a", client, "client", "", true), shared(span("", "a", server, "server", "", true)),
	}}, []Link{{"client", "server", 1, 1}}},
	{"singleHostSpansResultInASingleCallCount_defersNameToServer", [][]model.SpanModel{{
		span("", "a", client, "client", "server", false), span("a", "b", server, "server", "", false),
	}}, []Link{{"client", "server", 1, 0}}},
	{"singleHostSpans_multipleChildren", [][]model.SpanModel{{
		span("", "a", client, "client", "", false),
		span("a", "b", server, "server", "client", true),
		span("a", "c", server, "server", "client", false),
	}}, []Link{{"client", "server", 2, 1}}},
	{"singleHostSpans_multipleChildren_defersNameToServer", [][]model.SpanModel{{
		span("", "a", client, "client", "server", false),
		span("a", "b", server, "server", "", false),
		span("a", "c", server, "server", "", false),
	}}, []Link{{"client", "server", 2, 0}}},
	{"intermediatedClientSpansMissingLocalServiceNameLinkToNearestServer", [][]model.SpanModel{{
		span("", "a", server, "client", "", false),
		span("a", "b", none, "", "", false),
		span("b", "c", client, "server", "", false),
		span("b", "d", client, "server", "", false),
	}}, []Link{{"client", "server", 2, 0}}},
	{"errorsOnUninstrumentedLinks", [][]model.SpanModel{{
		span("", "a", server, "client", "", false),
		span("a", "b", none, "", "", false),
		span("b", "c", client, "server", "", true),
		span("b", "d", client, "server", "", true),
	}}, []Link{{"client", "server", 2, 0}}},
	{"errorsOnInstrumentedLinks", [][]model.SpanModel{{
		span("", "a", server, "foo", "", false),
		span("a", "b", none, "", "", false),
		span("b", "c", client, "bar", "baz", true),
		span("b", "d", client, "bar", "baz", false),
	}}, []Link{{"bar", "baz", 2, 1}, {"foo", "bar", 2, 0}}},
	{"linkWithErrorIsLogged", [][]model.SpanModel{{span("b", "c", client, "foo", "bar", true)}},
		[]Link{{"foo", "bar", 1, 1}}},
	{"annotationNamedErrorDoesntIncrementErrorCount", [][]model.SpanModel{{func() model.SpanModel {
		s := span("b", "c", client, "foo", "bar", false)
		s.Annotations = []model.Annotation{{Value: "error"}}
		return s
	}()}}, []Link{{"foo", "bar", 1, 0}}},
	{"linksLoopbackSpans server", [][]model.SpanModel{{span("", "a", server, "service", "service", false)}},
		[]Link{{"service", "service", 1, 0}}},
	{"linksLoopbackSpans client", [][]model.SpanModel{{span("", "b", client, "service", "service", false)}},
		[]Link{{"service", "service", 1, 0}}},
	{"noSpanKindTreatedSameAsClient", [][]model.SpanModel{{
		span("", "a", none, "some-client", "web", false),
		span("a", "b", none, "web", "app", false),
		span("b", "c", none, "app", "db", false),
	}}, []Link{{"app", "db", 1, 0}, {"some-client", "web", 1, 0}, {"web", "app", 1, 0}}},
	{"noSpanKindWithError", [][]model.SpanModel{{
		span("", "a", none, "some-client", "web", false),
		span("a", "b", none, "web", "app", true),
		span("b", "c", none, "app", "db", false),
	}}, []Link{{"app", "db", 1, 0}, {"some-client", "web", 1, 0}, {"web", "app", 1, 1}}},
	{"cannotLinkSingleSpanWithoutBothServiceNames", [][]model.SpanModel{
		{span("", "a", server, "", "", false)},
		{span("", "a", server, "server", "", false)},
		{span("", "a", server, "", "client", false)},
		{span("", "a", client, "", "", false)},
		{span("", "a", client, "client", "", false)},
		{span("", "a", client, "", "server", false)},
	}, []Link{}},
	{"doesntLinkUnrelatedSpansWhenMissingRootSpan", [][]model.SpanModel{{
		span("a", "b", server, "service1", "", false), span("a", "c", server, "service2", "", false),
	}}, []Link{}},
	{"linksRelatedSpansWhenMissingRootSpan", [][]model.SpanModel{{
		span("a", "b", server, "service1", "", false), span("b", "c", server, "service2", "", false),
	}}, []Link{{"service1", "service2", 1, 0}}},
	{"linksSingleHostSpans", [][]model.SpanModel{{
		span("", "a", client, "web", "", false), span("a", "b", server, "app", "", false),
	}}, []Link{{"web", "app", 1, 0}}},
	{"linksSingleHostSpans_errorOnClient", [][]model.SpanModel{{
		span("", "a", client, "web", "", true), span("a", "b", server, "app", "", false),
	}}, []Link{{"web", "app", 1, 1}}},
	{"missingSpan", [][]model.SpanModel{{
		span("", "a", server, "web", "", false), span("a", "b", client, "app", "", false),
	}}, []Link{{"web", "app", 1, 0}}},
}

func TestLinkerAsZipkin(t *testing.T) {
	t.Parallel()
	for _, tc := range linkerCases {
		l := New()
		for _, tr := range tc.traces {
			l.PutTrace(tr)
		}
		if got := l.Links(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: links %v, Zipkin's %v", tc.name, got, tc.want)
		}
	}
}

// The trace ID is opaque: another gives the same links (traceIdIsOpaque).
func TestLinkerTraceIDIsOpaque(t *testing.T) {
	t.Parallel()
	other := trace()
	for i := range other {
		other[i].TraceID = model.TraceID{Low: 0x123}
	}
	a, b := New(), New()
	a.PutTrace(trace())
	b.PutTrace(other)
	if !reflect.DeepEqual(a.Links(), b.Links()) {
		t.Errorf("%v != %v", a.Links(), b.Links())
	}
}
