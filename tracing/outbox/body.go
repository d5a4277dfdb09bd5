package outbox

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"

	"github.com/openzipkin/zipkin-go/model"
	"github.com/openzipkin/zipkin-go/reporter"
)

// bufferSerializer is a serializer that can write a batch into a buffer it
// is given (encode.JSONV2): the outbox then reuses one buffer after
// another instead of allocating (and zeroing) a new body per POST.
type bufferSerializer interface {
	AppendSerialize(dst []byte, spans []*model.SpanModel) ([]byte, error)
}

// maxPooledBody is the largest buffer kept for reuse: a batch of huge spans
// should not pin its memory for the rest of the run.
const maxPooledBody = 4 << 20

var bodyPool = sync.Pool{New: func() any { return new(sendBody) }}

// sendBody is a batch's serialized bytes. A pooled one goes back to the pool
// after its delivery only when the transport has provably finished reading
// it: one POST, answered 2xx, whose write the transport reported done
// without error, and no rewind of the body (or no POST at all). Anything else (a retry, an
// answer that came before the body was written, an error) leaves the
// buffer to the garbage collector: net/http may read a request body after
// Do has returned, and a reused buffer would then be sent with another
// batch's bytes in it.
//
// The request body stays a *bytes.Reader, which net/http writes with the
// headers in one buffered write (a reader it does not know costs a flush of
// the headers of their own and a 32 KiB copy buffer per POST).
type sendBody struct {
	b      []byte
	pooled bool
	// attempts is how many POSTs carried it (the delivery's goroutine only);
	// wrote how many writes the transport reported done; odd that something
	// other than one clean POST happened.
	attempts int
	wrote    atomic.Int32
	odd      atomic.Bool
}

// plainBody holds bytes that are not reused.
func plainBody(b []byte) *sendBody { return &sendBody{b: b} }

// serialize is the serializer's bytes for spans, written into a pooled
// buffer when the serializer can.
func serialize(s reporter.SpanSerializer, spans []*model.SpanModel) (*sendBody, error) {
	bs, ok := s.(bufferSerializer)
	if !ok {
		b, err := s.Serialize(spans)
		if err != nil {
			return nil, err
		}
		return plainBody(b), nil
	}
	sb := bodyPool.Get().(*sendBody)
	sb.pooled, sb.attempts = true, 0
	sb.wrote.Store(0)
	sb.odd.Store(false)
	b, err := bs.AppendSerialize(sb.b[:0], spans)
	if err != nil {
		return nil, err
	}
	sb.b = b
	return sb, nil
}

// watch is ctx for one POST of the body: a pooled body hears from the
// transport when the request's write is over.
func (sb *sendBody) watch(ctx context.Context) context.Context {
	if !sb.pooled {
		return ctx
	}
	sb.attempts++
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err != nil {
			sb.odd.Store(true)
		}
		sb.wrote.Add(1)
	}})
}

// watchRewind marks the body odd when the transport asks for it again (a
// second write of the same request).
func (sb *sendBody) watchRewind(req *http.Request) {
	if !sb.pooled || req.GetBody == nil {
		return
	}
	get := req.GetBody
	req.GetBody = func() (io.ReadCloser, error) {
		sb.odd.Store(true)
		return get()
	}
}

// answered records a POST's answer: anything but 2xx is odd.
func (sb *sendBody) answered(ok bool) {
	if sb.pooled && !ok {
		sb.odd.Store(true)
	}
}

// release gives the buffer back to the pool when that is safe (see
// sendBody): after one clean POST, or none (the bytes were compressed into
// another body); a nil body holds nothing. The body is not used after.
func (sb *sendBody) release() {
	if sb == nil || !sb.pooled || sb.odd.Load() || sb.attempts > 1 || int(sb.wrote.Load()) != sb.attempts || cap(sb.b) > maxPooledBody {
		return
	}
	sb.b = sb.b[:0]
	bodyPool.Put(sb)
}
