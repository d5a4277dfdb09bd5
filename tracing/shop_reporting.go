package tracing

import (
	"errors"
	"net/http"

	"zipkin-playground/tracing/shop"
)

// ErrEndpointNotReady is returned while the embedded receiver has no address yet.
var ErrEndpointNotReady = errors.New("the endpoint is not ready yet (the embedded receiver is starting)")

// ShopReporting is where the demo shop's services send their own spans: the
// session's endpoint, with its extra headers, its TLS settings and its
// encoding and gzip, through zipkin-go's HTTP reporter.
func (s *Session) ShopReporting() (shop.Reporting, error) {
	u := s.endpoint.URL()
	if u == nil {
		return shop.Reporting{}, ErrEndpointNotReady
	}
	opts, err := outboxOptionsFor(s.cfg)
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
		Client:     opts.HTTPClient(),
		Serializer: s.outbox.Encoding().Serializer(),
		Gzip:       s.cfg.Gzip,
	}, nil
}
