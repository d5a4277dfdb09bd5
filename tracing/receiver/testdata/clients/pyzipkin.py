"""py_zipkin (Debian python3-py-zipkin) sending to the receiver with its
DEFAULT encoding, v1 Thrift, POSTed to /api/v1/spans as its docs show.

Usage: python3 pyzipkin.py BASE_URL   (e.g. http://127.0.0.1:9411)
Prints {"traceId","serverId","clientId"} once the receiver answered 2xx.
"""
import json
import sys
import time
import urllib.error
import urllib.request

from py_zipkin import Kind
from py_zipkin.transport import BaseTransportHandler
from py_zipkin.zipkin import zipkin_span

BASE = sys.argv[1]


class HTTPTransport(BaseTransportHandler):
    def get_max_payload_bytes(self):
        return None

    def send(self, payload):
        req = urllib.request.Request(BASE + "/api/v1/spans", data=payload,
                                     headers={"Content-Type": "application/x-thrift"})
        try:
            with urllib.request.urlopen(req) as resp:
                if resp.status // 100 != 2:
                    raise SystemExit("status %d" % resp.status)
        except urllib.error.HTTPError as err:
            raise SystemExit("status %d: %s" % (err.code, err.read().decode(errors="replace")))


ids = {}
with zipkin_span(service_name="py-Backend", span_name="POST /Orders", transport_handler=HTTPTransport(),
                 sample_rate=100.0, kind=Kind.SERVER, port=8000, host="10.0.0.3") as server:
    server.update_binary_annotations({"http.method": "POST"})
    ids["traceId"] = server.zipkin_attrs.trace_id
    ids["serverId"] = server.zipkin_attrs.span_id
    # py_zipkin 0.15 drops a root span's annotations; a child's are sent.
    with zipkin_span(service_name="py-Backend", span_name="call billing", kind=Kind.CLIENT,
                     annotations={"card sent": time.time()}) as call:
        call.add_sa_binary_annotation(port=9000, service_name="billing", host="10.0.0.4")
        call.update_binary_annotations({"error": "refused"})
        ids["clientId"] = call.zipkin_attrs.span_id
        time.sleep(0.002)
print(json.dumps(ids))
