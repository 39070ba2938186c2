#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Generate vectors/wire/*.vec: one VMBus channel message per file, packed with Python's
struct module (independently of the C codec) from the layouts in include/linux/hyperv.h.

Deterministic: same script => same files. Usage: gen_wire_vectors.py OUTDIR
"""
import os
import struct
import sys
import uuid

GEN = "gen_wire_vectors.py@1"


def guid(text):
    return uuid.UUID(text).bytes_le


def hexs(b):
    return b.hex()


def fields_text(fields):
    out = []
    for name, val in fields:
        if isinstance(val, bytes):
            out.append((name, val.hex()))
        elif isinstance(val, list):
            out.append((name, " ".join(hex(v) for v in val)))
        else:
            out.append((name, str(val)))
    return out


KBD = "f912ad6d-2b17-48ea-bd65-f927a61c7684"
INST = "4d0a1b2c-3e4f-4a5b-8c6d-7e8f90a1b2c3"
EP = "00000808-facb-11e6-bd58-64006a7986d3"
SVC = "00000016-facb-11e6-bd58-64006a7986d3"
PFNS = [0x1000 + i for i in range(26)]
BODY = [0x2000 + i for i in range(28)]


def vectors():
    v = []
    ud = bytes(range(120))
    v.append(("offerchannel", "OFFERCHANNEL",
              struct.pack("<II16s16sQQHH120sHHIBBHI", 1, 0, guid(KBD), guid(INST), 0, 0,
                          0x4, 0, ud, 0, 0, 7, 3, 1, 1, 0x10007),
              [("msgtype", 1), ("padding", 0), ("if_type", KBD), ("if_instance", INST),
               ("reserved1", 0), ("reserved2", 0), ("chn_flags", 4), ("mmio_megabytes", 0),
               ("user_def", ud), ("sub_channel_index", 0), ("reserved3", 0),
               ("child_relid", 7), ("monitorid", 3), ("monitor_flags", 1),
               ("interrupt_flags", 1), ("connection_id", 0x10007)]))
    for name, t in (("rescind", "RESCIND_CHANNELOFFER"), ("closechannel", "CLOSECHANNEL"),
                    ("relid_released", "RELID_RELEASED")):
        num = {"RESCIND_CHANNELOFFER": 2, "CLOSECHANNEL": 7, "RELID_RELEASED": 13}[t]
        v.append((name, t, struct.pack("<III", num, 0, 7),
                  [("msgtype", num), ("padding", 0), ("child_relid", 7)]))
    for name, t, num in (("requestoffers", "REQUESTOFFERS", 3),
                         ("alloffers_delivered", "ALLOFFERS_DELIVERED", 4),
                         ("unload", "UNLOAD", 16), ("unload_response", "UNLOAD_RESPONSE", 17)):
        v.append((name, t, struct.pack("<II", num, 0), [("msgtype", num), ("padding", 0)]))
    od = bytes(24) + bytes(96)
    v.append(("openchannel", "OPENCHANNEL",
              struct.pack("<IIIIIII120s", 5, 0, 7, 7, 0xE1E10, 0, 5, od),
              [("msgtype", 5), ("padding", 0), ("child_relid", 7), ("openid", 7),
               ("ringbuffer_gpadlhandle", 0xE1E10), ("target_vp", 0),
               ("downstream_ringbuffer_pageoffset", 5), ("userdata", od)]))
    v.append(("openchannel_result", "OPENCHANNEL_RESULT", struct.pack("<IIIII", 6, 0, 7, 7, 0),
              [("msgtype", 6), ("padding", 0), ("child_relid", 7), ("openid", 7),
               ("status", 0)]))
    total = 60
    v.append(("gpadl_header", "GPADL_HEADER",
              struct.pack("<IIIIHHII", 8, 0, 7, 0xE1E10, 8 + 8 * total, 1, total * 4096, 0) +
              struct.pack("<26Q", *PFNS),
              [("msgtype", 8), ("padding", 0), ("child_relid", 7), ("gpadl", 0xE1E10),
               ("range_buflen", 8 + 8 * total), ("rangecount", 1),
               ("byte_count", total * 4096), ("byte_offset", 0), ("pfn", PFNS)]))
    v.append(("gpadl_body", "GPADL_BODY",
              struct.pack("<IIII", 9, 0, 0, 0xE1E10) + struct.pack("<28Q", *BODY),
              [("msgtype", 9), ("padding", 0), ("msgnumber", 0), ("gpadl", 0xE1E10),
               ("pfn", BODY)]))
    v.append(("gpadl_created", "GPADL_CREATED", struct.pack("<IIIII", 10, 0, 7, 0xE1E10, 0),
              [("msgtype", 10), ("padding", 0), ("child_relid", 7), ("gpadl", 0xE1E10),
               ("creation_status", 0)]))
    v.append(("gpadl_teardown", "GPADL_TEARDOWN", struct.pack("<IIII", 11, 0, 7, 0xE1E10),
              [("msgtype", 11), ("padding", 0), ("child_relid", 7), ("gpadl", 0xE1E10)]))
    v.append(("gpadl_torndown", "GPADL_TORNDOWN", struct.pack("<III", 12, 0, 0xE1E10),
              [("msgtype", 12), ("padding", 0), ("gpadl", 0xE1E10)]))
    v.append(("initiate_contact_5_3", "INITIATE_CONTACT",
              struct.pack("<IIIIQQQ", 14, 0, 0x50003, 0, 2, 0x3000, 0x4000),
              [("msgtype", 14), ("padding", 0), ("vmbus_version_requested", 0x50003),
               ("target_vcpu", 0), ("interrupt_page_or_sint", 2), ("monitor_page1", 0x3000),
               ("monitor_page2", 0x4000)]))
    v.append(("version_response", "VERSION_RESPONSE", struct.pack("<IIBBHI", 15, 0, 1, 0, 0, 4),
              [("msgtype", 15), ("padding", 0), ("version_supported", 1),
               ("connection_state", 0), ("padding2", 0), ("msg_conn_id", 4)]))
    v.append(("tl_connect_request", "TL_CONNECT_REQUEST",
              struct.pack("<II16s16s", 21, 0, guid(EP), guid(SVC)),
              [("msgtype", 21), ("padding", 0), ("guest_endpoint_id", EP),
               ("host_service_id", SVC)]))
    v.append(("modifychannel", "MODIFYCHANNEL", struct.pack("<IIII", 22, 0, 7, 1),
              [("msgtype", 22), ("padding", 0), ("child_relid", 7), ("target_vp", 1)]))
    v.append(("tl_connect_result", "TL_CONNECT_RESULT",
              struct.pack("<II16sI", 23, 0, guid(EP), 0xC0000001),
              [("msgtype", 23), ("padding", 0), ("guest_endpoint_id", EP),
               ("status", 0xC0000001)]))
    v.append(("modifychannel_response", "MODIFYCHANNEL_RESPONSE",
              struct.pack("<IIII", 24, 0, 7, 0),
              [("msgtype", 24), ("padding", 0), ("child_relid", 7), ("status", 0)]))
    return v


def main():
    outdir = sys.argv[1]
    for name, typ, data, fields in vectors():
        with open(os.path.join(outdir, name + ".vec"), "w") as f:
            f.write("# SPDX-License-Identifier: GPL-2.0-only\n")
            f.write(f"# generated by tools/{GEN}; do not edit\n")
            f.write(f"type: {typ}\n")
            f.write(f"len: {len(data)}\n")
            f.write(f"hex: {hexs(data)}\n")
            for k, val in fields_text(fields):
                f.write(f"field: {k} = {val}\n")


if __name__ == "__main__":
    main()
