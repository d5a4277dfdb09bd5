package pane

import (
	"testing"

	"github.com/openzipkin/zipkin-go/model"
)

func TestANarrowRowOfOneServiceKeepsTheSpansName(t *testing.T) {
	t.Parallel()
	one := &recvTrace{services: 1}
	s := model.SpanModel{Name: "checkout", LocalEndpoint: &model.Endpoint{ServiceName: "playground"}}
	if have := narrowName(one, s, " ", " checkout"); have != " checkout" {
		t.Errorf("one service: the row keeps the span's name, have %q", have)
	}
}
