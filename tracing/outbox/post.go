package outbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// MaxServerMessage is how much of a server's answer a DeliveryResult keeps.
const MaxServerMessage = 512

// deliveryTarget is what one flush needs, copied under the lock.
type deliveryTarget struct {
	flush    int
	endpoint secret.Endpoint
	masker   *secret.Masker
	headers  []secret.Header
	codec    wire.Codec
	client   *http.Client
	timeout  time.Duration
	proxy    func(*http.Request) (*url.URL, error)
	gzip     bool
}

func stopAtFirstRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func keysOf(batch []*outboxEntry) []SpanKey {
	keys := make([]SpanKey, len(batch))
	for i, e := range batch {
		keys[i] = e.key
	}
	return keys
}

func (t deliveryTarget) result(i, n int, batch []*outboxEntry) DeliveryResult {
	return DeliveryResult{Flush: t.flush, Batch: i + 1, Batches: n, Keys: keysOf(batch), Spans: len(batch), At: time.Now()}
}

func (t deliveryTarget) cancelled(i, n int, batch []*outboxEntry) DeliveryResult {
	r := t.result(i, n, batch)
	r.Err, r.Class, r.Hint = errFlushCancelled, ClassCancelled, hintFor(ClassCancelled)
	return r
}

// deliver serializes one batch, sets aside the spans the serializer refuses
// (so they never hold back the others), and POSTs the rest, retrying
// transient failures as p says.
func (t deliveryTarget) deliver(ctx context.Context, i, n int, batch []*outboxEntry, p RetryPolicy) []outcome {
	body, good, bad, err := t.encode(batch)
	defer func() { body.release() }()
	var out []outcome
	if len(bad) > 0 {
		out = append(out, outcome{bad, t.rejected(i, n, bad)})
	}
	if len(good) == 0 {
		return out
	}
	r := t.result(i, n, good)
	if err != nil {
		r.Err, r.Class, r.Hint = err, ClassSerialize, hintFor(ClassSerialize)
		return append(out, outcome{good, r})
	}
	if t.gzip {
		zipped, err := gzipBody(body.b)
		if err != nil {
			r.Err, r.Class, r.Hint = err, ClassSerialize, hintFor(ClassSerialize)
			return append(out, outcome{good, r})
		}
		body.release()
		body = plainBody(zipped)
	}
	r.Bytes = len(body.b)
	return append(out, outcome{good, t.postRetrying(ctx, body, r, p)})
}

// encode serializes a batch with zipkin-go's serializer, without the spans
// no Zipkin accepts (SpanProblem: the proto3 encoder would send a start
// before 1970 as a wrapped-around number). When the serializer still fails,
// it serializes span by span to find the ones it refuses.
func (t deliveryTarget) encode(batch []*outboxEntry) (body *sendBody, good, bad []*outboxEntry, err error) {
	good, bad = splitSpans(batch, func(e *outboxEntry) error {
		if reason := spanReason(&e.span); reason != "" {
			return SpanProblem(e.span, nil)
		}
		return nil
	})
	if len(good) == 0 {
		return nil, nil, bad, nil
	}
	if body, err = serialize(t.codec.Serializer, modelsOf(good)); err == nil {
		return body, good, bad, nil
	}
	good, refused := splitSpans(good, func(e *outboxEntry) error {
		if _, err := t.codec.Serializer.Serialize([]*model.SpanModel{&e.span}); err != nil {
			return SpanProblem(e.span, err)
		}
		return nil
	})
	bad = append(bad, refused...)
	if len(good) == 0 {
		return nil, nil, bad, nil
	}
	body, err = serialize(t.codec.Serializer, modelsOf(good))
	return body, good, bad, err
}

// splitSpans sets aside the entries problem finds fault with, noting why; it
// returns batch itself when all are fine.
func splitSpans(batch []*outboxEntry, problem func(*outboxEntry) error) (good, bad []*outboxEntry) {
	for i, e := range batch {
		err := problem(e)
		if err == nil {
			if bad != nil {
				good = append(good, e)
			}
			continue
		}
		if bad == nil {
			good = append([]*outboxEntry(nil), batch[:i]...)
		}
		e.problem = err
		bad = append(bad, e)
	}
	if bad == nil {
		return batch, nil
	}
	return good, bad
}

func modelsOf(batch []*outboxEntry) []*model.SpanModel {
	spans := make([]*model.SpanModel, len(batch))
	for j, e := range batch {
		spans[j] = &e.span
	}
	return spans
}

// rejected is the result for spans the serializer refuses: failed, kept in
// the outbox, each named with its reason.
func (t deliveryTarget) rejected(i, n int, bad []*outboxEntry) DeliveryResult {
	r := t.result(i, n, bad)
	reasons := make([]string, 0, 3)
	for _, e := range bad {
		if len(reasons) == cap(reasons) {
			reasons = append(reasons, fmt.Sprintf("and %d more", len(bad)-len(reasons)))
			break
		}
		reasons = append(reasons, e.problem.Error())
	}
	r.Err = errors.New(t.masker.Mask(strings.Join(reasons, "; ")))
	r.Class, r.Hint = ClassInvalidSpan, hintFor(ClassInvalidSpan)
	return r
}

// attempt POSTs body once with the headers zipkin-go's HTTP reporter sends,
// plus the user's, and fills r with the classified answer.
func (t deliveryTarget) attempt(ctx context.Context, body *sendBody, r *DeliveryResult) {
	if t.endpoint.URL() == nil {
		r.Err, r.Class, r.Hint = secret.ErrMalformedEndpoint, ClassMalformedURL, hintFor(ClassMalformedURL)
		return
	}
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(body.watch(ctx), http.MethodPost, t.endpoint.String(), bytes.NewReader(body.b))
	if err != nil {
		r.Err, r.Class = errors.New(t.masker.Mask(err.Error())), ClassMalformedURL
		r.Hint = hintFor(r.Class)
		body.answered(false)
		return
	}
	body.watchRewind(req)
	req.Header.Set("b3", "0")
	req.Header.Set("Content-Type", t.codec.ContentType)
	if t.gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	for _, h := range t.headers {
		req.Header.Set(h.Name, h.Value)
	}
	began := time.Now()
	resp, err := t.client.Do(req)
	r.Latency = time.Since(began)
	if err != nil {
		r.Status, r.Message, r.RetryAfter, r.retryAfterBad = 0, "", 0, ""
		r.Class = classifyError(err)
		r.Err = errors.New(t.masker.Mask(err.Error()))
		r.Hint = hintFor(r.Class)
		if r.Class == ClassCancelled { // the body left: "not sent" would be untrue
			r.Hint = "cancelled while waiting for the answer: the collector may have it; it stays queued and F sends it again"
		}
		t.refineTransportFailure(req, err, r)
		body.answered(false)
		return
	}
	defer resp.Body.Close()
	t.readAnswer(resp, r)
	body.answered(r.OK())
	r.Latency = time.Since(began)
}

// readAnswer classifies an HTTP answer. The message is masked before it is
// cut to maxServerMessage, so a secret at the limit never shows in part.
func (t deliveryTarget) readAnswer(resp *http.Response, r *DeliveryResult) {
	limit := int64(MaxServerMessage + t.masker.Longest())
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, limit))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // let the connection be reused
	r.Err = nil
	r.Status = resp.StatusCode
	r.Message = truncateUTF8(t.masker.Mask(string(bytes.TrimSpace(raw))), MaxServerMessage)
	var readable bool
	r.RetryAfter, readable = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	r.retryAfterBad = ""
	if h := strings.TrimSpace(resp.Header.Get("Retry-After")); h != "" && !readable {
		r.retryAfterBad = secret.Sanitize(h)
	}
	r.Class = ClassifyStatus(resp.StatusCode, string(raw))
	if r.Class == ClassOK && looksLikeHTML(resp.Header.Get("Content-Type"), raw) {
		r.Class = ClassNotCollector
	}
	r.Hint = hintFor(r.Class)
	switch r.Class {
	case ClassRedirect:
		r.Hint, r.RedirectTo = t.redirectHint(resp)
	case ClassTLS:
		r.Hint = tlsHint(nil, r.Status)
	case ClassProxy:
		r.Hint = proxyStatusHint(r.Status)
	}
}

// redirectHint names where the endpoint redirects to, masked, and the
// target in clear (for a screen that reveals secrets).
func (t deliveryTarget) redirectHint(resp *http.Response) (hint, target string) {
	loc := resp.Header.Get("Location")
	if loc == "" {
		return fmt.Sprintf("the endpoint answers HTTP %d (a redirect) without a Location: use the collector's own URL", resp.StatusCode), ""
	}
	if u, err := t.endpoint.URL().Parse(loc); err == nil {
		loc = u.String()
	}
	return RedirectHint(t.masker.Mask(secret.MaskURL(loc))), loc
}

// RedirectHint is the hint for a redirect to target, as it is to be shown.
func RedirectHint(target string) string {
	return fmt.Sprintf("the endpoint redirects to %s: use that URL", target)
}

// looksLikeHTML reports a web page: Content-Type text/html, or a body that
// starts (after whitespace) with <!doctype or <html, in any case.
func looksLikeHTML(contentType string, body []byte) bool {
	if ct, _, _ := strings.Cut(contentType, ";"); strings.EqualFold(strings.TrimSpace(ct), "text/html") {
		return true
	}
	start := bytes.TrimLeft(body, " \t\r\n\f\ufeff")
	for _, tag := range []string{"<!doctype", "<html"} {
		if len(start) >= len(tag) && strings.EqualFold(string(start[:len(tag)]), tag) {
			return true
		}
	}
	return false
}

// truncateUTF8 cuts s to at most max bytes without splitting a character.
func truncateUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
