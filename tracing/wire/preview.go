package wire

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/proto/zipkin_proto3"
	"github.com/openzipkin/zipkin-go/reporter"
)

// protoAsJSON reads a proto3 body back with zipkin-go's decoder and writes
// it as Zipkin v2 JSON, keeping what the wire says: zipkin-go's JSON
// serializer lowercases span and service names (proto3 keeps their case),
// and its decoder reads the 8 zero bytes the encoder writes for a root's
// parent_id as a parent of ID 0, which Zipkin reads as no parent.
func protoAsJSON(body []byte) ([]byte, error) {
	spans, err := zipkin_proto3.ParseSpans(body, false)
	if err != nil {
		return nil, fmt.Errorf("reading the proto3 body back: %w", err)
	}
	for _, sp := range spans {
		if sp.ParentID != nil && *sp.ParentID == 0 {
			sp.ParentID = nil
		}
		if sp.Kind == "SPAN_KIND_UNSPECIFIED" {
			sp.Kind = model.Undetermined
		}
	}
	js, err := (reporter.JSONSerializer{}).Serialize(spans)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var objs []map[string]any
	if err := dec.Decode(&objs); err != nil || len(objs) != len(spans) {
		return nil, fmt.Errorf("reading zipkin-go's JSON back: %v", err)
	}
	for i, sp := range spans {
		objs[i]["name"] = sp.Name
		restoreService(objs[i], "localEndpoint", sp.LocalEndpoint)
		restoreService(objs[i], "remoteEndpoint", sp.RemoteEndpoint)
	}
	return json.Marshal(objs)
}

func restoreService(obj map[string]any, key string, ep *model.Endpoint) {
	if m, ok := obj[key].(map[string]any); ok && ep != nil && ep.ServiceName != "" {
		m["serviceName"] = ep.ServiceName
	}
}
