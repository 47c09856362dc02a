#!/usr/bin/env python3
"""One driver for both language servers: `bclint lsp` and dockerfile-language-server-nodejs.

Spawns each server over stdio, opens the same 16 KB Dockerfile-compatible document (from
`bench-corpus --dockerfile`), and measures didOpen -> publishDiagnostics and
didChange (full text, the last line toggled) -> publishDiagnostics latency, then the server's
RSS (VmRSS/VmHWM from /proc) after the edits.

Usage: benches/compare/lsp.py [EDITS]   (from the repository root; see BENCHMARKS.md)
"""
import json, os, subprocess, sys, time

EDITS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def document():
    out = os.path.join(ROOT, "target/bench-corpus/lsp")
    subprocess.run([os.path.join(ROOT, "target/release/bench-corpus"), "--out", out, "--count", "1",
                    "--size", "16000", "--dockerfile"], check=True)
    return open(os.path.join(out, "00000.buildcontent")).read()


class Server:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=ROOT)
        self.next_id = 1

    def send(self, method, params, request=False):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            message["id"] = self.next_id
            self.next_id += 1
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return message.get("id")

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        message = json.loads(self.proc.stdout.read(length))
        if "id" in message and "method" in message:  # a request from the server: answer null
            body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}).encode()
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()
        return message

    def wait(self, predicate):
        while True:
            message = self.read()
            if predicate(message):
                return message

    def rss(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        return fields.get("VmRSS"), fields.get("VmHWM")

    def close(self):
        try:
            request = self.send("shutdown", None, request=True)
            self.wait(lambda m: m.get("id") == request)
            self.send("exit", None)
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench(name, argv, uri, language, text):
    server = Server(argv)
    init = server.send("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {
        "textDocument": {"publishDiagnostics": {}}}}, request=True)
    server.wait(lambda m: m.get("id") == init)
    server.send("initialized", {})
    def published(target):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == target)
    opens = []
    for i in range(20):
        # A fresh URI each time: servers publish empty diagnostics for a closed document, which
        # must not be taken for the next open's answer.
        doc_uri = uri.replace("/bench/", f"/bench/open{i}/")
        started = time.perf_counter()
        server.send("textDocument/didOpen", {"textDocument": {
            "uri": doc_uri, "languageId": language, "version": 1, "text": text}})
        server.wait(published(doc_uri))
        opens.append((time.perf_counter() - started) * 1000)
        server.send("textDocument/didClose", {"textDocument": {"uri": doc_uri}})
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": 1, "text": text}})
    server.wait(published(uri))
    changes = []
    for version in range(2, EDITS + 2):
        # Every change differs from the previous text (a server may skip unchanged content).
        edited = text + f"# edit {version % 2}\n"
        started = time.perf_counter()
        server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": edited}]})
        server.wait(published(uri))
        changes.append((time.perf_counter() - started) * 1000)
    rss, hwm = server.rss()
    server.close()
    print(f"{name}: didOpen p50 {percentile(opens, 50):.2f} ms p99 {percentile(opens, 99):.2f} ms; "
          f"didChange p50 {percentile(changes, 50):.2f} ms p90 {percentile(changes, 90):.2f} ms "
          f"p99 {percentile(changes, 99):.2f} ms ({len(changes)} edits); RSS {rss} (peak {hwm})")


def main():
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "bclint", "-p", "bench_corpus"],
                   check=True, cwd=ROOT)
    dls = os.path.join(ROOT, "target/dls/node_modules/.bin/docker-langserver")
    if not os.path.exists(dls):
        os.makedirs(os.path.join(ROOT, "target/dls"), exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", os.path.join(ROOT, "target/dls"),
                        "dockerfile-language-server-nodejs"], check=True)
    text = document()
    print(f"document: {len(text.encode())} bytes, {text.count(chr(10))} lines; "
          f"node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}; "
          f"load {open('/proc/loadavg').read().split()[:3]}")
    bench("bclint lsp", [os.path.join(ROOT, "target/release/bclint"), "lsp"],
          "file:///bench/build.buildcontent", "buildcontent", text)
    bench("docker-langserver", [dls, "--stdio"], "file:///bench/Dockerfile", "dockerfile", text)


if __name__ == "__main__":
    main()
