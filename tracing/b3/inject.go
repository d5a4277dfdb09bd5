package b3

import "github.com/openzipkin/zipkin-go/propagation/b3"

// HTTPInjectOptions are zipkin-go's injector options for format f over HTTP:
// none for multi, single header only, or both. The gRPC view has no HTTP
// form: a request made from it carries multi headers.
func HTTPInjectOptions(f Format) []b3.InjectOption {
	switch f {
	case Single:
		return []b3.InjectOption{b3.WithSingleHeaderOnly()}
	case Both:
		return []b3.InjectOption{b3.WithSingleAndMultiHeader()}
	}
	return nil
}
