# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel source supply for guest images.
#
# A guest image is built from a handful of files of one kernel tree: the upstream .c files
# we compile unmodified and the few real headers we reuse verbatim. They are copied at
# configure time into ${CMAKE_BINARY_DIR}/kernel/<name>/ (same relative paths as in the
# tree), so the build never reads /usr/src or a user tree directly and the exact bytes
# compiled can be checked against their origin (test guest.extract.*).
#
#   hvsim_kernel_from_tarball(<name> <tarball> <topdir>)   Debian linux-source-X.tar.xz
#   hvsim_kernel_from_tree(<name> <tree>)                  -DLINUX_SRC=<tree>
#
# Both set, in the caller's scope:
#   HVSIM_KDIR_<name>      the extracted tree
#   HVSIM_KREL_<name>      kernel release from its Makefile, e.g. 6.1.192
#   HVSIM_KVER_<name>      VERSION*100+PATCHLEVEL, e.g. 601 (SIM_KVER)
#
# Tarball extraction is cached: a stamp holds the tarball's size and mtime and the member
# list; any change re-extracts from scratch.

# Members (relative to the tree root). Directories are taken whole. Optional members may be
# absent from some trees (hv_fcopy.c left in 6.10, uapi/linux/bits.h appeared in 6.10).
set(HVSIM_KSRC_REQUIRED
    Makefile
    drivers/hv
    drivers/input/serio/hyperv-keyboard.c
    drivers/hid/hid-hyperv.c
    net/vmw_vsock/hyperv_transport.c
    include/linux/hyperv.h
    include/linux/list.h
    include/linux/poison.h
    include/linux/const.h
    include/linux/bits.h
    include/linux/bitfield.h
    include/linux/sizes.h
    include/linux/reciprocal_div.h
    include/uapi/linux/hyperv.h
    include/uapi/linux/const.h
    include/vdso
    include/asm-generic/hyperv-tlfs.h
    include/asm-generic/mshyperv.h
    arch/x86/include/asm/hyperv-tlfs.h
    include/clocksource/hyperv_timer.h
    lib/find_bit.c
    lib/math/reciprocal_div.c)
set(HVSIM_KSRC_OPTIONAL
    include/uapi/linux/bits.h)

# Real headers reused verbatim: <include path as the code spells it>=<tree path>.
set(HVSIM_KSRC_REAL_HEADERS
    linux/hyperv.h=include/linux/hyperv.h
    linux/list.h=include/linux/list.h
    linux/poison.h=include/linux/poison.h
    linux/const.h=include/linux/const.h
    linux/bits.h=include/linux/bits.h
    linux/bitfield.h=include/linux/bitfield.h
    linux/sizes.h=include/linux/sizes.h
    linux/reciprocal_div.h=include/linux/reciprocal_div.h
    uapi/linux/hyperv.h=include/uapi/linux/hyperv.h
    uapi/linux/const.h=include/uapi/linux/const.h
    uapi/linux/bits.h=include/uapi/linux/bits.h
    asm/hyperv-tlfs.h=arch/x86/include/asm/hyperv-tlfs.h
    asm-generic/hyperv-tlfs.h=include/asm-generic/hyperv-tlfs.h
    asm-generic/mshyperv.h=include/asm-generic/mshyperv.h
    clocksource/hyperv_timer.h=include/clocksource/hyperv_timer.h)

# Read VERSION/PATCHLEVEL/SUBLEVEL/EXTRAVERSION from <kdir>/Makefile.
function(_hvsim_kernel_version name kdir)
    if(NOT EXISTS "${kdir}/Makefile")
        message(FATAL_ERROR "hvsim: ${kdir}/Makefile missing: not a kernel tree")
    endif()
    file(STRINGS "${kdir}/Makefile" lines LIMIT_COUNT 12)
    foreach(key VERSION PATCHLEVEL SUBLEVEL EXTRAVERSION)
        set(${key} "")
        foreach(l IN LISTS lines)
            if(l MATCHES "^${key} *= *([^ ]*)")
                set(${key} "${CMAKE_MATCH_1}")
            endif()
        endforeach()
    endforeach()
    if(NOT VERSION MATCHES "^[0-9]+$" OR NOT PATCHLEVEL MATCHES "^[0-9]+$")
        message(FATAL_ERROR "hvsim: cannot read the kernel version from ${kdir}/Makefile")
    endif()
    if(SUBLEVEL STREQUAL "")
        set(SUBLEVEL 0)
    endif()
    math(EXPR kver "${VERSION} * 100 + ${PATCHLEVEL}")
    set(HVSIM_KREL_${name} "${VERSION}.${PATCHLEVEL}.${SUBLEVEL}${EXTRAVERSION}" PARENT_SCOPE)
    set(HVSIM_KVER_${name} "${kver}" PARENT_SCOPE)
endfunction()

# Make <kdir>/real-include/<spelling> links to the reused headers present in the tree.
function(_hvsim_real_headers kdir)
    file(REMOVE_RECURSE "${kdir}/real-include")
    foreach(pair IN LISTS HVSIM_KSRC_REAL_HEADERS)
        string(REPLACE "=" ";" pair "${pair}")
        list(GET pair 0 spelling)
        list(GET pair 1 tpath)
        if(EXISTS "${kdir}/${tpath}")
            get_filename_component(d "${kdir}/real-include/${spelling}" DIRECTORY)
            file(MAKE_DIRECTORY "${d}")
            file(CREATE_LINK "${kdir}/${tpath}" "${kdir}/real-include/${spelling}" SYMBOLIC)
        endif()
    endforeach()
    file(GLOB vdso RELATIVE "${kdir}/include" "${kdir}/include/vdso/*.h")
    foreach(h IN LISTS vdso)
        get_filename_component(d "${kdir}/real-include/${h}" DIRECTORY)
        file(MAKE_DIRECTORY "${d}")
        file(CREATE_LINK "${kdir}/include/${h}" "${kdir}/real-include/${h}" SYMBOLIC)
    endforeach()
endfunction()

function(_hvsim_check_required kdir origin)
    foreach(m IN LISTS HVSIM_KSRC_REQUIRED)
        if(NOT EXISTS "${kdir}/${m}")
            message(FATAL_ERROR "hvsim: ${origin} lacks ${m}")
        endif()
    endforeach()
endfunction()

function(hvsim_kernel_from_tarball name tarball topdir)
    if(NOT EXISTS "${tarball}")
        message(FATAL_ERROR "hvsim: kernel source ${tarball} not found (needed for guest "
            "image ${name}). Run ci/setup.sh to install linux-source packages, or choose "
            "images with -DHVSIM_KERNELS=...")
    endif()
    set(kdir "${CMAKE_BINARY_DIR}/kernel/${name}")
    file(SIZE "${tarball}" tsize)
    file(TIMESTAMP "${tarball}" tmtime "%s" UTC)
    set(stamp "${tarball} size=${tsize} mtime=${tmtime} topdir=${topdir} "
              "members=${HVSIM_KSRC_REQUIRED};${HVSIM_KSRC_OPTIONAL}")
    set(old "")
    if(EXISTS "${kdir}.stamp")
        file(READ "${kdir}.stamp" old)
    endif()
    if(NOT old STREQUAL stamp OR NOT EXISTS "${kdir}/Makefile")
        message(STATUS "hvsim: extracting ${name} from ${tarball}")
        file(REMOVE_RECURSE "${kdir}")
        file(REMOVE "${kdir}.stamp")
        file(MAKE_DIRECTORY "${kdir}")
        set(members "")
        foreach(m IN LISTS HVSIM_KSRC_REQUIRED HVSIM_KSRC_OPTIONAL)
            list(APPEND members "${topdir}/${m}")
        endforeach()
        # tar exits non-zero when an optional member is absent; the required ones are
        # checked right after.
        execute_process(COMMAND tar -xJf "${tarball}" --strip-components=1 -C "${kdir}"
                ${members}
            RESULT_VARIABLE rc ERROR_VARIABLE err)
        _hvsim_check_required("${kdir}" "${tarball} (${topdir}/): ${err}")
        file(WRITE "${kdir}.stamp" "${stamp}")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${tarball}")
    _hvsim_real_headers("${kdir}")
    _hvsim_kernel_version(${name} "${kdir}")
    set(HVSIM_KDIR_${name} "${kdir}" PARENT_SCOPE)
    set(HVSIM_KREL_${name} "${HVSIM_KREL_${name}}" PARENT_SCOPE)
    set(HVSIM_KVER_${name} "${HVSIM_KVER_${name}}" PARENT_SCOPE)
endfunction()

# A user's tree: the members are copied (file(COPY) keeps identical files untouched, so an
# unchanged tree does not trigger a rebuild). Re-run at every configure.
function(hvsim_kernel_from_tree name tree)
    get_filename_component(tree "${tree}" ABSOLUTE)
    _hvsim_check_required("${tree}" "LINUX_SRC=${tree}")
    set(kdir "${CMAKE_BINARY_DIR}/kernel/${name}")
    foreach(m IN LISTS HVSIM_KSRC_REQUIRED HVSIM_KSRC_OPTIONAL)
        if(EXISTS "${tree}/${m}")
            get_filename_component(d "${kdir}/${m}" DIRECTORY)
            file(COPY "${tree}/${m}" DESTINATION "${d}")
        endif()
    endforeach()
    _hvsim_real_headers("${kdir}")
    _hvsim_kernel_version(${name} "${kdir}")
    set(HVSIM_KDIR_${name} "${kdir}" PARENT_SCOPE)
    set(HVSIM_KREL_${name} "${HVSIM_KREL_${name}}" PARENT_SCOPE)
    set(HVSIM_KVER_${name} "${HVSIM_KVER_${name}}" PARENT_SCOPE)
endfunction()
