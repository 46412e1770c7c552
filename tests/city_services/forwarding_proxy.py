"""A reverse proxy for tests, configured as the README's deployment asks of a city's proxy: every
request goes to one upstream, and the address the proxy received it from is appended to
X-Forwarded-For (what nginx's `$proxy_add_x_forwarded_for` does). Runs uvicorn on a thread.

    with ForwardingProxy("http://127.0.0.1:8311") as proxy:
        httpx.get(proxy.base_url + "/healthz")
"""

from __future__ import annotations

import threading
import time

import httpx
import uvicorn

from city_services.asgi import read_body
from pg_test_server import free_port

HOP_BY_HOP = {b"host", b"connection", b"content-length", b"transfer-encoding", b"keep-alive"}


class ForwardingProxy:
    def __init__(self, upstream: str):
        self.upstream = upstream
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        # proxy_headers=False: the proxy believes no X-Forwarded-For; it only appends to it.
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, proxy_headers=False,
                                interface="asgi3", access_log=False, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.http = None

    async def app(self, scope, receive, send):
        if self.http is None:
            self.http = httpx.AsyncClient(base_url=self.upstream, timeout=30)
        body = await read_body(receive)
        headers = [(k, v) for k, v in scope["headers"] if k not in HOP_BY_HOP and k != b"x-forwarded-for"]
        earlier = b", ".join(v for k, v in scope["headers"] if k == b"x-forwarded-for")
        peer = scope["client"][0].encode()
        headers.append((b"x-forwarded-for", earlier + b", " + peer if earlier else peer))
        url = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope["query_string"] else "")
        answer = await self.http.request(scope["method"], url, headers=headers, content=body)
        await send({"type": "http.response.start", "status": answer.status_code,
                    "headers": [(k, v) for k, v in answer.headers.raw if k.lower() not in HOP_BY_HOP]})
        await send({"type": "http.response.body", "body": answer.content})

    def __enter__(self) -> "ForwardingProxy":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.should_exit = True
        self.thread.join(10)
