package tracing

import (
	"errors"

	"github.com/openzipkin/zipkin-go/model"
)

// decodeV1Thrift is v1 Thrift decoding, until v1codec's DecodeV1Thrift lands.
func decodeV1Thrift([]byte) ([]model.SpanModel, error) {
	return nil, errors.New("v1 Thrift is not supported yet: send v1 JSON or v2")
}
