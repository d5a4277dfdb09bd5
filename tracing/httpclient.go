package tracing

import "zipkin-playground/tracing/outbox"

// ClientOptionsFor is the HTTP side of a configuration: its CA file and
// --insecure. It fails when the CA certificate file cannot be used.
func ClientOptionsFor(cfg Config) (outbox.ClientOptions, error) {
	o := outbox.ClientOptions{Insecure: cfg.Insecure}
	if cfg.CACert != "" {
		pool, err := outbox.LoadCACerts(cfg.CACert)
		if err != nil {
			return o, err
		}
		o.RootCAs = pool
	}
	return o, nil
}
