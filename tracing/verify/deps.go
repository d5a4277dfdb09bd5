package verify

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"zipkin-playground/tracing/receiver"
)

// DependencyReader is a query API that also serves the service graph.
type DependencyReader interface {
	// Dependencies are the links between services of the traces that
	// started in the lookback before end.
	Dependencies(ctx context.Context, end time.Time, lookback time.Duration) ([]receiver.DependencyLink, error)
}

func depsQuery(end time.Time, lookback time.Duration) string {
	return url.Values{
		"endTs":    {strconv.FormatInt(end.UnixMilli(), 10)},
		"lookback": {strconv.FormatInt(lookback.Milliseconds(), 10)},
	}.Encode()
}

// Dependencies GETs /api/v2/dependencies (Zipkin, and the embedded receiver).
func (q *zipkinQuery) Dependencies(ctx context.Context, end time.Time, lookback time.Duration) ([]receiver.DependencyLink, error) {
	var links []receiver.DependencyLink
	found, err := q.base.getJSON(ctx, "/api/v2/dependencies?"+depsQuery(end, lookback), &links)
	if err == nil && !found {
		err = fmt.Errorf("GET /api/v2/dependencies: 404: this Zipkin serves no service graph")
	}
	return links, err
}

// Dependencies GETs Jaeger's /api/dependencies (its links have no error count).
func (q *JaegerQuery) Dependencies(ctx context.Context, end time.Time, lookback time.Duration) ([]receiver.DependencyLink, error) {
	var body struct {
		Data []receiver.DependencyLink `json:"data"`
	}
	found, err := q.base.getJSON(ctx, "/api/dependencies?"+depsQuery(end, lookback), &body)
	if err == nil && !found {
		err = fmt.Errorf("GET /api/dependencies: 404: this Jaeger serves no service graph")
	}
	return body.Data, err
}
