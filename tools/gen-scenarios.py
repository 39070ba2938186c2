#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""gen-scenarios.py - generate the scenario families of conformance/scenarios/ as plain YAML.

Usage: tools/gen-scenarios.py [--check] [ROOT]

Writes ROOT/conformance/scenarios/<area>/<id>.yaml (ROOT defaults to the repository). Every
file carries `source: generator@<GENERATOR_VERSION>`. Deterministic: the same generator
writes the same bytes. With --check nothing is written; the exit status is 1 if any
generated file is missing, differs, or a generated-looking file is not produced anymore
(the CI staleness check).
"""
import os
import sys

import scenario_files

GENERATOR_VERSION = 1
GUEST_VERSIONS = ["5.3", "5.2", "5.1", "5.0", "4.1", "4.0", "3.0", "2.4"]
UTIL = ["heartbeat", "shutdown", "timesync", "kvp", "vss", "fcopy"]


def q(v):
    """YAML scalar: quote anything that is not a plain safe token."""
    if isinstance(v, int):
        return str(v)
    s = str(v)
    if s and all(c.isalnum() or c in "._-/" for c in s) and not s[0].isdigit():
        return s
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def emit(d, indent=0):
    pad = "  " * indent
    out = []
    for k, v in d.items():
        if isinstance(v, dict):
            out.append(f"{pad}{k}:")
            out.extend(emit(v, indent + 1))
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            out.append(f"{pad}{k}:")
            for item in v:
                first = True
                for ik, iv in item.items():
                    lead = f"{pad}  - " if first else f"{pad}    "
                    first = False
                    if isinstance(iv, dict):
                        out.append(f"{lead}{ik}: {{" + ", ".join(
                            f"{a}: {q(b)}" for a, b in iv.items()) + "}")
                    else:
                        out.append(f"{lead}{ik}: {q(iv)}")
        elif isinstance(v, list):
            out.append(f"{pad}{k}: [" + ", ".join(q(x) for x in v) + "]")
        else:
            out.append(f"{pad}{k}: {q(v)}")
    return out


def scenario(sid, title, rules, tags, tier=1, seed=1, **rest):
    d = {"id": sid, "title": title, "source": f"generator@{GENERATOR_VERSION}",
         "rules": rules, "tags": tags, "tier": tier, "seed": seed}
    d.update(rest)
    return d


BOOT_RULES = ["VMB-SYN-001", "VMB-SYN-002", "VMB-SYN-005", "VMB-VER-001", "VMB-VER-003",
              "VMB-VER-008", "VMB-VER-012"]
OPEN_RULES = ["VMB-OFF-001", "VMB-OPEN-002", "VMB-GPADL-001", "VMB-GPADL-002", "VMB-GPADL-003"]


def negotiation():
    out = []
    for v in GUEST_VERSIONS:
        name = v.replace(".", "")
        rules = ["VMB-VER-001", "VMB-VER-008", "VMB-VER-012", "VMB-SYN-001", "VMB-SYN-005"]
        rules += ["VMB-VER-003"] if v >= "5.0" else ["VMB-VER-004"]
        if v != "5.3":
            rules.append("VMB-VER-002")
        out.append(scenario(
            f"vmbus.neg.accept-only-{name}", f"Host accepts only {v}; the guest walks down to it",
            rules, ["negotiation"], limits={"time": "200ms"},
            host={"versions": [v], "devices": ["keyboard"]},
            expect={"verdict": "pass", "deadlines": [
                {"event": "vmbus.negotiate accepted=1", "within": "5ms"}]}))
    for v in ["1.1", "0.13"]:
        out.append(scenario(
            f"vmbus.neg.refuse-all-{v.replace('.', '')}",
            f"Host accepts only {v}, which Linux never requests: VMBus init must fail cleanly",
            ["VMB-VER-002", "VMB-VER-010"], ["negotiation"], limits={"time": "200ms"},
            host={"versions": [v], "devices": ["keyboard"]}, expect={"verdict": "pass"}))
    for pair in [("5.0", "4.0"), ("5.2", "3.0"), ("4.1", "2.4")]:
        out.append(scenario(
            f"vmbus.neg.accept-{pair[0].replace('.', '')}-{pair[1].replace('.', '')}",
            f"Host accepts {pair[0]} and {pair[1]}; the guest settles on the higher",
            ["VMB-VER-002"], ["negotiation"], limits={"time": "200ms"},
            host={"versions": list(pair), "devices": ["keyboard"]},
            expect={"verdict": "pass", "deadlines": [
                {"event": f"vmbus.negotiate version={pair[0]} accepted=1", "within": "5ms"}]}))
    for cid in ["5", "0x7f", "0x1234"]:
        out.append(scenario(
            f"vmbus.neg.msg-conn-id-{cid}", f"VERSION_RESPONSE returns msg_conn_id {cid}",
            ["VMB-VER-005"], ["negotiation"], limits={"time": "200ms"},
            host={"devices": ["keyboard", "heartbeat"]},
            faults=[{"kind": "msg-conn-id", "with": {"id": cid}}], expect={"verdict": "pass"}))
    for n in [1, 3, 8]:
        out.append(scenario(
            f"vmbus.post.busy-{n}",
            f"HvPostMessage fails {n} time(s) with INSUFFICIENT_BUFFERS; the guest re-posts",
            ["VMB-SYN-003"], ["post-message"], limits={"time": "300ms"},
            host={"devices": ["keyboard"]},
            faults=[{"kind": "post-busy", "with": {"count": n, "status": "0x13"}}],
            expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.neg.invalid-conn-id",
        "The hypervisor refuses the first INITIATE_CONTACT with INVALID_CONNECTION_ID",
        ["VMB-VER-006", "VMB-VER-001"], ["negotiation", "post-message"],
        limits={"time": "200ms"}, host={"devices": ["keyboard"]},
        faults=[{"kind": "post-busy", "with": {"count": 1, "status": "0x12"}}],
        expect={"verdict": "pass", "deadlines": [
            {"event": "vmbus.negotiate version=5.2 accepted=1", "within": "5ms"}]}))
    out.append(scenario(
        "vmbus.neg.slow-host", "VERSION_RESPONSE takes 3 s per attempt: one contact at a time",
        ["VMB-VER-009", "VMB-VER-002"], ["negotiation", "timing"], limits={"time": "15s"},
        host={"versions": ["4.0"], "devices": ["heartbeat"],
              "latency": {"message": {"uniform": ["1500ms", "1500ms"]}}},
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.neg.jitter-uniform", "All host replies delayed by uniform[1us, 500us]",
        BOOT_RULES, ["negotiation", "timing"], limits={"time": "300ms"},
        host={"devices": ["keyboard", "heartbeat", "kvp"],
              "latency": {"message": {"uniform": ["1us", "500us"]}}},
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.neg.jitter-exp", "Host replies delayed exponentially, mean 200us",
        BOOT_RULES, ["negotiation", "timing"], limits={"time": "300ms"},
        host={"devices": ["keyboard", "heartbeat"], "latency": {"message": {"exp": "200us"}}},
        expect={"verdict": "pass"}))
    return out


def offers():
    out = []
    for n in [1, 2, 4]:
        out.append(scenario(
            f"vmbus.boot.vcpus-{n}", f"Boot on {n} vCPU(s): SynIC enabled on every CPU first",
            BOOT_RULES, ["boot", "smp"], limits={"time": "200ms"},
            host={"devices": ["keyboard", "heartbeat", "timesync"]}, guest={"vcpus": n},
            expect={"verdict": "pass"}))
    for dev in ["keyboard"] + UTIL:
        out.append(scenario(
            f"vmbus.offer.single-{dev}", f"Only a {dev} device is offered and opened",
            BOOT_RULES + OPEN_RULES + ["VMB-OPEN-007"], ["offers"],
            limits={"time": "200ms"}, host={"devices": [dev]},
            expect={"verdict": "pass", "deadlines": [
                {"event": "vmbus.offer relid=1", "within": "5ms"}]}))
    orders = [["keyboard", "heartbeat", "shutdown", "timesync", "kvp", "vss"],
              ["vss", "kvp", "timesync", "shutdown", "heartbeat", "keyboard"],
              ["kvp", "keyboard", "vss", "heartbeat", "timesync", "shutdown"]]
    for i, order in enumerate(orders):
        out.append(scenario(
            f"vmbus.offer.order-{i + 1}", "Several devices offered in order " + ", ".join(order),
            BOOT_RULES + OPEN_RULES, ["offers"], limits={"time": "300ms"},
            host={"devices": order}, expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.offer.none", "No device offered: ALLOFFERS_DELIVERED alone", BOOT_RULES,
        ["offers"], limits={"time": "100ms"}, expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.offer.two-kvp", "Two KVP instances (same class, different instance GUIDs)",
        BOOT_RULES + OPEN_RULES, ["offers"], limits={"time": "200ms"},
        host={"devices": [{"type": "kvp", "name": "kvp0"}, {"type": "kvp", "name": "kvp1"}]},
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.offer.kvp-subchannel", "KVP offered with one sub-channel (sub_channel_index 1)",
        BOOT_RULES + ["VMB-OFF-003"], ["offers", "subchannels"], limits={"time": "200ms"},
        host={"devices": [{"type": "kvp", "subchannels": 1}]}, expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.offer.kvp-subchannel-2vcpu",
        "KVP with one sub-channel next to the keyboard on 2 vCPUs: the sub-channel is offered "
        "once the primary is open, so it lands under a registered device",
        BOOT_RULES + ["VMB-OFF-003"], ["offers", "subchannels"], limits={"time": "200ms"},
        host={"devices": [{"type": "keyboard"}, {"type": "kvp", "subchannels": 1}]},
        guest={"vcpus": 2}, expect={"verdict": "pass"}))
    return out


# vmbus_open() failing for KVP or VSS crashes 6.1.192 and 6.12.117: util_probe's error path
# calls util_deinit() -> hvutil_transport_destroy(NULL), because the transport is only
# created after a successful open (util_init_transport). Scenarios that make the open fail
# for these devices expect the failing run until the kernels are fixed.
KNOWN_BUG_OPEN_FAIL = ("KNOWN KERNEL BUG: hv_utils util_probe() error path calls "
                       "hvutil_transport_destroy(NULL) when vmbus_open fails")


def open_fails_expect(dev):
    if dev in ("kvp", "vss"):
        return {"verdict": "fail"}
    return {"verdict": "pass"}


def gpadl_open():
    out = []
    for dev in ["keyboard", "heartbeat", "kvp"]:
        out.append(scenario(
            f"vmbus.gpadl.created-fail-{dev}",
            f"GPADL_CREATED reports failure for every GPADL; the {dev} driver gives up"
            + (f" ({KNOWN_BUG_OPEN_FAIL})" if dev in ("kvp", "vss") else ""),
            BOOT_RULES + ["VMB-GPADL-005"], ["gpadl"] + (["known-bug"] if dev == "kvp" else []),
            limits={"time": "200ms"}, host={"devices": [dev]},
            faults=[{"kind": "gpadl-status", "with": {"status": "0xC0000001"}}],
            expect=open_fails_expect(dev)))
        out.append(scenario(
            f"vmbus.open.fail-{dev}",
            f"OPENCHANNEL_RESULT reports failure for {dev}: the guest tears its GPADL down"
            + (f" ({KNOWN_BUG_OPEN_FAIL})" if dev in ("kvp", "vss") else ""),
            BOOT_RULES + ["VMB-OPEN-006"], ["open"] + (["known-bug"] if dev == "kvp" else []),
            limits={"time": "200ms"},
            host={"devices": [dev, "heartbeat"] if dev != "heartbeat" else [dev, "timesync"]},
            faults=[{"kind": "open-status", "target": dev, "with": {"status": "0xC0000001"}}],
            expect=open_fails_expect(dev)))
    return out


def rescind():
    out = []
    for dev in ["keyboard", "heartbeat", "kvp", "vss", "timesync"]:
        out.append(scenario(
            f"vmbus.rescind.after-open-{dev}",
            f"Rescind the open {dev} channel: CLOSECHANNEL, then RELID_RELEASED",
            ["VMB-RESC-001", "VMB-RESC-005", "VMB-RESC-007"], ["rescind"],
            limits={"time": "300ms"}, host={"devices": [dev, "shutdown"]},
            timeline=[{"at": "50ms", "action": "rescind", "device": dev}],
            expect={"verdict": "pass", "deadlines": [
                {"event": "vmbus.rescind", "within": "60ms"}]}))
    for dev in ["keyboard", "kvp"]:
        bug = f" ({KNOWN_BUG_OPEN_FAIL})" if dev == "kvp" else ""
        tags = ["known-bug"] if dev == "kvp" else []
        out.append(scenario(
            f"vmbus.rescind.before-open-{dev}", f"Rescind {dev} right after its offer" + bug,
            ["VMB-RESC-001", "VMB-RESC-004"], ["rescind"] + tags, limits={"time": "15s"},
            host={"devices": [dev, "heartbeat"]},
            timeline=[{"on": f"vmbus.offer dev={'kbd' if dev == 'keyboard' else dev}",
                       "action": "rescind", "device": dev}],
            expect=open_fails_expect(dev)))
        out.append(scenario(
            f"vmbus.rescind.during-gpadl-{dev}",
            f"Rescind {dev} when its GPADL_HEADER arrives" + bug,
            ["VMB-RESC-001", "VMB-OPEN-008"], ["rescind", "gpadl"] + tags,
            limits={"time": "15s"}, host={"devices": [dev]},
            timeline=[{"on": "vmbus.gpadl_header relid=1", "action": "rescind", "device": dev}],
            expect=open_fails_expect(dev)))
        out.append(scenario(
            f"vmbus.rescind.during-open-{dev}",
            f"Rescind {dev} right after the host accepted its OPENCHANNEL, before the result "
            "reaches the guest (the driver's own protocol request then times out)",
            ["VMB-RESC-001", "VMB-RESC-005"], ["rescind", "open"],
            limits={"time": "15s"}, host={"devices": [dev]},
            timeline=[{"on": "vmbus.recv msg=OPENCHANNEL", "action": "rescind", "device": dev}],
            expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.rescind.all-after-open", "Rescind every open channel one after another",
        ["VMB-RESC-001", "VMB-RESC-005", "VMB-RESC-007"], ["rescind"], limits={"time": "400ms"},
        host={"devices": ["keyboard", "heartbeat", "kvp", "timesync"]},
        timeline=[{"at": f"{40 + 10 * i}ms", "action": "rescind", "device": d}
                  for i, d in enumerate(["keyboard", "heartbeat", "kvp", "timesync"])],
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.rescind.burst", "Rescind four channels in the same microsecond",
        ["VMB-RESC-001", "VMB-RESC-007"], ["rescind", "stress"], limits={"time": "400ms"},
        host={"devices": ["heartbeat", "kvp", "vss", "shutdown"]},
        timeline=[{"at": "60ms", "action": "rescind", "device": d}
                  for d in ["heartbeat", "kvp", "vss", "shutdown"]],
        expect={"verdict": "pass"}))
    return out


def unload():
    out = []
    out.append(scenario(
        "vmbus.unload.rescind-after-unload",
        "A rescind leaves the host as the guest posts UNLOAD: the guest discards it",
        ["VMB-UNLD-005", "VMB-UNLD-002", "VMB-UNLD-001"], ["unload", "rescind"],
        limits={"time": "300ms"}, host={"devices": ["keyboard", "heartbeat"]},
        timeline=[{"at": "50ms", "action": "unload"},
                  {"on": "hv.hypercall vmb_msgtype=16", "action": "rescind",
                   "device": "heartbeat"}],
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.unload.slow-response", "UNLOAD_RESPONSE takes 2 s: the guest waits for it",
        ["VMB-UNLD-002", "VMB-UNLD-001"], ["unload", "timing"], limits={"time": "30s"},
        host={"devices": ["heartbeat"], "latency": {"message": {"uniform": ["500ms", "500ms"]}}},
        timeline=[{"at": "10s", "action": "unload"}], expect={"verdict": "pass"}))
    return out


def ring():
    out = []
    for n in [1, 16, 200]:
        out.append(scenario(
            f"vmbus.ring.keys-{n}", f"{n} key presses through the keyboard ring",
            ["VMB-OPEN-007"], ["ring", "input"], limits={"time": f"{100 + n}ms"},
            host={"devices": ["keyboard"]},
            timeline=[{"at": f"{50 + i // 2}ms" if n > 20 else f"{50 + i}ms", "action": "key",
                       "device": "keyboard", "with": {"scancode": hex(0x10 + i % 32)}}
                      for i in range(n)],
            expect={"verdict": "pass", "deadlines": [{"event": "guest.serio.rx", "within": "60ms"}]}))
    out.append(scenario(
        "vmbus.ring.backpressure-kbd", "The host drains the keyboard ring one packet per 5ms",
        ["VMB-OPEN-007"], ["ring", "backpressure"], limits={"time": "200ms"},
        host={"devices": ["keyboard"]},
        faults=[{"kind": "backpressure", "target": "keyboard",
                 "with": {"budget": 1, "every": "5ms"}}],
        timeline=[{"at": "50ms", "action": "key", "device": "keyboard"}],
        expect={"verdict": "pass"}))
    return out


def modify():
    """MODIFYCHANNEL through the guest's sysfs: user space writes the keyboard channel's
    `cpu` attribute (target_cpu_store), then a key press must still arrive."""
    out = []
    write = {"action": "sysfs-write", "device": "keyboard",
             "with": {"channel": "primary", "attr": "cpu", "value": 1}}
    rules_of = {"5.3": ["VMB-MOD-001", "VMB-MOD-002"], "5.2": ["VMB-MOD-001", "VMB-MOD-003"],
                "4.1": ["VMB-MOD-001", "VMB-MOD-003"], "4.0": ["VMB-MOD-001"]}
    for v, rules in rules_of.items():
        out.append(scenario(
            f"vmbus.modify.cpu1-{v.replace('.', '')}",
            f"At {v} user space moves the keyboard channel to CPU 1; a key still arrives",
            rules, ["modify", "sysfs", "smp"], limits={"time": "200ms"},
            host={"versions": [v], "devices": ["keyboard"]}, guest={"vcpus": 2},
            timeline=[{"at": "50ms", **write}, {"at": "60ms", "action": "sysfs-read"},
                      {"at": "70ms", "action": "key", "device": "keyboard"}],
            expect={"verdict": "pass", "deadlines": [
                {"event": "guest.sysfs.write attr=cpu", "within": "51ms"},
                {"event": "guest.serio.rx", "within": "71ms"}]}))
    out.append(scenario(
        "vmbus.modify.status-fail-53",
        "MODIFYCHANNEL_RESPONSE carries a failure status: the cpu write fails with -EIO",
        ["VMB-MOD-001", "VMB-MOD-002"], ["modify", "sysfs", "smp"], limits={"time": "200ms"},
        host={"versions": ["5.3"], "devices": ["keyboard"]}, guest={"vcpus": 2},
        faults=[{"kind": "modify-status", "with": {"status": "0xC0000001"}}],
        timeline=[{"at": "50ms", **write}, {"at": "70ms", "action": "key", "device": "keyboard"}],
        expect={"verdict": "pass", "deadlines": [
            {"event": "guest.sysfs.write attr=cpu ret=-5", "within": "51ms"},
            {"event": "guest.serio.rx", "within": "71ms"}]}))
    for v in ["5.3", "5.2"]:
        out.append(scenario(
            f"vmbus.modify.stale-{v.replace('.', '')}",
            f"At {v} the host keeps interrupting CPU 0 after the move to CPU 1: keys still arrive",
            ["VMB-MOD-001", "VMB-MOD-004"], ["modify", "sysfs", "smp"],
            limits={"time": "200ms"}, host={"versions": [v], "devices": ["keyboard"]},
            guest={"vcpus": 2}, faults=[{"kind": "modify-stale"}],
            timeline=[{"at": "50ms", **write},
                      {"at": "70ms", "action": "key", "device": "keyboard"}],
            expect={"verdict": "pass", "deadlines": [
                {"event": "guest.serio.rx", "within": "71ms"}]}))
    out.append(scenario(
        "vmbus.selftest.mod-001",
        "Checker self-test: MODIFYCHANNEL retargeted to relid 9, which is not open",
        ["VMB-MOD-001"], ["selftest", "modify"], limits={"time": "200ms"},
        host={"versions": ["5.2"], "devices": ["keyboard"]}, guest={"vcpus": 2},
        faults=[{"kind": "selftest-mutate", "with": {"msg": "MODIFYCHANNEL", "nth": 1,
                                                     "offset": 8, "value": 9}}],
        timeline=[{"at": "50ms", **write}],
        expect={"verdict": "pass", "findings": ["VMB-MOD-001"]}))
    out.append(scenario(
        "vmbus.sysfs.read-all",
        "User space reads every sysfs attribute of every VMBus device and channel",
        [], ["sysfs"], limits={"time": "300ms"},
        host={"devices": ["keyboard", "heartbeat", "shutdown", "timesync", "kvp", "vss"]},
        guest={"vcpus": 2},
        timeline=[{"at": "100ms", "action": "sysfs-read"}],
        expect={"verdict": "pass", "deadlines": [
            {"event": "guest.sysfs.read_done", "within": "101ms"}]}))
    out.append(scenario(
        "vmbus.sysfs.read-monitor-rescind-unload",
        "sysfs of a monitor-allocated keyboard, after a rescind, and after unload (nothing left)",
        [], ["sysfs", "rescind", "unload"], limits={"time": "300ms"},
        host={"devices": [{"type": "keyboard", "monitor": "true"}, {"type": "kvp"},
                          {"type": "heartbeat"}]},
        guest={"vcpus": 2},
        timeline=[{"at": "50ms", "action": "rescind", "device": "heartbeat"},
                  {"at": "100ms", "action": "sysfs-read"}, {"at": "150ms", "action": "unload"},
                  {"at": "250ms", "action": "sysfs-read"}],
        expect={"verdict": "pass", "deadlines": [
            {"event": "guest.sysfs.read_done", "within": "101ms"},
            {"event": "guest.sysfs.read_done attrs=0", "within": "251ms"}]}))
    return out


def le32(*vals):
    return "".join(v.to_bytes(4, "little").hex() for v in vals)


def adversarial():
    out = []
    # The kernel WARNs (once) on unknown or short messages by design: KRT-WARN-001 expected.
    warns = {"unknown-type", "type-too-large", "short-offer", "short-rescind",
             "short-open-result"}
    cases = [
        ("unknown-type", "A message of type 30", "VMB-MSG-001", le32(30, 0)),
        ("type-too-large", "A message of type 0xffffffff", "VMB-MSG-001", le32(0xffffffff, 0)),
        ("short-offer", "An OFFERCHANNEL of 12 bytes", "VMB-MSG-002", le32(1, 0, 7)),
        ("short-rescind", "A RESCIND_CHANNELOFFER of 4 bytes", "VMB-MSG-002", le32(2)),
        ("short-open-result", "An OPENCHANNEL_RESULT of 8 bytes", "VMB-MSG-002", le32(6, 0)),
        ("guest-type-requestoffers", "The host sends REQUESTOFFERS", "VMB-MSG-003", le32(3, 0)),
        ("guest-type-msg19", "The host sends message type 19", "VMB-MSG-003", le32(19, 0)),
        ("spurious-open-result", "OPENCHANNEL_RESULT for relid 77", "VMB-MSG-006",
         le32(6, 0, 77, 77, 0)),
        ("spurious-gpadl-created", "GPADL_CREATED for an unknown handle", "VMB-MSG-006",
         le32(10, 0, 1, 0xdead, 0)),
        ("spurious-torndown", "GPADL_TORNDOWN for an unknown handle", "VMB-MSG-006",
         le32(12, 0, 0xdead)),
        ("extra-alloffers", "A second ALLOFFERS_DELIVERED", "VMB-MSG-005", le32(4, 0)),
        ("spurious-unload-response", "UNLOAD_RESPONSE while connected", "VMB-UNLD-004",
         le32(17, 0)),
        ("rescind-unknown-relid", "RESCIND_CHANNELOFFER for relid 99", "VMB-RESC-002",
         le32(2, 0, 99)),
    ]
    for name, title, rule, hexbytes in cases:
        out.append(scenario(
            f"vmbus.adv.{name}", f"{title}: the guest must ignore it", [rule],
            ["adversarial", "malformed"], limits={"time": "200ms"},
            host={"devices": ["keyboard", "heartbeat"]},
            faults=[{"kind": "raw-message", "with": {"at": "40ms", "hex": hexbytes,
                                                     "rule": rule}}],
            expect={"verdict": "pass", "findings": ["KRT-WARN-001"]} if name in warns
            else {"verdict": "pass"}))
    out.append(scenario(
        "vmbus.adv.duplicate-rescind", "The same open channel is rescinded twice",
        ["VMB-RESC-003"], ["adversarial", "rescind"], limits={"time": "300ms"},
        host={"devices": ["keyboard", "heartbeat"]},
        timeline=[{"at": "50ms", "action": "rescind", "device": "heartbeat"}],
        faults=[{"kind": "raw-message", "with": {"at": "51ms", "hex": le32(2, 0, 2),
                                                 "rule": "VMB-RESC-003"}}],
        expect={"verdict": "pass"}))
    return out


def selftests():
    """Each checker must be able to fail: a self-test fault makes the correct guest look
    broken, and the scenario expects exactly that rule's failure."""
    out = []
    out.append(scenario(
        "vmbus.selftest.ver-001", "Checker self-test: first INITIATE_CONTACT rewritten to 5.2",
        ["VMB-VER-001"], ["selftest"], limits={"time": "100ms"}, host={"devices": ["keyboard"]},
        faults=[{"kind": "selftest-mutate", "with": {"msg": "INITIATE_CONTACT", "nth": 1,
                                                     "offset": 8, "value": "0x50002"}}],
        expect={"verdict": "pass", "findings": ["VMB-VER-001"]}))
    out.append(scenario(
        "vmbus.selftest.ver-002", "Checker self-test: the retry after a refusal skips a version",
        ["VMB-VER-002"], ["selftest"], limits={"time": "100ms"},
        host={"versions": ["4.0"], "devices": ["keyboard"]},
        faults=[{"kind": "selftest-mutate", "with": {"msg": "INITIATE_CONTACT", "nth": 2,
                                                     "offset": 8, "value": "0x50000"}}],
        expect={"verdict": "pass", "findings": ["VMB-VER-002"]}))
    out.append(scenario(
        "vmbus.selftest.syn-005", "Checker self-test: an EOM without msg_pending",
        ["VMB-SYN-005"], ["selftest"], limits={"time": "100ms"}, host={"devices": ["keyboard"]},
        faults=[{"kind": "selftest-eom", "with": {"at": "50ms", "vcpu": 0}}],
        expect={"verdict": "pass", "findings": ["VMB-SYN-005"]}))
    out.append(scenario(
        "vmbus.selftest.open-007", "Checker self-test: a channel signal before the channel opened",
        ["VMB-OPEN-007"], ["selftest"], limits={"time": "100ms"},
        host={"devices": ["keyboard"]},
        faults=[{"kind": "selftest-signal", "target": "keyboard", "with": {"at": "35us"}}],
        expect={"verdict": "pass", "findings": ["VMB-OPEN-007"]}))
    out.append(scenario(
        "vmbus.selftest.resc-001", "Checker self-test: RELID_RELEASED rewritten into a bad type",
        ["VMB-RESC-001"], ["selftest"], limits={"time": "200ms"},
        host={"devices": ["keyboard", "heartbeat"]},
        timeline=[{"at": "50ms", "action": "rescind", "device": "heartbeat"}],
        faults=[{"kind": "selftest-mutate", "with": {"msg": "RELID_RELEASED", "nth": 1,
                                                     "offset": 0, "value": "0x1"}}],
        expect={"verdict": "pass", "findings": ["VMB-RESC-001", "VMB-SYN-002"]}))
    out.append(scenario(
        "vmbus.selftest.off-001", "Checker self-test: GPADL_HEADER retargeted to relid 9",
        ["VMB-OFF-001"], ["selftest"], limits={"time": "100ms"}, host={"devices": ["keyboard"]},
        faults=[{"kind": "selftest-mutate", "with": {"msg": "GPADL_HEADER", "nth": 1,
                                                     "offset": 8, "value": 9}}],
        expect={"verdict": "pass", "findings": ["VMB-OFF-001"]}))
    mutations = [
        ("open-001", "OPENCHANNEL openid rewritten to 9", "VMB-OPEN-001", 12, 9, 1),
        ("open-005", "OPENCHANNEL userdata made non-zero", "VMB-OPEN-005", 28, 1, 1),
        ("off-006", "OPENCHANNEL target_vp rewritten to 1", "VMB-OFF-006", 20, 1, 2),
    ]
    for name, title, rule, off, val, vcpus in mutations:
        out.append(scenario(
            f"vmbus.selftest.{name}", f"Checker self-test: {title}", [rule], ["selftest"],
            limits={"time": "100ms"}, host={"devices": ["keyboard"]}, guest={"vcpus": vcpus},
            faults=[{"kind": "selftest-mutate", "with": {"msg": "OPENCHANNEL", "nth": 1,
                                                         "offset": off, "value": val}}],
            expect={"verdict": "pass", "findings": [rule]}))
    out.append(scenario(
        "vmbus.selftest.open-003", "Checker self-test: OPENCHANNEL downstream offset rewritten "
        "to 0 (the test device: no per-class ring size, so VMB-RING-016 is not judged)",
        ["VMB-OPEN-003"], ["selftest", "testvsc"], limits={"time": "100ms"},
        host={"devices": [{"type": "testvsc", "name": "test"}]},
        faults=[{"kind": "selftest-mutate", "with": {"msg": "OPENCHANNEL", "nth": 1,
                                                     "offset": 24, "value": 0}}],
        expect={"verdict": "pass", "findings": ["VMB-OPEN-003"]}))
    out.append(scenario(
        "vmbus.selftest.ring-016", "Checker self-test: keyboard's OPENCHANNEL downstream "
        "offset rewritten to 5 pages (rings of 20 and 52 KiB instead of 36 KiB each); the host "
        "then reads its host->guest ring header from a guest data page, so VMB-OPEN-004 "
        "follows", ["VMB-RING-016"], ["selftest"], limits={"time": "100ms"},
        host={"devices": ["keyboard"]},
        faults=[{"kind": "selftest-mutate", "with": {"msg": "OPENCHANNEL", "nth": 1,
                                                     "offset": 24, "value": 5}}],
        expect={"verdict": "pass", "findings": ["VMB-RING-016", "VMB-OPEN-004"]}))
    # The hypervisor refuses the first post (5.3), which never reaches the host; the first
    # INITIATE_CONTACT the host sees is the retry, rewritten from 5.2 to 5.1.
    out.append(scenario(
        "vmbus.selftest.ver-006", "Checker self-test: the retry after INVALID_CONNECTION_ID "
        "rewritten to skip 5.2", ["VMB-VER-006"], ["selftest"], limits={"time": "100ms"},
        host={"devices": ["keyboard"]},
        faults=[{"kind": "post-busy", "with": {"count": 1, "status": "0x12"}},
                {"kind": "selftest-mutate", "with": {"msg": "INITIATE_CONTACT", "nth": 1,
                                                     "offset": 8, "value": "0x50001"}}],
        expect={"verdict": "pass", "findings": ["VMB-VER-006"]}))
    out.append(scenario(
        "vmbus.selftest.ver-009", "Checker self-test: the guest's INITIATE_CONTACT posted again "
        "while the host takes 2 ms to answer the first",
        ["VMB-VER-009"], ["selftest"], limits={"time": "100ms"},
        host={"devices": ["keyboard"], "latency": {"message": {"uniform": ["2ms", "2ms"]}}},
        faults=[{"kind": "selftest-repost", "with": {"at": "1ms", "vcpu": 0}}],
        expect={"verdict": "pass", "findings": ["VMB-VER-009"]}))
    out.append(scenario(
        "vmbus.selftest.sig-003", "Checker self-test: a channel signal with no new packet",
        ["VMB-SIG-003"], ["selftest"], limits={"time": "100ms"},
        host={"devices": ["keyboard"]},
        faults=[{"kind": "selftest-signal", "target": "keyboard", "with": {"at": "50ms"}}],
        expect={"verdict": "pass", "findings": ["VMB-SIG-003"]}))
    return out


KNOWN_BUG_DUP_OFFER = ("KNOWN KERNEL BUG: vmbus_onoffer() treats a duplicate primary offer as a "
                       "hibernation re-offer (WARN, then rebinds the live channel to the new "
                       "relid), so a later rescind closes and releases the duplicate's relid")


def host_oddities():
    """Unusual but survivable host behaviour (VMB-OFF-004/005, RESC-006, SIG-001/007,
    SYN-006, RING-010)."""
    out = []
    out.append(scenario(
        "vmbus.rescind.subchannel-unopened-kvp",
        "Rescind kvp's sub-channel, which hv_utils never opens: RELID_RELEASED, no CLOSECHANNEL",
        ["VMB-RESC-006"], ["rescind", "subchannel"], limits={"time": "200ms"},
        host={"devices": [{"type": "kvp", "subchannels": 1}, {"type": "heartbeat"}]},
        timeline=[{"at": "50ms", "action": "rescind", "device": "kvp", "with": {"sub": 1}}],
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.offer.driverless", "Offers of an unknown class, AVMA1 and RDV are never opened",
        ["VMB-OFF-005"], ["offer"], limits={"time": "200ms"},
        host={"devices": ["unknown", "avma1", "rdv", "keyboard"]}, expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.signal.monitor", "Monitor-allocated keyboard and heartbeat: the guest signals "
        "through monitor page 2, never by hypercall", ["VMB-SIG-001"], ["signal"],
        limits={"time": "200ms"},
        host={"devices": [{"type": "keyboard", "monitor": "true"},
                          {"type": "heartbeat", "monitor": "true"}]},
        timeline=[{"at": "50ms", "action": "key", "device": "keyboard"}],
        expect={"verdict": "pass", "deadlines": [{"event": "guest.serio.rx", "within": "60ms"}]}))
    out.append(scenario(
        "vmbus.signal.timer-message", "A timer-expired message in the VMBus slot is a timer "
        "tick, not a VMBus message", ["VMB-SYN-006"], ["signal"], limits={"time": "200ms"},
        host={"devices": ["keyboard"]},
        faults=[{"kind": "timer-message", "with": {"at": "40ms"}}], expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.adv.stray-event-flags", "Event flags for relid 0 and an unknown relid are "
        "cleared and ignored", ["VMB-SIG-007"], ["adversarial", "signal"],
        limits={"time": "200ms"}, host={"devices": ["keyboard", "heartbeat"]},
        faults=[{"kind": "event-flag", "with": {"at": "40ms", "relid": 0}},
                {"kind": "event-flag", "with": {"at": "42ms", "relid": 77}}],
        expect={"verdict": "pass"}))
    out.append(scenario(
        "vmbus.adv.ring-bad-offset8", "A keyboard packet whose offset8 points past its length: "
        "read as a 16-byte header, consumed whole; the keyboard keeps working",
        ["VMB-RING-010"], ["adversarial", "ring"], limits={"time": "200ms"},
        host={"devices": ["keyboard"]},
        timeline=[{"at": "100ms", "action": "key", "device": "keyboard"}],
        faults=[{"kind": "ring-write", "target": "keyboard",
                 "with": {"at": "50ms", "len8": 3, "offset8": 7, "advance": 32,
                          "rule": "VMB-RING-010"}}],
        expect={"verdict": "pass", "deadlines": [{"event": "guest.serio.rx", "within": "110ms"}]}))
    out.append(scenario(
        "vmbus.adv.duplicate-offer", f"A duplicate primary offer ({KNOWN_BUG_DUP_OFFER})",
        ["VMB-OFF-004"], ["adversarial", "offer", "known-bug"], limits={"time": "200ms"},
        host={"devices": ["keyboard", "heartbeat"]},
        timeline=[{"at": "60ms", "action": "rescind", "device": "heartbeat"}],
        faults=[{"kind": "duplicate-offer", "target": "heartbeat",
                 "with": {"at": "40ms", "relid": 9}}],
        expect={"verdict": "fail", "findings": ["KRT-WARN-001"]}))
    return out


def host_busy():
    """A busy host (VMB-SIG-004/005): it stops reading heartbeat's guest->host ring for 20 ms,
    with (SIG-004) or without (SIG-005) setting that ring's interrupt_mask. Heartbeats leave
    every 2 ms (up to 8 outstanding), so the guest keeps answering into the unread ring."""
    hb = {"type": "heartbeat", "with": {"period": "2ms", "deadline": "100ms"}}
    return [
        scenario(
            "vmbus.signal.host-masked", "The host sets heartbeat's guest->host interrupt_mask "
            "for 20 ms and polls every 5 ms: the guest answers without signalling",
            ["VMB-SIG-004", "VMB-SIG-003"], ["signal", "ring"], limits={"time": "150ms"},
            host={"devices": [hb]},
            faults=[{"kind": "host-busy", "target": "heartbeat",
                     "with": {"at": "60ms", "for": "20ms", "mask": 1, "poll": "5ms"}}],
            expect={"verdict": "pass"}),
        scenario(
            "vmbus.signal.host-busy", "The host leaves heartbeat's guest->host ring unread for "
            "20 ms (mask clear): answers after the first go into a non-empty ring, unsignalled",
            ["VMB-SIG-005", "VMB-SIG-003"], ["signal", "ring"], limits={"time": "150ms"},
            host={"devices": [hb]},
            faults=[{"kind": "host-busy", "target": "heartbeat",
                     "with": {"at": "60ms", "for": "20ms", "mask": 0}}],
            expect={"verdict": "pass"}),
        scenario(
            "vmbus.selftest.sig-004", "Checker self-test: a channel signal the guest did not "
            "make while the host's interrupt_mask is set", ["VMB-SIG-004"], ["selftest"],
            limits={"time": "150ms"}, host={"devices": [hb]},
            faults=[{"kind": "host-busy", "target": "heartbeat",
                     "with": {"at": "60ms", "for": "20ms", "mask": 1, "poll": "5ms"}},
                    {"kind": "selftest-signal", "target": "heartbeat", "with": {"at": "66ms"}}],
            expect={"verdict": "pass", "findings": ["VMB-SIG-004"]}),
        scenario(
            "vmbus.selftest.sig-005", "Checker self-test: a channel signal the guest did not "
            "make while its unread ring holds three answers", ["VMB-SIG-005"], ["selftest"],
            limits={"time": "150ms"}, host={"devices": [hb]},
            faults=[{"kind": "host-busy", "target": "heartbeat",
                     "with": {"at": "60ms", "for": "20ms", "mask": 0}},
                    {"kind": "selftest-signal", "target": "heartbeat", "with": {"at": "65ms"}}],
            expect={"verdict": "pass", "findings": ["VMB-SIG-005"]}),
    ]


# A failed GFP_ATOMIC copy in vmbus_on_msg_dpc() (6.1.192, 6.12.117) returns without
# vmbus_signal_eom(): the message stays in the SynIC slot, and only a later SINT interrupt
# would run the DPC again. During boot nothing else interrupts, so every queued message
# (the other offers, ALLOFFERS_DELIVERED) is lost to the guest.
KNOWN_BUG_MSG_COPY = ("KNOWN KERNEL BUG: vmbus_on_msg_dpc returns without freeing the SynIC "
                      "slot or EOM when its message copy fails, and nothing runs it again: "
                      "the queued offers never arrive")


# vmbus_add_channel_work() (6.1.192, 6.12.117): when vmbus_device_create() fails for a
# primary channel, err_deq_chan ends in free_channel() -> kobject_put(&channel->kobj), but a
# primary's kobject is only initialized in vmbus_device_register(): a kobject_put of an
# uninitialized kobject (a WARN upstream; its kref is 0, so the channel is never freed).
KNOWN_BUG_DEV_CREATE = ("KNOWN KERNEL BUG: vmbus_add_channel_work's error path calls "
                        "kobject_put() on the primary channel's never-initialized kobject")


def guest_alloc():
    """Guest memory pressure (guest-alloc-fail): alloc_channel() fails for one offer, which
    the guest must release (VMB-OFF-007) while the other devices still open."""
    out = []
    for nth, devs, dropped in [(1, ["keyboard", "heartbeat"], "keyboard"),
                               (3, ["keyboard", "heartbeat", "kvp"], "kvp")]:
        out.append(scenario(
            f"vmbus.offer.alloc-fail-{dropped}",
            f"alloc_channel() fails for the {dropped} offer (offer {nth}): the guest sends "
            "RELID_RELEASED for it and opens the others",
            BOOT_RULES + ["VMB-OFF-001", "VMB-OFF-007"], ["offers", "guest-fault"],
            limits={"time": "200ms"}, host={"devices": devs},
            faults=[{"kind": "guest-alloc-fail", "with": {"size": "vmbus_channel", "nth": nth}}],
            expect={"verdict": "pass", "deadlines": [
                {"event": "vmbus.recv msg=RELID_RELEASED", "within": "10ms"}]}))
    out.append(scenario(
        "vmbus.offer.alloc-fail-device",
        "vmbus_device_create() fails for the keyboard offer: the guest sends RELID_RELEASED "
        f"for it ({KNOWN_BUG_DEV_CREATE})",
        BOOT_RULES + ["VMB-OFF-007"], ["offers", "guest-fault", "known-bug"],
        limits={"time": "200ms"}, host={"devices": ["keyboard", "heartbeat"]},
        faults=[{"kind": "guest-alloc-fail", "with": {"size": "hv_device", "nth": 1}}],
        expect={"verdict": "fail"}))
    out.append(scenario(
        "vmbus.offer.alloc-fail-msg-copy",
        f"The guest cannot copy the first OFFERCHANNEL in its message DPC ({KNOWN_BUG_MSG_COPY})",
        BOOT_RULES, ["offers", "guest-fault", "known-bug"], limits={"time": "200ms"},
        host={"devices": ["keyboard", "heartbeat"]},
        faults=[{"kind": "guest-alloc-fail", "with": {"size": "offer_msg_copy", "nth": 1}}],
        expect={"verdict": "fail"}))
    out.append(scenario(
        "vmbus.selftest.off-007", "Checker self-test: the RELID_RELEASED for the offer dropped "
        "by alloc_channel() names relid 200 instead (the host model flags that relid too)",
        ["VMB-OFF-007"], ["selftest", "guest-fault"], limits={"time": "200ms"},
        host={"devices": ["keyboard", "heartbeat"]},
        faults=[{"kind": "guest-alloc-fail", "with": {"size": "vmbus_channel", "nth": 1}},
                {"kind": "selftest-mutate",
                 "with": {"msg": "RELID_RELEASED", "nth": 1, "offset": 8, "value": 200}}],
        expect={"verdict": "pass", "findings": ["VMB-OFF-007", "VMB-RESC-002"]}))
    return out


FAMILIES = {"vmbus": [negotiation, offers, gpadl_open, rescind, unload, ring, adversarial,
                     selftests, host_oddities, host_busy, modify, guest_alloc]}


def render(d):
    return "# SPDX-License-Identifier: GPL-2.0-only\n# Generated by tools/gen-scenarios.py; " \
           "do not edit.\n" + "\n".join(emit(d)) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stale = 0
    for area, fams in FAMILIES.items():
        folder = os.path.join(root, "conformance", "scenarios", area)
        want = scenario_files.collect(fams, render)
        stale |= scenario_files.sync(folder, area, want, "Generated by tools/gen-scenarios.py",
                                     check)
    return stale


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
