package receiver

import "net/http"

// maxQueries is how many query answers are built at once. An answer of every
// trace costs CPU and memory in proportion to the store; the others wait
// (holding no lock), so a crowd of readers cannot starve the senders.
const maxQueries = 2

// withQuerySlot runs h once a query slot is free, or not at all when the
// client gives up first.
func (r *Receiver) withQuerySlot(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		select {
		case r.queries <- struct{}{}:
		case <-req.Context().Done():
			return
		}
		defer func() { <-r.queries }()
		h(w, req)
	}
}
