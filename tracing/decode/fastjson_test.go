package decode

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"

	"zipkin-playground/tracing/testkit"
)

// walkBoth decodes data with the fast reader and with walkJSONV2; fastOK
// says whether the fast one read it.
func walkBoth(data []byte) (fast, slow []model.SpanModel, fastOK bool, slowErr error) {
	fastOK = fastWalkJSONV2(data, func(s model.SpanModel) { fast = append(fast, s) }) == nil
	slowErr = walkJSONV2(data, func(s model.SpanModel) { slow = append(slow, s) })
	return
}

// The fast reader reads what zipkin-go's serializer and the demo write, and
// makes exactly the spans walkJSONV2 makes of them.
func TestFastWalkJSONV2ReadsWhatZipkinGoWrites(t *testing.T) {
	t.Parallel()
	var demo bytes.Buffer
	testkit.WriteDemoBatch(&demo, 0, 5)
	all := testkit.EveryFieldSpans()
	odd := all[1]
	odd.Annotations = nil // zipkin-go writes a negative time for an annotation without one
	cases := [][]model.SpanModel{all[:1], {all[0], odd, all[2], all[3]}}
	bodies := [][]byte{demo.Bytes(), []byte(`[{"traceId":"1","id":"2","name":"\u00e9\ud83d\ude00\ud800x\/"}]`), []byte(" [ ] "), []byte(`[{"traceId":"a","id":"b","parentId":"0","annotations":[],"tags":{},"localEndpoint":{"ipv4":""},"debug":false}]`)}
	for _, spans := range cases {
		b, err := reporter.JSONSerializer{}.Serialize(testkit.Ptrs(spans))
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	for i, body := range bodies {
		fast, slow, ok, err := walkBoth(body)
		if !ok || err != nil || !reflect.DeepEqual(fast, slow) {
			t.Errorf("body %d: fast read %v, slow error %v\nfast %+v\nslow %+v", i, ok, err, fast, slow)
		}
	}
}

// Bodies outside the fast reader's form go to walkJSONV2, which decides.
func TestFastWalkJSONV2LeavesTheRest(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`[{"traceId":"1","id":"2","name":"\q"}]`,         // no such escape
		`[{"traceId":"1","id":"2","TraceId":"3"}]`,       // another case of a key
		`[{"traceId":"1","id":"2","id":"3"}]`,            // a key twice
		`[{"traceId":"1","id":"2","extra":{"a":[1,2]}}]`, // an unknown key
		`[{"traceId":"1","id":"2","timestamp":1.5}]`,     // not an unsigned integer
		`[{"traceId":"1","id":"2","parentId":null}]`,     // null
		`[{"traceId":"1","id":"0"}]`,                     // no ID
		`[{"traceId":"1","id":"2","annotations":[{"value":"x"}]}]`,
		`[{"traceId":"1","id":"2","name":"` + "\xff" + `"}]`, // invalid UTF-8
		`[{"traceId":"1","id":"2"}] x`,
	} {
		if fastWalkJSONV2([]byte(body), func(model.SpanModel) {}) == nil {
			t.Errorf("fast reader took %s", body)
		}
	}
}

// Every fixture and every fuzzed body: when the fast reader reads it, the
// spans are walkJSONV2's.
func FuzzFastWalkJSONV2(f *testing.F) {
	for _, spans := range [][]model.SpanModel{testkit.EveryFieldSpans()[:1], testkit.EveryFieldSpans()[2:]} {
		if b, err := (reporter.JSONSerializer{}).Serialize(testkit.Ptrs(spans)); err == nil {
			f.Add(b)
		}
	}
	for _, b := range []string{`[{"traceId":"1","id":"2","parentId":"00","name":"\u00e9\ud800","tags":{"a":"b"},"localEndpoint":{"ipv4":"1.2.3.4","port":80}}]`} {
		f.Add([]byte(b))
	}
	var demo bytes.Buffer
	testkit.WriteDemoBatch(&demo, 0, 2)
	f.Add(demo.Bytes())
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, slow, ok, err := walkBoth(body)
		if ok && (err != nil || !reflect.DeepEqual(fast, slow)) {
			t.Fatalf("fast read %q\nslow error %v\nfast %+v\nslow %+v", body, err, fast, slow)
		}
	})
}
