#!/usr/bin/env python3
"""makecorpus.py writes the seed corpora under tests/fuzz/corpus/<target>/ (run once; the output
is committed). Queries are built by hand (RFC 1035 wire form) for names of
tests/data/resolver-readme.json, so the packet targets start from answers that reach every path."""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")


def name(n):
    out = b""
    for label in n.strip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def opt(udp=4096, do=False, stub=False):
    rdata = struct.pack(">HHB", 65011, 1, 1) if stub else b""
    return b"\0" + struct.pack(">HHIH", 41, udp, 0x8000 if do else 0, len(rdata)) + rdata


def query(qid, qname, qtype, qclass=1, rd=True, edns=None, cd=False):
    flags = (0x0100 if rd else 0) | (0x0010 if cd else 0)
    ar = 1 if edns is not None else 0
    msg = struct.pack(">HHHHHH", qid, flags, 1, 0, 0, ar) + name(qname) + struct.pack(">HH", qtype, qclass)
    return msg + (edns or b"")


def answer(qid, qname, addrs):
    """An upstream answer with compressed owners (pointer to the question name)."""
    msg = struct.pack(">HHHHHH", qid, 0x8180, 1, len(addrs), 0, 0) + name(qname) + struct.pack(">HH", 1, 1)
    for a in addrs:
        msg += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 300, 4) + bytes(a)
    return msg


def cname_answer(qid, qname, target):
    msg = struct.pack(">HHHHHH", qid, 0x8180, 1, 2, 0, 0) + name(qname) + struct.pack(">HH", 1, 1)
    t = name(target)
    msg += b"\xc0\x0c" + struct.pack(">HHIH", 5, 1, 60, len(t)) + t
    msg += b"\xc0" + bytes([12 + len(name(qname)) + 4 + 12]) + struct.pack(">HHIH", 1, 1, 60, 4) + b"\x01\x02\x03\x04"
    return msg


A, NS, CNAME, SOA, PTR, MX, TXT, AAAA, SRV, ANY, DNSKEY, DS = 1, 2, 5, 6, 12, 15, 16, 28, 33, 255, 48, 43

packets = {
    "a_db": query(0x1000, "db.skydns.local.", A),
    "a_db_tcp": query(0x1001, "db.skydns.local.", A),
    "a_db_stubcfg": query(0x1002, "db.skydns.local.", A, edns=opt()),
    "srv_rails": query(0x2000, "rails.production.east.skydns.local.", SRV),
    "srv_wild": query(0x2004, "*.production.*.skydns.local.", SRV, edns=opt(1232)),
    "srv_any": query(0x2008, "any.rails.staging.east.skydns.local.", SRV),
    "srv_weights": query(0x200c, "weights.skydns.local.", SRV),
    "srv_strip": query(0x2010, "rails.strip.skydns.local.", SRV),
    "aaaa_x6": query(0x3000, "6.rails.staging.east.skydns.local.", AAAA),
    "a_cname_out": query(0x3004, "1.rails.production.east.skydns.local.", A),
    "mx_bar": query(0x3008, "bar.skydns.local.", MX),
    "txt_db": query(0x300c, "db.skydns.local.", TXT),
    "ns_apex": query(0x4000, "skydns.local.", NS, edns=opt(do=True)),
    "soa_apex": query(0x4004, "skydns.local.", SOA),
    "dnskey_apex": query(0x4008, "skydns.local.", DNSKEY, edns=opt(do=True)),
    "ds_apex": query(0x400c, "skydns.local.", DS),
    "nx": query(0x4010, "nothere.skydns.local.", A, edns=opt(do=True)),
    "local_dns": query(0x5000, "local.dns.skydns.local.", A),
    "ptr_rev": query(0x5004, "125.1.0.10.in-addr.arpa.", PTR),
    "ptr_rev_out": query(0x5008, "1.0.0.127.in-addr.arpa.", PTR),
    "any": query(0x500c, "db.skydns.local.", ANY),
    "chaos_authors": query(0x6000, "authors.bind.", TXT, qclass=3),
    "chaos_version": query(0x6004, "version.bind.", TXT, qclass=3),
    "forward": query(0x7000, "www.example.com.", A, edns=opt(4096, do=True)),
    "forward_norec": query(0x7004, "www.example.com.", A, rd=False),
    "stub_zone": query(0x7002, "www.skydns.com.", A),
    "stub_marked": query(0x7006, "www.skydns.com.", A, edns=opt(stub=True)),
    "domain_sub": query(0x7008, "subdom.domain.local.", A),
    "upstream_a": answer(0x8000, "service1.example.com.", [[10, 0, 0, 1], [10, 0, 0, 2]]),
    "upstream_cname": cname_answer(0x8004, "service2.example.com.", "real.example.net."),
    "short": b"\x12\x34\x01",
    "noquestion": struct.pack(">HHHHHH", 0x9000, 0x0100, 0, 0, 0, 0),
    "badlabel": query(0x9004, "db.skydns.local.", A)[:20],
    "escaped": query(0x9008, "a\\.b.skydns.local.", A)[:12] + b"\x03a.b\x06skydns\x05local\x00\x00\x01\x00\x01",
}

services = {
    "ip": '{"host": "10.0.0.1", "port": 8080}',
    "name": '{"host":"service1.example.com","port":80,"priority":10,"weight":20,"ttl":300}',
    "full": '{"host":"mx.example.com","port":25,"priority":5,"weight":1,"text":"hi <&>","mail":true,'
            '"ttl":60,"targetstrip":2,"group":"g1"}',
    "casefold": '{"HOST":"a.b","Port":1,"ho\\u017ft":"x","unknown":[1,{"a":null}]}',
    "null": 'null',
    "dup": '{"host":"a","host":"b","port":null}',
    "utf8": '{"text":"\\ud800 \\u00e9 \xe9\\u2028","host":"2001:db8::1"}',
    "badtype": '{"port":"80"}',
    "float": '{"port":80.0}',
    "bigint": '{"port":2147483648,"ttl":4294967295}',
    "nested": '{"text":' + '[' * 20 + ']' * 20 + '}',
}

etcd = {
    "get_dir": b"\x00" + b'{"action":"get","node":{"key":"/skydns/local","dir":true,"nodes":[{"key":"/skydns/local/skydns","dir":true,"modifiedIndex":3,"createdIndex":3,"nodes":[{"key":"/skydns/local/skydns/a","value":"{\\"host\\":\\"1.2.3.4\\"}","modifiedIndex":4,"createdIndex":4}]}],"modifiedIndex":2,"createdIndex":2}}',
    "watch_set": b"\x10" + b'{"action":"set","node":{"key":"/skydns/local/skydns/a","value":"{}","expiration":"2026-11-26T05:10:00.123456789Z","ttl":30,"modifiedIndex":9,"createdIndex":9},"prevNode":{"key":"/skydns/local/skydns/a","value":"x","modifiedIndex":8,"createdIndex":8}}',
    "watch_expire": b"\x11" + b'{"action":"expire","node":{"key":"/skydns/x","modifiedIndex":10,"createdIndex":5},"prevNode":{"key":"/skydns/x","value":"v","expiration":"2026-11-26T05:10:00+01:00","ttl":-1,"modifiedIndex":5,"createdIndex":5}}',
    "watch_delete": b"\x00" + b'{"action":"delete","node":{"key":"/skydns/d","dir":true,"modifiedIndex":11,"createdIndex":2}}',
    "err_notfound": b"\x07" + b'{"errorCode":100,"message":"Key not found","cause":"/skydns","index":42}',
    "err_cleared": b"\x04" + b'{"errorCode":401,"message":"The event in requested index is outdated and cleared","cause":"the requested history has been cleared [1/2]","index":1009}',
    "err_500": b"\x0a" + b'<html>bad gateway</html>',
    "members": b"\x00" + b'{"members":[{"id":"1","name":"a","peerURLs":["http://127.0.0.1:2380"],"clientURLs":["http://127.0.0.1:2379","http://[::1]:2379"]},{"id":"2","name":"","peerURLs":[],"clientURLs":[]}]}',
    "time": b"\x00" + b"2026-02-29T23:59:60.999999999-23:59",
    "empty": b"\x00",
}

config = {
    "etcd_all": b'{"dns_addr":"127.0.0.1:53","domain":"skydns.local.","hostmaster":"h.skydns.local.","local":"x.local.","round_robin":true,"nameservers":["8.8.8.8:53","[::1]:53"],"no_rec":false,"read_timeout":2000000000,"ttl":3600,"min_ttl":30,"rcache":100,"rcache_ttl":60,"ndots":2,"systemd":false,"dnssec":"","scache":1000,"nsrotate":true}',
    "etcd_mixed": b'{"DOMAIN":"a.b","ndot":1,"read_timeout":"2s","nameservers":null,"path-prefix":"x","unknown":{"a":[1,2]},"ttl":-1}',
    "etcd_bad": b'{"ttl":"x","domain":5',
    "flags_basic": b"-addr\n127.0.0.1:1053\n-domain=skydns.local.\n--nameservers\n8.8.8.8:53,8.8.4.4:53\n-rcache=0\n-round-robin=false\n-stubzones\n--\npositional",
    "flags_env": b"SKYDNS_DOMAIN=example.org\nSKYDNS_NDOTS=x\nSKYDNS_ADDR=[::1]:53\n-machines=http://127.0.0.1:2379\n-verbose\n-ca-cert=\n-help",
    "flags_bad": b"-ttl=abc\n-nosuchflag\n-version\n-=\n-\n---x",
}

querykey = {k: v for k, v in packets.items() if not k.startswith("upstream")}


def write(target, items):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    for k, v in items.items():
        with open(os.path.join(d, k), "wb") as f:
            f.write(v if isinstance(v, bytes) else v.encode("utf-8", "surrogateescape"))


write("fuzz_packet", packets)
write("fuzz_querykey", querykey)
write("fuzz_servicejson", services)
write("fuzz_etcdresponse", etcd)
write("fuzz_config", config)
print("corpus written to", OUT, file=sys.stderr)
