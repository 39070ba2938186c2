// SPDX-License-Identifier: GPL-2.0-only
/*
 * device.c - the glue between the IC engine and the VMBus host control plane: the
 * struct vmb_vsp_ops callbacks and the per-service device constructors.
 *
 * Owns no state of its own: a vmb_device_config's vsp_ctx is the struct vsp_util_dev, which
 * the world builder owns (vsp_util_destroy after vmb_host_destroy). Invariants: the engine's
 * transport is the channel's ring exactly while the channel is OPEN (on_open .. on_close /
 * on_rescind); guest packets reach the engine only through on_packet.
 */
#include <assert.h>

#include "internal.h"
#include "vmb/devices.h"

static int chan_send(void *ctx, uint16_t type, uint16_t flags, uint64_t trans_id,
                     const void *payload, uint32_t len)
{
    return vmb_channel_send(ctx, type, flags, trans_id, payload, len);
}

static uint32_t util_on_open(struct vmb_channel *ch)
{
    struct vsp_util_dev *d = vmb_channel_vsp_ctx(ch);
    d->ch = ch;
    vsp_util_open(d, vmb_channel_env(ch), chan_send, ch);
    return 0;
}

static void util_on_packet(struct vmb_channel *ch, const struct vsp_ring_pkt *pkt)
{
    struct vsp_util_dev *d = vmb_channel_vsp_ctx(ch);
    if (d->state == VSP_UTIL_CLOSED)
        return; /* cannot happen: the host calls on_packet only for open channels */
    vsp_util_receive(d, pkt->desc.type, pkt->desc.flags, pkt->desc.trans_id, pkt->payload,
                     pkt->payload_len);
}

static void util_on_close(struct vmb_channel *ch)
{
    vsp_util_close(vmb_channel_vsp_ctx(ch));
}

static const struct vmb_vsp_ops util_ops = {
    .on_open = util_on_open,
    .on_packet = util_on_packet,
    .on_close = util_on_close,
    .on_rescind = util_on_close,
};

void vsp_util_attach(struct vsp_util_dev *d, struct vmb_device_config *dev)
{
    int rc = vmb_device_preset(d->desc->name, d->p.instance, dev);
    assert(rc == 0 && "util class preset missing");
    (void)rc;
    dev->vsp = &util_ops;
    dev->vsp_ctx = d;
}

struct vsp_util_dev *vsp_util_device(struct vmb_device_config *dev, enum vsp_util_service svc,
                                     const struct vsp_util_params *p)
{
    struct vsp_util_dev *d = vsp_util_create(svc, p);
    vsp_util_attach(d, dev);
    return d;
}
