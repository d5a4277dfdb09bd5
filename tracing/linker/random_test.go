package linker

import (
	"math/rand"
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

// Traces of any shape — cycles of parents, IDs shared by several servers,
// spans without root or service — are linked without a panic or an endless
// walk, and every link names two services.
func TestLinkerOnAnyShape(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	kinds := []model.Kind{none, client, server, producer, consumer}
	services := []string{"", "a", "b", "c"}
	l := New()
	for i := 0; i < 3000; i++ {
		n := 1 + rng.Intn(8)
		spans := make([]model.SpanModel, n)
		for j := range spans {
			p := model.ID(rng.Intn(6))
			s := span("", "1", kinds[rng.Intn(len(kinds))], services[rng.Intn(4)], services[rng.Intn(4)], rng.Intn(3) == 0)
			s.ID = model.ID(1 + rng.Intn(5))
			if p != 0 {
				s.ParentID = &p
			}
			s.Shared = rng.Intn(3) == 0
			spans[j] = s
		}
		l.PutTrace(spans)
	}
	for _, link := range l.Links() {
		if link.Parent == "" || link.Child == "" || link.ErrorCount > link.CallCount {
			t.Errorf("link %+v", link)
		}
	}
}
