package decode

import (
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// TestDecodeJSONV2FallbackKeepsNoFastSpans: a body the fast reader gives up
// on part-way (a null after a plain span) is read whole by the general
// reader, and the spans the fast reader got before giving up are not kept.
func TestDecodeJSONV2FallbackKeepsNoFastSpans(t *testing.T) {
	t.Parallel()
	body := []byte(`[{"traceId":"1","id":"1","name":"a"},{"traceId":"1","id":"2","name":null}]`)
	if fastWalkJSONV2(body, func(model.SpanModel) {}) == nil {
		t.Fatal("the fast reader took a body with a null: pick another")
	}
	var got []model.SpanModel
	if err := decodeJSONV2(body, func(s []model.SpanModel) { got = append(got, s...) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != 1 || got[1].ID != 2 || got[0].Name != "a" {
		t.Fatalf("decoded %+v, want spans 1 (a) and 2", got)
	}
}
