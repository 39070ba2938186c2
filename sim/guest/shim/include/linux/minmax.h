/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (min/max family; no type-mismatch diagnostics) */
#ifndef _SIM_LINUX_MINMAX_H
#define _SIM_LINUX_MINMAX_H
#define min(x, y) ({ typeof(x) _x = (x); typeof(y) _y = (y); _x < _y ? _x : _y; })
#define max(x, y) ({ typeof(x) _x = (x); typeof(y) _y = (y); _x > _y ? _x : _y; })
#define min_t(t, x, y) ({ t _x = (x); t _y = (y); _x < _y ? _x : _y; })
#define max_t(t, x, y) ({ t _x = (x); t _y = (y); _x > _y ? _x : _y; })
#define umin(x, y) min((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
#define umax(x, y) max((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
#define min3(x, y, z) min(min(x, y), z)
#define max3(x, y, z) max(max(x, y), z)
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define clamp_t(t, v, lo, hi) min_t(t, max_t(t, v, lo), hi)
#define clamp_val(v, lo, hi) clamp_t(typeof(v), v, lo, hi)
#endif
