package outbox

import "net/http"

// HTTPClient is a client that reaches the collector as the outbox does:
// its TLS settings (CA certificates, insecure), proxy and timeout, and no
// redirect followed. Another reporter sending to the same endpoint (the
// demo shop's) uses it.
func (opts Options) HTTPClient() *http.Client {
	return NewHTTPClient(ClientOptions{RootCAs: opts.RootCAs, Insecure: opts.Insecure, Proxy: opts.Proxy, Timeout: opts.Timeout, MaxIdlePerHost: opts.InFlight})
}
