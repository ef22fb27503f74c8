vcl 4.1;

# Varnish 7 in front of Newsroom: a shared HTTP cache for anonymous readers, purged by tag.
#
#     varnishd -a :6081 -f /etc/varnish/newsroom.vcl -s malloc,1g
#
# TLS terminates in front of Varnish (hitch, nginx, a load balancer), which sets X-Forwarded-Proto.
# docs/deployment.md walks through it; tests/deploy/test_varnish.py compiles this file and runs it in
# front of gunicorn. What is cached is the app's decision: Varnish keeps a page for the `s-maxage` of its
# `Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=M, stale-if-error=K` (Varnish reads
# s-maxage before max-age), and nothing `private`, `no-cache` or `no-store`, nothing that sets a cookie,
# nothing without Cache-Control.
#
# Purges: the app names what each page shows in `Surrogate-Key` ("site home listing-latest article-12
# author-4"). With the Varnish purge backend it sends
#
#     BAN / HTTP/1.1
#     X-Purge-Tags: article-12 section-3
#
# and every cached page whose Surrogate-Key holds any of those tags is gone (a ban tested by the ban lurker
# in the background, so a purge costs nothing on the request path).

import std;

# gunicorn (gunicorn.conf.py) with BEHIND_PROXY=1 and TRUSTED_PROXIES naming this machine.
backend newsroom {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Health decides between stale-while-revalidate and stale-if-error (vcl_hit). The probe asks as a
    # reader's request arrives: for a host in ALLOWED_HOSTS, over HTTPS (else the app redirects).
    .probe = {
        .request = "GET /robots.txt HTTP/1.1"
                   "Host: news.example"
                   "X-Forwarded-Proto: https"
                   "Connection: close";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may send BAN: the app servers (the task worker sends purges).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Tags are words of letters, digits, "-", "_" and ":": nothing a regular expression would read.
        if (req.http.X-Purge-Tags !~ "^[\s]*[A-Za-z0-9_:-]+(\s+[A-Za-z0-9_:-]+)*[\s]*$") {
            return (synth(400, "X-Purge-Tags: space-separated tags"));
        }
        # "article-12 section-3" -> any object whose Surrogate-Key has the word article-12 or section-3.
        set req.http.X-Purge-Tags = regsuball(regsub(req.http.X-Purge-Tags, "^\s+|\s+$", ""), "\s+", "|");
        if (std.ban("obj.http.Surrogate-Key ~ (^|\s)(" + req.http.X-Purge-Tags + ")(\s|$)")) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.restarts > 0 && req.http.X-Newsroom-Refresh) {
        # vcl_hit found the page older than its stale-while-revalidate with the app up: fetch it now.
        set req.grace = 0s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A signed-in reader, a reader with comments awaiting moderation (the comments app's pending-comment
    # cookie, NEWSROOM_COMMENTS_PENDING_COOKIE), Django's messages, credentials: their own page, never stored.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*(sessionid|newsroom_pending|messages)=") {
        return (pass);
    }
    # The admin and the comment endpoints (form state, likes, reports) read their cookies.
    if (req.url ~ "^/(admin|comments)/") {
        return (pass);
    }
    # Reader pages: no other cookie changes them (the CSRF, reader and trust cookies, analytics).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    # Expired but within its grace: while the app is up, serve it stale only for the page's
    # stale-while-revalidate (Varnish refreshes it in the background); beyond that, fetch it now. While
    # the app is down it is served for its whole grace (stale-if-error).
    if (obj.ttl < 0s && std.healthy(req.backend_hint)
            && obj.ttl + std.duration(obj.http.X-Newsroom-SWR + "s", 0s) < 0s) {
        set req.http.X-Newsroom-Refresh = "1";
        return (restart);
    }
}

sub vcl_backend_response {
    # The built-in rules would cache a response with no Cache-Control for 2 minutes: the app decides.
    if (!beresp.http.Cache-Control || beresp.http.Set-Cookie
            || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A refresh in the background that failed keeps the stale page (stale-if-error).
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    # Grace: the longer of stale-while-revalidate and stale-if-error; vcl_hit tells them apart.
    set beresp.http.X-Newsroom-SWR = "0";
    set beresp.grace = 0s;
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.http.X-Newsroom-SWR = regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1");
        set beresp.grace = std.duration(beresp.http.X-Newsroom-SWR + "s", 0s);
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
        if (beresp.grace < std.duration(beresp.http.X-Newsroom-SWR + "s", 0s)) {
            set beresp.grace = std.duration(beresp.http.X-Newsroom-SWR + "s", 0s);
        }
    }
}

sub vcl_backend_error {
    # The app unreachable during a background refresh: keep serving the stale page.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    # The tags are for purging here; readers have no use for them (a CDN in front would: keep them then).
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.X-Newsroom-SWR;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
