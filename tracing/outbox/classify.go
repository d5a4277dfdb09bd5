package outbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"zipkin-playground/tracing/secret"
)

// FailureClass names why a delivery failed; "" is success.
type FailureClass string

// The failure classes: each delivery result falls in one, and each class
// has its own hint, so the user learns what to fix rather than just "failed".
const (
	ClassOK               FailureClass = ""
	ClassMalformedURL     FailureClass = "malformed-url"
	ClassDNS              FailureClass = "dns"
	ClassRefused          FailureClass = "refused"
	ClassTLS              FailureClass = "tls"
	ClassTimeout          FailureClass = "timeout"
	ClassReset            FailureClass = "reset"
	ClassBadRequest       FailureClass = "bad-request"
	ClassAuth             FailureClass = "auth"
	ClassNotFound         FailureClass = "not-found"
	ClassTooLarge         FailureClass = "too-large"
	ClassUnsupportedMedia FailureClass = "unsupported-media"
	ClassOverloaded       FailureClass = "overloaded"
	ClassHTTP             FailureClass = "http-error"
	ClassNetwork          FailureClass = "network"
	ClassCancelled        FailureClass = "cancelled"
	ClassSerialize        FailureClass = "serialize"
	// ClassRedirect is a 3xx: never followed, since a followed 301/302/303
	// turns the POST into a bodiless GET and could carry secrets elsewhere.
	ClassRedirect FailureClass = "redirect"
	// ClassNotCollector is a 2xx that is a web page, not a collector's answer.
	ClassNotCollector FailureClass = "not-collector"
	// ClassInvalidSpan is a span the serializer refuses; the rest of its
	// batch is still sent.
	ClassInvalidSpan FailureClass = "invalid-span"
	// ClassProxy is a proxy (HTTPS_PROXY, HTTP_PROXY) that failed, not the
	// collector.
	ClassProxy FailureClass = "proxy"
)

// DeliveryResult is the outcome of one POST of one batch.
type DeliveryResult struct {
	Flush   int // which flush (1, 2, …)
	Batch   int // 1-based within the flush
	Batches int
	Keys    []SpanKey
	Spans   int
	Bytes   int
	// Status is the HTTP status, 0 when no answer came.
	Status  int
	Latency time.Duration
	// Message is the start of the server's answer (up to 512 bytes), masked.
	Message string
	Class   FailureClass
	// Err is the transport error, its text masked.
	Err  error
	Hint string
	// RedirectTo is a redirect's target, resolved and in clear (it may carry
	// a secret): show it through MaskURL unless secrets are revealed.
	RedirectTo string `json:"-"`
	At         time.Time
	// RetryAfter is the wait the server asked for (Retry-After), 0 if none.
	RetryAfter time.Duration
	// RetryStopped says why retrying ended before the retries ran out: the
	// server's Retry-After asks for longer than the run waits, or cannot be
	// read. A stream stops sending on it too.
	RetryStopped string
	// retryAfterBad is a Retry-After header that could not be read.
	retryAfterBad string
	// Attempts is how many POSTs the batch took (FlushRetrying); Waited is
	// the time spent backing off between them.
	Attempts int
	Waited   time.Duration
}

// OK reports a collector's 2xx: the batch left the outbox. A 2xx that is a
// web page is not one: it came from a UI or proxy, and the spans went nowhere.
func (r DeliveryResult) OK() bool { return r.Status >= 200 && r.Status <= 299 && r.Class == ClassOK }

// Summary is one line: status, latency, bytes, message, hint (a web page's
// line leaves the HTML and the hint out).
func (r DeliveryResult) Summary() string {
	var b strings.Builder
	spans := "spans"
	if r.Spans == 1 {
		spans = "span"
	}
	fmt.Fprintf(&b, "batch %d/%d: %d %s, %d bytes, ", r.Batch, r.Batches, r.Spans, spans, r.Bytes)
	if r.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d", r.Status)
	} else {
		b.WriteString("no answer")
	}
	fmt.Fprintf(&b, " in %s", FormatLatency(r.Latency))
	if r.Attempts > 1 {
		fmt.Fprintf(&b, " (attempt %d, after waiting %s)", r.Attempts, r.Waited.Round(time.Millisecond))
	}
	if r.RetryAfter > 0 {
		fmt.Fprintf(&b, ", Retry-After %s", r.RetryAfter)
	}
	if r.Class == ClassNotCollector {
		// The page's HTML says nothing a person needs; the hint, said once
		// where the run ends, says what it is.
		b.WriteString(": a web page, not a collector's answer")
		return b.String()
	}
	if r.Err != nil {
		fmt.Fprintf(&b, ": %v", r.Err)
	} else if r.Message != "" && !r.OK() {
		fmt.Fprintf(&b, ": %q", OneLine(r.Message, 120))
	}
	if r.Hint != "" {
		fmt.Fprintf(&b, " — %s", r.Hint)
	}
	return b.String()
}

// FormatLatency prints a latency with a sensible precision.
func FormatLatency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// OneLine folds s onto one line and cuts it to max runes, ending with "…"
// when cut.
func OneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// classifyError says why a request got no HTTP answer.
func classifyError(err error) FailureClass {
	var (
		dnsErr  *net.DNSError
		recErr  tls.RecordHeaderError
		certErr *tls.CertificateVerificationError
		uaErr   x509.UnknownAuthorityError
		hostErr x509.HostnameError
		invErr  x509.CertificateInvalidError
		alert   tls.AlertError
		netErr  net.Error
		refused *ProxyRefusedError
	)
	msg := err.Error()
	switch {
	case err == nil:
		return ClassOK
	case errors.Is(err, context.Canceled):
		return ClassCancelled
	case errors.As(err, &refused):
		return ClassProxy
	case errors.As(err, &dnsErr):
		return ClassDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return ClassRefused
	case errors.As(err, &recErr), errors.As(err, &certErr), errors.As(err, &uaErr),
		errors.As(err, &hostErr), errors.As(err, &invErr), errors.As(err, &alert),
		strings.Contains(msg, "server gave HTTP response to HTTPS client"),
		strings.Contains(msg, "tls: "):
		return ClassTLS
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return ClassTimeout
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.EPIPE), strings.Contains(msg, "connection reset"):
		return ClassReset
	case errors.Is(err, secret.ErrMalformedEndpoint):
		return ClassMalformedURL
	}
	return ClassNetwork
}

// ClassifyStatus says what an HTTP status means for a span POST.
func ClassifyStatus(status int, message string) FailureClass {
	switch {
	case status >= 200 && status <= 299:
		return ClassOK
	case status >= 300 && status <= 399:
		return ClassRedirect
	case status == 400 && strings.Contains(message, "HTTP request to an HTTPS server"):
		return ClassTLS
	case status == 400:
		return ClassBadRequest
	case status == 401, status == 403:
		return ClassAuth
	case status == 404, status == 405:
		return ClassNotFound
	case status == 407: // only a proxy answers 407
		return ClassProxy
	case status == 413:
		return ClassTooLarge
	case status == 415:
		return ClassUnsupportedMedia
	case status == 429, status >= 500:
		return ClassOverloaded
	}
	return ClassHTTP
}

// Hint is what to do about a failure class.
func (c FailureClass) Hint() string { return hintFor(c) }

func hintFor(c FailureClass) string {
	switch c {
	case ClassOK:
		return ""
	case ClassMalformedURL:
		return "the endpoint URL is malformed: add http:// or https:// and check the host"
	case ClassDNS:
		return "the host name does not resolve: check the spelling, or use an IP address"
	case ClassRefused:
		return "nothing listens at that host:port: is the collector running, and on that port?"
	case ClassTLS:
		return "TLS failed: certificate or protocol mismatch — check http:// vs https://"
	case ClassTimeout:
		return "the endpoint did not answer within the timeout: raise the timeout or check the network"
	case ClassReset:
		return "the server closed the connection: check the port and protocol (http vs https), then retry"
	case ClassBadRequest:
		return "the server rejected the payload: read its message; check the encoding"
	case ClassAuth:
		return "the auth segment or token is wrong: copy the full endpoint, including the auth segment"
	case ClassNotFound:
		return "wrong path or method: a Zipkin v2 collector takes POST /api/v2/spans (/api/v1/spans is legacy v1)"
	case ClassTooLarge:
		return "batch too large: send smaller batches"
	case ClassUnsupportedMedia:
		return "wrong content type for this encoding: try the json encoding"
	case ClassOverloaded:
		return "the server is overloaded or failing: retry later"
	case ClassCancelled:
		return "not sent: the flush was cancelled; the spans are still queued"
	case ClassSerialize:
		return "a span could not be serialized; it stays queued"
	case ClassRedirect:
		return "the endpoint redirects: use the URL it redirects to"
	case ClassNotCollector:
		return "this answers like a web page, not a Zipkin collector (Jaeger: UI on 16686, Zipkin receiver on 9411)"
	case ClassInvalidSpan:
		return "the serializer refuses these spans: they stay in the outbox as failed; the rest of the batch was sent"
	case ClassProxy:
		return "the proxy failed, not the collector: check HTTPS_PROXY / HTTP_PROXY, or list the host in NO_PROXY"
	}
	return "unexpected answer: the spans stay queued; retry later"
}
