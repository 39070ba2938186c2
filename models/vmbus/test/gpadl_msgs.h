/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpadl_msgs.h - builds GPADL_HEADER/BODY messages the way the Linux guest does
 * (create_gpadl_header): 26 PFNs in the header, up to 28 per body, msgnumber 0.
 */
#ifndef GPADL_MSGS_H
#define GPADL_MSGS_H

#include "fake_guest.h"

static inline void fg_gpadl(struct fake_guest *g, uint32_t relid, uint32_t handle,
                            const uint64_t *pfns, uint32_t n, uint32_t body_msgnumber)
{
    uint8_t m[240];
    memset(m, 0, sizeof(m));
    struct vmb_msg_gpadl_header hd = { .header.msgtype = VMB_MSG_GPADL_HEADER,
                                       .child_relid = relid, .gpadl = handle,
                                       .range_buflen = (uint16_t)(8 + 8 * n), .rangecount = 1 };
    struct vmb_gpa_range rg = { .byte_count = n * 4096u, .byte_offset = 0 };
    uint32_t in_hdr = n < 26 ? n : 26;
    memcpy(m, &hd, sizeof(hd));
    memcpy(m + sizeof(hd), &rg, sizeof(rg));
    memcpy(m + 28, pfns, in_hdr * 8u);
    vmb_host_receive(g->h, VMB_CONN_MESSAGE_4, 0, m, 28 + in_hdr * 8u);
    for (uint32_t done = in_hdr; done < n;) {
        uint32_t k = n - done < 28 ? n - done : 28;
        struct vmb_msg_gpadl_body b = { .header.msgtype = VMB_MSG_GPADL_BODY,
                                        .msgnumber = body_msgnumber, .gpadl = handle };
        memcpy(m, &b, sizeof(b));
        memcpy(m + 16, pfns + done, k * 8u);
        vmb_host_receive(g->h, VMB_CONN_MESSAGE_4, 0, m, 16 + k * 8u);
        done += k;
    }
    fg_run(g);
}

static inline void fg_connect_offers(struct fake_guest *g)
{
    fg_contact(g, VMB_VERSION_WIN10_V5_3);
    struct vmb_msg_hdr ro = { .msgtype = VMB_MSG_REQUESTOFFERS };
    fg_send(g, VMB_CONN_MESSAGE_4, &ro, sizeof(ro));
}

#endif /* GPADL_MSGS_H */
