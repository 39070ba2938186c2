/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module hv_sock, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "hv_sock"
#include "net/vmw_vsock/hyperv_transport.c"
