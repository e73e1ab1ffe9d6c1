#!/usr/bin/env python3
"""Opens SOCKETS connections to the console that send a sign-in form's body a byte every INTERVAL seconds, then asks
for the sign-in page PROBES times while they trickle, and prints the probes' median and slowest answer in ms and how
many got no answer within 5 s.

Usage: slow_bodies.py PORT SOCKETS INTERVAL PROBES     (127.0.0.1 only; ends by itself within a minute)
"""
import socket
import statistics
import sys
import threading
import time

port, count, interval, probes = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
head = (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: 1000\r\n\r\nu").encode()
sockets = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(head)
    sockets.append(s)
stop = threading.Event()


def trickle():
    while not stop.wait(interval):
        for s in sockets:
            try:
                s.send(b"a")
            except OSError:
                pass


threading.Thread(target=trickle, daemon=True).start()
time.sleep(1)
times, unanswered = [], 0
for _ in range(probes):
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as probe:
            probe.sendall(f"GET /login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            if not probe.recv(12).startswith(b"HTTP/1.1 200"):
                unanswered += 1
            else:
                times.append((time.monotonic() - started) * 1000)
    except OSError:
        unanswered += 1
    time.sleep(0.5)
stop.set()
for s in sockets:
    s.close()
if times:
    print(f"{statistics.median(times):.0f} {max(times):.0f} {unanswered}")
else:
    print(f"- - {unanswered}")
