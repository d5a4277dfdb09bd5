// @opentelemetry/exporter-zipkin (v2 JSON, its only format) sending to the
// receiver. Usage: node otel.js SPANS_URL
// Prints {"traceId","serverId","clientId"} once the export succeeded.
'use strict';
const {ZipkinExporter} = require('@opentelemetry/exporter-zipkin');
const {BasicTracerProvider, SimpleSpanProcessor} = require('@opentelemetry/sdk-trace-base');
const {resourceFromAttributes} = require('@opentelemetry/resources');
const api = require('@opentelemetry/api');

const url = process.argv[2];
const exporter = new ZipkinExporter({url});
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({'service.name': 'otel-Shop'}),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer('receiver-test');
const server = tracer.startSpan('GET /Cart', {kind: api.SpanKind.SERVER, attributes: {'http.method': 'GET'}});
server.addEvent('cart loaded');
const ctx = api.trace.setSpan(api.context.active(), server);
const client = tracer.startSpan('charge', {kind: api.SpanKind.CLIENT, attributes: {'peer.service': 'payments'}}, ctx);
client.setStatus({code: api.SpanStatusCode.ERROR, message: 'card declined'});
client.end();
server.end();
provider.forceFlush().then(() => {
  console.log(JSON.stringify({traceId: server.spanContext().traceId, serverId: server.spanContext().spanId, clientId: client.spanContext().spanId}));
  return provider.shutdown();
}).catch((err) => { console.error(String(err)); process.exit(1); });
