package ui

import (
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/component"
)

func newSentTo() component.SentTo {
	return component.SentTo{ByKey: map[outbox.SpanKey]string{}, Eps: map[string]secret.Endpoint{}}
}
