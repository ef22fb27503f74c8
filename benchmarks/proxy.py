"""The shipped ``deploy/nginx.conf``, run as a process of one's own on loopback, in front of a gunicorn.

    conf = render(NGINX_CONF.read_text(), run_dir=tmp, https_port=8443, http_port=8080,
                  upstream="127.0.0.1:8000", static_root=tmp / "static", media_root=tmp / "media")
    process = start_nginx(conf, run_dir=tmp, port=8443)
    ...
    stop(process)

The same file that production uses, with only what ties it to one machine swapped: the user, the paths of the
pid file, logs, temporary files and the cache, the ports, the gunicorn address, the static and media roots,
the host names and a self-signed certificate. Every swap must find its line, so a change to the shipped file
that the swaps no longer fit fails loudly instead of quietly testing something else.
tests/deploy/test_nginx.py and benchmarks/load.py use it; nginx is Debian's ``nginx-light`` (or ``nginx``).
"""

import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
VARNISH_VCL = ROOT / "deploy" / "varnish.vcl"


def nginx_binary():
    """Path of the nginx executable, or ``None`` when it is not installed (Debian puts it in /usr/sbin)."""
    return shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1 and localhost, made with openssl; returns (certificate, key)."""
    cert, key = Path(directory) / "cert.pem", Path(directory) / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def _swap(text, pattern, replacement):
    swapped, count = re.subn(pattern, replacement, text, flags=re.M)
    if not count:
        raise ValueError(f"deploy/ no longer has a line matching {pattern!r}; update benchmarks/proxy.py")
    return swapped


def render(text, *, run_dir, https_port, http_port, upstream, static_root, media_root, cert, key):
    """``text`` (deploy/nginx.conf) made runnable by this user on loopback, everything it writes in ``run_dir``."""
    run = Path(run_dir)
    user = pwd.getpwuid(os.geteuid()).pw_name  # as root nginx would otherwise run its workers as www-data
    text = _swap(text, r"^user \S+;", f"user {user};")
    text = _swap(text, r"^pid \S+;", f"pid {run}/nginx.pid;")
    text = _swap(text, r"^error_log \S+;", f"error_log {run}/error.log;")
    text = _swap(text, r"access_log /var/log/nginx/access.log;", f"access_log {run}/access.log;")
    temp = "".join(f"    {kind}_temp_path {run}/{kind}-temp;\n" for kind in ("client_body", "proxy", "fastcgi"))
    temp += "".join(f"    {kind}_temp_path {run}/{kind}-temp;\n" for kind in ("uwsgi", "scgi"))
    text = _swap(text, r"^http \{\n", "http {\n" + temp)
    text = _swap(text, r"proxy_cache_path \S+", f"proxy_cache_path {run}/cache")
    text = _swap(text, r"^(\s+)server 127\.0\.0\.1:8000;", rf"\g<1>server {upstream};")
    text = _swap(text, r"alias /srv/newsroom/staticfiles/;", f"alias {static_root}/;")
    text = _swap(text, r"alias /srv/newsroom/media/;", f"alias {media_root}/;")
    text = _swap(text, r"ssl_certificate \S+;", f"ssl_certificate {cert};")
    text = _swap(text, r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};")
    text = _swap(text, r"server_name news\.example www\.news\.example;", "server_name 127.0.0.1 localhost;")
    text = _swap(text, r"^\s+listen \[::\]:\d+.*\n", "")  # loopback over IPv4 only
    text = _swap(text, r"listen 80\b", f"listen 127.0.0.1:{http_port}")
    return _swap(text, r"listen 443\b", f"listen 127.0.0.1:{https_port}")


def start_nginx(conf_text, *, run_dir, port, timeout=20):
    """Write ``conf_text`` to ``run_dir`` and start nginx on it in the foreground; returns once ``port`` answers."""
    run = Path(run_dir)
    run.mkdir(parents=True, exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(conf_text)
    nginx = nginx_binary()
    command = [nginx, "-c", str(conf), "-p", str(run), "-e", str(run / "error.log"), "-g", "daemon off;"]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{check.stderr}")
    with (run / "stderr.log").open("w") as stderr:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    wait_for_port(port, process=process, timeout=timeout, log=run / "error.log")
    return process


def wait_for_port(port, *, process, timeout, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    tail = Path(log).read_text()[-3000:] if Path(log).exists() else ""
    raise RuntimeError(f"{process.args[0]} did not start listening on 127.0.0.1:{port}:\n{tail}")


def stop(process, *, timeout=30):
    """Stop nginx or gunicorn (SIGTERM) and wait for it; kill it if it hangs."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def render_vcl(text, *, backend_port):
    """``text`` (deploy/varnish.vcl) with gunicorn on 127.0.0.1:``backend_port`` and the host name ``localhost``."""
    text = _swap(text, r'^(\s+)\.port = "8000";', rf'\g<1>.port = "{backend_port}";')
    return _swap(text, r'"Host: news\.example"', '"Host: localhost"')


def varnishd_binary():
    """Path of varnishd, or ``None`` when Varnish is not installed."""
    return shutil.which("varnishd", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin")


def start_varnish(vcl_text, *, run_dir, port, timeout=30):
    """Write ``vcl_text`` to ``run_dir`` and run varnishd on it in the foreground, as this user; returns once
    ``port`` answers."""
    run = Path(run_dir)
    run.mkdir(parents=True, exist_ok=True)
    vcl = run / "newsroom.vcl"
    vcl.write_text(vcl_text)
    command = [varnishd_binary(), "-F", "-j", "none", "-n", str(run / "work"), "-a", f"127.0.0.1:{port}"]
    command += ["-f", str(vcl), "-s", "malloc,64m", "-T", "none"]
    with (run / "varnishd.log").open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(port, process=process, timeout=timeout, log=run / "varnishd.log")
    return process
