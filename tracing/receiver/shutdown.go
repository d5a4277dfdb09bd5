package receiver

import "context"

// Shutdown stops the receiver gracefully: it stops listening, lets the
// batches being handled finish and be answered, then closes every
// connection. A batch the receiver kept is thus always answered, so its
// sender has no reason to send it again. It returns ctx's error if ctx ends
// first (the remaining connections stay open; Close ends them).
func (r *Receiver) Shutdown(ctx context.Context) error { return r.srv.Shutdown(ctx) }
