package tracing

import (
	"errors"
	"testing"
)

func TestEncodingFor(t *testing.T) {
	const v1 = "http://h:9411/api/v1/spans"
	const v2 = "http://h:9411/api/v2/spans"
	for _, c := range []struct {
		endpoint string
		explicit Encoding
		was      bool
		want     Encoding
		err      bool
	}{
		{v2, EncodingJSON, false, EncodingJSON, false},
		{v2, EncodingProto, true, EncodingProto, false},
		{v2, "", false, EncodingJSON, false},
		{v2, encodingV1, true, encodingV1, false},
		{v1, EncodingJSON, false, encodingV1, false}, // the default follows the path
		{v1, "", false, encodingV1, false},
		{v1 + "/", EncodingJSON, false, encodingV1, false},
		{"http://h/tok/api/v1/spans", EncodingJSON, false, encodingV1, false},
		{v1, encodingV1, true, encodingV1, false},
		{v1, EncodingJSON, true, "", true}, // Jaeger would store unknown-service
		{v1, EncodingProto, true, "", true},
		{"http://h:9411/", EncodingProto, true, EncodingProto, false},
	} {
		ep, err := ParseEndpoint(c.endpoint)
		if err != nil {
			t.Fatal(err)
		}
		have, err := EncodingFor(ep, c.explicit, c.was)
		if have != c.want || (err != nil) != c.err || (err != nil && !errors.Is(err, ErrEncodingMismatch)) {
			t.Errorf("%s %q explicit=%v: want %q (error %v), have %q %v", c.endpoint, c.explicit, c.was, c.want, c.err, have, err)
		}
	}
	if enc, err := EncodingFor(LocalEndpoint(), EncodingProto, true); enc != EncodingProto || err != nil {
		t.Errorf("local: %q %v", enc, err)
	}
}
