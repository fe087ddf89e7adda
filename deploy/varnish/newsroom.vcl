vcl 4.1;

# Varnish in front of Newsroom instances (docs/DEPLOYMENT.md). Needs Debian's `varnish` and `varnish-modules` (xkey).
#
# - Caches what the service marks cacheable (public answers: `Cache-Control: public, s-maxage=…`), for as long as it
#   says; nothing it sends without Cache-Control; never what it marks private or no-store (journalists, previews, the admin panel, subscribers' pages): the
#   built-in rules make those uncacheable, and the paths below are not even looked up.
# - Drops answers by surrogate key when the service says so: each answer's `Surrogate-Key` header is kept as its xkey
#   tags, and the service sends `PURGE` with `xkey-purge: <keys>` (CDN_PURGE_KIND=varnish, CDN_PURGE_URL=this
#   Varnish) after each change. Purges are taken from the addresses in `purgers` only: the service's.
# - Coalesces requests: while one request for a URL is at the service, the others for it wait for its answer.
#
# The two backends are an example: one line per instance. tests/api/varnish.test.ts runs this file as it is, with
# the backends' addresses put in.

import directors;
import xkey;

probe healthy {
  .url = "/api/ready";
  .interval = 2s;
  .timeout = 1s;
  .window = 3;
  .threshold = 2;
}

backend app1 {
  .host = "127.0.0.1";
  .port = "1337";
  .probe = healthy;
}

backend app2 {
  .host = "127.0.0.1";
  .port = "1338";
  .probe = healthy;
}

# The service's own addresses: only they may purge, and only they may ask what is cached.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_init {
  new instances = directors.round_robin();
  instances.add_backend(app1);
  instances.add_backend(app2);
}

sub vcl_recv {
  set req.backend_hint = instances.backend();

  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Purges come from the service only"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "Say what to purge in an xkey-purge header"));
    }
    set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.x-purged));
  }

  # "Is this in the cache?", answered from the cache alone (200, with the held answer's status in x-cached-status, or
  # 404), never fetched: for tests and operators.
  if (req.http.x-cache-probe) {
    if (client.ip !~ purgers) {
      return (synth(403, "Cache probes come from the service only"));
    }
    return (hash);
  }

  # Answers that are someone's own (a journalist's, an editor's preview, the admin panel, a subscriber's page) go
  # straight through; the service marks them private as well.
  if (req.url ~ "^/(admin|press|preview|content-manager|content-type-builder|upload|i18n|users-permissions|newsroom)(/|\?|$)"
      || req.url ~ "^/api/(press|preview|subscriptions|auth|users|connect)(/|\?|$)") {
    return (pass);
  }
  # Everything else: Varnish's built-in rules (only GET and HEAD are cached; a request with a cookie or an
  # Authorization header goes through).
}

sub vcl_hit {
  if (req.http.x-cache-probe) {
    # What is held: its status (a public 404 is kept as any public answer is).
    set req.http.x-cached-status = obj.status;
    return (synth(200, "In the cache"));
  }
}

sub vcl_miss {
  if (req.http.x-cache-probe) {
    return (synth(404, "Not in the cache"));
  }
}

sub vcl_pass {
  if (req.http.x-cache-probe) {
    return (synth(404, "Not in the cache"));
  }
}

sub vcl_backend_response {
  # Only what the service marks: an answer with no Cache-Control (a 404 of a release not public yet, say) is not
  # kept, where Varnish would otherwise keep it for its default TTL, past the moment the release goes live.
  if (!beresp.http.Cache-Control) {
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
  }
  # The service's surrogate keys, as xkey's tags.
  if (beresp.http.Surrogate-Key) {
    set beresp.http.xkey = beresp.http.Surrogate-Key;
  }
}

sub vcl_synth {
  if (req.http.x-cached-status) {
    set resp.http.x-cached-status = req.http.x-cached-status;
  }
}

sub vcl_deliver {
  unset resp.http.xkey;
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
}
