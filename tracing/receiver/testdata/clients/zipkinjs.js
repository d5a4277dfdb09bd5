// zipkin-js (npm zipkin + zipkin-transport-http) sending to the receiver with
// HttpLogger's DEFAULT encoding (v1 JSON) or, with "v2", jsonEncoder JSON_V2.
// Usage: node zipkinjs.js SPANS_URL [v1|v2]
// Prints {"traceId","serverId","clientId"} once the receiver has answered 2xx.
'use strict';
const {Tracer, BatchRecorder, ExplicitContext, Annotation, InetAddress, jsonEncoder} = require('zipkin');
const {HttpLogger} = require('zipkin-transport-http');

const [url, enc] = process.argv.slice(2);
const opts = {endpoint: url, httpInterval: 3600000};
if (enc === 'v2') opts.jsonEncoder = jsonEncoder.JSON_V2; // else the default, JSON_V1
const logger = new HttpLogger(opts);
const tracer = new Tracer({ctxImpl: new ExplicitContext(), recorder: new BatchRecorder({logger}), localServiceName: 'js-Frontend'});

const ids = {};
tracer.scoped(() => {
  const root = tracer.createRootId();
  tracer.setId(root);
  ids.traceId = root.traceId;
  ids.serverId = root.spanId;
  tracer.recordServiceName('js-Frontend');
  tracer.recordRpc('GET /Items');
  tracer.recordAnnotation(new Annotation.ServerRecv());
  tracer.recordAnnotation(new Annotation.LocalAddr({host: new InetAddress('10.0.0.1'), port: 3000}));
  tracer.recordBinary('http.path', '/items');
  tracer.recordMessage('cache miss');
  tracer.scoped(() => {
    const child = tracer.createChildId();
    tracer.setId(child);
    ids.clientId = child.spanId;
    tracer.recordServiceName('js-Frontend');
    tracer.recordRpc('get /db');
    tracer.recordAnnotation(new Annotation.ClientSend());
    tracer.recordAnnotation(new Annotation.ServerAddr({serviceName: 'js-db', host: new InetAddress('10.0.0.2'), port: 5432}));
    tracer.recordBinary('error', 'timeout');
    tracer.recordAnnotation(new Annotation.ClientRecv());
  });
  tracer.recordAnnotation(new Annotation.ServerSend());
});

logger.on('success', () => { console.log(JSON.stringify(ids)); process.exit(0); });
logger.on('error', (err) => { console.error(String(err)); process.exit(1); });
setTimeout(() => logger.processQueue(logger.fetchImplementation), 50);
