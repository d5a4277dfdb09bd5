package outbox

import "net/http"

// HTTPClient is a client that reaches the collector as the outbox does:
// its TLS settings (CA certificates, insecure), proxy and timeout, and no
// redirect followed. Another reporter sending to the same endpoint (the
// demo shop's) uses it.
func (opts OutboxOptions) HTTPClient() *http.Client {
	return &http.Client{Transport: newTransport(opts), Timeout: opts.Timeout, CheckRedirect: stopAtFirstRedirect}
}
