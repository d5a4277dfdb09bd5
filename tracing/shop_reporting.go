package tracing

import (
	"errors"
	"net/http"

	"github.com/openzipkin/zipkin-go/propagation/b3"

	"zipkin-playground/tracing/shop"
)

// ErrEndpointNotReady is returned while the embedded receiver has no address yet.
var ErrEndpointNotReady = errors.New("the endpoint is not ready yet (the embedded receiver is starting)")

// ShopReporting is where the demo shop's services send their own spans: the
// session's endpoint, with its extra headers, its TLS settings and its
// encoding, through zipkin-go's HTTP reporter. (That reporter cannot gzip.)
func (s *Session) ShopReporting() (shop.Reporting, error) {
	u := s.endpoint.URL()
	if u == nil {
		return shop.Reporting{}, ErrEndpointNotReady
	}
	opts, err := OutboxOptionsFor(s.cfg)
	if err != nil {
		return shop.Reporting{}, err
	}
	enc, _, err := EncodingFor(s.cfg.Endpoint, s.cfg.Encoding, s.cfg.Encoding == EncodingProto)
	if err != nil {
		return shop.Reporting{}, err
	}
	header := http.Header{}
	for _, h := range s.cfg.Headers {
		header.Add(h.Name, h.Value)
	}
	return shop.Reporting{
		URL:        u.String(),
		Header:     header,
		Client:     &http.Client{Transport: newTransport(opts), Timeout: s.cfg.Timeout, CheckRedirect: stopAtFirstRedirect},
		Serializer: enc.Serializer(),
	}, nil
}

// HTTPInjectOptions are zipkin-go's injector options for format f over HTTP:
// none for multi, single header only, or both. The gRPC view has no HTTP
// form: a request made from it carries multi headers.
func HTTPInjectOptions(f B3Format) []b3.InjectOption {
	switch f {
	case B3Single:
		return []b3.InjectOption{b3.WithSingleHeaderOnly()}
	case B3Both:
		return []b3.InjectOption{b3.WithSingleAndMultiHeader()}
	}
	return nil
}
