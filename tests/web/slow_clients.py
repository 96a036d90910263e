#!/usr/bin/env python3
"""Slow-header clients for the `dyad serve` tests (tests/web/api.sh).

    slow_clients.py SRCADDR HOST PORT N SECONDS

Opens N connections from SRCADDR to HOST:PORT, sends a request line and one
header, then one more header line on every open connection twice a second
for SECONDS, never finishing the headers. Prints one line:

    opened N closed C at-once A held H last-close S

closed: connections the server closed (end of stream or reset); at-once:
those closed within 0.3 s of being opened (refused by a connection cap);
held: the most connections open at once after the first second; last-close:
seconds from the start to the last close the server made (0 when none).
"""
import errno
import resource
import selectors
import socket
import sys
import time


def main():
    src, host, port, n, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
    sel = selectors.DefaultSelector()
    t0 = time.monotonic()
    opened = {}
    closed = {}
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((src, 0))
        try:
            s.connect((host, port))
            s.sendall(b"GET /api/model HTTP/1.1\r\nHost: dyad\r\n")
        except OSError:
            closed[i] = (0.0, 0.0)
            s.close()
            continue
        s.setblocking(False)
        opened[i] = (s, time.monotonic())
        sel.register(s, selectors.EVENT_READ, i)
    held = 0
    next_send = time.monotonic() + 0.5
    while time.monotonic() - t0 < secs:
        for key, _ in sel.select(timeout=0.05):
            i = key.data
            s, at = opened[i]
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                now = time.monotonic()
                closed[i] = (now - at, now - t0)
                sel.unregister(s)
                s.close()
                del opened[i]
        now = time.monotonic()
        if now - t0 > 1.0:
            held = max(held, len(opened))
        if now >= next_send:
            next_send = now + 0.5
            for i, (s, at) in list(opened.items()):
                try:
                    s.send(b"X-Slow: 1\r\n")
                except OSError as e:
                    if e.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                        continue
                    closed[i] = (now - at, now - t0)
                    sel.unregister(s)
                    s.close()
                    del opened[i]
    at_once = sum(1 for life, _ in closed.values() if life < 0.3)
    last = max((t for _, t in closed.values()), default=0.0)
    print("opened %d closed %d at-once %d held %d last-close %.2f" % (n, len(closed), at_once, held, last))
    for s, _ in opened.values():
        s.close()


if __name__ == "__main__":
    main()
