/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * codec.h - field tables of every VMBus channel message: name, byte offset, kind, size. One
 * table per type drives decoding to text and encoding from text (vectors/wire, trace tools).
 * The offsets are the packed layouts of vmb/wire.h (checked against offsetof in the test).
 */
#ifndef VMB_CODEC_H
#define VMB_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "vmb/wire.h"

enum vmb_field_kind {
    VMB_F_U8,
    VMB_F_U16,
    VMB_F_U32,
    VMB_F_U64,
    VMB_F_GUID,      /* 16 bytes, text form xxxxxxxx-xxxx-... */
    VMB_F_BYTES,     /* size bytes, text form lowercase hex */
    VMB_F_U64_ARRAY, /* rest of the message, space-separated 0x values */
};

struct vmb_field {
    const char *name;
    uint32_t offset;
    enum vmb_field_kind kind;
    uint32_t size; /* bytes; 0 for the variable array */
};

struct vmb_msg_layout {
    const char *name;  /* "OFFERCHANNEL" */
    const struct vmb_field *fields;
    uint32_t nr_fields;
    uint32_t size;     /* fixed size (without the variable array) */
    int variable;      /* 1 if the last field is a u64 array */
};

/* Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" into wire order (first three groups LE).
 * Returns 0 or -1. */
int vmb_guid_parse(const char *text, struct vmb_guid *out);
/* Format into out (37 bytes incl. NUL), lowercase. */
void vmb_guid_format(const struct vmb_guid *g, char out[37]);

/* Layout of a message type, or NULL for types without a wire struct (0, 18..20). */
const struct vmb_msg_layout *vmb_msg_layout(uint32_t msgtype);
const struct vmb_msg_layout *vmb_msg_layout_by_name(const char *name);
/* Decode one field of msg (len bytes) to text. Returns 0 or -1 (out of bounds / no room). */
int vmb_decode_field(const struct vmb_field *f, const uint8_t *msg, uint32_t len, char *out,
                     size_t out_len);
/* Encode value into msg (capacity cap); *len grows to cover the field. 0 or -1. */
int vmb_encode_field(const struct vmb_field *f, const char *value, uint8_t *msg, uint32_t cap,
                     uint32_t *len);

#endif /* VMB_CODEC_H */
