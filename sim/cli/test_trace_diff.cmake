# SPDX-License-Identifier: GPL-2.0-only
#
# cmake -P script: `hvsim trace diff` finds identical traces identical (same seed twice) and
# points at the first difference of two seeds; `trace show` filters by source.
set(scn ${SRC}/conformance/scenarios/vmbus/neg.jitter-uniform.yaml)
foreach(seed 1 1 2)
    math(EXPR n "${n}+1")
    execute_process(COMMAND ${HVSIM} run ${scn} --seed ${seed} --quiet --trace-dir ${OUT}/td${n}
        RESULT_VARIABLE rc OUTPUT_QUIET)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "run ${n} failed")
    endif()
    file(GLOB t${n} ${OUT}/td${n}/*.trace)
endforeach()
execute_process(COMMAND ${HVSIM} trace diff ${t1} ${t2} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^identical")
    message(FATAL_ERROR "same seed: expected identical, got ${rc}: ${out}")
endif()
execute_process(COMMAND ${HVSIM} trace diff ${t1} ${t3} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "first difference at line 1\n")
    message(FATAL_ERROR "other seed: expected a difference in the header, got ${rc}: ${out}")
endif()
execute_process(COMMAND ${HVSIM} trace show ${t1} --source vmbus --kind negotiate
    RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "vmbus negotiate version=5.3 accepted=1")
    message(FATAL_ERROR "trace show: ${rc}: ${out}")
endif()
