"""A TCP proxy that stages a database outage for `make loadtest` (issue 19).

The server under load reaches PostgreSQL through this proxy. SIGUSR1 cuts every open connection
and closes the listening socket, so new connections are refused, as when PostgreSQL stops;
SIGUSR2 listens again, as when it is back. Prints `listening <port>` once ready.

    .venv/bin/python -m bench.tcp_proxy --listen 8063 --target 127.0.0.1:5432
    .venv/bin/python -m bench.tcp_proxy --listen 8063 --plan "$DATABASE_URL"  # target, URL
"""

from __future__ import annotations

import argparse
import asyncio
import signal
from urllib.parse import urlsplit


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


class OutageProxy:
    def __init__(self, listen_port: int, target_host: str, target_port: int) -> None:
        self.listen_port = listen_port
        self.target = (target_host, target_port)
        self.server: asyncio.Server | None = None
        self.links: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()

    async def listen(self) -> None:
        self.server = await asyncio.start_server(
            self._link, "127.0.0.1", self.listen_port, reuse_address=True
        )

    async def _link(self, client_reader, client_writer) -> None:
        try:
            target_reader, target_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        link = (client_writer, target_writer)
        self.links.add(link)
        try:
            await asyncio.gather(
                _pipe(client_reader, target_writer), _pipe(target_reader, client_writer)
            )
        finally:
            self.links.discard(link)

    def cut(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for client, target in list(self.links):
            client.transport.abort()
            target.transport.abort()
        print("outage: connections cut, new ones refused", flush=True)

    async def restore(self) -> None:
        if self.server is None:
            await self.listen()
        print("outage over: listening again", flush=True)


def plan(database_url: str, listen_port: int) -> tuple[str, str]:
    """For a PostgreSQL URL: the proxy's target (host:port) and the URL through the proxy."""
    parts = urlsplit(database_url)
    credentials = parts.netloc.rpartition("@")[0]
    through = (
        f"{credentials}@127.0.0.1:{listen_port}" if credentials else f"127.0.0.1:{listen_port}"
    )
    return f"{parts.hostname or '127.0.0.1'}:{parts.port or 5432}", parts._replace(
        netloc=through
    ).geturl()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--target", help="host:port")
    parser.add_argument("--plan", metavar="DATABASE_URL", help="print the target and the URL")
    args = parser.parse_args()
    if args.plan:
        print(*plan(args.plan, args.listen))
        return
    host, _, port = args.target.rpartition(":")
    proxy = OutageProxy(args.listen, host or "127.0.0.1", int(port))
    await proxy.listen()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, proxy.cut)
    loop.add_signal_handler(signal.SIGUSR2, lambda: loop.create_task(proxy.restore()))
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    print(f"listening {args.listen}", flush=True)
    await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
